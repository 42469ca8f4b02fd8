// Found by mutation fuzzing (seed 1, mutant 174 of ownership-dangling/returns.cpp): a
// structured binding of an undeclared name leaves bindings without a type, and no
// expression marked as an error. The checker crashed on it; now the function is skipped
// and the rest of the file is still analysed.
#include <string>
#include <utility>

void sink(std::string);

void bindsUndeclared() {
  auto [first, second] = undeclared_pair;
  sink(first);
}

void useAfterMove() {
  std::string S = "s";
  sink(std::move(S));
  sink(S);
}
