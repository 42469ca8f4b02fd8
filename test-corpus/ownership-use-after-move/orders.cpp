// The lecture's orders example (shared/seeds/lecture-memory-management.txt), in C++.
// The orders vector is handed to archive() and then read again, the C++ shape of
// Rust's "borrow of moved value" (E0382).
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

void archive(std::vector<int64_t> orders);
int64_t finish(int64_t total);

int64_t getFinalOrdersTooEarly() {
  std::vector<int64_t> orders = {1, 2, 3, 4};
  archive(std::move(orders)); // expect-note: ownership-use-after-move {{moved here}}
  int64_t totalOrders = 0;
  for (int64_t order : orders) // expect: ownership-use-after-move {{'orders' used after it was moved}}
    totalOrders += order;
  return finish(totalOrders);
}

int64_t getFinalOrders() {
  std::vector<int64_t> orders = {1, 2, 3, 4};
  int64_t totalOrders = std::accumulate(orders.begin(), orders.end(), int64_t{0});
  archive(std::move(orders)); // moved after its last use: fine
  return finish(totalOrders);
}
