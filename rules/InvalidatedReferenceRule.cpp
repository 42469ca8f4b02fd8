//===- InvalidatedReferenceRule.cpp - ownership-invalidated-reference -----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/InvalidatedReferenceRule.h"

#include "rules/BorrowDiagnostics.h"
#include "checker/support/ClangCompat.h"

#include "clang/Basic/SourceManager.h"

#include <fmt/format.h>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;

namespace ownership::rules {

using namespace detail;

void InvalidatedReferenceRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const BorrowAnalysis *Borrows = FA.borrows();
  if (!Borrows || !Borrows->hasBorrows())
    return;
  const ObjectTable &Objects = FA.objects();
  const SourceManager &SM = FA.context().getSourceManager();
  for (const DeadUse &D : findDeadUses(FA, *Borrows,
                                       [](const Fact &F) { return isa<InvalidateFact>(F); })) {
    const Loan *L = D.Dead.L;
    ObjectID Borrower = D.Use->getObject();
    std::string Owner = Objects.name(L->Owner);
    Finding F;
    F.RuleId = id();
    F.Level = D.Dead.OnEveryPath ? Confidence::Definite : Confidence::Maybe;
    F.Loc = D.Use->getStmt()->getBeginLoc();
    F.Function = compat::qualifiedName(FA.decl());
    if (isRangeForVariable(Objects, Borrower))
      F.Message = fmt::format("range-for loop over '{}' {} after '{}' was modified", Owner,
                              D.Dead.OnEveryPath ? "continues" : "may continue", Owner);
    else
      F.Message = fmt::format("{} {} after it was invalidated", describeBorrower(Objects, Borrower),
                              D.Dead.OnEveryPath ? "used" : "may be used");
    const auto *Cause = cast<InvalidateFact>(D.Dead.Causes.front());
    // The loan `erase(it)` leaves behind is taken by the erase itself.
    if (L != Cause->getErased() && L->Where->getBeginLoc() != F.Loc)
      F.Notes.push_back({L->Where->getBeginLoc(), "borrowed here"});
    SourceLocation ModLoc = Cause->getCall()->getExprLoc();
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Cause->getCall()))
      ModLoc = Member->getImplicitObjectArgument()->getBeginLoc();
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cause->getCall()))
      ModLoc = Op->getArg(0)->getBeginLoc();
    // A modification that does not come before the use in the source was reached through
    // a loop's back edge.
    bool Earlier = SM.isBeforeInTranslationUnit(ModLoc, F.Loc);
    F.Notes.push_back({ModLoc, fmt::format("'{}' modified here{}", Owner,
                                           Earlier ? "" : ", in a previous iteration of the loop")});
    Sink.report(std::move(F));
  }
}

} // namespace ownership::rules
