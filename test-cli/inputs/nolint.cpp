// Suppression comments, clang-tidy's syntax. "kept" lines must be reported.
#include <string>
#include <utility>

void sink(std::string S);

void plainNoLint() {
  std::string A = "x";
  sink(std::move(A));
  sink(A); // NOLINT
}

void namedNoLint() {
  std::string B = "x";
  sink(std::move(B));
  sink(B); // NOLINT(ownership-use-after-move)
}

void globNoLint() {
  std::string C = "x";
  sink(std::move(C));
  sink(C); // NOLINT(bugprone-*, ownership-use-*)
}

void otherCheckKept() {
  std::string D = "x";
  sink(std::move(D));
  sink(D); // NOLINT(bugprone-use-after-move) kept
}

void excludedKept() {
  std::string E = "x";
  sink(std::move(E));
  sink(E); // NOLINT(ownership-*,-ownership-use-after-move) kept
}

void nextLine() {
  std::string F = "x";
  sink(std::move(F));
  // NOLINTNEXTLINE(ownership-use-after-move)
  sink(F);
}

void nextLineTooFarKept() {
  std::string G = "x";
  sink(std::move(G));
  // NOLINTNEXTLINE(ownership-use-after-move)

  sink(G); // kept
}

// NOLINTBEGIN(ownership-*)
void insideBlock() {
  std::string H = "x";
  sink(std::move(H));
  sink(H);
}
// NOLINTEND(ownership-*)

void afterBlockKept() {
  std::string I = "x";
  sink(std::move(I));
  sink(I); // kept
}

// NOLINTBEGIN(ownership-use-after-move)
void unterminated() {
  std::string J = "x";
  sink(std::move(J));
  sink(J); // kept: the unterminated block above silences nothing
}
