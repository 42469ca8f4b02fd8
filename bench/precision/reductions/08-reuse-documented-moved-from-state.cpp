// From re2, re2/testing/set_test.cc (Set.MoveSemantics) and
// re2/testing/filtered_re2_test.cc (FilteredRE2Test.MoveSemantics)
// [ownership-use-after-move] "'s1' used after it was moved". True but intended.
// Pattern (recurring): a test moves from an object and then checks, on purpose, that the
// moved-from object is reset and reusable, as the class documents ("the moved-from object
// should have been reset and be reusable"). The use is a member call that re-populates the
// object, on a type whose move operations are user-defined and leave it empty.
#include <cassert>
#include <string>
#include <utility>
#include <vector>

class Set {
 public:
  Set() = default;
  // A moved-from Set is empty and may be used again.
  Set(Set&& other) : patterns_(std::move(other.patterns_)) { other.patterns_.clear(); }
  int Add(const std::string& p) { patterns_.push_back(p); return int(patterns_.size()) - 1; }
  bool Match(const std::string& s) const {
    for (const std::string& p : patterns_) if (s.find(p) != std::string::npos) return true;
    return false;
  }
 private:
  std::vector<std::string> patterns_;
};

void moveSemantics() {
  Set s1;
  s1.Add("foo");
  Set s2 = std::move(s1);
  assert(s2.Match("foo"));
  assert(s1.Add("bar") == 0);  // reported: 's1' used after it was moved
  assert(s1.Match("bar"));
}
