//===- HeapLowering.h - Lowering heap operations to ownership facts -------===//
//
// Part of ownership-checker, under the MIT license.
//
// The heap part of the lowering: allocations (`new`, `malloc`, functions that return fresh
// memory) become Acquire facts, releases (`delete`, `free`, helpers that free, smart-pointer
// adoption) Release facts, dereferences Access facts, hand-overs of ownership Escape
// facts, pointer copies and null checks PointerAssign and NullTest facts. What a call does
// comes from the call-effects model. The FactGenerator calls lowerElement() on every CFG
// element after the moves lowering, so that the facts of one element stay in evaluation
// order.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_HEAPLOWERING_H
#define OWNERSHIP_CHECKER_LOWERING_HEAPLOWERING_H

#include "checker/lowering/ConditionLowering.h"
#include "checker/lowering/HeapValues.h"
#include "checker/lowering/KeepTests.h"
#include "checker/lowering/LoweredCall.h"
#include "checker/lowering/StorageKeys.h"
#include "checker/model/Facts.h"

#include "clang/AST/ParentMap.h"
#include "llvm/ADT/DenseSet.h"

namespace ownership::lowering {

class OwnerLowering;

/// Lowers the heap operations of one function; see the file comment.
class HeapLowering {
public:
  HeapLowering(clang::ASTContext &Ctx, const clang::CFG &Cfg, const clang::ParentMap &Parents,
               model::ObjectTable &Objects, model::FactManager &Facts,
               const clang::FunctionDecl *FD, const model::CallEffectsModel &Model)
      : Ctx(Ctx), Cfg(Cfg), Parents(Parents), Objects(Objects), Facts(Facts), FD(FD), Model(Model),
        Conditions(FD, Ctx), Keeps(Cfg, Conditions), Keys(Ctx, Parents, Objects) {}

  /// Before the walk: finds pointers we cannot follow (their address is taken, a lambda
  /// captures them by reference) and gives pointer parameters their entry value.
  void begin();
  /// Appends the heap facts of element \p E of block \p B; \p Call is set when the
  /// element is a call.
  void lowerElement(const clang::CFGBlock &B, const clang::CFGElement &E, const LoweredCall *Call);
  /// After the walk: the null tests of branches, and the parameters' lifetimes end in the
  /// exit block.
  void finish();

  /// What a pointer-valued expression evaluates to.
  struct Value {
    enum class Kind { Null, Tracked, Address, Alloc, Opaque } K = Kind::Opaque;
    model::ObjectID Obj;            ///< Tracked: the pointer; Address: the storage
    const clang::Expr *E = nullptr; ///< Alloc: the allocation expression
  };
  Value classify(const clang::Expr *E);
  /// The owner objects followed in this function: `u.get()` is then the pointer u holds.
  void setOwners(const OwnerLowering *O) { Owners = O; }

private:
  /// The tracked pointer object an lvalue denotes, if any.
  std::optional<model::ObjectID> trackedPointer(const clang::Expr *LValue);
  /// The tracked pointer whose memory an lvalue lies in (`p->handle`, `p->buf`, `p[i]`):
  /// its address points into that block, and keeps the whole block reachable (a callback
  /// gets the block back with container_of).
  std::optional<model::ObjectID> interiorOf(const clang::Expr *LValue);
  /// The non-heap storage an lvalue denotes (a local, a global, a literal), if any.
  std::optional<model::ObjectID> nonHeapStorage(const clang::Expr *LValue);

