//===- DanglingRule.cpp - ownership-dangling ------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/DanglingRule.h"

#include "rules/BorrowDiagnostics.h"
#include "checker/support/ClangCompat.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <fmt/format.h>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;

namespace ownership::rules {

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

/// Borrows of the function's own storage left in places that outlive it when it returns
/// (a global, a field of `*this`, an out-parameter, a container that outlives the call).
void reportStoresOutliving(llvm::StringRef RuleId, const FunctionAnalysis &FA,
                           const BorrowAnalysis &Borrows,
                           llvm::SmallPtrSetImpl<const Loan *> &Reported, FindingSink &Sink) {
  const FunctionDecl *FD = FA.decl();
  // What main's locals lend to globals lives until the program ends.
  if (FD->isMain())
    return;
  const ObjectTable &Objects = FA.objects();
  std::vector<StoredLoan> Stored = Borrows.storedAtExit([&](const Loan *L) {
    return !Reported.count(L) && isFunctionLocalOwner(Objects, L->Owner, FD);
  });
  if (Stored.empty())
    return;
  // The stores, in source order, to find the one that put each loan into its place.
  std::vector<const BorrowEscapeFact *> Stores;
  FA.forEachFact([&](const Fact &Fa) {
    const auto *E = dyn_cast<BorrowEscapeFact>(&Fa);
    if (E && E->getPlace() && E->getInto() != BorrowEscapeFact::Into::Clear)
      Stores.push_back(E);
  });
  const SourceManager &SM = FA.context().getSourceManager();
  sortBySource(SM, Stores);
  llvm::SmallPtrSet<const BorrowEscapeFact *, 4> Done;
  for (const StoredLoan &SL : Stored) {
    const BorrowEscapeFact *Store = nullptr;
    for (const BorrowEscapeFact *E : Stores)
      if (*E->getPlace() == SL.Place && llvm::is_contained(Borrows.loansOf(E->getValue(), *E), SL.L)) {
        Store = E;
        break;
      }
    if (!Store || !Done.insert(Store).second || !Reported.insert(SL.L).second)
      continue;
    const Loan *L = SL.L;
    std::string Place = Objects.name(SL.Place);
    if (const Expr *Written = Store->getPlaceExpr()) {
      llvm::StringRef Text = Lexer::getSourceText(
          CharSourceRange::getTokenRange(Written->getSourceRange()), SM, FA.context().getLangOpts());
      if (!Text.empty() && Text.size() <= 40 && !Text.contains('\n'))
        Place = Text.str();
    }
    bool Temp = isTemporary(Objects, L->Owner);
    Finding F;
    F.RuleId = RuleId;
    F.Level = SL.OnEveryPath ? Confidence::Definite : Confidence::Maybe;
    F.Loc = Store->getStmt()->getBeginLoc();
    F.Function = compat::qualifiedName(FD);
    F.Message = fmt::format("{} {} live long enough: '{}' {} to it when the function returns",
                            describeOwner(Objects, L->Owner),
                            SL.OnEveryPath ? "does not" : "may not", Place,
                            SL.OnEveryPath ? "still refers" : "may still refer");
    F.Notes.push_back({L->Where->getBeginLoc(), "borrowed here"});
    const ScopeEndFact *End = nullptr;
    for (const Fact *C : SL.Causes)
      if ((End = dyn_cast<ScopeEndFact>(C)))
        break;
    if (End)
      F.Notes.push_back({scopeEndLoc(*End),
                         Temp ? std::string("temporary destroyed here")
                              : fmt::format("'{}' goes out of scope here",
                                            Objects.name(End->getObject()))});
    else if (!Temp && FD->getBody())
      F.Notes.push_back({FD->getBody()->getEndLoc(),
                         fmt::format("'{}' goes out of scope here",
                                     Objects.name(rootOf(Objects, L->Owner)))});
    Sink.report(std::move(F));
  }
}

} // namespace

void DanglingRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const BorrowAnalysis *Borrows = FA.borrows();
  if (!Borrows || !Borrows->hasBorrows())
    return;
  const ObjectTable &Objects = FA.objects();
  std::string Function = compat::qualifiedName(FA.decl());
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
    if (!E || E->getInto() != BorrowEscapeFact::Into::Return)
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

  reportStoresOutliving(id(), FA, *Borrows, Reported, Sink);
}

} // namespace ownership::rules
