//===- Borrows.cpp - Which loans each borrower holds, and which are dead --===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/core/Borrows.h"

#include "clang/Basic/SourceManager.h"

#include <algorithm>

using namespace clang;

namespace ownership {

BorrowAnalysis::BorrowAnalysis(const CFG &Cfg, const FactManager &Facts,
                               const ObjectTable &Objects, const SourceManager &SM)
    : ForwardDataflow(Cfg, Facts), Objects(Objects), SM(SM) {
  for (const CFGBlock *B : Cfg)
    for (const Fact *F : Facts.factsOf(*B))
      if (isa<BorrowFact>(F) || isa<BorrowEscapeFact>(F) || isa<InvalidateFact>(F))
        AnyBorrow = true;
}

BorrowState BorrowAnalysis::initialState() {
  return {OriginFactory.getEmptyMap(), DeadFactory.getEmptyMap(), LoanFactory.getEmptySet()};
}

BorrowState BorrowAnalysis::join(const BorrowState &A, const BorrowState &B) {
  if (A == B)
    return A;
  BorrowState R = A;
  for (const auto &[Borrower, Loans] : B.Origins) {
    const BorrowState::LoanSet *Mine = R.Origins.lookup(Borrower);
    BorrowState::LoanSet Merged = Mine ? *Mine : LoanFactory.getEmptySet();
    for (const Loan *L : Loans)
      Merged = LoanFactory.add(Merged, L);
    R.Origins = OriginFactory.add(R.Origins, Borrower, Merged);
  }
  for (const auto &[L, Causes] : B.Dead) {
    const BorrowState::FactSet *Mine = R.Dead.lookup(L);
    BorrowState::FactSet Merged = Mine ? *Mine : FactFactory.getEmptySet();
    for (const Fact *F : Causes)
      Merged = FactFactory.add(Merged, F);
    R.Dead = DeadFactory.add(R.Dead, L, Merged);
  }
  for (const Loan *L : A.MustDead)
    if (!B.MustDead.contains(L))
      R.MustDead = LoanFactory.remove(R.MustDead, L);
  return R;
}

BorrowState BorrowAnalysis::killLoan(const BorrowState &S, const Loan *L, const Fact *Cause) {
  BorrowState R = S;
  const BorrowState::FactSet *Old = R.Dead.lookup(L);
  R.Dead = DeadFactory.add(R.Dead, L,
                           FactFactory.add(Old ? *Old : FactFactory.getEmptySet(), Cause));
  R.MustDead = LoanFactory.add(R.MustDead, L);
  return R;
}

template <typename Pred>
BorrowState BorrowAnalysis::kill(const BorrowState &S, const Fact *Cause, Pred Ends) {
  BorrowState R = S;
  for (const auto &Entry : S.Origins)
    for (const Loan *L : Entry.second)
      if (Ends(L))
        R = killLoan(R, L, Cause);
  return R;
}

BorrowState BorrowAnalysis::transfer(const BorrowState &S, const BorrowFact &F) {
  BorrowState R = S;
  BorrowState::LoanSet Loans = LoanFactory.getEmptySet();
  for (const Loan *L : F.getValue().Loans) {
    Loans = LoanFactory.add(Loans, L);
    // Taking the loan again (a later loop iteration) starts it afresh.
    R.Dead = DeadFactory.remove(R.Dead, L);
    R.MustDead = LoanFactory.remove(R.MustDead, L);
  }
  for (ObjectID From : F.getValue().CopiedFrom)
    if (const BorrowState::LoanSet *Held = S.Origins.lookup(From))
      for (const Loan *L : *Held)
        Loans = LoanFactory.add(Loans, L);
  R.Origins = Loans.isEmpty() ? OriginFactory.remove(R.Origins, F.getBorrower())
                              : OriginFactory.add(R.Origins, F.getBorrower(), Loans);
  return R;
}

BorrowState BorrowAnalysis::transfer(const BorrowState &S, const InvalidateFact &F) {
  if (std::optional<ObjectID> Borrower = F.getBorrower()) {
    // `m.erase(it)`: `it` now holds only the erased element's iterator, which is invalid.
    BorrowState R = S;
    R.Origins = OriginFactory.add(R.Origins, *Borrower,
                                  LoanFactory.add(LoanFactory.getEmptySet(), F.getErased()));
    return killLoan(R, F.getErased(), &F);
  }
  if (S.Origins.isEmpty())
    return S;
  return kill(S, &F, [&](const Loan *L) {
    return L->Owner == F.getOwner() && F.invalidates(L->Class);
  });
}

BorrowState BorrowAnalysis::transfer(const BorrowState &S, const ScopeEndFact &F) {
  if (S.Origins.isEmpty())
    return S;
  ObjectID Gone = F.getObject();
  BorrowState R = kill(S, &F, [&](const Loan *L) { return Objects.contains(Gone, L->Owner); });
  // A borrower that goes out of scope holds nothing any more.
  for (const auto &Entry : S.Origins)
    if (Objects.contains(Gone, Entry.first))
      R.Origins = OriginFactory.remove(R.Origins, Entry.first);
  return R;
}

BorrowState BorrowAnalysis::transfer(const BorrowState &S, const ReinitFact &F) {
  // A borrower given a value we do not follow (an out-argument, a plain assignment whose
  // Borrow fact comes next) drops what it held.
  // FIXME: `it = std::next(it)` loses the loans of `it`: the Reinit comes before the
  // Borrow fact that copies them. A Borrow fact that carries the copied loans as of the
  // right-hand side's evaluation would fix it.
  if (S.Origins.isEmpty())
    return S;
  BorrowState R = S;
  for (const auto &Entry : S.Origins) {
    if (!Objects.contains(F.getObject(), Entry.first))
      continue;
    // `r = x` assigns through a reference; the reference keeps what it refers to.
    const clang::ValueDecl *D = Objects.node(Entry.first).Decl;
    if (D && D->getType()->isReferenceType())
      continue;
    R.Origins = OriginFactory.remove(R.Origins, Entry.first);
  }
  return R;
}

llvm::SmallVector<const Loan *, 4> BorrowAnalysis::loansHeld(ObjectID Borrower,
                                                             const Fact &At) const {
  llvm::SmallVector<const Loan *, 4> Out;
  const BorrowState *S = stateBefore(At);
  if (!S)
    return Out;
  if (const BorrowState::LoanSet *Held = S->Origins.lookup(Borrower))
    Out.append(Held->begin(), Held->end());
  return Out;
}

llvm::SmallVector<const Loan *, 4> BorrowAnalysis::loansOf(const BorrowedValue &V,
                                                           const Fact &At) const {
  llvm::SmallVector<const Loan *, 4> Out(V.Loans.begin(), V.Loans.end());
  for (ObjectID From : V.CopiedFrom)
    for (const Loan *L : loansHeld(From, At))
      if (!llvm::is_contained(Out, L))
        Out.push_back(L);
  return Out;
}

llvm::SmallVector<DeadLoan, 2> BorrowAnalysis::deadAmong(llvm::ArrayRef<const Loan *> Loans,
                                                         const Fact &At) const {
  llvm::SmallVector<DeadLoan, 2> Out;
  const BorrowState *S = stateBefore(At);
  if (!S || S->Dead.isEmpty())
    return Out;
  bool AllMust = llvm::all_of(Loans, [&](const Loan *L) { return S->MustDead.contains(L); });
  for (const Loan *L : Loans) {
    const BorrowState::FactSet *Causes = S->Dead.lookup(L);
    if (!Causes)
      continue;
    DeadLoan D;
    D.L = L;
    D.OnEveryPath = AllMust;
    D.Causes.append(Causes->begin(), Causes->end());
    std::sort(D.Causes.begin(), D.Causes.end(), [this](const Fact *A, const Fact *B) {
      return SM.isBeforeInTranslationUnit(A->getStmt()->getBeginLoc(),
                                          B->getStmt()->getBeginLoc());
    });
    Out.push_back(std::move(D));
  }
  return Out;
}

void BorrowAnalysis::dump(llvm::raw_ostream &OS) const {
  for (const CFGBlock *B : Cfg) {
    OS << "  B" << B->getBlockID() << ":";
    const BorrowState *S = stateAtEntry(*B);
    if (!S) {
      OS << " unreachable\n";
      continue;
    }
    OS << " borrows {";
    for (const auto &Entry : S->Origins) {
      OS << " " << Objects.name(Entry.first) << ":";
      for (const Loan *L : Entry.second)
        OS << " " << Objects.name(L->Owner) << (S->Dead.lookup(L) ? "(dead)" : "");
    }
    OS << " }\n";
  }
}

} // namespace ownership
