// The orders example with the array owned by a std::vector: its destructor releases the
// array when 'orders' goes out of scope, after the last use, on every path out of the
// function. There is no delete to forget, to misplace or to repeat.
#include <cstdint>
#include <vector>

int64_t finish(int64_t totalOrders);

int64_t getFinalOrders() {
  std::vector<int64_t> orders = {1, 2, 3, 4};
  int64_t totalOrders = 0;
  for (int64_t order : orders)
    totalOrders += order;
  return finish(totalOrders);
} // 'orders' is destroyed here, and its array released
