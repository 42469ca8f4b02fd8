// NOLINT comments silence findings as they silence clang-tidy's, for
// docs/guide/suppressions.rst. Only the last function's finding is reported.
#include <string>
#include <utility>

void silencedOnTheLine() {
  std::string name = "orders";
  std::string taken = std::move(name);
  name.size(); // NOLINT(ownership-use-after-move): size() of a moved-from string is fine here
}

void silencedOnTheNextLine() {
  std::string name = "orders";
  std::string taken = std::move(name);
  // NOLINTNEXTLINE(ownership-*)
  name.size();
}

void silencedInARegion() {
  // NOLINTBEGIN(ownership-use-after-move)
  std::string name = "orders";
  std::string taken = std::move(name);
  name.size();
  // NOLINTEND(ownership-use-after-move)
}

void otherRuleSilenced() {
  std::string name = "orders";
  std::string taken = std::move(name); // expect-note: ownership-use-after-move {{moved here}}
  name.size(); // NOLINT(ownership-leak) expect: ownership-use-after-move {{'name' used after it was moved}}
}
