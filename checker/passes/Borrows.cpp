//===- Borrows.cpp - Which loans each borrower holds, and which are dead --===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/passes/Borrows.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"

#include <algorithm>

using namespace ownership::model;

using namespace clang;

namespace ownership::passes {

BorrowAnalysis::BorrowAnalysis(const CFG &Cfg, const FactManager &Facts,
                               const ObjectTable &Objects, const SourceManager &SM)
    : ForwardDataflow(Cfg, Facts), Objects(Objects), SM(SM) {
  llvm::SmallPtrSet<const Loan *, 16> Seen;
  auto NoteOwner = [&](const Loan *L) {
    if (!Seen.insert(L).second)
      return;
    for (std::optional<ObjectID> Cur = L->Owner; Cur; Cur = Objects.node(*Cur).Parent)
      LoansWithin[Cur->Value].push_back(L);
  };
  for (const CFGBlock *B : Cfg) {
    llvm::ArrayRef<const Fact *> BlockFacts = Facts.factsOf(*B);
    // Where the last Borrow fact of each (statement, borrower) of the block is.
    llvm::DenseMap<std::pair<const Stmt *, uint32_t>, size_t> LastBorrow;
    for (size_t I = 0; I < BlockFacts.size(); ++I) {
      const Fact *F = BlockFacts[I];
      if (isa<BorrowFact>(F) || isa<BorrowEscapeFact>(F) || isa<InvalidateFact>(F))
        AnyBorrow = true;
      // Loans come only from these three kinds of facts.
      if (const auto *Bo = dyn_cast<BorrowFact>(F)) {
        LastBorrow[{Bo->getStmt(), Bo->getBorrower().Value}] = I;
        llvm::for_each(Bo->getValue().Loans, NoteOwner);
      } else if (const auto *Es = dyn_cast<BorrowEscapeFact>(F)) {
        llvm::for_each(Es->getValue().Loans, NoteOwner);
      } else if (const auto *In = dyn_cast<InvalidateFact>(F)) {
        if (In->getErased())
          NoteOwner(In->getErased());
      }
    }
    // `it = std::next(it)`: the lowering gives `it` a new value (Reinit) before the
    // Borrow fact that says what that value borrows, which copies the loans `it` held
    // while the right-hand side was evaluated. The Borrow fact replaces what `it` held
    // anyway, so the Reinit is skipped and the copy sees the old loans.
    for (size_t I = 0; I < BlockFacts.size(); ++I)
      if (const auto *Re = dyn_cast<ReinitFact>(BlockFacts[I])) {
        auto It = LastBorrow.find({Re->getStmt(), Re->getObject().Value});
        if (It != LastBorrow.end() && It->second > I)
          ReplacedByBorrow.insert(Re);
      }
  }
}

BorrowState BorrowAnalysis::initialState() {
  return {OriginFactory.getEmptyMap(), DeadFactory.getEmptyMap(), LoanFactory.getEmptySet(),
          OriginFactory.getEmptyMap(), OriginFactory.getEmptyMap(), LoanFactory.getEmptySet()};
}

llvm::ImmutableMap<ObjectID, BorrowState::LoanSet>
BorrowAnalysis::joinMaps(const llvm::ImmutableMap<ObjectID, BorrowState::LoanSet> &A,
                         const llvm::ImmutableMap<ObjectID, BorrowState::LoanSet> &B,
                         bool Must) {
  if (A == B)
    return A;
  llvm::ImmutableMap<ObjectID, BorrowState::LoanSet> R = A;
  if (Must) {
    for (const auto &[Key, Loans] : A) {
      const BorrowState::LoanSet *Theirs = B.lookup(Key);
      if (!Theirs) {
        R = OriginFactory.remove(R, Key);
        continue;
      }
      BorrowState::LoanSet Common = Loans;
      for (const Loan *L : Loans)
        if (!Theirs->contains(L))
          Common = LoanFactory.remove(Common, L);
      R = Common.isEmpty() ? OriginFactory.remove(R, Key) : OriginFactory.add(R, Key, Common);
    }
    return R;
  }
  for (const auto &[Key, Loans] : B) {
    const BorrowState::LoanSet *Mine = R.lookup(Key);
    BorrowState::LoanSet Merged = Mine ? *Mine : LoanFactory.getEmptySet();
    for (const Loan *L : Loans)
      Merged = LoanFactory.add(Merged, L);
    R = OriginFactory.add(R, Key, Merged);
  }
  return R;
}

llvm::DenseSet<const Loan *> BorrowAnalysis::heldLoans(const BorrowState &S) {
  llvm::DenseSet<const Loan *> Held;
  for (const auto &Entry : S.Origins)
    Held.insert(Entry.second.begin(), Entry.second.end());
  for (const auto &Entry : S.Stored)
    Held.insert(Entry.second.begin(), Entry.second.end());
  return Held;
}

BorrowState BorrowAnalysis::dropUnheldDead(const BorrowState &S, const BorrowState &Other) {
  // Only the loans that died on S's paths and not on Other's matter: the others are
  // dead on both sides and stay so.
  llvm::SmallVector<const Loan *, 4> OnlyHere;
  for (const auto &Entry : S.Dead)
    if (!Other.Dead.lookup(Entry.first))
      OnlyHere.push_back(Entry.first);
  if (OnlyHere.empty())
    return S;
  llvm::DenseSet<const Loan *> Held = heldLoans(S);
  BorrowState R = S;
  for (const Loan *L : OnlyHere)
    if (!Held.count(L)) {
      R.Dead = DeadFactory.remove(R.Dead, L);
      R.MustDead = LoanFactory.remove(R.MustDead, L);
    }
  return R;
}

BorrowState BorrowAnalysis::join(const BorrowState &InA, const BorrowState &InB) {
  if (InA == InB)
    return InA;
  // A loan that ended on one side's paths while no borrower there holds it any more
  // (`it = m.find(k)` invalidated by `m.insert(...)`, then `it` re-seated from a value we
  // do not follow) says nothing about the borrowers of the other side, which may hold it
  // alive: its end is dropped before the maps are merged, or `it` would seem to hold a
  // dead loan after the join although no path has both.
  BorrowState A = dropUnheldDead(InA, InB);
  BorrowState B = dropUnheldDead(InB, InA);
  BorrowState R = A;
  R.Origins = joinMaps(A.Origins, B.Origins, /*Must=*/false);
  R.Stored = joinMaps(A.Stored, B.Stored, /*Must=*/false);
  R.MustStored = joinMaps(A.MustStored, B.MustStored, /*Must=*/true);
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
  for (const Loan *L : B.MovedAway)
    R.MovedAway = LoanFactory.add(R.MovedAway, L);
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
BorrowState BorrowAnalysis::kill(const BorrowState &S, const Fact *Cause,
                                 llvm::ArrayRef<const Loan *> Candidates, Pred Ends) {
  BorrowState R = S;
  for (const Loan *L : Candidates)
    if (!S.MovedAway.contains(L) && Ends(L))
      R = killLoan(R, L, Cause);
  return R;
}

llvm::ArrayRef<const Loan *> BorrowAnalysis::loansWithin(ObjectID O) const {
  auto It = LoansWithin.find(O.Value);
  return It == LoansWithin.end() ? llvm::ArrayRef<const Loan *>() : It->second;
}

BorrowState::LoanSet BorrowAnalysis::takeLoans(BorrowState &R, const BorrowedValue &V) {
  BorrowState::LoanSet Loans = LoanFactory.getEmptySet();
  for (const Loan *L : V.Loans) {
    Loans = LoanFactory.add(Loans, L);
    // Taking the loan again (a later loop iteration) starts it afresh.
    R.Dead = DeadFactory.remove(R.Dead, L);
    R.MustDead = LoanFactory.remove(R.MustDead, L);
    R.MovedAway = LoanFactory.remove(R.MovedAway, L);
  }
  for (ObjectID From : V.CopiedFrom)
    if (const BorrowState::LoanSet *Held = R.Origins.lookup(From))
      for (const Loan *L : *Held)
        Loans = LoanFactory.add(Loans, L);
  return Loans;
}

BorrowState BorrowAnalysis::transfer(const BorrowState &S, const BorrowFact &F) {
  BorrowState R = S;
  BorrowState::LoanSet Loans = takeLoans(R, F.getValue());
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
  if (S.Origins.isEmpty() && S.Stored.isEmpty())
    return S;
  return kill(S, &F, loansWithin(F.getOwner()), [&](const Loan *L) {
    return L->Owner == F.getOwner() && F.covers(*L);
  });
}

BorrowState BorrowAnalysis::transfer(const BorrowState &S, const ScopeEndFact &F) {
  if (S.Origins.isEmpty() && S.Stored.isEmpty())
    return S;
  ObjectID Gone = F.getObject();
  BorrowState R = kill(S, &F, loansWithin(Gone), [](const Loan *) { return true; });
  // A borrower that goes out of scope holds nothing any more.
  for (ObjectID Borrower : Objects.keysWithin(S.Origins, Gone))
    R.Origins = OriginFactory.remove(R.Origins, Borrower);
  return R;
}

BorrowState BorrowAnalysis::transfer(const BorrowState &S, const ReinitFact &F) {
  BorrowState R = S;
  ObjectID Obj = F.getObject();
  // A place given a value we do not follow (`*this` passed to a non-const member
  // function, a container passed by reference) may have dropped what was stored in it;
  // forgetting the stores can only miss findings.
  for (ObjectID Place : Objects.keysWithin(S.Stored, Obj)) {
    R.Stored = OriginFactory.remove(R.Stored, Place);
    R.MustStored = OriginFactory.remove(R.MustStored, Place);
  }
  // A borrower given a value we do not follow (an out-argument, a plain assignment whose
  // Borrow fact comes next) drops what it held.
  if (S.Origins.isEmpty() || ReplacedByBorrow.count(&F))
    return R;
  for (ObjectID Borrower : Objects.keysWithin(S.Origins, Obj)) {
    // `r = x` assigns through a reference; the reference keeps what it refers to.
    const clang::ValueDecl *D = Objects.node(Borrower).Decl;
    if (D && D->getType()->isReferenceType())
      continue;
    R.Origins = OriginFactory.remove(R.Origins, Borrower);
  }
  return R;
}

BorrowState BorrowAnalysis::transfer(const BorrowState &S, const BorrowEscapeFact &F) {
  std::optional<ObjectID> Place = F.getPlace();
  if (F.getInto() == BorrowEscapeFact::Into::Return || !Place)
    return S;
  BorrowState R = S;
  if (F.getInto() == BorrowEscapeFact::Into::Clear) {
    R.Stored = OriginFactory.remove(R.Stored, *Place);
    R.MustStored = OriginFactory.remove(R.MustStored, *Place);
    return R;
  }
  BorrowState::LoanSet Loans = takeLoans(R, F.getValue());
  // Storage whose owner was moved away is no longer the frame's to lose.
  for (const Loan *L : R.MovedAway)
    Loans = LoanFactory.remove(Loans, L);
  auto Update = [&](llvm::ImmutableMap<ObjectID, BorrowState::LoanSet> &Map) {
    BorrowState::LoanSet New = Loans;
    if (F.getInto() == BorrowEscapeFact::Into::Add ||
        F.getInto() == BorrowEscapeFact::Into::Detach)
      if (const BorrowState::LoanSet *Old = Map.lookup(*Place))
        for (const Loan *L : *Old)
          New = LoanFactory.add(New, L);
    Map = New.isEmpty() ? OriginFactory.remove(Map, *Place) : OriginFactory.add(Map, *Place, New);
  };
  Update(R.Stored);
  Update(R.MustStored);
  return R;
}

BorrowState BorrowAnalysis::transfer(const BorrowState &S, const MoveFact &F) {
  // `refs_.push_back(std::move(p))` after `Marker &m = *p;`: the Marker now belongs to
  // refs_, so p's scope end does not end m's loan, and a place that keeps &m keeps
  // storage that outlives the frame as far as we can tell.
  llvm::SmallVector<const Loan *, 4> Moving;
  for (const Loan *L : loansWithin(F.getObject()))
    if (L->MovesWithOwner && !S.MovedAway.contains(L))
      Moving.push_back(L);
  if (Moving.empty())
    return S;
  BorrowState R = S;
  for (const Loan *L : Moving)
    R.MovedAway = LoanFactory.add(R.MovedAway, L);
  auto Forget = [&](llvm::ImmutableMap<ObjectID, BorrowState::LoanSet> &Map) {
    const llvm::ImmutableMap<ObjectID, BorrowState::LoanSet> Before = Map;
    for (const auto &[Place, Loans] : Before) {
      BorrowState::LoanSet Kept = Loans;
      for (const Loan *L : Moving)
        Kept = LoanFactory.remove(Kept, L);
      if (Kept != Loans)
        Map = Kept.isEmpty() ? OriginFactory.remove(Map, Place)
                             : OriginFactory.add(Map, Place, Kept);
    }
  };
  Forget(R.Stored);
  Forget(R.MustStored);
  return R;
}

std::vector<StoredLoan>
BorrowAnalysis::storedAtExit(llvm::function_ref<bool(const Loan *)> Local) const {
  std::vector<StoredLoan> Out;
  const BorrowState *S = stateAtEntry(Cfg.getExit());
  if (!S)
    return Out;
  for (const auto &[Place, Loans] : S->Stored) {
    const BorrowState::LoanSet *Must = S->MustStored.lookup(Place);
    for (const Loan *L : Loans) {
      if (!Local(L))
        continue;
      StoredLoan SL{Place, L, Must && Must->contains(L), {}};
      if (const BorrowState::FactSet *Causes = S->Dead.lookup(L))
        SL.Causes.append(Causes->begin(), Causes->end());
      sortBySource(SM, SL.Causes);
      Out.push_back(std::move(SL));
    }
  }
  std::sort(Out.begin(), Out.end(), [this](const StoredLoan &A, const StoredLoan &B) {
    return SM.isBeforeInTranslationUnit(A.L->Where->getBeginLoc(), B.L->Where->getBeginLoc());
  });
  return Out;
}

bool BorrowAnalysis::mayBeRemovedLater(const BorrowEscapeFact &Store) const {
  if (Store.getInto() != BorrowEscapeFact::Into::Add || !Store.getPlace())
    return false;
  auto IsRemoval = [&](const Fact *F) {
    const auto *E = llvm::dyn_cast<BorrowEscapeFact>(F);
    return E && E->getInto() == BorrowEscapeFact::Into::Clear && E->getPlace() == Store.getPlace();
  };
  // The removals later in the store's own block, then those of the blocks it reaches.
  const CFGBlock *From = nullptr;
  for (const CFGBlock *B : Cfg) {
    llvm::ArrayRef<const Fact *> BF = Facts.factsOf(*B);
    auto It = llvm::find(BF, &Store);
    if (It == BF.end())
      continue;
    if (std::any_of(It + 1, BF.end(), IsRemoval))
      return true;
    From = B;
    break;
  }
  if (!From)
    return false;
  llvm::BitVector Seen(Cfg.getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> Work;
  auto Push = [&](const CFGBlock *B) {
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (const CFGBlock *S = Succ.getReachableBlock(); S && !Seen.test(S->getBlockID())) {
        Seen.set(S->getBlockID());
        Work.push_back(S);
      }
  };
  Push(From);
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (llvm::any_of(Facts.factsOf(*B), IsRemoval))
      return true;
    Push(B);
  }
  return false;
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
    sortBySource(SM, D.Causes);
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
    auto Print = [&](const char *Title,
                     const llvm::ImmutableMap<ObjectID, BorrowState::LoanSet> &Map) {
      OS << " " << Title << " {";
      for (const auto &Entry : Map) {
        OS << " " << Objects.name(Entry.first) << ":";
        for (const Loan *L : Entry.second)
          OS << " " << Objects.name(L->Owner) << (S->Dead.lookup(L) ? "(dead)" : "");
      }
      OS << " }";
    };
    Print("borrows", S->Origins);
    if (!S->Stored.isEmpty())
      Print("stored", S->Stored);
    OS << "\n";
  }
}

} // namespace ownership::passes
