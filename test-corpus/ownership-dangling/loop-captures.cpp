// ownership-dangling: a local container of lambdas (std::function elements, or closures
// in a plain array) filled in a loop whose lambdas capture the loop variable or a local of
// the loop body by reference, and called after that variable's scope ended. The elements
// of the container borrow what every lambda put into them borrows, until it is cleared. A
// local of the loop body dies only if the loop ran: those findings say *may*.
// RUN-ARGS: -std=c++17
#include <functional>
#include <map>
#include <string>
#include <vector>

void consumeInt(int);
void consumeText(const std::string &);
std::string makeText(int);

//===----------------------------------------------------------------------===//
// Called after the loop
//===----------------------------------------------------------------------===//

void loopVariableCapturedByReference(int n) {
  std::vector<std::function<void()>> fs;
  for (int i = 0; i < n; ++i)
    fs.push_back([&i] { consumeInt(i); }); // expect-note: ownership-dangling {{borrowed here}}
  // expect-note@-1: ownership-dangling {{'i' goes out of scope here}}
  for (auto &f : fs) // expect: ownership-dangling {{an element of 'fs' used after 'i', which it borrows from, was destroyed}}
    f();
}

void bodyLocalEmplaced(int n) {
  std::vector<std::function<void()>> fs;
  for (int i = 0; i < n; ++i) {
    std::string text = makeText(i);
    fs.emplace_back([&text] { consumeText(text); }); // expect-note: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'text' goes out of scope here}}
  fs.front()(); // expect: ownership-dangling {{an element of 'fs' may be used after 'text', which it borrows from, was destroyed}}
}

void defaultReferenceCapture(int n) {
  std::vector<std::function<int()>> fs;
  for (int i = 0; i < n; ++i) {
    int square = i * i;
    fs.push_back([&] { return square; }); // expect-note: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'square' goes out of scope here}}
  int total = 0;
  for (const auto &f : fs) // expect: ownership-dangling {{an element of 'fs' may be used after 'square', which it borrows from, was destroyed}}
    total += f();
  consumeInt(total);
}

void callbackMapFilledInLoop(const std::vector<int> &keys) {
  std::map<int, std::function<void()>> callbacks;
  for (int key : keys)
    callbacks[key] = [&key] { consumeInt(key); }; // expect-note: ownership-dangling {{borrowed here}}
  // expect-note@-2: ownership-dangling {{'key' goes out of scope here}}
  callbacks.at(1)(); // expect: ownership-dangling {{an element of 'callbacks' may be used after 'key', which it borrows from, was destroyed}}
}

void callbackMapEmplaced(const std::vector<int> &keys) {
  std::map<int, std::function<void()>> callbacks;
  for (int key : keys) {
    int copy = key;
    callbacks.emplace(key, [&copy] { consumeInt(copy); }); // expect-note: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'copy' goes out of scope here}}
  for (auto &entry : callbacks) // expect: ownership-dangling {{an element of 'callbacks' may be used after 'copy', which it borrows from, was destroyed}}
    entry.second();
}

void plainArrayOfCallbacks() {
  std::function<void()> slots[4];
  for (int i = 0; i < 4; ++i)
    slots[i] = [&i] { consumeInt(i); }; // expect-note: ownership-dangling {{borrowed here}}
  // expect-note@-1: ownership-dangling {{'i' goes out of scope here}}
  slots[0](); // expect: ownership-dangling {{an element of 'slots' used after 'i', which it borrows from, was destroyed}}
}

// Called in a later iteration: the lambdas of the earlier iterations refer to their
// iterations' locals.
void calledInALaterIteration(int n) {
  std::vector<std::function<void()>> fs;
  for (int i = 0; i < n; ++i) {
    int value = i;
    for (auto &f : fs) // expect: ownership-dangling {{an element of 'fs' may be used after 'value', which it borrows from, was destroyed}}
      f();
    fs.push_back([&value] { consumeInt(value); }); // expect-note: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'value' goes out of scope here}}
}

//===----------------------------------------------------------------------===//
// Not findings
//===----------------------------------------------------------------------===//

void loopVariableCapturedByValue(int n) {
  std::vector<std::function<void()>> fs;
  for (int i = 0; i < n; ++i)
    fs.push_back([i] { consumeInt(i); });
  for (auto &f : fs)
    f();
}

void bodyLocalCapturedByDefaultCopy(int n) {
  std::vector<std::function<void()>> fs;
  for (int i = 0; i < n; ++i) {
    std::string text = makeText(i);
    fs.emplace_back([=] { consumeText(text); });
  }
  fs.front()();
}

void capturesWhatOutlivesTheLoop(int n) {
  int total = 0;
  std::vector<std::function<void()>> fs;
  for (int i = 0; i < n; ++i)
    fs.push_back([&total] { ++total; });
  for (auto &f : fs)
    f();
  consumeInt(total);
}

void calledInsideTheLoop(int n) {
  std::vector<std::function<void()>> fs;
  for (int i = 0; i < n; ++i) {
    fs.push_back([&i] { consumeInt(i); });
    for (auto &f : fs)
      f();
  }
}

void clearedBeforeTheScopeEnds(int n) {
  std::vector<std::function<void()>> fs;
  for (int i = 0; i < n; ++i) {
    int value = i;
    fs.push_back([&value] { consumeInt(value); });
    fs.back()();
    fs.clear();
  }
  for (auto &f : fs)
    f();
}

void mapOverwrittenByCopies(const std::vector<int> &keys) {
  std::map<int, std::function<void()>> callbacks;
  for (int key : keys)
    callbacks[key] = [key] { consumeInt(key); };
  callbacks.at(1)();
}

void arrayFilledByValue() {
  std::function<void()> slots[4];
  for (int i = 0; i < 4; ++i)
    slots[i] = [i] { consumeInt(i); };
  slots[0]();
}

// The container dies before the captured local: nothing calls the lambdas late.
void containerInsideTheLoop(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<std::function<void()>> fs;
    fs.push_back([&i] { consumeInt(i); });
    fs.back()();
  }
}

// Handed to a function that may empty it: what is left is unknown.
void drain(std::vector<std::function<void()>> &fs);

void drainedByACallee(int n) {
  std::vector<std::function<void()>> fs;
  for (int i = 0; i < n; ++i) {
    int value = i;
    fs.push_back([&value] { consumeInt(value); });
    drain(fs);
  }
  for (auto &f : fs)
    f();
}
