//===- OwnerLowering.h - Owner objects: what they adopt and release -------===//
//
// Part of ownership-checker, under the MIT license.
//
// The owner part of the lowering. A local owner object (`std::unique_ptr` with the default
// deleter; a `std::shared_ptr` that the function never shares) is followed as a pointer:
// what it adopts becomes its value (PointerAssign Own), its destruction, `reset()` and
// reassignment release what it holds (Release), `get()` is the pointer it holds. What a
// call does to an owner comes from the call-effects model (ownerRelease(), OnOwner); an
// owner used in a way the model does not describe loses its value (Opaque). The
// FactGenerator calls lowerElement() after the heap lowering of each element.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_OWNERLOWERING_H
#define OWNERSHIP_CHECKER_LOWERING_OWNERLOWERING_H

#include "checker/lowering/HeapLowering.h"

#include "llvm/ADT/DenseMap.h"

namespace ownership::lowering {

/// Lowers what the owner objects of one function adopt and release; see the file comment.
class OwnerLowering {
public:
  OwnerLowering(const clang::ParentMap &Parents, model::ObjectTable &Objects,
                model::FactManager &Facts, const clang::FunctionDecl *FD,
                const model::CallEffectsModel &Model, HeapLowering &Heap)
      : Parents(Parents), Objects(Objects), Facts(Facts), FD(FD), Model(Model), Heap(Heap) {}

  /// Before the walk: finds the owners to follow (local, never shared, address never
  /// taken, not captured).
  void begin();
  /// Appends the owner facts of element \p E of block \p B, after its heap facts.
  void lowerElement(const clang::CFGBlock &B, const clang::CFGElement &E, const LoweredCall *Call);
  /// For `u.get()` on a followed owner u: u, whose value is the pointer it holds.
  std::optional<model::ObjectID> heldBy(const clang::Expr *E) const;
  /// For \p E, a call that makes a followed owner let go of what it holds
  /// (`u.release()`): how the memory it hands over was allocated, for the pointer that
  /// receives it (`T *p = u.release();`).
  std::optional<model::Allocator> handedOver(const clang::Expr *E) const;

private:
  /// How one mention of an owner variable uses it.
  enum class Use {
    Handled, ///< Lowered with its call or declaration (`u.reset()`, `auto v = std::move(u)`).
    Reads,   ///< Read only (`f(const std::unique_ptr<T> &)`).
    Copied,  ///< Copied into another owner: shared from now on.
    Unknown, ///< Anything else: its value is no longer known.
    Escapes, ///< Its address or a reference to it leaves our sight: never followed.
  };
  Use classifyUse(const clang::DeclRefExpr *Ref) const;
  /// Use of \p Cur, the object of a call, an argument of it, or a constructor's source.
  Use classifyCallUse(const clang::Expr *Cur, const clang::Stmt *P) const;
  /// For a std smart pointer constructed with a deleter argument whose release the model
  /// knows (`&fclose`, a lambda that runs `delete[]`): how it releases.
  std::optional<model::OwnerRelease> releaseByDeleterArgument(const clang::VarDecl *VD) const;
  /// The followed owner variable \p E names (through parentheses and implicit casts).
  const clang::VarDecl *followedOwner(const clang::Expr *E) const;
  /// True when \p Construct (through temporaries and casts) initializes a followed owner.
  bool initializesFollowedOwner(const clang::Stmt *Construct) const;

  void lowerDeclaration(const clang::CFGBlock &B, const clang::DeclStmt *DS);
  /// Owner \p O constructed by \p C: what it adopts or takes over.
  void lowerConstruction(const clang::CFGBlock &B, model::ObjectID O,
                         const clang::CXXConstructExpr *C, const clang::Stmt *S);
  void lowerCall(const clang::CFGBlock &B, const LoweredCall &Call);
  /// Owner \p O gets the value of \p Src: an adopted pointer, a moved owner, null.
  void takeValue(const clang::CFGBlock &B, model::ObjectID O, const clang::Expr *Src,
                 const clang::Stmt *S);
  /// `u.release()` whose result is discarded: the memory u held is dropped (an Acquire
  /// of the memory u hands over, discarded; the leak rule tells whether u held any).
  void lowerDiscardedRelease(const clang::CFGBlock &B, const clang::VarDecl *Owner,
                             const clang::Expr *Call);
  void release(const clang::CFGBlock &B, const clang::VarDecl *Owner, llvm::StringRef Releaser,
               const clang::Stmt *S);
  void assign(const clang::CFGBlock &B, model::ObjectID O, model::PointerAssignFact::From From,
              std::optional<model::ObjectID> Source, const clang::Stmt *S);

  const clang::ParentMap &Parents;
  model::ObjectTable &Objects;
  model::FactManager &Facts;
  const clang::FunctionDecl *FD;
  const model::CallEffectsModel &Model;
  HeapLowering &Heap;
  /// The followed owners and how they release what they hold.
  llvm::DenseMap<const clang::VarDecl *, model::OwnerRelease> Followed;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_OWNERLOWERING_H
