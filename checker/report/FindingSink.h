//===- FindingSink.h - Where rules send their findings --------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Rules report to a FindingSink and never print. FindingCollector resolves locations
// while the translation unit is alive, drops findings outside the files the user asked
// about and findings silenced by NOLINT comments, and hands reporters a sorted,
// duplicate-free list.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_REPORT_FINDINGSINK_H
#define OWNERSHIP_CHECKER_REPORT_FINDINGSINK_H

#include "checker/report/Finding.h"
#include "checker/report/NoLint.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

#include <functional>
#include <memory>
#include <vector>

namespace ownership::report {

/// Receives findings from rules.
class FindingSink {
public:
  virtual ~FindingSink();
  virtual void report(Finding F) = 0;
};

/// Buffers findings of one or more translation units.
class FindingCollector : public FindingSink {
public:
  /// Decides whether a finding at a file location is shown (the header filter).
  using LocationFilter = std::function<bool(clang::SourceLocation)>;

  /// Starts a translation unit: later findings are resolved with \p SM. \p LangOpts
  /// measures the last token of fix-it ranges (C++ when null).
  void beginTranslationUnit(const clang::SourceManager &SM, LocationFilter Filter,
                            const clang::LangOptions *LangOpts = nullptr);
  /// Ends it; the SourceManager is no longer used. Reports the main file's unmatched
  /// NOLINTBEGIN/NOLINTEND comments, and those of every file that had a finding.
  void endTranslationUnit();

  /// Whether NOLINT comments silence findings (default: yes).
  void setHonorNoLint(bool Honor) { HonorNoLint = Honor; }
  /// How many findings NOLINT comments silenced so far.
  unsigned suppressedCount() const { return Suppressed; }

  void report(Finding F) override;

  /// All findings so far, sorted by (file, offset, rule, message), without duplicates
  /// (a template instantiated twice, a header included by two files).
  std::vector<ResolvedFinding> takeSorted();

  /// Sorts \p Findings as takeSorted() does and removes duplicates, e.g. after merging
  /// the findings of several translation units.
  static void sortAndDeduplicate(std::vector<ResolvedFinding> &Findings);

  /// Resolves a location to the place a user would look at: the spelling of a macro
  /// argument, the expansion of a macro body.
  static ResolvedLocation resolve(const clang::SourceManager &SM, clang::SourceLocation Loc);

  /// Resolves \p Fixes to byte ranges; empty when one of them is in a macro or invalid.
  static std::vector<ResolvedFix> resolveFixes(const clang::SourceManager &SM,
                                               const clang::LangOptions &LangOpts,
                                               llvm::ArrayRef<FixIt> Fixes);

private:
  const NoLintDirectives &directivesOf(clang::FileID File);

  const clang::SourceManager *SM = nullptr;
  LocationFilter Filter;
  clang::LangOptions DefaultLangOpts;
  const clang::LangOptions *LangOpts = nullptr;
  bool HonorNoLint = true;
  unsigned Suppressed = 0;
  llvm::DenseMap<clang::FileID, std::unique_ptr<NoLintDirectives>> Directives;
  std::vector<ResolvedFinding> Findings;
};

} // namespace ownership::report

#endif // OWNERSHIP_CHECKER_REPORT_FINDINGSINK_H
