// ownership-dangling: lambdas that capture a local by reference (by name, through [&], or
// the object behind a captured `this`) and are kept where they outlive it: returned,
// stored into a std::function member, a global, an out-parameter or a member container,
// or kept in a variable used after the local's scope ended.
// RUN-ARGS: -std=c++17
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

void consumeInt(int);
void consumeText(const std::string &);
void runLater(std::function<void()>);

std::function<void()> g_onExit;

//===----------------------------------------------------------------------===//
// Returned or stored
//===----------------------------------------------------------------------===//

std::function<int()> defaultCaptureReturned() {
  int counter = 0;
  return [&] { return ++counter; }; // expect: ownership-dangling {{returned value borrows from local variable 'counter'}}
                                    // expect-note@-1: ownership-dangling {{borrowed here}}
}

void storedIntoGlobal() {
  std::string name = "exit";
  g_onExit = [&name] { consumeText(name); }; // expect: ownership-dangling {{'name' does not live long enough: 'g_onExit' still refers}}
                                             // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'name' goes out of scope here}}

void storedIntoOutParameter(std::function<void()> &out) {
  int calls = 0;
  out = [&] { ++calls; }; // expect: ownership-dangling {{'calls' does not live long enough: 'out' still refers}}
                          // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'calls' goes out of scope here}}

class Button {
public:
  void addHandler() {
    int clicks = 0;
    handlers_.push_back([&clicks] { ++clicks; }); // expect: ownership-dangling {{'clicks' does not live long enough: 'handlers_' still refers}}
                                                  // expect-note@-1: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'clicks' goes out of scope here}}

  void emplaceHandler() {
    int clicks = 0;
    handlers_.emplace_back([&clicks] { ++clicks; }); // expect: ownership-dangling {{'clicks' does not live long enough: 'handlers_' still refers}}
                                                     // expect-note@-1: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'clicks' goes out of scope here}}

  void emplaceNamedHandler() {
    int clicks = 0;
    auto handler = [&clicks] { ++clicks; }; // expect-note: ownership-dangling {{borrowed here}}
    named_.emplace(1, handler); // expect: ownership-dangling {{'clicks' does not live long enough: 'named_' still refers}}
  } // expect-note: ownership-dangling {{'clicks' goes out of scope here}}

  // Near misses: a copy, a moved string, `this` (the button outlives its handlers).
  void addCopyingHandler() {
    int clicks = 0;
    handlers_.push_back([clicks]() mutable { ++clicks; });
  }
  void emplaceCopyingHandler() {
    int clicks = 0;
    handlers_.emplace_back([clicks]() mutable { ++clicks; });
  }
  void addMovingHandler(std::string label) {
    handlers_.push_back([text = std::move(label)] { consumeText(text); });
  }
  void addMemberHandler() {
    handlers_.push_back([this] { ++clicks_; });
  }

private:
  int clicks_ = 0;
  std::vector<std::function<void()>> handlers_;
  std::map<int, std::function<void()>> named_;
};

//===----------------------------------------------------------------------===//
// A lambda capturing `this` of a local object
//===----------------------------------------------------------------------===//

struct Counter {
  int value = 0;
  std::function<int()> reader() { return [this] { return value; }; }
  std::function<int()> snapshot() { return [*this] { return value; }; }
};

int readerOutlivesItsObject() {
  std::function<int()> read;
  {
    Counter c;
    read = c.reader(); // expect-note: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'c' goes out of scope here}}
  return read(); // expect: ownership-dangling {{'read' used after 'c', which it borrows from, was destroyed}}
}

std::function<int()> readerOfLocalReturned() {
  Counter c;
  return c.reader(); // expect: ownership-dangling {{returned value borrows from local variable 'c'}}
                     // expect-note@-1: ownership-dangling {{borrowed here}}
}

// Near misses: a copy of the object, a reader used while the object lives.
int snapshotOutlivesItsObject() {
  std::function<int()> read;
  {
    Counter c;
    read = c.snapshot();
  }
  return read();
}

int readerUsedInScope() {
  Counter c;
  std::function<int()> read = c.reader();
  return read();
}

//===----------------------------------------------------------------------===//
// Near misses: the lambda does not outlive what it captures
//===----------------------------------------------------------------------===//

int calledInScope() {
  int total = 0;
  auto add = [&](int n) { total += n; };
  add(1);
  add(2);
  return total;
}

void vectorDiesWithTheLocal() {
  int hits = 0;
  std::vector<std::function<void()>> local;
  local.push_back([&hits] { ++hits; });
  for (auto &f : local)
    f();
}

// The callee only calls the function it is given: nothing is kept.
void callTwice(const std::function<void()> &f) {
  f();
  f();
}

void handedToCallerThatCalls() {
  int hits = 0;
  callTwice([&hits] { ++hits; });
  consumeInt(hits);
}

// A callee without a body: whether it keeps the lambda is unknown, nothing is reported.
void handedToUnknownCallee() {
  int hits = 0;
  runLater([&hits] { ++hits; });
}
