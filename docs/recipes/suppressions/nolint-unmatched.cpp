// A NOLINTBEGIN without its NOLINTEND, for docs/guide/suppressions.rst: the region would
// silence the rest of the file, so the checker reports it and silences nothing.
#include <string>
#include <utility>

void print(std::string line);

// NOLINTBEGIN(ownership-use-after-move)
void printTwice(std::string line) {
  print(std::move(line));
  print(line);
}
