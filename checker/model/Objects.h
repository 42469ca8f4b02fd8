//===- Objects.h - Abstract storage and the ownership graph ---------------===//
//
// Part of ownership-checker, under the MIT license.
//
// The ownership graph of one function: nodes are abstract storage (locals, parameters,
// structured bindings, the object behind `this`, fields as access paths below any of
// them), edges say who owns, borrows from or aliases whom. FactsBuilder fills it from the
// function's declarations; facts and dataflow states refer to its nodes by ObjectID.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_MODEL_OBJECTS_H
#define OWNERSHIP_CHECKER_MODEL_OBJECTS_H

#include "checker/model/ID.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace ownership::model {

using ObjectID = ID<struct ObjectTag>;

/// One piece of abstract storage.
struct StorageNode {
  enum class Kind {
    Local,      ///< A variable with automatic storage (e.g. `std::string s;`).
    Param,      ///< A function parameter.
    Binding,    ///< A structured binding (`auto [a, b] = p;`).
    ThisObject, ///< The object `this` points to, in a member function.
    Field,      ///< A non-static data member of another node (`p.name`, `this->buf_`).
    HeapSite,   ///< The memory one allocation expression returns (`malloc(n)`, `new T[n]`).
    Static,     ///< Storage with static duration: a global, a static local, a string literal.
    Temporary,  ///< A materialized temporary (`std::string("a")` bound to a reference).
    Elements,   ///< The elements of a container node, as one (`v`'s after
                ///< `for (auto &e : v) out.push_back(std::move(e));`).
    Element,    ///< One element of a local array, at a constant index (`ptrs[0]`).
    ParamPointee, ///< The object a pointer parameter points to (`*s`), whose fields the
                  ///< heap lowering follows within the function (`s->buf`).
  };
  Kind K;
  /// The variable, parameter, binding or field; null for ThisObject.
  const clang::ValueDecl *Decl = nullptr;
  /// For a Field or Elements, the node that contains it.
  std::optional<ObjectID> Parent;
  /// The type of the storage, without references.
  clang::QualType Type;
  /// For a HeapSite, the allocation expression; for a string literal, the literal; for a
  /// Temporary, its MaterializeTemporaryExpr.
  const clang::Expr *Site = nullptr;
  /// True when some Field node has this node as its Parent.
  bool HasParts = false;
  /// For an Element, its index in the array.
  int64_t Index = 0;
};

/// A relation between two nodes of the graph.
struct GraphEdge {
  enum class Kind {
    Owns,        ///< `From` contains `To` and destroys it (an object and its field).
    BorrowsFrom, ///< `From` refers to `To` without owning it (`T *p = &s;`).
    Aliases,     ///< `From` is another name for `To` (`T &r = s;`): same storage.
  };
  Kind K;
  ObjectID From;
  ObjectID To;
};

/// The ownership graph of one function body.
class ObjectTable {
public:
  /// The node of a variable, parameter or binding, created on first request.
  ObjectID getVar(const clang::ValueDecl *D);
  /// The object behind `this`.
  ObjectID getThis();
  /// The node for field \p F of \p Parent, created on first request.
  ObjectID getField(ObjectID Parent, const clang::FieldDecl *F);
  /// The node for the elements of the container \p Container, created on first request.
  ObjectID getElements(ObjectID Container);
  /// The node for element \p Index of the array \p Array, created on first request.
  ObjectID getElement(ObjectID Array, int64_t Index);
  /// The node of the object the pointer parameter \p P points to, created on first
  /// request.
  ObjectID getParamPointee(const clang::ParmVarDecl *P);

  /// The node of the memory allocated by \p Alloc, created on first request.
  ObjectID getHeapSite(const clang::Expr *Alloc);
  /// The node of a global or static variable, or (with \p D null) of string literal \p Lit.
  ObjectID getStatic(const clang::ValueDecl *D, const clang::Expr *Lit = nullptr);
  /// The node of the temporary that \p MTE materializes, created on first request.
  ObjectID getTemporary(const clang::MaterializeTemporaryExpr *MTE);
  /// Records that \p From (a pointer) may own \p To (a heap site).
  void addOwns(ObjectID From, ObjectID To);

