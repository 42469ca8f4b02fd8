//===- BorrowDiagnostics.h - Shared wording of the borrow rules -----------===//
//
// Part of ownership-checker, under the MIT license.
//
// What ownership-dangling and ownership-invalidated-reference share: finding the uses of
// borrowers whose loans ended, naming borrowers and owners the way a user wrote them, and
// placing the "goes out of scope here" notes.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_BORROWDIAGNOSTICS_H
#define OWNERSHIP_CHECKER_RULES_BORROWDIAGNOSTICS_H

#include "checker/analysis/FunctionAnalysis.h"

#include <string>
#include <vector>

namespace ownership::rules {
namespace detail {

/// A use of a borrower that holds a loan ended by a cause the rule cares about.
struct DeadUse {
  const model::UseFact *Use;
  passes::DeadLoan Dead;
  /// The borrower the use reads: the used object, or the reference variable a member of
  /// which is used (`r` for `r.v`).
  model::ObjectID Borrower;
};

/// The uses of borrowers holding a loan that ended through a fact accepted by
/// \p IsCause, in source order; only each loan's first use (one finding per cause).
std::vector<DeadUse> findDeadUses(const analysis::FunctionAnalysis &FA,
                                  const passes::BorrowAnalysis &Borrows,
                                  llvm::function_ref<bool(const model::Fact &)> IsCause);

/// The borrower as the user knows it: `'sv'`, or a description of the implicit
/// variables of a range-for loop.
std::string describeBorrower(const model::ObjectTable &Objects, model::ObjectID Borrower);



/// Where a scope end is shown: the closing brace of a block, the jump that leaves it, the
/// end of a temporary's full-expression.
clang::SourceLocation scopeEndLoc(const model::ScopeEndFact &F);

} // namespace detail
} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_BORROWDIAGNOSTICS_H
