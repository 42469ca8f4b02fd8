//===- StdModel.h - What the checker knows about the standard library -----===//
//
// Part of ownership-checker, under the MIT license.
//
// The standard library's ownership contracts that no declaration spells out: which calls
// are moves, which members reinitialize a moved-from object, which operations the standard
// keeps valid on one. Rules and FactsBuilder ask here instead of matching names themselves.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_MODEL_STDMODEL_H
#define OWNERSHIP_CHECKER_MODEL_STDMODEL_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

namespace ownership::model {

/// True for `std::NAME` (in any inline namespace of std).
bool isStdFunction(const clang::FunctionDecl *FD, llvm::StringRef Name);

/// For `std::move(x)`, an xvalue `std::forward<T>(x)`, or a cast of x to `T&&`: the
/// operand x. Otherwise null. \p E may be wrapped in parentheses and implicit casts.
const clang::Expr *getMovedOperand(const clang::Expr *E);

/// The name of the class template in namespace std that \p T (through references and
/// typedefs) is a specialization of (libstdc++'s `__shared_ptr` base counts as
/// `shared_ptr`); empty for other types.
llvm::StringRef stdClassName(clang::QualType T);

/// True for `std::shared_ptr`.
bool isStdSharedPtr(clang::QualType T);

/// True for `std::unique_ptr`, `std::shared_ptr` and `std::weak_ptr`, whose moved-from
/// state the standard defines (empty).
bool isStdSmartPointer(clang::QualType T);

/// True when calling \p M leaves the object in a known state whatever it was before:
/// `clear()` and `assign()` on containers and strings, `reset()` on smart pointers and
/// `std::optional`/`std::any`, `emplace()` on `std::optional`/`std::any`, `swap()`, any
/// assignment operator, and members marked `[[clang::reinitializes]]`.
bool isReinitializingMethod(const clang::CXXMethodDecl *M);

/// True when the standard keeps calling \p M valid, with a specified result, on a
/// moved-from object of its class: `get()`, `operator bool`, `release()` and `use_count()`
/// of a smart pointer.
bool isValidOnMovedFrom(const clang::CXXMethodDecl *M);

/// True for free functions of the standard library that take a non-const lvalue
/// reference only to give access to the object (`std::get<0>(t)`, `std::begin(v)`,
/// `std::data(s)`): the argument is used, not assigned.
bool isStdAccessor(const clang::FunctionDecl *FD);

/// True for the standard sequence containers and `std::array`, whose elements a loop or
/// `std::move(v.begin(), v.end(), out)` can move one by one, each moved-from element
/// staying in the container.
bool isStdSequenceContainer(clang::QualType T);

/// What a member of a standard sequence container does with its elements' values.
enum class ElementUse {
  Reads, ///< Gives access to an element: `operator[]`, `at`, `front`, `back`.
  None,  ///< Neither reads nor writes one: `size`, `empty`, `capacity`, `reserve`, ...
  Other, ///< Anything else (inserts, erases, iterators, ...): not known.
};
ElementUse elementUseOf(const clang::CXXMethodDecl *M);

/// True for `std::move(first, last, out)` and `std::move_backward(first, last, out)`
/// (with or without an execution policy first): they move every element of the range.
bool isRangeMoveAlgorithm(const clang::FunctionDecl *FD);

/// For `c.begin()` or `std::begin(c)` (with \p End: `c.end()`, `std::end(c)`), the
/// container expression `c`; otherwise null.
const clang::Expr *rangeEndOf(const clang::Expr *E, bool End);

/// True for `std::thread` and `std::jthread`: their callable and its arguments are
/// decay-copied into the new thread, which may run as long as it is not joined.
bool isStdThread(clang::QualType T);

/// True for `detach()` of `std::thread` or `std::jthread`: the thread runs on, with what
/// its callable captured, after the object is gone and after the caller returns.
bool isThreadDetach(const clang::CXXMethodDecl *M);

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_STDMODEL_H
