// Part of the example project of the guide: nothing to report.
#include <string>
#include <utility>
#include <vector>

void store(std::vector<std::string> items);

void restock(std::vector<std::string> items) {
  std::size_t count = items.size();
  store(std::move(items));
  items.assign(count, "empty slot");
}