  void lowerStmt(const clang::CFGBlock &B, const clang::Stmt *S, const LoweredCall *Call);
  /// A member initializer that stores a tracked pointer in the object.
  void lowerMemberInit(const clang::CFGBlock &B, const clang::CXXCtorInitializer *Init);
  /// Pointers declared: their initial values.
  void lowerDeclaration(const clang::CFGBlock &B, const clang::DeclStmt *DS);
  /// The initializer list of a followed local array of pointers: its elements' values.
  void lowerElementInits(const clang::CFGBlock &B, const clang::VarDecl *VD,
                         const clang::DeclStmt *DS);
  /// `p = ...` for a tracked pointer; a tracked pointer stored where we do not follow.
  void lowerAssignment(const clang::CFGBlock &B, const clang::BinaryOperator *BO);
  /// `r->name = ...` for a field behind a pointer parameter: the caller's object keeps it.
  void lowerCallersStore(const clang::CFGBlock &B, model::ObjectID Field,
                         const clang::BinaryOperator *BO);
  /// What a returned pointer hands to the caller.
  void lowerReturn(const clang::CFGBlock &B, const clang::ReturnStmt *Ret);
  /// A lambda may run after this function returns: what it captures is handed over.
  void lowerCaptures(const clang::CFGBlock &B, const clang::LambdaExpr *L);
  void lowerAllocation(const clang::CFGBlock &B, const clang::Expr *Alloc,
                       const model::Allocator &A);
  void lowerAssign(const clang::CFGBlock &B, model::ObjectID Dest, const clang::Expr *RHS,
                   const clang::Stmt *S);
  void lowerCall(const clang::CFGBlock &B, const LoweredCall &Call);
  /// A call that receives a followed parameter (`reset(s)`) may change its fields.
  void lowerReachedParams(const clang::CFGBlock &B, const LoweredCall &Call);
  /// What member call \p Call does with the memory of its implicit object (`p->release()`).
  void lowerObject(const clang::CFGBlock &B, const LoweredCall &Call);
  /// What call \p Call does with the memory its argument \p I points to.
  void lowerArgument(const clang::CFGBlock &B, const LoweredCall &Call, unsigned I);
  /// `f(&p)`, or `f(p)` with a `T *&` parameter: the callee may replace p. True when
  /// argument \p I is such a pointer (or `&p` for a pointer-to-const parameter).
  bool lowerOutPointer(const clang::CFGBlock &B, const LoweredCall &Call, unsigned I);
  /// An aggregate holding pointers, passed in any way: its pointers may be taken. True when
  /// argument \p I is a local aggregate (or its address).
  bool lowerAggregateArgument(const clang::CFGBlock &B, const LoweredCall &Call, unsigned I);
  void lowerDelete(const clang::CFGBlock &B, const clang::CXXDeleteExpr *Del);
  void lowerRead(const clang::CFGBlock &B, const clang::ImplicitCastExpr *Read,
                 model::ObjectID Ptr);
  void lowerAggregateRead(const clang::CFGBlock &B, const clang::DeclRefExpr *Ref);
  /// `p++`, `p -= 2`: a tracked pointer moves within its block.
  void lowerAdvance(const clang::CFGBlock &B, const PointerStep &Step, const clang::Stmt *S);
  /// A member read through `this` in a function that deletes its own object.
  void lowerThis(const clang::CFGBlock &B, const clang::CXXThisExpr *This);
  void lowerCondition(const clang::CFGBlock &B, const clang::Expr *Cond);
  /// A branch on an integer local never written, compared with a constant (`if (y == 0)`).
  void lowerValueTest(const clang::CFGBlock &B, const clang::Expr *Cond);
  /// Emits a Release of argument \p Arg.
  void release(const clang::CFGBlock &B, const clang::Expr *Arg, model::AllocFamily Family,
               model::ReleaseFact::Mode M, llvm::StringRef Releaser, const clang::Stmt *S);

  /// True when \p O is a field of `*this` (storage that outlives the call).
  bool isBelowThis(model::ObjectID O) const;
  /// True when \p O contains a tracked pointer (a struct with pointer fields).
  bool holdsPointers(model::ObjectID O) const;
  /// The parent of \p S through parentheses and casts.
  const clang::Stmt *consumer(const clang::Expr *E, const clang::Expr **Top = nullptr) const;

  template <typename FactT, typename... Args> void emit(const clang::CFGBlock &B, Args &&...A) {
    Facts.append(B, Facts.create<FactT>(std::forward<Args>(A)...));
  }

  clang::ASTContext &Ctx;
  const clang::CFG &Cfg;
  const clang::ParentMap &Parents;
  model::ObjectTable &Objects;
  model::FactManager &Facts;
  const clang::FunctionDecl *FD;
  const model::CallEffectsModel &Model;
  /// Pointer variables whose address escapes: we cannot see all their writes.
  llvm::DenseSet<const clang::ValueDecl *> Untracked;
  /// Pointer objects that got a fact, for holdsPointers().
  llvm::DenseSet<uint32_t> TrackedPointers;
  /// Pointer parameters that received an Entry fact.
  llvm::SmallVector<model::ObjectID, 4> PointerParams;
  /// What the values that conditions test were computed from (`bool ok = p != nullptr`).
  ConditionSources Conditions;
  /// Hand-overs that wait for the branch on the callee's result.
  KeepTests Keeps;
  /// Keys for the elements of local arrays and the fields behind pointer parameters.
  StorageKeys Keys;
  const OwnerLowering *Owners = nullptr;
  /// `*this`, followed as the pointer `this` in a member function that deletes its own
  /// object (lowering/HeapValues.h); unset elsewhere.
  std::optional<model::ObjectID> ThisPointer;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_HEAPLOWERING_H
