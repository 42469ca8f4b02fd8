// Ownership in C++: one std::unique_ptr owns the orders, references borrow them, and
// std::move hands the ownership on. The checker flags a use of the owner after that.
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

using Orders = std::vector<int64_t>;

std::unique_ptr<Orders> loadOrders();
void archive(std::unique_ptr<Orders> orders); // takes ownership: frees the orders
int64_t total(const Orders &orders);          // borrows: reads, frees nothing

int64_t totalThenArchive() {
  std::unique_ptr<Orders> orders = loadOrders();
  int64_t sum = total(*orders); // borrowed for the call only
  archive(std::move(orders));   // ownership moves into archive()
  return sum;
} // 'orders' is empty here: nothing left to free

int64_t archiveThenTotal() {
  std::unique_ptr<Orders> orders = loadOrders();
  archive(std::move(orders)); // expect-note: ownership-use-after-move {{moved here}}
  return total(*orders); // expect: ownership-use-after-move {{'orders' used after it was moved}}
}
