// ownership-use-after-move: a move made under a test of a parameter (or of a local declared
// outside every loop) does not reach a use made where the path tested the same variable to
// have another value. Such a variable, never assigned, keeps its value, so no path runs
// both.
#include <string>
#include <utility>
#include <vector>

void store(std::string S);

//===----------------------------------------------------------------------===//
// Clean: the two tests exclude each other
//===----------------------------------------------------------------------===//

void keepOrRead(std::vector<std::string> &Names, bool Keep) {
  std::string Name = "orders";
  if (Keep)
    Names.push_back(std::move(Name));
  if (!Keep)
    Name.size();
}

void twoModes(int Mode) {
  std::string Name = "orders";
  if (Mode == 1)
    store(std::move(Name));
  if (Mode == 2)
    Name.clear();
}

void moveUnlessZeroReadWhenZero(unsigned Count) {
  std::string Name = "orders";
  if (Count != 0)
    store(std::move(Name));
  if (Count == 0)
    Name.size();
}

void localFlag(std::vector<std::string> &Names) {
  std::string Name = "orders";
  const bool Keep = Names.empty();
  if (Keep)
    Names.push_back(std::move(Name));
  if (!Keep)
    Name.size();
}

void earlyReturnOnTheOtherValue(bool Keep) {
  std::string Name = "orders";
  if (Keep)
    store(std::move(Name));
  if (Keep)
    return;
  Name.size();
}

//===----------------------------------------------------------------------===//
// Bad: the tests overlap, or the parameter changes
//===----------------------------------------------------------------------===//

void overlappingTests(int Mode) {
  std::string Name = "orders";
  if (Mode == 1)
    store(std::move(Name)); // expect-note: ownership-use-after-move {{moved here}}
  if (Mode != 2)
    Name.size(); // expect: ownership-use-after-move {{'Name' may be used after it was moved}}
}

void parameterAssigned(bool Keep) {
  std::string Name = "orders";
  if (Keep)
    store(std::move(Name)); // expect-note: ownership-use-after-move {{moved here}}
  Keep = !Keep;
  if (!Keep)
    Name.size(); // expect: ownership-use-after-move {{'Name' may be used after it was moved}}
}

void sameTestTwice(bool Keep) {
  std::string Name = "orders";
  if (Keep)
    store(std::move(Name)); // expect-note: ownership-use-after-move {{moved here}}
  if (Keep)
    Name.size(); // expect: ownership-use-after-move {{'Name' may be used after it was moved}}
}

void flagInALoopObjectOutside(const std::vector<int> &Modes) {
  std::string Name = "orders";
  for (int Mode : Modes) {
    bool First = Mode == 1;
    if (First)
      store(std::move(Name)); // expect: ownership-use-after-move {{'Name' may be used after it was moved}} expect-note: ownership-use-after-move {{moved here, in a previous iteration}}
    if (!First)
      Name.size(); // the move above, in the next iteration, is the first use reported
  }
}
