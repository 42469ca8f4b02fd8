//===- DanglingRule.cpp - ownership-dangling ------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/DanglingRule.h"

#include "rules/BorrowDiagnostics.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <fmt/format.h>

using namespace clang;

namespace ownership {

using namespace detail;

namespace {

/// `'s'` or `the temporary`, for messages.
std::string describeOwner(const ObjectTable &Objects, ObjectID Owner) {
  if (Objects.node(rootOf(Objects, Owner)).K == StorageNode::Kind::Temporary)
    return "the temporary";
  return "'" + Objects.name(Owner) + "'";
}

bool isTemporary(const ObjectTable &Objects, ObjectID Owner) {
  return Objects.node(rootOf(Objects, Owner)).K == StorageNode::Kind::Temporary;
}

} // namespace

void DanglingRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const BorrowAnalysis *Borrows = FA.borrows();
  if (!Borrows || !Borrows->hasBorrows())
    return;
  const ObjectTable &Objects = FA.objects();
  std::string Function = FA.decl()->getQualifiedNameAsString();
  llvm::SmallPtrSet<const Loan *, 8> Reported;

  // Uses of a borrower whose owner is gone.
  for (const DeadUse &D : findDeadUses(FA, *Borrows,
                                       [](const Fact &F) { return isa<ScopeEndFact>(F); })) {
    const Loan *L = D.Dead.L;
    Reported.insert(L);
    std::string Who = describeBorrower(Objects, D.Use->getObject());
    const char *Verb = D.Dead.OnEveryPath ? "used" : "may be used";
    Finding F;
    F.RuleId = id();
    F.Level = D.Dead.OnEveryPath ? Confidence::Definite : Confidence::Maybe;
    F.Loc = D.Use->getStmt()->getBeginLoc();
    F.Function = Function;
    if (isTemporary(Objects, L->Owner))
      F.Message = fmt::format("{} {} after the temporary it borrows from was destroyed", Who, Verb);
    else
      F.Message = fmt::format("{} {} after {}, which it borrows from, was destroyed", Who, Verb,
                              describeOwner(Objects, L->Owner));
    F.Notes.push_back({L->Where->getBeginLoc(), "borrowed here"});
    const auto *End = cast<ScopeEndFact>(D.Dead.Causes.front());
    F.Notes.push_back({scopeEndLoc(*End),
                       isTemporary(Objects, L->Owner)
                           ? std::string("temporary destroyed here")
                           : fmt::format("'{}' goes out of scope here",
                                         Objects.name(End->getObject()))});
    Sink.report(std::move(F));
  }

  // Borrows of the function's own storage that it returns.
  FA.forEachFact([&](const Fact &Fa) {
    const auto *E = dyn_cast<BorrowEscapeFact>(&Fa);
    if (!E)
      return;
    for (const Loan *L : Borrows->loansOf(E->getValue(), *E)) {
      if (Reported.count(L) || !isFunctionLocalOwner(Objects, L->Owner, FA.decl()))
        continue;
      // A loan that had already ended was reported at the use that returns it.
      if (!Borrows->deadAmong({L}, *E).empty())
        continue;
      Reported.insert(L);
      Finding F;
      F.RuleId = id();
      F.Level = Confidence::Definite;
      F.Loc = E->getStmt()->getBeginLoc();
      F.Function = Function;
      if (isTemporary(Objects, L->Owner)) {
        F.Message = "returned value borrows from a temporary that is destroyed at the end of "
                    "the return statement";
        F.Notes.push_back({L->Where->getBeginLoc(), "borrowed here"});
      } else {
        ObjectID Root = rootOf(Objects, L->Owner);
        const char *What =
            Objects.node(Root).K == StorageNode::Kind::Param ? "parameter" : "local variable";
        F.Message = fmt::format("returned value borrows from {} '{}', which is destroyed when "
                                "the function returns",
                                What, Objects.name(L->Owner));
        F.Notes.push_back({L->Where->getBeginLoc(), "borrowed here"});
      }
      Sink.report(std::move(F));
      return; // one finding per return statement
    }
  });
}

} // namespace ownership
