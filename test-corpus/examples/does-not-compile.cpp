// EXPECT-EXIT: 2
// One function that does not compile and one that does, for docs/guide/exit-codes.rst:
// the broken function is skipped, the other is analysed and its finding reported.
#include <string>
#include <utility>

void broken() {
  undeclaredFunction();
}

void moveThenRead() {
  std::string name = "orders";
  std::string taken = std::move(name); // expect-note: ownership-use-after-move {{moved here}}
  name.size(); // expect: ownership-use-after-move {{'name' used after it was moved}}
}
