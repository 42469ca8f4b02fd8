//===- BorrowLowering.h - Lowering borrows, invalidations and temporaries -===//
//
// Part of ownership-checker, under the MIT license.
//
// The borrow part of the lowering. Called by the FactGenerator once per CFG element, after
// the moves lowering, it turns declarations, assignments and returns of borrowers into
// Borrow and BorrowEscape facts (what they borrow comes from BorrowSourceFinder), container
// operations and calls that the model says invalidate into Invalidate facts, and the end
// of each full-expression into ScopeEnd facts of the temporaries it created.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_BORROWLOWERING_H
#define OWNERSHIP_CHECKER_LOWERING_BORROWLOWERING_H

#include "checker/lowering/BorrowSources.h"
#include "checker/lowering/ContainerElements.h"
#include "checker/lowering/LoweredCall.h"
#include "checker/model/Facts.h"

#include "clang/AST/ParentMap.h"
#include "llvm/ADT/SmallVector.h"

namespace ownership::lowering {

/// Emits the borrow facts of one function, element by element; see the file comment.
class BorrowLowering {
public:
  BorrowLowering(const clang::FunctionDecl *FD, const clang::ParentMap &Parents,
                 model::ObjectTable &Objects, model::FactManager &Facts,
                 const model::CallEffectsModel &Model)
      : FD(FD), Parents(Parents), Objects(Objects), Facts(Facts), Finder(Objects, Model),
        Uses(FD) {}

  /// Appends the borrow facts of element \p E of block \p B; \p Call is set when the
  /// element is a call. Called after the moves lowering of the same element, so that a
  /// declaration's Reinit comes before its Borrow.
  void lowerElement(const clang::CFGBlock &B, const clang::CFGElement &E, const LoweredCall *Call);

private:
  /// The thread part of the lowering reuses the sources, places and loans below.
  friend class CaptureLowering;

  void lowerStmt(const clang::CFGBlock &B, const clang::Stmt *S, const LoweredCall *Call);
  /// Borrower \p Target gets the value of \p Init (\p IsRef: Target is a reference).
  void assign(const clang::CFGBlock &B, model::ObjectID Target, const clang::Expr *Init, bool IsRef,
              const clang::Stmt *S);
  void lowerReturn(const clang::CFGBlock &B, const clang::ReturnStmt *R);
  void lowerContainerCall(const clang::CFGBlock &B, const LoweredCall &Call);
  /// The invalidations of \p Inv that depend on the element (`pop_back`, `erase(k)`) or
  /// on the rest of the body (`reserve`), in ContainerElements.cpp. True when \p Inv is
  /// fully lowered (or known to be unknown); false when lowerContainerCall goes on.
  bool lowerElementInvalidation(const clang::CFGBlock &B, const LoweredCall &Call,
                                model::ObjectID Owner, const model::Invalidation &Inv);
  /// A call to a function whose body may invalidate a container passed to it by
  /// reference or pointer (ArgumentEffect::Invalidates).
  void lowerCalleeInvalidations(const clang::CFGBlock &B, const LoweredCall &Call);

  /// True for the types whose values carry loans here: borrowers, and the classes whose
  /// objects may borrow (model::mayHoldBorrows()).
  static bool carriesLoans(clang::QualType T);
  /// The arguments a call hands to an object that keeps a borrow of them
  /// (`[[clang::lifetime_capture_by(X)]]`, ArgumentEffect::CapturedBy): that object, a
  /// local, borrows them too; a place outside the frame stores them. In
  /// CapturedArguments.cpp.
  void lowerCapturedArguments(const clang::CFGBlock &B, const LoweredCall &Call);

  /// Where a value stored into an expression goes when that outlives the frame.
  struct StorePlace {
    /// The key of the place (BorrowEscapeFact::getPlace()).
    model::ObjectID Place;
    /// True when a store replaces what the place held (`g = &x;`); false when the place
    /// stands for more than the storage written (`out->a = &x;`, `m[k] = &x;`).
    bool Exact;
    /// The place as written, for messages.
    const clang::Expr *Written;
  };
  /// The place outside the frame that an assignment to \p E writes, if any: a global or
  /// static variable, a field of `*this` (not in a destructor) or of a by-reference
  /// parameter, a by-reference parameter, what a pointer parameter points to, an element of
  /// a container that is such a place.
  std::optional<StorePlace> placeOf(const clang::Expr *E, bool Exact = true);
  /// The place of the container that member call object \p Obj denotes.
  std::optional<StorePlace> containerPlace(const clang::Expr *Obj);
  /// True when storage \p O outlives the frame (see placeOf).
  bool outsideFrame(model::ObjectID O) const;
  /// A BorrowEscape fact for storing \p Value (\p IsRef: binding a reference to it) into
  /// place \p P.
  void store(const clang::CFGBlock &B, const StorePlace &P, const clang::Expr *Value, bool IsRef,
             const clang::Stmt *S);
  /// Storing into, or removing from, a container that outlives the frame
  /// (`out.push_back(s.c_str())`, `cache_.clear()`).
  void lowerContainerStore(const clang::CFGBlock &B, const LoweredCall &Call);
  /// When \p S ends a full-expression, the ScopeEnd facts of its temporaries.
  void endFullExpression(const clang::CFGBlock &B, const clang::Stmt *S);
  model::BorrowedValue allocate(const BorrowSources &Sources);
  /// What \p E borrows: as a reference bound to it (\p IsRef), or as its value.
  BorrowSources sourcesOf(const clang::Expr *E, bool IsRef);

  const clang::FunctionDecl *FD;
  const clang::ParentMap &Parents;
  model::ObjectTable &Objects;
  model::FactManager &Facts;
  BorrowSourceFinder Finder;
  ContainerUses Uses;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_BORROWLOWERING_H
