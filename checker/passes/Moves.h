//===- Moves.h - Which objects are moved-from at each program point -------===//
//
// Part of ownership-checker, under the MIT license.
//
// A forward dataflow pass over Move, Reinit and ScopeEnd facts. Its state keeps apart the
// objects moved-from on every path reaching a point from those moved-from on some path,
// with the moves responsible.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_PASSES_MOVES_H
#define OWNERSHIP_CHECKER_PASSES_MOVES_H

#include "checker/passes/Dataflow.h"

#include "llvm/ADT/ImmutableMap.h"
#include "llvm/ADT/ImmutableSet.h"

namespace ownership::passes {

/// The moved-from objects at one program point.
struct MoveState {
  using MoveSet = llvm::ImmutableSet<const model::MoveFact *>;
  /// Objects moved-from on at least one path, with the moves that reach this point.
  llvm::ImmutableMap<model::ObjectID, MoveSet> May;
  /// Objects moved-from on every path. A subset of May's keys.
  llvm::ImmutableSet<model::ObjectID> Must;

  bool operator==(const MoveState &O) const { return May == O.May && Must == O.Must; }
  bool operator!=(const MoveState &O) const { return !(*this == O); }
};

/// What a use finds when its object (or an object containing it) was moved from.
struct MovedFrom {
  /// The moved object: the used object itself or one that contains it.
  model::ObjectID Object;
  /// True when every path to the use moved it.
  bool OnEveryPath = false;
  /// The moves that reach the use, in source order.
  llvm::SmallVector<const model::MoveFact *, 2> Moves;
};

/// The factories of MoveState's containers. A base of MoveAnalysis so that it is built
/// before, and destroyed after, the states the dataflow driver keeps. The per-object
/// containers are not canonicalized, for the reason given at BorrowStateFactories:
/// N objects moved, then given new values in reverse order, cost N^2 otherwise.
struct MoveStateFactories {
  MoveState::MoveSet::Factory SetFactory;
  llvm::ImmutableMap<model::ObjectID, MoveState::MoveSet>::Factory MapFactory{
      /*canonicalize=*/false};
  llvm::ImmutableSet<model::ObjectID>::Factory IdFactory{/*canonicalize=*/false};
};

/// The moved-from analysis of one function.
class MoveAnalysis : private MoveStateFactories,
                     public ForwardDataflow<MoveAnalysis, MoveState> {
public:
  MoveAnalysis(const clang::CFG &Cfg, const model::FactManager &Facts,
               const model::ObjectTable &Objects, const clang::SourceManager &SM);

  MoveState initialState();
  MoveState join(const MoveState &A, const MoveState &B);
  using ForwardDataflow::transfer;
  MoveState transfer(const MoveState &S, const model::MoveFact &M);
  MoveState transfer(const MoveState &S, const model::ReinitFact &R);
  MoveState transfer(const MoveState &S, const model::ScopeEndFact &E);

  /// The moves that reach \p U for its object, or std::nullopt when none does. A move
  /// that \p U is evaluated before (UseOrder::UseFirst) does not reach it.
  std::optional<MovedFrom> movedBefore(const model::UseFact &U) const;
  /// True when \p O is moved-from on every path to the point just before \p F.
  bool isMovedAt(model::ObjectID O, const model::Fact &F, bool OnEveryPath) const;

  void dump(llvm::raw_ostream &OS) const;

private:
  /// Drops \p O and every object inside it from the state.
  MoveState forget(const MoveState &S, model::ObjectID O);

  const model::ObjectTable &Objects;
  const clang::SourceManager &SM;
};

} // namespace ownership::passes

#endif // OWNERSHIP_CHECKER_PASSES_MOVES_H
