//===- Borrows.h - Which loans each borrower holds, and which are dead ----===//
//
// Part of ownership-checker, under the MIT license.
//
// A forward dataflow pass over Borrow, Invalidate, ScopeEnd and Reinit facts. Its state
// maps each borrower (pointer, reference, view, iterator, closure) to the loans it may
// hold, and each loan that has ended (its owner went out of scope, its temporary was
// destroyed, an operation invalidated it) to the facts that ended it. The dangling and
// invalidated-reference rules read it at uses and escapes.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_PASSES_BORROWS_H
#define OWNERSHIP_CHECKER_PASSES_BORROWS_H

#include "checker/passes/Dataflow.h"

#include "llvm/ADT/ImmutableMap.h"
#include "llvm/ADT/ImmutableSet.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <vector>

namespace ownership::passes {

/// The borrows at one program point.
struct BorrowState {
  using LoanSet = llvm::ImmutableSet<const model::Loan *>;
  using FactSet = llvm::ImmutableSet<const model::Fact *>;
  /// Borrower -> the loans it may hold.
  llvm::ImmutableMap<model::ObjectID, LoanSet> Origins;
  /// Loan -> the ScopeEnd or Invalidate facts that ended it, on some path.
  llvm::ImmutableMap<const model::Loan *, FactSet> Dead;
  /// The loans ended on every path. A subset of Dead's keys.
  LoanSet MustDead;
  /// Place outside the frame (BorrowEscapeFact::getPlace()) -> the loans stored into it,
  /// on some path.
  llvm::ImmutableMap<model::ObjectID, LoanSet> Stored;
  /// The same, on every path.
  llvm::ImmutableMap<model::ObjectID, LoanSet> MustStored;

