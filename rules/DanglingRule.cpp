//===- DanglingRule.cpp - ownership-dangling ------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/DanglingRule.h"

#include "rules/FindingBuilder.h"

#include "rules/BorrowDiagnostics.h"

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

bool isTemporary(const ObjectTable &Objects, ObjectID Owner) {
  return Objects.node(Objects.root(Owner)).K == StorageNode::Kind::Temporary;
}

/// `'s'` or `the temporary`, for messages.
std::string describeOwner(const ObjectTable &Objects, ObjectID Owner) {
  return isTemporary(Objects, Owner) ? "the temporary" : "'" + Objects.name(Owner) + "'";
}

/// "temporary destroyed here" or "'s' goes out of scope here", at \p End.
void noteScopeEnd(Report &F, const ObjectTable &Objects, const Loan &L, const ScopeEndFact &End) {
  F.note(scopeEndLoc(End), isTemporary(Objects, L.Owner)
                               ? std::string("temporary destroyed here")
                               : fmt::format("'{}' goes out of scope here",
                                             Objects.name(End.getObject())));
}

/// The store among \p Stores (in source order) that put \p SL's loan into its place.
const BorrowEscapeFact *storeOf(const StoredLoan &SL,
                                llvm::ArrayRef<const BorrowEscapeFact *> Stores,
                                const BorrowAnalysis &Borrows) {
  for (const BorrowEscapeFact *E : Stores)
    if (*E->getPlace() == SL.Place &&
        llvm::is_contained(Borrows.loansOf(E->getValue(), *E), SL.L))
      return E;
  return nullptr;
}

/// The place a store writes, as the user wrote it when that is short: `g_current`, `*out`.
std::string placeName(const FunctionAnalysis &FA, const BorrowEscapeFact &Store, ObjectID Place) {
  if (const Expr *Written = Store.getPlaceExpr()) {
    llvm::StringRef Text =
        Lexer::getSourceText(CharSourceRange::getTokenRange(Written->getSourceRange()),
                             FA.context().getSourceManager(), FA.context().getLangOpts());
    if (!Text.empty() && Text.size() <= 40 && !Text.contains('\n'))
      return Text.str();
  }
  return FA.objects().name(Place);
}

/// Borrows of the function's own storage left in places that outlive it when it returns
/// (a global, a field of `*this`, an out-parameter, a container that outlives the call).
void reportStoresOutliving(const FindingBuilder &Findings, const FunctionAnalysis &FA,
                           const BorrowAnalysis &Borrows,
                           llvm::SmallPtrSetImpl<const Loan *> &Reported) {
  const FunctionDecl *FD = FA.decl();
  // What main's locals lend to globals lives until the program ends.
  if (FD->isMain())
    return;
  const ObjectTable &Objects = FA.objects();
  std::vector<StoredLoan> Stored = Borrows.storedAtExit([&](const Loan *L) {
    return !Reported.count(L) && Objects.diesWithFrame(L->Owner, FD);
  });
  if (Stored.empty())
    return;
  std::vector<const BorrowEscapeFact *> Stores;
  FA.forEachFact([&](const Fact &Fa) {
    const auto *E = dyn_cast<BorrowEscapeFact>(&Fa);
    if (E && E->getPlace() && E->getInto() != BorrowEscapeFact::Into::Clear)
      Stores.push_back(E);
  });
  sortBySource(FA.context().getSourceManager(), Stores);
  llvm::SmallPtrSet<const BorrowEscapeFact *, 4> Done;
  for (const StoredLoan &SL : Stored) {
    const BorrowEscapeFact *Store = storeOf(SL, Stores, Borrows);
    // A container the function also removes from after the store: unknown, not a finding.
    if (!Store || Borrows.mayBeRemovedLater(*Store))
      continue;
    if (!Done.insert(Store).second || !Reported.insert(SL.L).second)
      continue;
    const Loan *L = SL.L;
    std::string Holder;
    if (Store->getInto() == BorrowEscapeFact::Into::Detach)
      Holder = "the thread detached here may still use it after the function returns";
    else if (isa_and_nonnull<FunctionDecl>(Objects.node(SL.Place).Decl))
      // `[[clang::lifetime_capture_by(global)]]`: the place is the storage the callee
      // keeps its argument in, named after the callee.
      Holder = fmt::format("'{}' {} a reference to it past {}", placeName(FA, *Store, SL.Place),
                           SL.OnEveryPath ? "keeps" : "may keep",
                           isTemporary(Objects, L->Owner) ? "the call" : "the function's return");
    else
      Holder = fmt::format("'{}' {} to it when the function returns",
                           placeName(FA, *Store, SL.Place),
                           SL.OnEveryPath ? "still refers" : "may still refer");
    Report F = Findings.report(Store->getStmt()->getBeginLoc(),
                               fmt::format("{} {} live long enough: {}",
                                           describeOwner(Objects, L->Owner),
                                           SL.OnEveryPath ? "does not" : "may not", Holder));
    F.maybe(!SL.OnEveryPath).note(L->Where->getBeginLoc(), "borrowed here");
    const ScopeEndFact *End = nullptr;
    for (const Fact *C : SL.Causes)
      if ((End = dyn_cast<ScopeEndFact>(C)))
        break;
    if (End)
      noteScopeEnd(F, Objects, *L, *End);
    else if (!isTemporary(Objects, L->Owner) && FD->getBody())
      F.note(FD->getBody()->getEndLoc(), fmt::format("'{}' goes out of scope here",
                                                     Objects.name(Objects.root(L->Owner))));
  }
}

