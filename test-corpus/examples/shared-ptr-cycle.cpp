// Reference counting in C++: a std::shared_ptr frees its object when the last owner lets
// go of it. Two objects that own each other never get there; a std::weak_ptr observes
// without owning and breaks the cycle. Compiled and run by the docs tests: the output
// must match shared-ptr-cycle.stdout.
#include <cstdio>
#include <memory>
#include <string>
#include <utility>

struct Order {
  explicit Order(std::string name) : name(std::move(name)) {}
  ~Order() { std::printf("freed %s\n", name.c_str()); }
  std::string name;
  std::shared_ptr<Order> related;   // owns the related order
  std::weak_ptr<Order> relatedWeak; // only observes it
};

void noCycle() {
  auto single = std::make_shared<Order>("single");
  std::printf("leaving noCycle\n");
} // the count of "single" drops to zero: freed here

void cycle() {
  auto a = std::make_shared<Order>("a");
  auto b = std::make_shared<Order>("b");
  a->related = b; // expect-note: ownership-shared-ptr-cycle {{'b' stored in 'a->related' here}}
  b->related = a; // expect: ownership-shared-ptr-cycle {{closes a std::shared_ptr cycle}}
  std::printf("leaving cycle\n");
} // "a" and "b" keep each other's count at 1: both leak

void weakBreaksCycle() {
  auto a = std::make_shared<Order>("a2");
  auto b = std::make_shared<Order>("b2");
  a->related = b;
  b->relatedWeak = a;
  if (std::shared_ptr<Order> strong = b->relatedWeak.lock())
    std::printf("b2 sees %s\n", strong->name.c_str());
  std::printf("leaving weakBreaksCycle\n");
} // "a2" has no owner left but 'a': freed, and with it the last owner of "b2"

int main() {
  noCycle();
  cycle();
  weakBreaksCycle();
}
