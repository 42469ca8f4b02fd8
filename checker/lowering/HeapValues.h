//===- HeapValues.h - Uses of a pointer's value that the heap lowering adds ===//
//
// Part of ownership-checker, under the MIT license.
//
// Questions HeapLowering asks about the AST where a pointer's value matters after its
// memory may have been released: a comparison with another pointer, a placement new
// that constructs in the memory, a member function that deletes its own object (whose
// later member reads then go through a freed `this`).
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_HEAPVALUES_H
#define OWNERSHIP_CHECKER_LOWERING_HEAPVALUES_H

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

#include <cstdint>
#include <optional>

namespace ownership::lowering {

/// True when \p Cmp, a comparison with operand \p Operand (a pointer's value), compares
/// it with another pointer, not with null: the result depends on which block the pointer
/// points to, which a freed pointer's indeterminate value no longer says (`p == q`,
/// `p < end`). A test against null is not such a comparison.
bool comparesWithPointer(const clang::BinaryOperator &Cmp, const clang::Expr *Operand,
                         clang::ASTContext &Ctx);

/// True when \p Consumer is a placement new (`new (buf) T`, with the standard's
/// `operator new(size_t, void *)`, or its array form) whose storage argument is
/// \p Operand: the new object is constructed in the memory Operand points to.
bool constructsInto(const clang::Stmt *Consumer, const clang::Expr *Operand);

/// The storage argument of a placement new that constructs one object in it (`new (buf)
/// T`, with the standard's `operator new(size_t, void *)`), or null. An array placement
/// new may put a cookie before the elements: not the same address.
const clang::Expr *placementStorage(const clang::Expr *E);

/// True when \p E, through parentheses and implicit casts, is a null pointer constant
/// (`nullptr`, `NULL`, `0`).
bool isNullPointerExpr(const clang::Expr *E, clang::ASTContext &Ctx);

/// Pointer arithmetic on one pointer: the pointer operand (an rvalue for `p + 1`, the
/// lvalue for `p++`) and the step in elements, std::nullopt when it is not a constant.
struct PointerStep {
  const clang::Expr *Base = nullptr;
  std::optional<int64_t> Delta;
};

/// `p + c`, `c + p`, `p - c` (through parentheses and casts of the result): the pointer
/// moved by c; std::nullopt when \p E is not such an expression.
std::optional<PointerStep> pointerStep(const clang::Expr *E, clang::ASTContext &Ctx);

/// `p++`, `--p`, `p += c`, `p -= c` on a pointer: the pointer lvalue and the step;
/// std::nullopt when \p S is not such an update.
std::optional<PointerStep> pointerUpdate(const clang::Stmt *S, clang::ASTContext &Ctx);

/// True when \p FD is a member function whose body deletes its own object (`delete
/// this;`): the heap lowering then follows `this` as a pointer, so that a member read
/// after the delete reads freed memory.
bool deletesThis(const clang::FunctionDecl *FD);

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_HEAPVALUES_H
