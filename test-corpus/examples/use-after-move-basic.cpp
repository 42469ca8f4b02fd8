// The smallest case docs/rules/ownership-use-after-move.rst shows, and its fix.
#include <string>
#include <utility>
#include <vector>

void moveThenRead(std::vector<std::string> &names) {
  std::string name = "orders";
  names.push_back(std::move(name)); // expect-note: ownership-use-after-move {{moved here}}
  name.size(); // expect: ownership-use-after-move {{'name' used after it was moved}}
}

void moveThenReassign(std::vector<std::string> &names) {
  std::string name = "orders";
  names.push_back(std::move(name));
  name = "archive"; // a new value: 'name' is usable again
  name.size();
}
