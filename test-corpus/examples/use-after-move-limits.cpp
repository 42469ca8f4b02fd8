// Known limitations of ownership-use-after-move, as docs/rules/ownership-use-after-move.rst
// describes them.
#include <string>
#include <utility>
#include <vector>

// The analysis follows which values the branches gave a variable that takes one value per
// call, but not a loop's variable: another iteration may give it another value.
void correlatedConditions(const std::vector<int> &modes, std::vector<std::string> &names) {
  for (int mode : modes) {
    std::string name = "orders";
    if (mode == 1)
      names.push_back(std::move(name)); // expect-note: ownership-use-after-move {{moved here}}
    if (mode == 2)
      name.size(); // FIXME: false positive, no path reaches this use after the move. expect: ownership-use-after-move {{'name' may be used after it was moved}}
  }
}

// Objects reached through pointers are not tracked: moving '*p' is not seen as moving
// 'name'.
void moveThroughPointer(std::vector<std::string> &names) {
  std::string name = "orders";
  std::string *p = &name;
  names.push_back(std::move(*p));
  name.size(); // FIXME: false negative, 'name' is used after it was moved
}

// A callee taking a non-const reference counts as assigning a new value, so a move
// inside it is not seen by the caller.
void takeAway(std::vector<std::string> &names, std::string &name) {
  names.push_back(std::move(name));
}
void moveInsideCallee(std::vector<std::string> &names) {
  std::string name = "orders";
  takeAway(names, name);
  name.size(); // FIXME: false negative, takeAway() moved from 'name'
}
