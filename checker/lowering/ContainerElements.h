//===- ContainerElements.h - What a body does to the containers it names --===//
//
// Part of ownership-checker, under the MIT license.
//
// The invalidation rules that depend on more than the one call: `push_back` reallocates
// only beyond the capacity a `reserve` may have made, and `pop_back` removes the element
// `back()` returned only if nothing was added at that end in between. ContainerUses scans
// a function body once, when the borrow lowering first asks, and says which containers it
// reserves and which it only shrinks.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_CONTAINERELEMENTS_H
#define OWNERSHIP_CHECKER_LOWERING_CONTAINERELEMENTS_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseSet.h"

namespace ownership::lowering {

/// What one function body does to each container variable or member it names; see the
/// file comment.
class ContainerUses {
public:
  explicit ContainerUses(const clang::FunctionDecl *FD) : FD(FD) {}

  /// True when the body calls `reserve` on \p D (a variable, parameter or member).
  bool reserved(const clang::ValueDecl *D);
  /// True when \p D is a local variable or parameter that the body names only to call an
  /// accessor or a const member on it, to remove elements (`pop_back`, `pop_front`,
  /// `erase`, `clear`) or to `reserve`: no element of it changes its position but by
  /// removal. Anything else (an insertion, passing it to a function, binding a reference
  /// or taking its address) may add elements at either end.
  bool onlyShrunk(const clang::ValueDecl *D);

private:
  void scan();

  const clang::FunctionDecl *FD;
  bool Scanned = false;
  llvm::DenseSet<const clang::ValueDecl *> Reserved;
  /// The variables named in some other way than onlyShrunk() allows.
  llvm::DenseSet<const clang::ValueDecl *> Grown;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_CONTAINERELEMENTS_H
