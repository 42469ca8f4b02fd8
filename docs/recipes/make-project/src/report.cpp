// Part of the guide's Make example: nothing to report.
#include <string>
#include <vector>

std::size_t totalLength(const std::vector<std::string> &lines) {
  std::size_t total = 0;
  for (const std::string &line : lines)
    total += line.size();
  return total;
}