  bool operator==(const BorrowState &O) const {
    return Origins == O.Origins && Dead == O.Dead && MustDead == O.MustDead &&
           Stored == O.Stored && MustStored == O.MustStored;
  }
  bool operator!=(const BorrowState &O) const { return !(*this == O); }
};

/// A loan that had ended when a borrower holding it was used.
struct DeadLoan {
  const model::Loan *L = nullptr;
  /// True when the loan had ended on every path, and every loan the borrower may hold
  /// had ended.
  bool OnEveryPath = false;
  /// The facts that ended it, in source order.
  llvm::SmallVector<const model::Fact *, 2> Causes;
};

/// A loan of the function's own storage still held by a place outside the frame when the
/// function returns.
struct StoredLoan {
  model::ObjectID Place;
  const model::Loan *L = nullptr;
  /// True when the place holds the loan on every path that returns.
  bool OnEveryPath = false;
  /// The facts that ended the loan before the function returned (the owner's scope end),
  /// in source order; empty for a parameter, which dies when the function returns.
  llvm::SmallVector<const model::Fact *, 2> Causes;
};

/// The factories of BorrowState's containers; a base of BorrowAnalysis so that they
/// outlive the states the driver keeps.
///
/// The maps are not canonicalized. A canonicalizing factory looks every new tree up by
/// its digest and compares it element by element with the tree it finds: whenever a
/// state returns to an earlier one (a borrower goes out of scope, a loan is taken
/// again), that costs the size of the whole map, so N lambdas capturing by reference
/// cost N^2 at their scope's end. State comparisons stay exact without it: operator==
/// compares contents, skipping the subtrees two states share.
struct BorrowStateFactories {
  BorrowState::LoanSet::Factory LoanFactory;
  BorrowState::FactSet::Factory FactFactory;
  llvm::ImmutableMap<model::ObjectID, BorrowState::LoanSet>::Factory OriginFactory{
      /*canonicalize=*/false};
  llvm::ImmutableMap<const model::Loan *, BorrowState::FactSet>::Factory DeadFactory{
      /*canonicalize=*/false};
};

/// The borrow analysis of one function.
class BorrowAnalysis : private BorrowStateFactories,
                       public ForwardDataflow<BorrowAnalysis, BorrowState> {
public:
  BorrowAnalysis(const clang::CFG &Cfg, const model::FactManager &Facts,
                 const model::ObjectTable &Objects, const clang::SourceManager &SM);

  BorrowState initialState();
  BorrowState join(const BorrowState &A, const BorrowState &B);
  using ForwardDataflow::transfer;
  BorrowState transfer(const BorrowState &S, const model::BorrowFact &F);
  BorrowState transfer(const BorrowState &S, const model::InvalidateFact &F);
  BorrowState transfer(const BorrowState &S, const model::ScopeEndFact &F);
  BorrowState transfer(const BorrowState &S, const model::ReinitFact &F);
  BorrowState transfer(const BorrowState &S, const model::BorrowEscapeFact &F);

  /// The loans borrower \p Borrower may hold just before \p At.
  llvm::SmallVector<const model::Loan *, 4> loansHeld(model::ObjectID Borrower,
                                                      const model::Fact &At) const;
  /// The loans value \p V carries just before \p At: its fresh loans and those of the
  /// borrowers it copies.
  llvm::SmallVector<const model::Loan *, 4> loansOf(const model::BorrowedValue &V,
                                                    const model::Fact &At) const;
  /// The ended loans among \p Loans just before \p At; OnEveryPath also requires that all
  /// of \p Loans ended.
  llvm::SmallVector<DeadLoan, 2> deadAmong(llvm::ArrayRef<const model::Loan *> Loans,
                                           const model::Fact &At) const;
  /// The loans that places outside the frame hold when the function returns, for which
  /// \p Local holds (the owner dies with the frame).
  std::vector<StoredLoan> storedAtExit(llvm::function_ref<bool(const model::Loan *)> Local) const;
  /// True when \p Store adds to a container (`writers_.push_back(&w)`) from which a
  /// removal (`pop_front`, `erase`, `clear`) may run after it: whether that takes out what
  /// Store put in is unknown (a queue whose leader pops the entries of others).
  bool mayBeRemovedLater(const model::BorrowEscapeFact &Store) const;
  /// True when some borrower holds a loan at any point (rules skip functions without).
  bool hasBorrows() const { return AnyBorrow; }

  void dump(llvm::raw_ostream &OS) const;

private:
  /// Marks the loans among \p Candidates for which \p Ends holds as ended by \p Cause.
  /// A loan no borrower holds may be marked too: nothing can hold it again without a
  /// Borrow fact, which starts it afresh, so the mark is never seen.
  template <typename Pred>
  BorrowState kill(const BorrowState &S, const model::Fact *Cause,
                   llvm::ArrayRef<const model::Loan *> Candidates, Pred Ends);
  /// The loans of this function that borrow \p O or a part of it; empty when none do.
  llvm::ArrayRef<const model::Loan *> loansWithin(model::ObjectID O) const;
  BorrowState killLoan(const BorrowState &S, const model::Loan *L, const model::Fact *Cause);
  /// The loans value \p V carries in state \p R (whose borrowers have not been given V
  /// yet); its fresh loans start afresh in \p R.
  BorrowState::LoanSet takeLoans(BorrowState &R, const model::BorrowedValue &V);
  /// Joins the maps of two states: union of the loan sets, or (\p Must) intersection.
  llvm::ImmutableMap<model::ObjectID, BorrowState::LoanSet>
  joinMaps(const llvm::ImmutableMap<model::ObjectID, BorrowState::LoanSet> &A,
           const llvm::ImmutableMap<model::ObjectID, BorrowState::LoanSet> &B, bool Must);

  const model::ObjectTable &Objects;
  const clang::SourceManager &SM;
  bool AnyBorrow = false;
  /// Reinit facts that a Borrow fact of the same statement and object follows.
  llvm::SmallPtrSet<const model::Fact *, 8> ReplacedByBorrow;
  /// By object index, the loans of this function that borrow the object or a part of
  /// it: what its scope end or an invalidation of it can end, found without walking
  /// every borrower (which made functions with thousands of references quadratic).
  llvm::DenseMap<uint32_t, llvm::SmallVector<const model::Loan *, 2>> LoansWithin;
};

} // namespace ownership::passes

#endif // OWNERSHIP_CHECKER_PASSES_BORROWS_H