  /// Records that \p From is another name for \p To. Precondition: From != To.
  void addAlias(ObjectID From, ObjectID To);
  /// Records that \p From borrows from \p To.
  void addBorrow(ObjectID From, ObjectID To);

  /// Follows Aliases edges to the storage that \p O names.
  ObjectID resolveAlias(ObjectID O) const;

  /// The storage an lvalue expression denotes, through parentheses, no-op casts, member
  /// access chains and reference aliases; std::nullopt when it denotes nothing we model
  /// (globals, pointees, array elements, temporaries).
  std::optional<ObjectID> objectOf(const clang::Expr *E);
  /// Like objectOf, but never creates nodes: returns std::nullopt for untracked storage.
  std::optional<ObjectID> lookup(const clang::Expr *E) const;

  /// True when \p Prefix is \p O or one of the nodes that contain it.
  bool contains(ObjectID Prefix, ObjectID O) const;
  /// True when some node lies inside \p O (a field of it, or of one of its fields).
  bool hasParts(ObjectID O) const { return Nodes[O.Value].HasParts; }
  /// The keys of \p Map (a map keyed by ObjectID, such as a dataflow state's) that are
  /// \p O or lie inside it, in key order. Without parts that is one lookup; walking the
  /// whole map at every fact instead made long functions quadratic.
  template <typename MapT>
  llvm::SmallVector<ObjectID, 4> keysWithin(const MapT &Map, ObjectID O) const {
    llvm::SmallVector<ObjectID, 4> Keys;
    if (!hasParts(O)) {
      if (Map.lookup(O))
        Keys.push_back(O);
      return Keys;
    }
    for (const auto &Entry : Map)
      if (contains(O, Entry.first))
        Keys.push_back(Entry.first);
    return Keys;
  }

  const StorageNode &node(ObjectID O) const { return Nodes[O.Value]; }
  size_t size() const { return Nodes.size(); }
  llvm::ArrayRef<GraphEdge> edges() const { return Edges; }

  /// The name of \p O as a user would write it: `s`, `p.name`, `ptrs[0]`, `s->buf`, and
  /// `buf_` for a member of `*this` (most code names its members without `this->`).
  std::string name(ObjectID O) const;
  /// Where the variable, parameter or binding \p O names was declared; invalid for
  /// storage without a declaration (temporaries, heap sites, `*this`).
  clang::SourceLocation declaredAt(ObjectID O) const;

  /// The outermost storage that contains \p O (\p O itself when nothing does).
  ObjectID root(ObjectID O) const;
  /// True when \p O is storage that dies when \p FD returns: its own locals and by-value
  /// parameters (not those of an enclosing function, seen from a lambda), structured
  /// bindings of such locals, and temporaries.
  bool diesWithFrame(ObjectID O, const clang::FunctionDecl *FD) const;
  /// Which implicit variable of a range-for loop \p O is, if it is one.
  enum class RangeForPart { None, Range, Iterator };
  RangeForPart rangeForPart(ObjectID O) const;
  /// What kind of storage a Static node is.
  enum class StaticKind { StringLiteral, StaticLocal, Global };
  StaticKind staticKind(ObjectID O) const;
  void dump(llvm::raw_ostream &OS) const;

private:
  ObjectID add(StorageNode N);
  /// Shared by objectOf and lookup; creates nodes only when \p Create.
  std::optional<ObjectID> walk(const clang::Expr *E, bool Create);

  std::vector<StorageNode> Nodes;
  std::vector<GraphEdge> Edges;
  llvm::DenseMap<const clang::ValueDecl *, ObjectID> VarNodes;
  llvm::DenseMap<std::pair<uint32_t, const clang::FieldDecl *>, ObjectID> FieldNodes;
  llvm::DenseMap<std::pair<uint32_t, int64_t>, ObjectID> ElementNodes;
  llvm::DenseMap<const clang::ParmVarDecl *, ObjectID> PointeeNodes;
  llvm::DenseMap<uint32_t, ObjectID> AliasOf;
  llvm::DenseMap<const void *, ObjectID> SiteNodes;
  std::optional<ObjectID> ThisNode;
};

/// True for variables whose storage this function owns: locals with automatic storage,
/// parameters, and structured bindings of such locals.
bool isFunctionLocalStorage(const clang::ValueDecl *D);

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_OBJECTS_H
