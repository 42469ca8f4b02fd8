// From ninja-build, src/missing_deps.cc, MissingDependencyScanner::PathExistsBetween
// [ownership-invalidated-reference] "'it' may be used after it was invalidated".
// Pattern: a memoising member function keeps an iterator into its map across a recursive
// call with the same outer key. The outer key is in the map before the loop, so the
// recursive call finds it and inserts only into the inner map: the outer map is never
// modified, and 'it' stays valid. False: no path of the callee modifies the outer map here.
#include <unordered_map>

struct Scanner {
  std::unordered_map<int, std::unordered_map<int, bool>> memo_;

  bool reaches(int from, int to) {
    auto it = memo_.find(from);
    if (it != memo_.end()) {
      auto inner = it->second.find(to);
      if (inner != it->second.end())
        return inner->second;
    } else {
      it = memo_.insert({from, {}}).first;
    }
    bool found = to > 0 && reaches(from, to - 1);  // 'from' is in memo_ now
    it->second.insert({to, found});                // reported here
    return found;
  }
};
