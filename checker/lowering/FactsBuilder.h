//===- FactsBuilder.h - Lowering a function's CFG to ownership facts ------===//
//
// Part of ownership-checker, under the MIT license.
//
// Walks each CFG block's elements in evaluation order and appends the facts they imply
// (moves, uses, reinitializations, scope ends) to that block. This is the only place that
// interprets C++ syntax; the dataflow passes downstream see only facts.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_FACTSBUILDER_H
#define OWNERSHIP_CHECKER_LOWERING_FACTSBUILDER_H

#include "checker/model/Facts.h"
#include "checker/lowering/Summaries.h"

#include "clang/AST/ParentMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace ownership::lowering {

/// Builds the facts of one function; see the file comment.
class FactsBuilder {
public:
  FactsBuilder(clang::ASTContext &Ctx, const clang::CFG &Cfg, const clang::ParentMap &Parents,
               model::ObjectTable &Objects, model::FactManager &Facts, CalleeSummaries &Summaries)
      : Ctx(Ctx), Cfg(Cfg), Parents(Parents), Objects(Objects), Facts(Facts), Summaries(Summaries) {
  }

  /// Fills the ObjectTable's aliases and the FactManager. Call once. \p AfterElement,
  /// when given, is called after each element's facts (the heap lowering), so that the
  /// facts of one element stay in evaluation order.
  void build(llvm::function_ref<void(const clang::CFGBlock &, const clang::CFGElement &)>
                 AfterElement = nullptr);

private:
  /// First pass: reference variables become aliases of the storage they are bound to,
  /// pointers initialized with an address borrow from it.
  void collectDeclarations();
  /// Finds the branches that test whether a smart pointer is null, and records for the
  /// successor where it is not that the pointer holds an object (see NonNullOnEntry).
  void collectNonNullBranches();
  /// True when block \p B assigns \p Obj or calls a reinitializing member on it.
  bool assignsInBlock(const clang::CFGBlock &B, model::ObjectID Obj);
  void lowerStmt(const clang::CFGBlock &B, const clang::Stmt *S);
  /// An access to tracked storage that starts at \p Root (a DeclRefExpr or `this`).
  void lowerAccess(const clang::CFGBlock &B, const clang::Expr *Root);
  /// Moves into by-value and `T&&` parameters, out-parameters, reinitializing members.
  void lowerCall(const clang::CFGBlock &B, const clang::Stmt *Call);

  /// True when the access path \p Top is in a position that is not a use of its value:
  /// the target of an assignment or reinitializing member, an out-argument, a reference
  /// being bound, a by-reference capture, an operation valid on moved-from objects.
  bool isNonUseContext(const clang::Expr *Top) const;

  /// The parent of \p S, through parentheses and implicit casts.
  const clang::Stmt *parentSkippingImplicit(const clang::Stmt *S) const;

  template <typename FactT, typename... Args>
  void emit(const clang::CFGBlock &B, Args &&...A) {
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
  CalleeSummaries &Summaries;
  /// Per CFG block ID: smart pointers known to be non-null on entry to the block, with
  /// the condition that tells; lowered to Reinit facts at the block's start.
  llvm::DenseMap<unsigned, llvm::SmallVector<std::pair<model::ObjectID, const clang::Expr *>, 1>>
      NonNullOnEntry;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_FACTSBUILDER_H
