//===- ElementMoves.h - Moves of every element of a container -------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Part of the moves lowering: before the walk, it finds where every element of a
// standard sequence container is moved, one by one (a range-for whose body moves its
// loop variable on every iteration, `std::move(v.begin(), v.end(), out)`), and gives such
// a container an Elements node. MoveLowering then lowers the move of the elements where
// it takes effect, and reads of an element (`v[0]`, `v.front()`, a later loop's variable)
// as uses of that node. Moving some elements only is not followed: nothing is known then.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_ELEMENTMOVES_H
#define OWNERSHIP_CHECKER_LOWERING_ELEMENTMOVES_H

#include "checker/model/CallEffects.h"
#include "checker/model/Objects.h"

#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"

namespace ownership::lowering {

/// The whole-container moves of one function; see the file comment.
class ElementMoves {
public:
  /// A move of every element: the `std::move(...)` the user wrote and its consumer.
  struct WholeMove {
    model::ObjectID Elements;
    const clang::Expr *MoveCall;
    const clang::Stmt *Consumer;
  };

  ElementMoves(clang::ASTContext &Ctx, const clang::CFG &Cfg, model::ObjectTable &Objects,
               const model::CallEffectsModel &Model)
      : Ctx(Ctx), Cfg(Cfg), Objects(Objects), Model(Model) {}

  /// Finds the whole-container moves and the loops over those containers.
  void begin();

  /// The Elements node of \p Container when its elements are moved somewhere.
  std::optional<model::ObjectID> elementsOf(model::ObjectID Container) const;
  /// For the reference loop variable \p Var of a range-for over such a container: the
  /// Elements node of the container (each iteration's variable is one of them).
  std::optional<model::ObjectID> elementsNamedBy(model::ObjectID Var) const;
  /// For the by-value loop variable \p Var of a range-for over such a container: the
  /// Elements node its declaration copies from.
  std::optional<model::ObjectID> elementsCopiedBy(model::ObjectID Var) const;
  /// The moves of every element that take effect on entry to block \p B: after a loop
  /// that moved them, on the edge that leaves it.
  llvm::ArrayRef<WholeMove> movesOnEntry(const clang::CFGBlock &B) const;
  /// The Elements nodes that get values, or may, on entry to block \p B: after a loop
  /// over their container whose variable is a non-const reference (`e = x;`, `fill(e)`),
  /// with the loop as the statement.
  llvm::ArrayRef<std::pair<model::ObjectID, const clang::Stmt *>>
  reinitsOnEntry(const clang::CFGBlock &B) const;
  /// The Elements node that the call \p S (`std::move(v.begin(), v.end(), out)`) moves.
  std::optional<model::ObjectID> movedByAlgorithm(const clang::Stmt *S) const;

private:
  /// The container a range-for or an algorithm iterates, when it is a tracked standard
  /// sequence container whose elements a move leaves behind moved-from.
  std::optional<model::ObjectID> containerOf(const clang::Expr *E);
  /// Returns true when \p Loop moves every element of its container.
  bool collectLoop(const clang::CFGBlock &Cond, const clang::CXXForRangeStmt *Loop);
  /// The block a range-for's condition block \p Cond leaves the loop to, when no other
  /// path reaches it.
  static const clang::CFGBlock *onlyExit(const clang::CFGBlock &Cond);
  void collectAlgorithm(const clang::CallExpr *Call);
  /// The move of \p Var in a statement of \p Body that runs on every iteration.
  std::optional<WholeMove> unconditionalMove(const clang::Stmt *Body,
                                             const clang::VarDecl *Var) const;
  /// The first consuming move of \p Var in \p S, not looking into branches.
  std::optional<WholeMove> findMove(const clang::Stmt *S, const clang::VarDecl *Var) const;

  clang::ASTContext &Ctx;
  const clang::CFG &Cfg;
  model::ObjectTable &Objects;
  const model::CallEffectsModel &Model;
  /// By the ID of the container, of the loop variable, of the block.
  llvm::DenseMap<uint32_t, model::ObjectID> ByContainer, ByReferenceVar, ByCopyVar;
  llvm::DenseMap<unsigned, llvm::SmallVector<WholeMove, 1>> OnEntry;
  llvm::DenseMap<unsigned, llvm::SmallVector<std::pair<model::ObjectID, const clang::Stmt *>, 1>>
      ReinitOnEntry;
  llvm::DenseMap<const clang::Stmt *, model::ObjectID> ByAlgorithm;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_ELEMENTMOVES_H
