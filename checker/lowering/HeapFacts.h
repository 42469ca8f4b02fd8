//===- HeapFacts.h - Lowering heap operations to ownership facts ----------===//
//
// Part of ownership-checker, under the MIT license.
//
// The heap half of FactsBuilder: allocations (`new`, `malloc`, user allocators) become
// Acquire facts, `delete`/`free`/freeing helpers and smart-pointer adoption become Release
// facts, dereferences Access facts, hand-overs of ownership Escape facts, pointer copies
// and null checks PointerAssign and NullTest facts. FactsBuilder calls lowerElement() on
// every CFG element after its own lowering, so that the facts of one element stay in
// evaluation order.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_HEAPFACTS_H
#define OWNERSHIP_CHECKER_LOWERING_HEAPFACTS_H

#include "checker/model/Facts.h"

#include "clang/AST/ParentMap.h"
#include "llvm/ADT/DenseSet.h"

namespace ownership::analysis {
class HeapSummaries;
}

namespace ownership::lowering {

/// How a call treats memory: the allocators, releasers and non-owning functions the
/// heap lowering knows by name or attribute.
struct AllocatorInfo {
  model::AllocFamily Family = model::AllocFamily::Unknown;
  llvm::StringRef Name; ///< as the user spells it: `malloc`, `new[]`, `make_buffer`
};

/// Lowers the heap operations of one function; see the file comment.
class HeapFactsBuilder {
public:
  /// \p Summaries may be null: calls are then judged from their declarations only.
  HeapFactsBuilder(clang::ASTContext &Ctx, const clang::CFG &Cfg, const clang::ParentMap &Parents,
                   model::ObjectTable &Objects, model::FactManager &Facts,
                   const clang::FunctionDecl *FD, analysis::HeapSummaries *Summaries)
      : Ctx(Ctx), Cfg(Cfg), Parents(Parents), Objects(Objects), Facts(Facts), FD(FD),
        Summaries(Summaries) {}

  /// Before FactsBuilder runs: finds pointers we cannot follow (their address is taken,
  /// a lambda captures them by reference) and gives pointer parameters their entry value.
  void begin();
  /// Appends the heap facts of element \p E of block \p B.
  void lowerElement(const clang::CFGBlock &B, const clang::CFGElement &E);
  /// After FactsBuilder: the parameters' lifetimes end in the exit block.
  void finish();

private:
  /// What a pointer-valued expression evaluates to.
  struct Value {
    enum class Kind { Null, Tracked, Address, Alloc, Opaque } K = Kind::Opaque;
    model::ObjectID Obj;             ///< Tracked: the pointer; Address: the storage
    const clang::Expr *E = nullptr;  ///< Alloc: the allocation expression
  };
  Value classify(const clang::Expr *E);
  /// The tracked pointer object an lvalue denotes, if any.
  std::optional<model::ObjectID> trackedPointer(const clang::Expr *LValue);
  /// The non-heap storage an lvalue denotes (a local, a global, a literal), if any.
  std::optional<model::ObjectID> nonHeapStorage(const clang::Expr *LValue);
  /// For an allocation expression (`new`, an allocator call): its family and spelling.
  std::optional<AllocatorInfo> allocation(const clang::Expr *E);

  void lowerStmt(const clang::CFGBlock &B, const clang::Stmt *S);
  void lowerAllocation(const clang::CFGBlock &B, const clang::Expr *Alloc, AllocatorInfo Info);
  void lowerAssign(const clang::CFGBlock &B, model::ObjectID Dest, const clang::Expr *RHS,
                   const clang::Stmt *S);
  void lowerCall(const clang::CFGBlock &B, const clang::Stmt *Call);
  void lowerDelete(const clang::CFGBlock &B, const clang::CXXDeleteExpr *Del);
  void lowerRead(const clang::CFGBlock &B, const clang::ImplicitCastExpr *Read,
                 model::ObjectID Ptr);
  void lowerAggregateRead(const clang::CFGBlock &B, const clang::DeclRefExpr *Ref);
  void lowerCondition(const clang::CFGBlock &B, const clang::Expr *Cond);
  /// Emits a Release of argument \p Arg.
  void release(const clang::CFGBlock &B, const clang::Expr *Arg, model::AllocFamily Family,
               model::ReleaseFact::Mode M, llvm::StringRef Releaser, const clang::Stmt *S);

  /// True when \p O is a field of `*this` (storage that outlives the call).
  bool isBelowThis(model::ObjectID O) const;
  /// True when \p O contains a tracked pointer (a struct with pointer fields).
  bool holdsPointers(model::ObjectID O) const;
  /// The parent of \p S through parentheses and casts.
  const clang::Stmt *consumer(const clang::Expr *E, const clang::Expr **Top = nullptr) const;

  template <typename FactT, typename... Args>
  void emit(const clang::CFGBlock &B, Args &&...A) {
    Facts.append(B, Facts.create<FactT>(std::forward<Args>(A)...));
  }

  clang::ASTContext &Ctx;
  const clang::CFG &Cfg;
  const clang::ParentMap &Parents;
  model::ObjectTable &Objects;
  model::FactManager &Facts;
  const clang::FunctionDecl *FD;
  analysis::HeapSummaries *Summaries;
  /// Pointer variables whose address escapes: we cannot see all their writes.
  llvm::DenseSet<const clang::ValueDecl *> Untracked;
  /// Pointer objects that got a fact, for holdsPointers().
  llvm::DenseSet<uint32_t> TrackedPointers;
  /// Pointer parameters that received an Entry fact.
  llvm::SmallVector<model::ObjectID, 4> PointerParams;
};

/// True for `free`-like and `new`/`delete` families that match: what \p Released expects
/// is what \p Allocated produced. Unknown matches everything.
bool familiesMatch(model::AllocFamily Allocated, model::AllocFamily Released);

/// True for functions known to read or write through their pointer arguments without
/// keeping or releasing them: the C library's string, memory and I/O functions and the
/// free functions of namespace std.
bool isKnownNonOwning(const clang::FunctionDecl *Callee);

/// `new`, `new[]`, `malloc`-family or `a user allocator`, for messages.
llvm::StringRef familyName(model::AllocFamily F);

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_HEAPFACTS_H
