//===- Summaries.h - What callees do with their parameters ----------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Per translation unit, cached facts about functions as callees. FactsBuilder asks
// whether a call that binds `std::move(x)` to a `T&&` parameter really moves x.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_SUMMARIES_H
#define OWNERSHIP_CHECKER_LOWERING_SUMMARIES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallBitVector.h"

namespace ownership::lowering {

/// Facts about callees, computed on demand and cached for one translation unit.
class CalleeSummaries {
public:
  /// True when a call to \p Callee may move from the object bound to its rvalue-reference
  /// parameter \p ParamIndex: always for constructors and assignment operators, for
  /// functions of the standard library (which may assume such an argument is theirs to
  /// take, [res.on.arguments]) and for functions whose body is not visible; otherwise only
  /// when the body moves or forwards that parameter into something that may consume it.
  bool mayConsumeParam(const clang::FunctionDecl *Callee, unsigned ParamIndex);

private:
  /// The parameters that the visible body \p Def may consume: those it moves or forwards
  /// into something other than a reference parameter that does not consume in turn.
  llvm::SmallBitVector computeMovedParams(const clang::FunctionDecl *Def);

  /// Bit I is set when the visible body of a function may consume parameter I.
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallBitVector> MovedParams;
  /// The functions whose summary is being computed, to end recursive queries.
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_SUMMARIES_H
