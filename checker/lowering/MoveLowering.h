//===- MoveLowering.h - Lowering moves, uses and scope ends ---------------===//
//
// Part of ownership-checker, under the MIT license.
//
// The moves part of the lowering: for each CFG element the FactGenerator hands it, in
// evaluation order, the facts of the objects it touches: moves (whether a callee consumes
// an argument comes from the call-effects model), uses, reinitializations, scope ends.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_MOVELOWERING_H
#define OWNERSHIP_CHECKER_LOWERING_MOVELOWERING_H

#include "checker/lowering/ElementMoves.h"
#include "checker/lowering/LoweredCall.h"
#include "checker/model/Facts.h"

#include "clang/AST/ParentMap.h"

namespace ownership::lowering {

/// Lowers the moves, uses and scope ends of one function; see the file comment.
class MoveLowering {
public:
  MoveLowering(clang::ASTContext &Ctx, const clang::CFG &Cfg, const clang::ParentMap &Parents,
               model::ObjectTable &Objects, model::FactManager &Facts,
               const model::CallEffectsModel &Model)
      : Ctx(Ctx), Cfg(Cfg), Parents(Parents), Objects(Objects), Facts(Facts), Model(Model),
        Elements(Ctx, Cfg, Objects, Model) {}

  /// Before the walk: reference variables become aliases of the storage they are bound
  /// to, pointers initialized with an address borrow from it; and the branches that test
  /// whether a smart pointer is null are found (see NonNullOnEntry).
  void begin();
  /// The facts at the start of block \p B, before its elements'.
  void enterBlock(const clang::CFGBlock &B);
  /// Appends the facts of element \p E of block \p B; \p Call is set when the element
  /// is a call.
  void lowerElement(const clang::CFGBlock &B, const clang::CFGElement &E, const LoweredCall *Call);

private:
  void collectDeclarations();
  void collectNonNullBranches();
  /// True when block \p B assigns \p Obj or calls a reinitializing member on it.
  bool assignsInBlock(const clang::CFGBlock &B, model::ObjectID Obj);
  void lowerStmt(const clang::CFGBlock &B, const clang::Stmt *S, const LoweredCall *Call);
  /// An access to tracked storage that starts at \p Root (a DeclRefExpr or `this`).
  void lowerAccess(const clang::CFGBlock &B, const clang::Expr *Root);
  /// The part of lowerAccess() for a container whose elements are moved somewhere, and
  /// for the variable of a loop over one (see ElementMoves). Returns true when it lowered
  /// the access itself.
  bool lowerElementAccess(const clang::CFGBlock &B, const clang::Expr *Root,
                          const clang::Expr *Top, model::ObjectID Obj);
  /// Moves into by-value and `T&&` parameters, out-parameters, reinitializing members.
  void lowerCall(const clang::CFGBlock &B, const LoweredCall &Call);
  /// The base class that moved argument \p Arg is converted to (`Base(std::move(d))`),
  /// or null when it is passed as its own type.
  const clang::CXXRecordDecl *movedBaseClass(const clang::Expr *Arg) const;
  /// The moves of the base subobject \p Base of \p Obj: one per field of the base.
  void emitBaseMoves(const clang::CFGBlock &B, model::ObjectID Obj,
                     const clang::CXXRecordDecl *Base, const clang::Expr *MoveCall,
                     const clang::Stmt *CallStmt);

  /// True when the access path \p Top is in a position that is not a use of its value:
  /// the target of an assignment or reinitializing member, an out-argument, a reference
  /// being bound, a by-reference capture, an operation valid on moved-from objects.
  bool isNonUseContext(const clang::Expr *Top) const;
  /// The part of isNonUseContext() for an argument \p Arg (\p Top, or `&Top` with
  /// \p ThroughAddress) of the call \p CallStmt: an out-argument, the object of a
  /// reinitializing member or of one valid on moved-from objects, a null comparison.
  bool isNonUseArgument(const clang::Expr *Top, const clang::Expr *Arg,
                        const clang::Stmt *CallStmt, bool ThroughAddress) const;

  /// The parent of \p S, through parentheses and implicit casts.
  const clang::Stmt *parentSkippingImplicit(const clang::Stmt *S) const;

  /// Appends a UseFact of \p Obj through \p UseExpr, ordered against the moves lowered
  /// before it in the same full-expression (see Sequencing.h).
  void emitUse(const clang::CFGBlock &B, model::ObjectID Obj, const clang::Expr *UseExpr);
  /// Appends a MoveFact, then repeats after it the uses lowered before it in the same
  /// full-expression that C++ may or must evaluate after the move, marked with that order.
  void emitMove(const clang::CFGBlock &B, model::ObjectID Obj, const clang::Expr *MoveCall,
                const clang::Stmt *Consumer);
  /// Starts the lists of uses and moves of the full-expression \p S is in, unless they
  /// are already that one's.
  void enterFullExpression(const clang::Stmt *S);

  template <typename FactT, typename... Args> void emit(const clang::CFGBlock &B, Args &&...A) {
    Facts.append(B, Facts.create<FactT>(std::forward<Args>(A)...));
  }

  /// True for types whose move differs from a copy: classes that are not trivially
  /// copyable. Moving an `int` or a raw pointer copies it.
  bool isMovableType(clang::QualType T) const;

  clang::ASTContext &Ctx;
  const clang::CFG &Cfg;
  const clang::ParentMap &Parents;
  model::ObjectTable &Objects;
  model::FactManager &Facts;
  const model::CallEffectsModel &Model;
  /// Per CFG block ID: smart pointers known to be non-null on entry to the block, with
  /// the condition that tells; lowered to Reinit facts at the block's start.
  llvm::DenseMap<unsigned, llvm::SmallVector<std::pair<model::ObjectID, const clang::Expr *>, 1>>
      NonNullOnEntry;
  /// The moves of every element of a container, found before the walk.
  ElementMoves Elements;
  /// The full-expression being lowered, in the current block, with the uses and moves
  /// lowered so far in it: what emitUse() and emitMove() order against each other.
  const clang::Stmt *FullExpr = nullptr;
  llvm::SmallVector<const model::UseFact *, 4> FullExprUses;
  llvm::SmallVector<const model::MoveFact *, 2> FullExprMoves;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_MOVELOWERING_H
