//===- SharedOwnership.h - Who keeps whom alive through shared_ptr --------===//
//
// Part of ownership-checker, under the MIT license.
//
// Reference counting cannot free a cycle. This file builds the two graphs in which such
// cycles show: the type graph of a translation unit (class A owns class B through a
// std::shared_ptr, std::unique_ptr or by-value member, directly or inside standard
// containers, optionals and variants), and, per function, the graph of the stores that
// make one shared object own another (`a->peer = b;`, `obj->cb = [obj] {...};`, lowered to
// SharedStore facts), and finds their cycles.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_PASSES_SHAREDOWNERSHIP_H
#define OWNERSHIP_CHECKER_PASSES_SHAREDOWNERSHIP_H

#include "checker/model/Facts.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/PointerIntPair.h"
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
  /// True when From (To) is the node of exactly that class (TypeNode::Exact), not of its
  /// family.
  bool FromExact = false;
  bool ToExact = false;
};

/// A node of the type graph: a family (Exact false), or one class of a family held by
/// value (Exact true), which holds its own and its bases' members only.
using TypeNode = llvm::PointerIntPair<const clang::CXXRecordDecl *, 1, bool>;
inline TypeNode fromNode(const TypeEdge &E) { return TypeNode(E.From, E.FromExact); }
inline TypeNode toNode(const TypeEdge &E) { return TypeNode(E.To, E.ToExact); }

/// A cycle of the type graph: its edges in order, the member to make a std::weak_ptr last.
struct TypeCycle {
  std::vector<const TypeEdge *> Edges;
};

/// The classes of a translation unit and how their members own each other. Classes in
/// system headers are left out: the standard library's own cycles are not ours to find.
///
/// A class hierarchy is one node ("family"): a `std::shared_ptr<Base>` may point to any
/// class derived from Base, and a Derived object holds Base's members. So a composite
/// (`struct Group : Shape { std::vector<std::shared_ptr<Shape>> children; }`) is a family
/// that owns itself, like a linked list node, not a cycle between two types. A member that
/// holds a class of a larger family by value (`std::vector<Shape> parts;`) holds exactly
/// that class, never a derived one: its edge goes to the class's own node (Exact), whose
/// edges are the class's and its bases' members only.
class TypeOwnershipGraph {
public:
  explicit TypeOwnershipGraph(clang::ASTContext &Ctx);

  /// The families, each named by one of its classes, in the order first seen.
  llvm::ArrayRef<const clang::CXXRecordDecl *> families() const { return Families; }
  /// The nodes: the families, then the classes held by value, in the order first seen.
  llvm::ArrayRef<TypeNode> nodes() const { return Nodes; }
  /// The family \p RD belongs to; null for classes outside the graph.
  const clang::CXXRecordDecl *familyOf(const clang::CXXRecordDecl *RD) const;
  /// The edges leaving node \p N, in declaration order.
  llvm::ArrayRef<TypeEdge> edgesFrom(TypeNode N) const;
  /// The ownership cycles that no object of the cycle can ever break: a shortest cycle
  /// through each std::shared_ptr edge of each strongly connected component, once per set
  /// of members (a cycle through one pointer only, like a list node's `next`, is a chain);
  /// and a family that owns itself (a list, a tree) and also holds a std::shared_ptr named
  /// like a back pointer (`prev`, `parent`). Each cycle ends with the member to make a
  /// std::weak_ptr.
  std::vector<TypeCycle> cycles() const;

private:
  void addMemberEdges(TypeNode Owner, const clang::FieldDecl *F, clang::QualType T, bool Many,
                      std::vector<TypeEdge> &Out);
  /// Gives the node of exactly class \p RD its edges: \p RD's and its bases' members.
  void addExactNode(const clang::CXXRecordDecl *RD);
  const clang::CXXRecordDecl *find(const clang::CXXRecordDecl *RD) const;

  const clang::SourceManager &SM;
  std::vector<const clang::CXXRecordDecl *> Families;
  std::vector<TypeNode> Nodes;
  /// Union-find over classes linked by inheritance.
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, const clang::CXXRecordDecl *> Parent;
  /// How many classes each family has.
  llvm::DenseMap<const clang::CXXRecordDecl *, unsigned> FamilySize;
  /// Classes held by value whose Exact node is still to be given its edges.
  std::vector<const clang::CXXRecordDecl *> PendingExact;
  llvm::SmallPtrSet<const clang::CXXRecordDecl *, 8> ExactClasses;
  llvm::DenseMap<TypeNode, std::vector<TypeEdge>> Edges;
};

/// A store in one function that closes a std::shared_ptr cycle between local handles (or
/// a handle and itself), and is not broken again later in the function.
struct SharedCycle {
  /// The store that closes the cycle.
  const model::SharedStoreFact *Closing;
  /// The earlier stores that lead from the stored object back to the owner, in order;
  /// empty when the owner holds itself.
  std::vector<const model::SharedStoreFact *> Path;
};

/// The shared_ptr cycles that the stores among \p Facts close. Flow-insensitive: a handle
/// given another object anywhere in the function (SharedStoreFact::Action::Reassign) is not
/// followed.
std::vector<SharedCycle> findSharedCycles(const model::FactManager &Facts, const clang::CFG &Cfg,
                                          const clang::SourceManager &SM);

} // namespace ownership::passes

#endif // OWNERSHIP_CHECKER_PASSES_SHAREDOWNERSHIP_H
