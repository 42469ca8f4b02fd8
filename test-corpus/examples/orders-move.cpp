// Ownership of the orders moves to archive() before the loop reads them: the C++ shape
// of Rust's E0382 "borrow of moved value". See orders-move.expected for the report.
#include <cstdint>
#include <utility>
#include <vector>

void archive(std::vector<int64_t> orders);
int64_t finish(int64_t totalOrders);

int64_t getFinalOrders() {
  std::vector<int64_t> orders = {1, 2, 3, 4};
  archive(std::move(orders)); // expect-note: ownership-use-after-move {{moved here}}
  int64_t totalOrders = 0;
  for (int64_t order : orders) // expect: ownership-use-after-move {{'orders' used after it was moved}}
    totalOrders += order;
  return finish(totalOrders);
}
