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
/// always, another header when the header filter matches its path, a system header
/// never, unless SystemHeaders makes system headers like the others (clang-tidy's
/// --system-headers).
class AnalysisScope {
public:
  AnalysisScope(const clang::SourceManager &SM, const llvm::Regex *HeaderFilter,
                bool SystemHeaders = false)
      : SM(SM), HeaderFilter(HeaderFilter), SystemHeaders(SystemHeaders) {}

  bool contains(clang::SourceLocation Loc);

private:
  const clang::SourceManager &SM;
  const llvm::Regex *HeaderFilter;
  bool SystemHeaders;
  llvm::DenseMap<clang::FileID, bool> Cache;
};

/// The absolute path of \p FileName (a name as the compiler spelled it, relative to the
/// compile command's directory or not), without `.` and `..` components.
std::string normalizedPath(const clang::SourceManager &SM, llvm::StringRef FileName);

/// Whether \p Filter matches the header \p FileName: its name as the compiler spelled it
/// (`include/a.h`, `./a.h`) or its normalized absolute path (`/src/proj/include/a.h`),
/// so that neither a relative `-I` nor a relative database entry hides a header from an
/// absolute filter.
bool headerFilterMatches(const llvm::Regex &Filter, const clang::SourceManager &SM,
                         llvm::StringRef FileName);

/// What to run over a translation unit.
struct TranslationUnitRequest {
  llvm::ArrayRef<std::unique_ptr<rules::Rule>> Rules;
  /// Which functions are analysed, by their location.
  std::function<bool(clang::SourceLocation)> InScope;
  /// Whether the declarations of system headers are walked at all (InScope still
  /// decides); off, they are skipped whole, which keeps a run close to a parse.
  bool SystemHeaders = false;
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
