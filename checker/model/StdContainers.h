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
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/GlobPattern.h"

#include <optional>
#include <string>
#include <vector>

namespace ownership::model {

/// Classes outside namespace std that have the documented guarantees of a standard
/// container (`llvm::SmallVector` is a `vector`, `absl::node_hash_map` an `unordered_map`),
/// or of an unordered container without pointer stability (`absl::flat_hash_map`,
/// `llvm::DenseMap`: `flat_hash_map`, whose insertions may move every element). The
/// option `ownership-invalidated-reference.ContainerModels` spells them as
/// `pattern=counterpart` entries separated by `;`, where a pattern is a qualified class
/// name or a glob over one (`folly::F14Value*`).
class ContainerModels {
public:
  /// No class outside namespace std is a container.
  ContainerModels() = default;
  /// The models of the well-known libraries (Abseil, Folly, LLVM, Boost.Container).
  static ContainerModels defaults();
  /// The option value defaults() is parsed from.
  static llvm::StringRef defaultSpec();
  /// Parses an option value. An entry without `=`, an empty or malformed pattern, or a
  /// counterpart that is not a known container name is an error naming the entry.
  static llvm::Expected<ContainerModels> parse(llvm::StringRef Spec);

  /// The option value these models were parsed from.
  llvm::StringRef spec() const { return Spec; }
  /// The standard container name (`vector`, `basic_string`, `unordered_map`, ...) or
  /// `flat_hash_map`/`flat_hash_set` whose guarantees class \p RD has; empty when no
  /// entry matches. The first matching entry wins. A class named like an iterator never
  /// matches, so a glob over a library's names cannot make an iterator a container.
  llvm::StringRef counterpartOf(const clang::CXXRecordDecl *RD) const;

private:
  struct Entry {
    /// Matched with llvm::GlobPattern, made again at each use: a GlobPattern refers to
    /// the text it was made from, and the models are copied.
    std::string Pattern;
    /// Static storage: canonical names only.
    llvm::StringRef Counterpart;
  };
  std::vector<Entry> Entries;
  std::string Spec;
  /// counterpartOf() is asked about the same classes over and over.
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, llvm::StringRef> Cache;
};

/// True for class types that own the storage their accessors return references,
/// pointers, iterators or views into: the standard containers, strings, `std::optional`,
/// `std::unique_ptr`, `std::array`, classes marked `[[gsl::Owner]]`, and the classes
/// \p Models makes containers.
bool isOwnerType(clang::QualType T, const ContainerModels *Models = nullptr);

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
  /// Which elements' loans of the classes in Mask are invalidated; empty for all of them
  /// (`pop_back` invalidates the last element and `end()`).
  ElementSelector Only;
  /// True for `erase(key)`: the loans on the element with that key (the first argument)
  /// are invalidated, as for Only.
  bool ErasesKey = false;
  /// True for an insertion into a contiguous container that reallocates only when the
  /// capacity is exceeded (`push_back`, `emplace_back`, `insert`): a `reserve` may have
  /// made room for it.
  bool WithinCapacity = false;
  /// True for `erase(pos)` on a contiguous container: when `pos` is `begin()`, every
  /// element's loans are invalidated, not only Only's.
  bool FromPosition = false;
};

/// The type of the object a member call is made on, before the implicit conversion to the
/// base class that declares the member (`m.insert(x)` on an `absl::flat_hash_map` whose
/// insert a shared base declares): what the container models decide by. Null for null.
clang::QualType containerObjectType(const clang::Expr *Object);

/// The invalidation table: what calling member \p M on a container invalidates, per the
/// standard's rules for its family ([sequence.reqmts], [vector.modifiers],
/// [deque.modifiers], [list.modifiers], [unord.req], [associative.reqmts],
/// [string.require]). The family is that of \p ObjectType, the type of the object the
/// member is called on (a library's container may inherit its members from a base that
/// several containers share), or else of \p M's class; \p Models adds the classes
/// outside namespace std. std::nullopt when \p M invalidates nothing.
std::optional<Invalidation> invalidationOf(const clang::CXXMethodDecl *M,
                                           const ContainerModels *Models = nullptr,
                                           clang::QualType ObjectType = {});

/// For a member call \p M on a container that returns a borrow of one of its elements:
/// which element (`v.back()`: the last one; `v.end()`: the end; `m[k]`, `m.at(k)` on a
/// map: the element with key \p Key, the first argument). Empty when unknown.
ElementSelector accessedElement(const clang::CXXMethodDecl *M, const clang::Expr *Key,
                                const ContainerModels *Models = nullptr,
                                clang::QualType ObjectType = {});

/// True for `try_emplace` on a map: when the key is already there, it neither inserts nor
/// moves from its arguments ([map.modifiers], [unord.map.modifiers]), and whether it is
/// there is not known.
/// \p ObjectType is the type of the object it is called on, as for invalidationOf().
bool leavesArgumentsWhenPresent(const clang::CXXMethodDecl *M,
                                const ContainerModels *Models = nullptr,
                                clang::QualType ObjectType = {});

/// What calling member \p M on a container does to the values stored in it.
enum class StoreKind {
  None,
  /// Stores its arguments as elements (`push_back`, `emplace`, `insert`, `push`).
  Insert,
  /// May drop the stored elements (`clear`, `erase`, `pop_back`, `swap`, assignment).
  Remove,
};
StoreKind storeKindOf(const clang::CXXMethodDecl *M, const ContainerModels *Models = nullptr);

/// The types of the values a standard container \p T stores: its value type, or for a map
/// its key and mapped types; empty for other types.
llvm::SmallVector<clang::QualType, 2> storedTypes(clang::QualType T,
                                                  const ContainerModels *Models = nullptr);

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_STDCONTAINERS_H
