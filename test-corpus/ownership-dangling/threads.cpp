// ownership-dangling: a std::thread keeps what its callable and arguments borrow. Once it
// is detached, or stored where it outlives the function, it may run after the function's
// locals are gone; a thread joined before they die only borrows them for a while.
// RUN-ARGS: -std=c++17 -pthread
#include <functional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

void consumeInt(int);
void consumeText(const std::string &);
void work(int *);
void runLater(std::function<void()>);

//===----------------------------------------------------------------------===//
// Detached threads
//===----------------------------------------------------------------------===//

void detachCapturingByReference() {
  int progress = 0;
  std::thread t([&progress] { ++progress; }); // expect-note: ownership-dangling {{borrowed here}}
  t.detach(); // expect: ownership-dangling {{'progress' does not live long enough: the thread detached here may still use it after the function returns}}
} // expect-note: ownership-dangling {{'progress' goes out of scope here}}

void detachDefaultCapture(const std::string &prefix) {
  std::string line = prefix + "!";
  std::thread t([&] { consumeText(line); }); // expect-note: ownership-dangling {{borrowed here}}
  t.detach(); // expect: ownership-dangling {{'line' does not live long enough}}
} // expect-note: ownership-dangling {{'line' goes out of scope here}}

void detachTemporaryThread() {
  int count = 0;
  std::thread([&count] { ++count; }).detach(); // expect: ownership-dangling {{'count' does not live long enough}}
                                               // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'count' goes out of scope here}}

void detachWithPointerArgument() {
  int slot = 0;
  std::thread t(work, &slot); // expect-note: ownership-dangling {{borrowed here}}
  t.detach(); // expect: ownership-dangling {{'slot' does not live long enough}}
} // expect-note: ownership-dangling {{'slot' goes out of scope here}}

void detachNamedLambda() {
  int hits = 0;
  auto body = [&hits] { ++hits; }; // expect-note: ownership-dangling {{borrowed here}}
  std::thread t(body);
  t.detach(); // expect: ownership-dangling {{'hits' does not live long enough}}
} // expect-note: ownership-dangling {{'hits' goes out of scope here}}

void detachOnSomePaths(bool background) {
  int done = 0;
  std::thread t([&done] { done = 1; }); // expect-note: ownership-dangling {{borrowed here}}
  if (background)
    t.detach(); // expect: ownership-dangling {{'done' may not live long enough}}
  else
    t.join();
} // expect-note: ownership-dangling {{'done' goes out of scope here}}

void detachMovedThread() {
  int value = 0;
  std::thread t([&value] { consumeInt(value); }); // expect-note: ownership-dangling {{borrowed here}}
  std::thread other = std::move(t);
  other.detach(); // expect: ownership-dangling {{'value' does not live long enough}}
} // expect-note: ownership-dangling {{'value' goes out of scope here}}

// Near misses: the thread is joined before the locals die, or it holds copies.

void joinedBeforeScopeEnd() {
  int progress = 0;
  std::thread t([&progress] { ++progress; });
  t.join();
  consumeInt(progress);
}

void detachCapturingByValue() {
  int progress = 0;
  std::thread t([progress]() mutable { ++progress; });
  t.detach();
}

void detachCapturingMovedString(std::string text) {
  std::thread t([s = std::move(text)] { consumeText(s); });
  t.detach();
}

void detachWithCopiedArgument() {
  std::string name = "worker";
  std::thread t(consumeText, name); // std::thread copies its arguments
  t.detach();
}

void detachBorrowingParameter(int *shared) {
  std::thread t([shared] { work(shared); }); // the caller's object
  t.detach();
}

void joinedInLoop(int n) {
  for (int i = 0; i < n; ++i) {
    std::thread t([&i] { consumeInt(i); });
    t.join();
  }
}

// An unknown function given the lambda: whether it runs it later is unknown.
void handedToUnknownCallee() {
  int progress = 0;
  runLater([&progress] { ++progress; });
}

//===----------------------------------------------------------------------===//
// Threads stored where they outlive the function
//===----------------------------------------------------------------------===//

class Pool {
public:
  void startWorker() {
    int budget = 10;
    worker_ = std::thread([&budget] { consumeInt(budget); }); // expect: ownership-dangling {{'budget' does not live long enough: 'worker_' still refers to it when the function returns}}
                                                              // expect-note@-1: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'budget' goes out of scope here}}

  void addWorker() {
    int id = 1;
    workers_.emplace_back([&id] { consumeInt(id); }); // expect: ownership-dangling {{'id' does not live long enough: 'workers_' still refers}}
                                                      // expect-note@-1: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'id' goes out of scope here}}

  void moveWorkerIn() {
    int id = 2;
    std::thread t([&id] { consumeInt(id); }); // expect-note: ownership-dangling {{borrowed here}}
    workers_.push_back(std::move(t)); // expect: ownership-dangling {{'id' does not live long enough: 'workers_' still refers}}
  } // expect-note: ownership-dangling {{'id' goes out of scope here}}

  // Near misses: the thread borrows the pool itself, or copies.
  void startOnMembers() {
    worker_ = std::thread([this] { consumeInt(budget_); });
  }
  void addCopying() {
    int id = 3;
    workers_.emplace_back([id] { consumeInt(id); });
  }

private:
  int budget_ = 0;
  std::thread worker_;
  std::vector<std::thread> workers_;
};

//===----------------------------------------------------------------------===//
// A thread outliving an inner scope
//===----------------------------------------------------------------------===//

void joinedAfterInnerScope() {
  std::thread t;
  {
    int local = 1;
    t = std::thread([&local] { consumeInt(local); }); // expect-note: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'local' goes out of scope here}}
  t.join(); // expect: ownership-dangling {{'t' used after 'local', which it borrows from, was destroyed}}
}
