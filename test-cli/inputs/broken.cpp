// Does not compile; the function that does is still analysed.
#include <string>
#include <utility>

void sink(std::string S);

void useAfterMove() {
  std::string Name = "x";
  sink(std::move(Name));
  sink(Name);
}

void broken() { undeclared_function(); }
