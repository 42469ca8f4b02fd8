// Part of the example project of the guide: a reference used after the vector it points
// into may have reallocated.
#include <vector>

int firstAfterGrowth(std::vector<int> &totals) {
  int &first = totals[0];
  totals.push_back(0);
  return first;
}
