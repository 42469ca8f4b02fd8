//===- NoLint.h - clang-tidy's NOLINT comments, for our findings ----------===//
//
// Part of ownership-checker, under the MIT license.
//
// Users silence a finding the way they silence clang-tidy: `// NOLINT`, `// NOLINT(rule,...)`,
// `// NOLINTNEXTLINE(...)` and `// NOLINTBEGIN(...)` ... `// NOLINTEND(...)`, with globs.
// The FindingCollector asks this class whether a finding's primary location is silenced.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_REPORT_NOLINT_H
#define OWNERSHIP_CHECKER_REPORT_NOLINT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace ownership::report {

/// The rule id under which problems with the suppression comments themselves (a
/// NOLINTBEGIN without its NOLINTEND) are reported. It is not a rule and cannot be
/// disabled, like clang-tidy's `clang-tidy-nolint`.
inline constexpr llvm::StringLiteral NoLintProblemId = "ownership-nolint";

/// The suppression comments of one file.
class NoLintDirectives {
public:
  /// Parses every NOLINT directive in \p Buffer, the text of one file.
  explicit NoLintDirectives(llvm::StringRef Buffer);

  /// True when a directive silences rule \p RuleId at byte \p Offset of the file.
  bool suppresses(llvm::StringRef RuleId, unsigned Offset) const;

  /// A directive that lacks its partner. Such a directive silences nothing.
  struct Problem {
    unsigned Offset; ///< where the directive starts
    std::string Message;
  };
  llvm::ArrayRef<Problem> problems() const { return Problems; }

private:
  /// A check list as written between the parentheses: comma-separated globs, a leading
  /// '-' excludes; the last glob that matches decides. No parentheses means all rules.
  struct CheckList {
    std::vector<std::pair<bool, std::string>> Globs; ///< (positive, glob)
    bool matches(llvm::StringRef RuleId) const;
  };
  struct Region {
    unsigned Begin, End; ///< byte range silenced, inclusive of both directive lines
    CheckList Checks;
  };

  unsigned lineOf(unsigned Offset) const;

  std::vector<unsigned> LineStarts;
  std::vector<Region> Regions; ///< one per NOLINT, NOLINTNEXTLINE or matched BEGIN/END
  std::vector<Problem> Problems;
};


} // namespace ownership::report

#endif // OWNERSHIP_CHECKER_REPORT_NOLINT_H
