//===- StorageKeys.h - Heap storage below arrays and pointer parameters ---===//
//
// Part of ownership-checker, under the MIT license.
//
// Storage that ObjectTable's walk over an lvalue does not reach, given keys for the heap
// lowering: the elements of a local array of pointers at constant indices (`ptrs[0]`,
// `ptrs[kFirst]`), and the fields reached through a pointer parameter (`s->buf`,
// `(*s).buf`, `s->a.b`), relative to that parameter within one function.
//
// Both are followed only when every use the function makes of the array or the parameter
// is one whose effect the lowering sees. An array indexed by a value that is not a
// constant, decayed to a pointer, captured by a lambda, or whose element's address is kept
// is not followed at all: none of its elements has a key, so nothing is reported from
// them. A parameter that is assigned, copied, captured or offset is not followed either;
// one passed to a call is (the call makes its fields unknown: see reachedBy()).
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_STORAGEKEYS_H
#define OWNERSHIP_CHECKER_LOWERING_STORAGEKEYS_H

#include "checker/model/Objects.h"

#include "clang/AST/ParentMap.h"
#include "llvm/ADT/DenseSet.h"

namespace ownership::lowering {

/// Keys for array elements and parameter fields; see the file comment.
class StorageKeys {
public:
  StorageKeys(clang::ASTContext &Ctx, const clang::ParentMap &Parents,
              model::ObjectTable &Objects)
      : Ctx(Ctx), Parents(Parents), Objects(Objects) {}

  /// Before the walk: finds the arrays and pointer parameters whose every use is seen.
  void begin(const clang::FunctionDecl *FD);

  /// The key of the storage lvalue \p LValue denotes, when it is an element of a followed
  /// array or a field (or a field of a field) of a followed parameter's pointee.
  std::optional<model::ObjectID> keyOf(const clang::Expr *LValue);
  /// The non-heap storage an element lvalue of a local array lies in: the element at a
  /// constant index (`buf[2]`), the whole array at any other (`buf[i]`). For any local
  /// array, followed or not: its address is stack memory whatever its elements hold.
  std::optional<model::ObjectID> elementStorage(const clang::Expr *LValue);
  /// The elements of the followed array \p VD and the expressions its initializer list
  /// gives them (null for an element the list leaves to zero); empty without a list.
  llvm::SmallVector<std::pair<model::ObjectID, const clang::Expr *>, 4>
  initialValues(const clang::VarDecl *VD);
  /// The followed parameter pointee that call argument \p Arg may reach (`s`, `*s`,
  /// `&s->inner`, `s->inner`): the callee may change its fields. Not a pointer field's
  /// value (`s->buf`, followed as a pointer of its own) nor a scalar (`s->count`).
  std::optional<model::ObjectID> reachedBy(const clang::Expr *Arg);

private:
  /// The constant index of \p Idx within an array of \p Size elements, if it is one.
  std::optional<int64_t> constantIndex(const clang::Expr *Idx, uint64_t Size) const;
  /// The local array variable \p E names, if it is one of a known size.
  const clang::VarDecl *localArray(const clang::Expr *E) const;
  /// The followed parameter \p E names (through parentheses and implicit casts).
  const clang::ParmVarDecl *followedParam(const clang::Expr *E) const;
  /// True when the use of the array \p Ref leaves every write to its elements visible.
  bool arrayUseSeen(const clang::DeclRefExpr *Ref) const;
  /// True when the use of the parameter \p Ref leaves every write to its pointee's fields
  /// visible, or goes to a call (which reachedBy() lowers).
  bool paramUseSeen(const clang::DeclRefExpr *Ref) const;
  /// True when the storage \p Top denotes (an element, a field) is used in place: not
  /// bound to a reference or given away by address other than to a call.
  bool usedInPlace(const clang::Expr *Top) const;

  clang::ASTContext &Ctx;
  const clang::ParentMap &Parents;
  model::ObjectTable &Objects;
  /// Local arrays of pointers whose elements have keys.
  llvm::DenseSet<const clang::VarDecl *> Arrays;
  /// Pointer parameters whose pointee's fields have keys.
  llvm::DenseSet<const clang::ParmVarDecl *> Params;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_STORAGEKEYS_H
