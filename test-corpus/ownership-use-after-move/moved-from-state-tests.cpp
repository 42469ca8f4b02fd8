// ownership-use-after-move: tests that check a moved-from object's state on purpose are
// reported unless the code says the use is intended (see the rule page, "Tests that
// check the moved-from state").
#include <cassert>
#include <string>
#include <utility>
#include <vector>

class PatternSet {
public:
  PatternSet() = default;
  // A moved-from PatternSet is empty and may be used again.
  PatternSet(PatternSet &&O) : Patterns(std::move(O.Patterns)) { O.Patterns.clear(); }
  int add(const std::string &P) {
    Patterns.push_back(P);
    return int(Patterns.size()) - 1;
  }
  [[clang::reinitializes]] void reset() { Patterns.clear(); }
  bool empty() const { return Patterns.empty(); }

private:
  std::vector<std::string> Patterns;
};

void testChecksMovedFromState() {
  PatternSet A;
  A.add("foo");
  PatternSet B = std::move(A); // expect-note: ownership-use-after-move {{moved here}}
  assert(A.add("bar") == 0);   // expect: ownership-use-after-move {{'A' used after it was moved}}
}

void testResetsBeforeReuse() {
  PatternSet A;
  A.add("foo");
  PatternSet B = std::move(A);
  A.reset(); // marked [[clang::reinitializes]]
  assert(A.add("bar") == 0);
}

void testSaysTheUseIsIntended() {
  PatternSet A;
  A.add("foo");
  PatternSet B = std::move(A);
  assert(A.empty()); // NOLINT(ownership-use-after-move): the class specifies it
}

void testOfAStandardStringsState() {
  std::string S = "long enough to live on the heap, not in the small buffer";
  std::string T = std::move(S); // expect-note: ownership-use-after-move {{moved here}}
  assert(S.empty());            // expect: ownership-use-after-move {{'S' used after it was moved}}
}
