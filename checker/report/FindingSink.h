//===- FindingSink.h - Where rules send their findings --------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Rules report to a FindingSink and never print. FindingCollector resolves locations
// while the translation unit is alive, drops findings outside the files the user asked
// about, and hands reporters a sorted, duplicate-free list.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_REPORT_FINDINGSINK_H
#define OWNERSHIP_CHECKER_REPORT_FINDINGSINK_H

#include "checker/report/Finding.h"

#include "clang/Basic/SourceManager.h"

#include <functional>
#include <vector>

namespace ownership {

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

  /// Starts a translation unit: later findings are resolved with \p SM.
  void beginTranslationUnit(const clang::SourceManager &SM, LocationFilter Filter);
  /// Ends it; the SourceManager is no longer used.
  void endTranslationUnit();

  void report(Finding F) override;

  /// All findings so far, sorted by (file, offset, rule, message), without duplicates
  /// (a template instantiated twice, a header included by two files).
  std::vector<ResolvedFinding> takeSorted();

  /// Resolves a location to the place a user would look at: the spelling of a macro
  /// argument, the expansion of a macro body.
  static ResolvedLocation resolve(const clang::SourceManager &SM, clang::SourceLocation Loc);

private:
  const clang::SourceManager *SM = nullptr;
  LocationFilter Filter;
  std::vector<ResolvedFinding> Findings;
};

} // namespace ownership

#endif // OWNERSHIP_CHECKER_REPORT_FINDINGSINK_H
