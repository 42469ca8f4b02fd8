//===- Dataflow.h - A small forward dataflow driver over facts ------------===//
//
// Part of ownership-checker, under the MIT license.
//
// One CRTP driver for all passes over facts. A pass supplies its Lattice, initialState(),
// join() and transfer() for each fact; the driver iterates the CFG in reverse post-order
// to a fixed point and keeps the state before every fact, so that rules can ask for the
// state at any program point without walking the CFG.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_PASSES_DATAFLOW_H
#define OWNERSHIP_CHECKER_PASSES_DATAFLOW_H

#include "checker/passes/AnalysisBudget.h"
#include "checker/model/Facts.h"

#include "clang/AST/Expr.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <vector>

namespace ownership::passes {

/// Forward dataflow over the facts of one function.
///
/// Derived must provide:
///   Lattice initialState();                          // at function entry
///   Lattice join(const Lattice &, const Lattice &);  // where paths meet
/// and, for each fact kind it cares about, an overload
///   Lattice transfer(const Lattice &, const MoveFact &);
/// with `using ForwardDataflow::transfer;` so that the other kinds fall back to the
/// default below, which leaves the state unchanged. A pass may also hide refineEdge() to
/// give each successor edge of a branch its own state. No state leaves a block whose path
/// ends (FactManager::endsPath()). Lattice must be equality-comparable
/// and cheap to copy.
template <typename Derived, typename LatticeT> class ForwardDataflow {
public:
  using Lattice = LatticeT;

  ForwardDataflow(const clang::CFG &Cfg, const model::FactManager &Facts)
      : Cfg(Cfg), Facts(Facts) {}

  /// Runs to a fixed point. Returns false when it gave up after \p MaxBlockVisits block
  /// visits, or when \p Budget (a block visited and each fact applied is a step) ran out:
  /// a pathological function. The states are then not to be used.
  bool run(unsigned MaxBlockVisits, AnalysisBudget *Budget = nullptr) {
    clang::PostOrderCFGView POV(&Cfg);
    clang::ForwardDataflowWorklist Worklist(Cfg, &POV);
    std::vector<std::optional<Lattice>> Out(Cfg.getNumBlockIDs());
    In.assign(Cfg.getNumBlockIDs(), std::nullopt);

    Worklist.enqueueBlock(&Cfg.getEntry());
    unsigned Visits = 0;
    while (const clang::CFGBlock *B = Worklist.dequeue()) {
      if (++Visits > MaxBlockVisits)
        return false;
      if (Budget && !Budget->charge(1 + Facts.factsOf(*B).size()))
        return false;
      std::optional<Lattice> BlockIn;
      if (B == &Cfg.getEntry())
        BlockIn = derived().initialState();
      for (const clang::CFGBlock *Pred : B->preds()) {
        if (!Pred || !Out[Pred->getBlockID()])
          continue;
        // A path that ended in Pred (a call that does not return, a throw) goes nowhere.
        if (Facts.endsPath(*Pred))
          continue;
        // One state per edge: a pass may refine what flows along each successor edge of
        // Pred (the branch condition holds on one, fails on the other).
        unsigned Index = 0;
        for (const clang::CFGBlock::AdjacentBlock &Succ : Pred->succs()) {
          unsigned ThisIndex = Index++;
          if (Succ.getReachableBlock() != B)
            continue;
          if (isShortCircuitJoin(*Pred)) {
            joinThroughShortCircuit(BlockIn, *Pred, ThisIndex, Out);
            continue;
          }
          std::optional<Lattice> Edge =
              derived().refineEdge(*Out[Pred->getBlockID()], *Pred, ThisIndex);
          if (!Edge)
            continue;
          BlockIn = BlockIn ? derived().join(*BlockIn, *Edge) : std::move(*Edge);
        }
      }
      if (!BlockIn)
        continue;
      In[B->getBlockID()] = BlockIn;
      Lattice State = *BlockIn;
      for (const model::Fact *F : Facts.factsOf(*B))
        State = apply(State, *F);
      std::optional<Lattice> &Old = Out[B->getBlockID()];
      // The successors of a short-circuit join read its predecessors' states directly:
      // they are revisited even when the join's own state did not change.
      if (Old && *Old == State && !isShortCircuitJoin(*B))
        continue;
      Old = std::move(State);
      Worklist.enqueueSuccessors(B);
    }
    // Record the state before each fact, from the fixed point's block entry states. The
    // map is sized once: growing it by rehashing cost a large function a quarter of
    // this pass.
    size_t Recorded = 0;
    for (const clang::CFGBlock *B : Cfg)
      if (In[B->getBlockID()])
        Recorded += Facts.factsOf(*B).size();
    Before.reserve(Recorded);
    for (const clang::CFGBlock *B : Cfg) {
      if (!In[B->getBlockID()])
        continue; // unreachable
      if (Budget && !Budget->charge(Facts.factsOf(*B).size()))
        return false;
      Lattice State = *In[B->getBlockID()];
      for (const model::Fact *F : Facts.factsOf(*B)) {
        Before.try_emplace(F, State);
        State = apply(State, *F);
      }
    }
    return true;
  }

  /// The default effect of a fact: none.
  template <typename FactT> Lattice transfer(const Lattice &S, const FactT &) { return S; }

  /// The state that flows from block \p From along its successor edge number
  /// \p SuccIndex (0 is the "true" branch of a condition); std::nullopt when the pass
  /// knows the edge cannot be taken. The default passes the state on unchanged; a pass
  /// that refines states on branch conditions hides it with its own.
  std::optional<Lattice> refineEdge(const Lattice &S, const clang::CFGBlock &From,
                                    unsigned SuccIndex) {
    return S;
  }

  /// The state after \p F, given the state \p Before it: the transfer of F's kind.
  Lattice applyFact(const Lattice &Before, const model::Fact &F) { return apply(Before, F); }

  /// The state just before \p F; null when F is unreachable.
  const Lattice *stateBefore(const model::Fact &F) const {
    auto It = Before.find(&F);
    return It == Before.end() ? nullptr : &It->second;
  }

  /// The state on entry to block \p B; null when B is unreachable.
  const Lattice *stateAtEntry(const clang::CFGBlock &B) const {
    const std::optional<Lattice> &S = In[B.getBlockID()];
    return S ? &*S : nullptr;
  }

protected:
  const clang::CFG &Cfg;
  const model::FactManager &Facts;

private:
  Derived &derived() { return static_cast<Derived &>(*this); }

  /// A block that branches on `a && b` (or `||`) and is reached both from the block that
  /// evaluated `a` (along its short-circuit edge) and from the one that evaluated `b`:
  /// clang builds one for a do-while's condition and for some nested conditions. Joining
  /// its predecessors there would lose which of them decided the branch.
  static bool isShortCircuitJoin(const clang::CFGBlock &B) {
    if (B.succ_size() != 2)
      return false;
    if (const auto *T = llvm::dyn_cast_or_null<clang::BinaryOperator>(B.getTerminatorStmt());
        T && T->isLogicalOp())
      return false; // a block evaluating an operand, not the final branch
    const auto *Cond = llvm::dyn_cast_or_null<clang::Expr>(B.getTerminatorCondition());
    const auto *BO =
        Cond ? llvm::dyn_cast<clang::BinaryOperator>(Cond->IgnoreParenImpCasts()) : nullptr;
    return BO && BO->isLogicalOp();
  }

  /// The value of \p E when the operand block whose terminator is \p Op left along its
  /// short-circuit edge, so that \p Op's value is \p OpValue; std::nullopt when E's value
  /// still depends on what was evaluated after.
  static std::optional<bool> valueAfterShortCircuit(const clang::Expr *E,
                                                    const clang::BinaryOperator *Op,
                                                    bool OpValue) {
    E = E->IgnoreParenImpCasts();
    if (E == Op)
      return OpValue;
    if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E);
        UO && UO->getOpcode() == clang::UO_LNot) {
      std::optional<bool> V = valueAfterShortCircuit(UO->getSubExpr(), Op, OpValue);
      return V ? std::optional<bool>(!*V) : std::nullopt;
    }
    const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E);
    if (!BO || !BO->isLogicalOp())
      return std::nullopt;
    bool Decisive = BO->getOpcode() == clang::BO_LOr; // the LHS value that skips the RHS
    if (std::optional<bool> L = valueAfterShortCircuit(BO->getLHS(), Op, OpValue))
      return *L == Decisive ? std::optional<bool>(Decisive) : std::nullopt;
    // Evaluating the RHS at all means the LHS did not decide: the RHS's value is E's.
    return valueAfterShortCircuit(BO->getRHS(), Op, OpValue);
  }

  /// Joins into \p BlockIn what flows from the short-circuit join \p P along its successor
  /// \p PIndex, one predecessor of P at a time: a predecessor that decided the condition
  /// by short-circuit reaches only the successor of that value, without P's own
  /// refinement (which tests the last operand); the others go through P as usual.
  void joinThroughShortCircuit(std::optional<Lattice> &BlockIn, const clang::CFGBlock &P,
                               unsigned PIndex,
                               const std::vector<std::optional<Lattice>> &Out) {
    const auto *Cond = llvm::cast<clang::Expr>(P.getTerminatorCondition());
    for (const clang::CFGBlock *Q : P.preds()) {
      if (!Q || !Out[Q->getBlockID()] || Facts.endsPath(*Q))
        continue;
      const auto *Op = llvm::dyn_cast_or_null<clang::BinaryOperator>(Q->getTerminatorStmt());
      unsigned QIndex = 0;
      for (const clang::CFGBlock::AdjacentBlock &Succ : Q->succs()) {
        unsigned ThisQIndex = QIndex++;
        if (Succ.getReachableBlock() != &P)
          continue;
        std::optional<Lattice> Edge = derived().refineEdge(*Out[Q->getBlockID()], *Q, ThisQIndex);
        if (!Edge)
          continue;
        for (const model::Fact *F : Facts.factsOf(P))
          Edge = apply(*Edge, *F);
        std::optional<bool> Known;
        // Successor 0 of an operand block evaluates the next operand; 1 short-circuits
        // an `&&` (false), 0 short-circuits an `||` (true).
        if (Op && Op->isLogicalOp() && (ThisQIndex == 1) == (Op->getOpcode() == clang::BO_LAnd))
          Known = valueAfterShortCircuit(Cond, Op, Op->getOpcode() == clang::BO_LOr);
        if (Known) {
          if (*Known != (PIndex == 0))
            continue;
        } else {
          Edge = derived().refineEdge(*Edge, P, PIndex);
          if (!Edge)
            continue;
        }
        BlockIn = BlockIn ? derived().join(*BlockIn, *Edge) : std::move(*Edge);
      }
    }
  }

  /// Calls the Derived overload for F's kind. The one switch over fact kinds in the
  /// dataflow layer: a new kind is added here and in Facts.h.
  Lattice apply(const Lattice &S, const model::Fact &F) {
    switch (F.getKind()) {
    case model::Fact::Kind::Move:
      return derived().transfer(S, llvm::cast<model::MoveFact>(F));
    case model::Fact::Kind::Use:
      return derived().transfer(S, llvm::cast<model::UseFact>(F));
    case model::Fact::Kind::Reinit:
      return derived().transfer(S, llvm::cast<model::ReinitFact>(F));
    case model::Fact::Kind::ScopeEnd:
      return derived().transfer(S, llvm::cast<model::ScopeEndFact>(F));
    case model::Fact::Kind::TestPoint:
      return derived().transfer(S, llvm::cast<model::TestPointFact>(F));
    case model::Fact::Kind::Acquire:
      return derived().transfer(S, llvm::cast<model::AcquireFact>(F));
    case model::Fact::Kind::Release:
      return derived().transfer(S, llvm::cast<model::ReleaseFact>(F));
    case model::Fact::Kind::Access:
      return derived().transfer(S, llvm::cast<model::AccessFact>(F));
    case model::Fact::Kind::Escape:
      return derived().transfer(S, llvm::cast<model::EscapeFact>(F));
    case model::Fact::Kind::PointerAssign:
      return derived().transfer(S, llvm::cast<model::PointerAssignFact>(F));
    case model::Fact::Kind::NullTest:
      return derived().transfer(S, llvm::cast<model::NullTestFact>(F));
    case model::Fact::Kind::Borrow:
      return derived().transfer(S, llvm::cast<model::BorrowFact>(F));
    case model::Fact::Kind::Invalidate:
      return derived().transfer(S, llvm::cast<model::InvalidateFact>(F));
    case model::Fact::Kind::BorrowEscape:
      return derived().transfer(S, llvm::cast<model::BorrowEscapeFact>(F));
    case model::Fact::Kind::SharedStore:
      return derived().transfer(S, llvm::cast<model::SharedStoreFact>(F));
    case model::Fact::Kind::ValueTest:
      return derived().transfer(S, llvm::cast<model::ValueTestFact>(F));
    }
    llvm_unreachable("unknown fact kind");
  }

  std::vector<std::optional<Lattice>> In;
  llvm::DenseMap<const model::Fact *, Lattice> Before;
};

} // namespace ownership::passes

#endif // OWNERSHIP_CHECKER_PASSES_DATAFLOW_H