/// True when ownership-use-after-free tells the story of \p D: the loan is of memory its
/// owner keeps outside itself and frees when it dies (`m = p.get()` of a std::unique_ptr),
/// and the heap analysis knows that memory was freed when the borrower is used. That rule
/// knows more (the memory was freed, also by a `reset()` the borrows do not see), so one
/// bug gives one finding, and it is that rule's.
bool freedMemoryUse(const FunctionAnalysis &FA, const DeadUse &D) {
  if (!D.Dead.L->MovesWithOwner)
    return false;
  const HeapAnalysis *Heap = FA.heap();
  return Heap && !Heap->freedBefore(*D.Use, D.Borrower).empty();
}

/// Uses of a borrower whose owner is gone.
void reportDeadUses(const FindingBuilder &Findings, const FunctionAnalysis &FA,
                    const BorrowAnalysis &Borrows, llvm::SmallPtrSetImpl<const Loan *> &Reported) {
  const ObjectTable &Objects = FA.objects();
  for (const DeadUse &D :
       findDeadUses(FA, Borrows, [](const Fact &F) { return isa<ScopeEndFact>(F); })) {
    const Loan *L = D.Dead.L;
    Reported.insert(L);
    if (freedMemoryUse(FA, D))
      continue;
    std::string Who = describeBorrower(Objects, D.Borrower);
    const char *Verb = D.Dead.OnEveryPath ? "used" : "may be used";
    Report F = Findings.report(
        D.Use->getStmt()->getBeginLoc(),
        isTemporary(Objects, L->Owner)
            ? fmt::format("{} {} after the temporary it borrows from was destroyed", Who, Verb)
            : fmt::format("{} {} after {}, which it borrows from, was destroyed", Who, Verb,
                          describeOwner(Objects, L->Owner)));
    F.maybe(!D.Dead.OnEveryPath).note(L->Where->getBeginLoc(), "borrowed here");
    noteScopeEnd(F, Objects, *L, *cast<ScopeEndFact>(D.Dead.Causes.front()));
  }
}

/// Borrows of the function's own storage that it returns.
void reportReturnedBorrows(const FindingBuilder &Findings, const FunctionAnalysis &FA,
                           const BorrowAnalysis &Borrows,
                           llvm::SmallPtrSetImpl<const Loan *> &Reported) {
  const ObjectTable &Objects = FA.objects();
  FA.forEachFact([&](const Fact &Fa) {
    const auto *E = dyn_cast<BorrowEscapeFact>(&Fa);
    if (!E || E->getInto() != BorrowEscapeFact::Into::Return)
      return;
    for (const Loan *L : Borrows.loansOf(E->getValue(), *E)) {
      if (Reported.count(L) || !Objects.diesWithFrame(L->Owner, FA.decl()))
        continue;
      // A loan that had already ended was reported at the use that returns it.
      if (!Borrows.deadAmong({L}, *E).empty())
        continue;
      Reported.insert(L);
      const char *What = Objects.node(Objects.root(L->Owner)).K == StorageNode::Kind::Param
                             ? "parameter"
                             : "local variable";
      Findings
          .report(E->getStmt()->getBeginLoc(),
                  isTemporary(Objects, L->Owner)
                      ? std::string("returned value borrows from a temporary that is destroyed "
                                    "at the end of the return statement")
                      : fmt::format("returned value borrows from {} '{}', which is destroyed "
                                    "when the function returns",
                                    What, Objects.name(L->Owner)))
          .note(L->Where->getBeginLoc(), "borrowed here");
      return; // one finding per return statement
    }
  });
}

} // namespace

void DanglingRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const BorrowAnalysis *Borrows = FA.borrows();
  if (!Borrows || !Borrows->hasBorrows())
    return;
  FindingBuilder Findings(id(), FA, Sink);
  llvm::SmallPtrSet<const Loan *, 8> Reported;
  reportDeadUses(Findings, FA, *Borrows, Reported);
  reportReturnedBorrows(Findings, FA, *Borrows, Reported);
  reportStoresOutliving(Findings, FA, *Borrows, Reported);
}

} // namespace ownership::rules
