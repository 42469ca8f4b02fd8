// No finding: the move is the last use.
#include <string>
#include <utility>

void sink(std::string S);

void moveLast() {
  std::string Name = "x";
  sink(Name);
  sink(std::move(Name));
}
