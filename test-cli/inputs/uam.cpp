// One use after move (line 10) and a clean look-alike, for the command-line tests.
#include <string>
#include <utility>

void sink(std::string S);

void useAfterMove() {
  std::string Name = "x";
  sink(std::move(Name));
  sink(Name);
}

void moveLast() {
  std::string Name = "x";
  sink(Name);
  sink(std::move(Name));
}
