// Two fixes for orders-move.cpp. Either read the orders before giving them away, or let
// archive() borrow them (a const reference) instead of taking them.
#include <cstdint>
#include <utility>
#include <vector>

void archive(std::vector<int64_t> orders);
void archiveCopyOf(const std::vector<int64_t> &orders);
int64_t finish(int64_t totalOrders);

// Fix 1: the move is the last thing that happens to 'orders'.
int64_t getFinalOrdersMoveLast() {
  std::vector<int64_t> orders = {1, 2, 3, 4};
  int64_t totalOrders = 0;
  for (int64_t order : orders)
    totalOrders += order;
  archive(std::move(orders));
  return finish(totalOrders);
}

// Fix 2: archiveCopyOf() only borrows 'orders', so the caller still owns them.
int64_t getFinalOrdersBorrowed() {
  std::vector<int64_t> orders = {1, 2, 3, 4};
  archiveCopyOf(orders);
  int64_t totalOrders = 0;
  for (int64_t order : orders)
    totalOrders += order;
  return finish(totalOrders);
}
