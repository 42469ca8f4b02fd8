// Part of the example project of the guide: one use after move.
#include <string>
#include <utility>
#include <vector>

void checkout(std::vector<std::string> items);

std::size_t checkoutCart(std::vector<std::string> items) {
  checkout(std::move(items));
  return items.size();
}
