//===- TranslationUnitAnalysis.h - Run the rules over one translation unit -===//
//
// Part of ownership-checker, under the MIT license.
//
// The one place that decides which function bodies of a translation unit are analysed
// and hands each FunctionAnalysis to the rules. Both front ends use it: the standalone
// tool and the clang-tidy plugin, so that they report the same findings.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_DRIVER_TRANSLATIONUNITANALYSIS_H
#define OWNERSHIP_CHECKER_DRIVER_TRANSLATIONUNITANALYSIS_H

#include "checker/analysis/FunctionAnalysis.h"
#include "checker/report/FindingSink.h"
#include "rules/Rule.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Regex.h"

#include <functional>
#include <memory>

namespace ownership::driver {

/// Decides which functions are analysed and where findings are shown: the main file
/// always, a header when its path matches the header filter (or every header with
/// AllHeaders), a system header never.
class AnalysisScope {
public:
  AnalysisScope(const clang::SourceManager &SM, const llvm::Regex *HeaderFilter,
                bool AllHeaders = false)
      : SM(SM), HeaderFilter(HeaderFilter), AllHeaders(AllHeaders) {}

  bool contains(clang::SourceLocation Loc);

private:
  const clang::SourceManager &SM;
  const llvm::Regex *HeaderFilter;
  bool AllHeaders;
  llvm::DenseMap<clang::FileID, bool> Cache;
};

/// What to run over a translation unit.
struct TranslationUnitRequest {
  llvm::ArrayRef<std::unique_ptr<rules::Rule>> Rules;
  /// Which functions are analysed, by their location.
  std::function<bool(clang::SourceLocation)> InScope;
  /// Called with each analysed function before the rules see it (`--dump`); may be null.
  std::function<void(const analysis::FunctionAnalysis &)> OnFunction;
  /// The size, step and memory limits of each function's analysis.
  passes::AnalysisLimits Limits;
  /// Called with each function that was skipped, or not analysed to the end, because it
  /// exceeded Limits, after the rules saw it; may be null.
  std::function<void(const analysis::FunctionAnalysis &)> OnLimitExceeded;
};

/// Analyses every function body in scope, including template instantiations and
/// lambdas, runs the rules on each, then the rules' translation-unit checks.
void analyzeTranslationUnit(clang::ASTContext &Ctx, const TranslationUnitRequest &Request,
                            report::FindingSink &Sink);

} // namespace ownership::driver

#endif // OWNERSHIP_CHECKER_DRIVER_TRANSLATIONUNITANALYSIS_H
