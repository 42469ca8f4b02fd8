// Old code of the example project: legacy/.ownership-checker.yaml turns a check off here.
#include <string>
#include <utility>

void print(std::string line);

void printTitle(std::string title) {
  print(std::move(title));
  print(title);
}

void freeName() {
  char *name = new char[8];
  delete[] name;
  delete[] name;
}
