//===- InvalidatedReferenceRule.cpp - ownership-invalidated-reference -----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/InvalidatedReferenceRule.h"

#include "rules/FindingBuilder.h"

#include "rules/BorrowDiagnostics.h"

#include "clang/Basic/SourceManager.h"

#include <fmt/format.h>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;

namespace ownership::rules {

using namespace detail;

void InvalidatedReferenceRule::configure(config::RuleOptions &Options) {
  std::string Spec = Options.get("ContainerModels", ContainerModels::defaultSpec());
  llvm::Expected<ContainerModels> Parsed = ContainerModels::parse(Spec);
  if (Parsed)
    Containers = std::move(*Parsed);
  else
    Options.diagnose("ContainerModels", Spec, llvm::toString(Parsed.takeError()));
  Options.store("ContainerModels", Containers.spec());
}

void InvalidatedReferenceRule::configureModel(ModelOptions &Options) const {
  // Every rule asks the model about containers (a view of an absl::flat_hash_map element
  // dangles too), so the models are the model's, not this rule's alone.
  Options.Containers = Containers;
}

void InvalidatedReferenceRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const BorrowAnalysis *Borrows = FA.borrows();
  if (!Borrows || !Borrows->hasBorrows())
    return;
  const ObjectTable &Objects = FA.objects();
  const SourceManager &SM = FA.context().getSourceManager();
  FindingBuilder Findings(id(), FA, Sink);
  for (const DeadUse &D : findDeadUses(FA, *Borrows,
                                       [](const Fact &F) { return isa<InvalidateFact>(F); })) {
    const Loan *L = D.Dead.L;
    ObjectID Borrower = D.Borrower;
    std::string Owner = Objects.name(L->Owner);
    SourceLocation UseLoc = D.Use->getStmt()->getBeginLoc();
    std::string Message =
        Objects.rangeForPart(Borrower) != ObjectTable::RangeForPart::None
            ? fmt::format("range-for loop over '{}' {} after '{}' was modified", Owner,
                          D.Dead.OnEveryPath ? "continues" : "may continue", Owner)
            : fmt::format("{} {} after it was invalidated", describeBorrower(Objects, Borrower),
                          D.Dead.OnEveryPath ? "used" : "may be used");
    Report F = Findings.report(UseLoc, std::move(Message));
    F.maybe(!D.Dead.OnEveryPath);
    const auto *Cause = cast<InvalidateFact>(D.Dead.Causes.front());
    // The loan `erase(it)` leaves behind is taken by the erase itself.
    if (L != Cause->getErased() && L->Where->getBeginLoc() != UseLoc)
      F.note(L->Where->getBeginLoc(), "borrowed here");
    SourceLocation ModLoc = Cause->getCall()->getExprLoc();
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Cause->getCall()))
      ModLoc = Member->getImplicitObjectArgument()->getBeginLoc();
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cause->getCall()))
      ModLoc = Op->getArg(0)->getBeginLoc();
    // A modification that does not come before the use in the source was reached through
    // a loop's back edge.
    bool Earlier = SM.isBeforeInTranslationUnit(ModLoc, UseLoc);
    F.note(ModLoc, fmt::format("'{}' modified here{}", Owner,
                               Earlier ? "" : ", in a previous iteration of the loop"));
  }
}

} // namespace ownership::rules
