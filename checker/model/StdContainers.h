//===- StdContainers.h - Borrowing and invalidation in the standard library ===//
//
// Part of ownership-checker, under the MIT license.
//
// What the borrow lowering (BorrowFacts) knows about types and functions it cannot see
// through: which types own what their accessors return (containers, strings), which
// types borrow (views, iterators, pointers), which standard functions return a borrow of
// an argument (`std::max`, `std::next`), and, in one table per container family, which
// operations invalidate references and iterators into a container.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_MODEL_STDCONTAINERS_H
#define OWNERSHIP_CHECKER_MODEL_STDCONTAINERS_H

#include "checker/model/Facts.h"

#include "clang/AST/DeclCXX.h"

#include <optional>

namespace ownership::model {

/// True for class types that own the storage their accessors return references,
/// pointers, iterators or views into: the standard containers, strings, `std::optional`,
/// `std::unique_ptr`, `std::array`, and classes marked `[[gsl::Owner]]`.
bool isOwnerType(clang::QualType T);

/// True for class types whose value refers to storage they do not own: `std::string_view`,
/// `std::span`, `std::reference_wrapper`, the standard iterators, classes marked
/// `[[gsl::Pointer]]`.
bool isPointerLikeClass(clang::QualType T);

/// True for types whose values may carry loans: references, object pointers, pointer-like
/// classes, lambda closures and `std::function`.
bool isBorrowerType(clang::QualType T);

/// For a member function \p M of an owner type: the class of loan on the object that its
/// result carries (`v[0]`, `s.c_str()`, `v.begin()`, `s.operator string_view()`), or
/// std::nullopt when the result borrows nothing from it (`size()`, `release()`).
std::optional<LoanClass> ownerAccessorLoan(const clang::CXXMethodDecl *M);

/// True when member \p M of a pointer-like class returns a value borrowing what the object
/// borrows (`sv.substr(1)`, `*it`, `it->first`, `sp.data()`).
bool isPointerLikeReborrow(const clang::CXXMethodDecl *M);

/// How a free function of the standard library relates its result to its arguments.
enum class StdBorrowKind {
  None,
  /// The result is (a reference to) the argument: `std::move`, `std::forward`,
  /// `std::as_const`, `std::addressof`, `std::get`.
  Passthrough,
  /// The result is a reference to one of the reference arguments: `std::min`,
  /// `std::max`, `std::clamp` (the overloads taking references, not initializer_list).
  AnyArgument,
  /// The result borrows from the container or array argument: `std::begin`, `std::end`,
  /// `std::data`, `std::cbegin`, ...
  ContainerAccess,
  /// The result is an iterator into the range the first argument starts: `std::next`,
  /// `std::prev`, `std::find`, `std::lower_bound`, `std::remove_if`, ...
  Advance,
};
StdBorrowKind stdBorrowKind(const clang::FunctionDecl *FD);

/// What an operation on a container invalidates.
struct Invalidation {
  /// InvalidateFact::maskOf() of the loan classes that are invalidated.
  unsigned Mask = 0;
  /// True for `erase(it)`: the iterator passed as the first argument is invalidated.
  bool ErasesArgument = false;
};

/// The invalidation table: what calling member \p M on a container invalidates, per the
/// standard's rules for its family ([sequence.reqmts], [vector.modifiers],
/// [deque.modifiers], [unord.req], [associative.reqmts], [string.require]). std::nullopt
/// when \p M invalidates nothing.
std::optional<Invalidation> invalidationOf(const clang::CXXMethodDecl *M);

/// What calling member \p M on a container does to the values stored in it.
enum class StoreKind {
  None,
  /// Stores its arguments as elements (`push_back`, `emplace`, `insert`, `push`).
  Insert,
  /// May drop the stored elements (`clear`, `erase`, `pop_back`, `swap`, assignment).
  Remove,
};
StoreKind storeKindOf(const clang::CXXMethodDecl *M);

/// The types of the values a standard container \p T stores: its value type, or for a map
/// its key and mapped types; empty for other types.
llvm::SmallVector<clang::QualType, 2> storedTypes(clang::QualType T);

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_STDCONTAINERS_H
