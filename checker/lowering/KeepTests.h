//===- KeepTests.h - Branches that tell whether a callee kept a pointer ---===//
//
// Part of ownership-checker, under the MIT license.
//
// A callee whose summary says it keeps a pointer argument only on the paths that return
// some values (`bool add(T *p)` stores p and returns true, or returns false and leaves it
// alone): when the caller branches on that result in the block of the call itself
// (`if (!reg.add(p)) { delete p; return; }`, `if (add(p) < 0)`), or stores it in a local
// never written again and tests that on every path from the call (`bool ok = add(p);
// log(); if (!ok) delete p;`), the hand-over of the memory waits for the branch, and
// happens only on the edges where the result says the callee may have kept it (KeepTest
// facts). A result tested anywhere else (on some paths only, after the pointer changed,
// through a local written again or whose address escapes) hands the memory over at the
// call, as any call that may keep it does. The heap lowering owns one KeepTests per
// function.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_KEEPTESTS_H
#define OWNERSHIP_CHECKER_LOWERING_KEEPTESTS_H

#include "checker/lowering/ConditionLowering.h"
#include "checker/model/Facts.h"
#include "checker/model/Summary.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace ownership::lowering {

/// Defers the hand-over of pointers kept only for some results to the branch that tests
/// the result; see the file comment.
class KeepTests {
public:
  KeepTests(const clang::CFG &Cfg, ConditionSources &Conditions)
      : Cfg(Cfg), Conditions(Conditions) {}

  /// Before the walk: finds the calls whose result the branch that ends their own block
  /// tests.
  void begin();
  /// \p Ptr, an argument of call \p Call that the callee keeps as \p K says: true when
  /// its hand-over waits for the branch on the result (recorded), false when it happens
  /// at the call.
  bool defer(const clang::Expr *Call, model::ObjectID Ptr, const model::KeptByResult &K);
  /// For the branch that ends \p B, on \p Cond (logical operators stripped): appends the
  /// KeepTest facts of the deferred hand-overs it decides. True when it appended any.
  bool lower(const clang::CFGBlock &B, const clang::Expr *Cond, model::FactManager &Facts);

private:
  const clang::CFGBlock *blockOf(const clang::Expr *Call) const;
  /// True when every path from \p Call reaches one of \p Tests before the exit or the
  /// call again.
  bool testedOnEveryPath(const clang::Expr *Call,
                         const llvm::SmallPtrSetImpl<const clang::CFGBlock *> &Tests) const;
  /// True when each pointer argument of \p Call is a local not written after the call,
  /// or a value computed for the call (`new T`).
  bool argumentsStable(const clang::CallExpr *Call);

  const clang::CFG &Cfg;
  ConditionSources &Conditions;
  llvm::DenseSet<const clang::Expr *> TestedCalls;
  llvm::DenseMap<const clang::Expr *,
                 llvm::SmallVector<std::pair<model::ObjectID, model::KeptByResult>, 1>>
      Deferred;
};

/// The condition the branch of \p B tests, with `&&` and `||` stripped to their right-hand
/// side (the block that ends with the branch evaluates that side), or null.
const clang::Expr *branchCondition(const clang::CFGBlock &B);

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_KEEPTESTS_H
