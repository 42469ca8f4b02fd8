//===- Facts.h - Ownership events of one function -------------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Facts are the atomic ownership events that FactsBuilder lowers the AST to: an object is
// moved from, used, reinitialized, or goes out of scope. Each CFG block owns an ordered
// list of facts; dataflow passes read only facts, and keep the AST node of each fact only
// for names and locations.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_CORE_FACTS_H
#define OWNERSHIP_CHECKER_CORE_FACTS_H

#include "checker/core/Objects.h"

#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/Casting.h"

#include <vector>

namespace ownership {

/// One ownership event.
class Fact {
public:
  enum class Kind {
    Move,      ///< An object is moved from (e.g. `T t = std::move(s);`).
    Use,       ///< An object's value is read or modified (e.g. `s.size()`).
    Reinit,    ///< An object gets a new, known value (e.g. `s = "x";`, `s.clear()`).
    ScopeEnd,  ///< A variable's lifetime ends (e.g. the `}` of its scope).
    TestPoint, ///< A named point for unit tests (`void("__ownership_point_name")`).
  };

  Kind getKind() const { return K; }
  /// The AST node the event comes from; only for locations and names.
  const clang::Stmt *getStmt() const { return S; }
  void dump(llvm::raw_ostream &OS, const ObjectTable &Objects) const;

protected:
  Fact(Kind K, const clang::Stmt *S) : K(K), S(S) {}

private:
  Kind K;
  const clang::Stmt *S;
};

/// `Obj` is moved from. The statement is the consumer (a constructor, an assignment or a
/// call); getMoveCall() is the `std::move(...)`-like expression the user wrote.
class MoveFact : public Fact {
public:
  MoveFact(ObjectID Obj, const clang::Expr *MoveCall, const clang::Stmt *Consumer)
      : Fact(Kind::Move, Consumer), Obj(Obj), MoveCall(MoveCall) {}
  ObjectID getObject() const { return Obj; }
  const clang::Expr *getMoveCall() const { return MoveCall; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::Move; }

private:
  ObjectID Obj;
  const clang::Expr *MoveCall;
};

/// `Obj` is read or modified through the expression getStmt().
class UseFact : public Fact {
public:
  UseFact(ObjectID Obj, const clang::Expr *UseExpr) : Fact(Kind::Use, UseExpr), Obj(Obj) {}
  ObjectID getObject() const { return Obj; }
  const clang::Expr *getUseExpr() const { return llvm::cast<clang::Expr>(getStmt()); }
  static bool classof(const Fact *F) { return F->getKind() == Kind::Use; }

private:
  ObjectID Obj;
};

/// `Obj` and everything inside it get a fresh value (assignment, declaration, `clear()`,
/// an out-parameter, ...).
class ReinitFact : public Fact {
public:
  ReinitFact(ObjectID Obj, const clang::Stmt *S) : Fact(Kind::Reinit, S), Obj(Obj) {}
  ObjectID getObject() const { return Obj; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::Reinit; }

private:
  ObjectID Obj;
};

/// The lifetime of variable `Obj` ends; its storage is gone.
class ScopeEndFact : public Fact {
public:
  ScopeEndFact(ObjectID Obj, const clang::Stmt *TriggerStmt)
      : Fact(Kind::ScopeEnd, TriggerStmt), Obj(Obj) {}
  ObjectID getObject() const { return Obj; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::ScopeEnd; }

private:
  ObjectID Obj;
};

/// A named program point, written `void("__ownership_point_NAME")` in unit-test code.
class TestPointFact : public Fact {
public:
  TestPointFact(llvm::StringRef Name, const clang::Stmt *S)
      : Fact(Kind::TestPoint, S), Name(Name) {}
  llvm::StringRef getName() const { return Name; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::TestPoint; }

private:
  llvm::StringRef Name;
};

/// Owns the facts of one function and indexes them by CFG block.
class FactManager {
public:
  explicit FactManager(unsigned NumBlocks) : BlockFacts(NumBlocks) {}

  template <typename FactT, typename... Args> FactT *create(Args &&...A) {
    return new (Alloc.Allocate<FactT>()) FactT(std::forward<Args>(A)...);
  }
  void append(const clang::CFGBlock &B, const Fact *F) { BlockFacts[B.getBlockID()].push_back(F); }

  llvm::ArrayRef<const Fact *> factsOf(const clang::CFGBlock &B) const {
    return BlockFacts[B.getBlockID()];
  }
  /// The number of facts in all blocks.
  size_t size() const;
  void dump(llvm::raw_ostream &OS, const clang::CFG &Cfg, const ObjectTable &Objects) const;

private:
  llvm::BumpPtrAllocator Alloc;
  std::vector<std::vector<const Fact *>> BlockFacts;
};

} // namespace ownership

#endif // OWNERSHIP_CHECKER_CORE_FACTS_H
