// A source file of the example project for docs/guide/config-file.rst.
#include "orders/queue.h"
#include <string>
#include <utility>
#include <vector>

void archive(std::vector<std::string> orders);

std::size_t closeDay(std::vector<std::string> orders) {
  archive(std::move(orders));
  return orders.size();
}
