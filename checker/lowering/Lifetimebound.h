//===- Lifetimebound.h - Which arguments a function's result borrows ------===//
//
// Part of ownership-checker, under the MIT license.
//
// Per translation unit, cached on demand: for a callee that returns a reference, pointer
// or view, which of its parameters (and whether its implicit object) the result may
// borrow from. Comes from `[[clang::lifetimebound]]` where it is written, and is inferred
// from the return statements of functions defined in the translation unit.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_LIFETIMEBOUND_H
#define OWNERSHIP_CHECKER_LOWERING_LIFETIMEBOUND_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <optional>

namespace ownership::lowering {

/// The inputs a function's returned borrow may come from.
struct ReturnBorrows {
  /// Bit I: parameter I.
  llvm::SmallBitVector Params;
  /// The implicit object (`*this`) of a member function.
  bool This = false;
  bool any() const { return This || Params.any(); }
};

/// Lifetimebound facts about callees, computed on demand and cached for one translation
/// unit.
class LifetimeSummaries {
public:
  /// The inputs the result of \p FD may borrow from, or null when it borrows from none
  /// (or we cannot tell: virtual functions, bodies we cannot see, recursion).
  const ReturnBorrows *of(const clang::FunctionDecl *FD);

  /// Per parameter of \p FD, the InvalidateFact mask of what its body may do to the
  /// container that parameter refers or points to (`void grow(std::vector<int> &v) {
  /// v.push_back(1); }` invalidates references and iterators into the caller's `v`).
  /// Null when it invalidates nothing we can see (bodies we cannot see or trust, virtual
  /// functions, the standard library, recursion).
  const llvm::SmallVector<unsigned, 4> *invalidations(const clang::FunctionDecl *FD);

private:
  std::optional<ReturnBorrows> compute(const clang::FunctionDecl *FD);
  std::optional<llvm::SmallVector<unsigned, 4>>
  computeInvalidations(const clang::FunctionDecl *FD);

  // Results live in their own allocations: the pointers of()/invalidations() return
  // must survive the map growing while a caller still uses one (computing one summary
  // asks for others).
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<ReturnBorrows>> Cache;
  /// Functions whose inference is running: a recursive call borrows nothing.
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<llvm::SmallVector<unsigned, 4>>>
      InvalidationCache;
  /// Functions whose invalidations are being computed: a recursive call adds nothing.
  llvm::DenseSet<const clang::FunctionDecl *> InvalidationInProgress;
};

/// The definition of \p FD when its body says what every call does: visible, not virtual,
/// not in the standard library or a system header; null otherwise.
const clang::FunctionDecl *inferableDefinition(const clang::FunctionDecl *FD);

/// True when \p FD's implicit object parameter is marked `[[clang::lifetimebound]]`.
bool isImplicitObjectLifetimebound(const clang::FunctionDecl *FD);

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_LIFETIMEBOUND_H
