//===- SharedOwnership.h - Who keeps whom alive through shared_ptr --------===//
//
// Part of ownership-checker, under the MIT license.
//
// Reference counting cannot free a cycle. This file builds the two graphs in which such
// cycles show: the type graph of a translation unit (class A owns class B through a
// std::shared_ptr, std::unique_ptr or by-value member, directly or inside standard
// containers, optionals and variants), and, per function, the stores that make one
// shared object own another (`a->peer = b;`, `obj->cb = [obj] {...};`).
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_PASSES_SHAREDOWNERSHIP_H
#define OWNERSHIP_CHECKER_PASSES_SHAREDOWNERSHIP_H

#include "checker/analysis/FunctionAnalysis.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <vector>

namespace ownership::passes {

/// One edge of the type ownership graph.
struct TypeEdge {
  enum class Kind {
    Shared,   ///< `std::shared_ptr<To>` member (possibly inside a container).
    Unique,   ///< `std::unique_ptr<To>` member.
    Contains, ///< a `To` member by value.
  };
  Kind K;
  const clang::CXXRecordDecl *From;
  const clang::CXXRecordDecl *To;
  /// The member that creates the edge.
  const clang::FieldDecl *Field = nullptr;
  /// True when the member holds many (a container of them).
  bool Many = false;
};

/// The classes of a translation unit and how their members own each other. Classes in
/// system headers are left out: the standard library's own cycles are not ours to find.
///
/// A class hierarchy is one node ("family"): a `std::shared_ptr<Base>` may point to any
/// class derived from Base, and a Derived object holds Base's members. So a composite
/// (`struct Group : Shape { std::vector<std::shared_ptr<Shape>> children; }`) is a family
/// that owns itself, like a linked list node, not a cycle between two types.
class TypeOwnershipGraph {
public:
  explicit TypeOwnershipGraph(clang::ASTContext &Ctx);

  /// The families, each named by one of its classes, in the order first seen.
  llvm::ArrayRef<const clang::CXXRecordDecl *> families() const { return Families; }
  /// The family \p RD belongs to; null for classes outside the graph.
  const clang::CXXRecordDecl *familyOf(const clang::CXXRecordDecl *RD) const;
  /// The edges leaving family \p Family (From and To are families), in declaration order.
  llvm::ArrayRef<TypeEdge> edgesFrom(const clang::CXXRecordDecl *Family) const;

private:
  void addMemberEdges(const clang::CXXRecordDecl *Owner, const clang::FieldDecl *F,
                      clang::QualType T, bool Many, std::vector<TypeEdge> &Out) const;
  const clang::CXXRecordDecl *find(const clang::CXXRecordDecl *RD) const;

  std::vector<const clang::CXXRecordDecl *> Families;
  /// Union-find over classes linked by inheritance.
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, const clang::CXXRecordDecl *> Parent;
  llvm::DenseMap<const clang::CXXRecordDecl *, std::vector<TypeEdge>> Edges;
};

/// A store that makes the object behind one local handle own the object behind another.
struct SharedStore {
  /// The stored-into side: a local `std::shared_ptr` variable, or null for `this`.
  const clang::ValueDecl *Owner;
  /// The stored side: a local `std::shared_ptr` variable, or null for `this` (through
  /// `shared_from_this()`).
  const clang::ValueDecl *Owned;
  /// The member stored into.
  const clang::FieldDecl *Field;
  /// The assignment or insertion.
  const clang::Expr *Store;
  /// The capture, when a lambda holding Owned is stored.
  const clang::LambdaExpr *ViaLambda = nullptr;
};

/// The stores in \p FA's function, plus those that break a cycle again:
/// `x->member.reset()`, `x->member = nullptr`.
struct SharedStores {
  std::vector<SharedStore> Stores;
  /// Members set to null or reset in the function: (owner, member, expression).
  std::vector<SharedStore> Resets;
  /// Local handles assigned after their declaration: stores through them may name
  /// different objects at different points.
  llvm::SmallPtrSet<const clang::ValueDecl *, 4> Reassigned;
};

/// Finds the shared-ownership stores of one function.
SharedStores findSharedStores(const analysis::FunctionAnalysis &FA);

/// True for `std::shared_ptr`.
bool isStdSharedPtr(clang::QualType T);

} // namespace ownership::passes

#endif // OWNERSHIP_CHECKER_PASSES_SHAREDOWNERSHIP_H
