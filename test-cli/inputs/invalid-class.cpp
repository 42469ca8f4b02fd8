// Found by mutation fuzzing (seed 2, mutant 421 of examples/shared-ptr-cycle.cpp): with
// <string> not included, std::string is declared (by <memory>) but incomplete, so the
// class is invalid, and building the CFG of its destructor crashed inside Clang. Now
// nothing inside an invalid class is analysed, and the rest of the file still is.
#include <cstdio>
#include <memory>
#include <utility>

struct Order {
  explicit Order(std::string name) : name(std::move(name)) {}
  ~Order() { std::printf("freed %s\n", name.c_str()); }
  std::string name;
  std::shared_ptr<Order> related;
};

void sink(std::unique_ptr<int>);

void useAfterMove() {
  auto P = std::make_unique<int>(1);
  sink(std::move(P));
  *P = 2;
}
