//===- BorrowFacts.h - Lowering borrows, invalidations and temporaries ----===//
//
// Part of ownership-checker, under the MIT license.
//
// The borrow half of the lowering. BorrowSourceFinder says which storage an expression
// borrows from (`s.c_str()` borrows the buffer of `s`, `std::max(a, b)` borrows `a` and
// `b`); BorrowFactsBuilder, called once per CFG element after FactsBuilder, turns
// declarations, assignments and returns of borrowers into Borrow and BorrowEscape facts,
// container operations into Invalidate facts, and the end of each full-expression into
// ScopeEnd facts of the temporaries it created.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_BORROWFACTS_H
#define OWNERSHIP_CHECKER_LOWERING_BORROWFACTS_H

#include "checker/model/Facts.h"

#include "clang/AST/ParentMap.h"
#include "llvm/ADT/SmallVector.h"

namespace ownership::lowering {

class LifetimeSummaries;

/// One thing a value borrows from: a fresh loan on an owner, or the loans a borrower holds.
struct BorrowSource {
  /// True: the value copies whatever borrower Obj holds. False: a new loan on owner Obj.
  bool IsCopy = false;
  model::ObjectID Obj;
  model::LoanClass Class = model::LoanClass::Object;
  /// Where the loan is taken, for "borrowed here".
  const clang::Expr *Where = nullptr;
};
using BorrowSources = llvm::SmallVector<BorrowSource, 4>;

/// Finds what an expression borrows from, without looking at control flow. Shared by the
/// lowering and by lifetimebound inference (LifetimeSummaries).
class BorrowSourceFinder {
public:
  BorrowSourceFinder(model::ObjectTable &Objects, LifetimeSummaries &Lifetimes)
      : Objects(Objects), Lifetimes(Lifetimes) {}

  /// What a reference bound to glvalue \p E borrows: the storage E denotes, as a loan of
  /// class \p C, or the loans of the borrower E reaches through (`*p`, `it->x`).
  void referent(const clang::Expr *E, model::LoanClass C, BorrowSources &Out, unsigned Depth = 0);
  /// What the value of \p E (of a borrower type: pointer, view, iterator, closure) borrows.
  void value(const clang::Expr *E, BorrowSources &Out, unsigned Depth = 0);

private:
  /// The value stored in glvalue \p E.
  void storedValue(const clang::Expr *E, BorrowSources &Out, unsigned Depth);
  /// The result of a call; \p ValueMode when the caller wants the value it returns rather
  /// than the storage a returned reference denotes.
  void call(const clang::Expr *E, bool ValueMode, BorrowSources &Out, unsigned Depth);
  /// The implicit object \p Obj of a member call, borrowed with class \p C.
  void object(const clang::Expr *Obj, model::LoanClass C, BorrowSources &Out, unsigned Depth);
  void addLoan(model::ObjectID Owner, model::LoanClass C, const clang::Expr *Where,
               BorrowSources &Out);

  model::ObjectTable &Objects;
  LifetimeSummaries &Lifetimes;
};

/// Emits the borrow facts of one function, element by element; see the file comment.
class BorrowFactsBuilder {
public:
  BorrowFactsBuilder(const clang::FunctionDecl *FD, const clang::ParentMap &Parents,
                     model::ObjectTable &Objects, model::FactManager &Facts,
                     LifetimeSummaries &Lifetimes)
      : FD(FD), Parents(Parents), Objects(Objects), Facts(Facts), Lifetimes(Lifetimes),
        Finder(Objects, Lifetimes) {}

  /// Appends the borrow facts of element \p E of block \p B. Call after FactsBuilder's
  /// facts for the same element, so that a declaration's Reinit comes before its Borrow.
  void lowerElement(const clang::CFGBlock &B, const clang::CFGElement &E);

private:
  void lowerStmt(const clang::CFGBlock &B, const clang::Stmt *S);
  /// Borrower \p Target gets the value of \p Init (\p IsRef: Target is a reference).
  void assign(const clang::CFGBlock &B, model::ObjectID Target, const clang::Expr *Init, bool IsRef,
              const clang::Stmt *S);
  void lowerReturn(const clang::CFGBlock &B, const clang::ReturnStmt *R);
  void lowerContainerCall(const clang::CFGBlock &B, const clang::Expr *Call);
  /// A call to a function whose body may invalidate a container passed to it by
  /// reference or pointer (LifetimeSummaries::invalidations()).
  void lowerCalleeInvalidations(const clang::CFGBlock &B, const clang::CallExpr *Call);

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
  void store(const clang::CFGBlock &B, const StorePlace &P, const clang::Expr *Value,
             bool IsRef, const clang::Stmt *S);
  /// Storing into, or removing from, a container that outlives the frame
  /// (`out.push_back(s.c_str())`, `cache_.clear()`).
  void lowerContainerStore(const clang::CFGBlock &B, const clang::Expr *Call);
  /// When \p S ends a full-expression, the ScopeEnd facts of its temporaries.
  void endFullExpression(const clang::CFGBlock &B, const clang::Stmt *S);
  model::BorrowedValue allocate(const BorrowSources &Sources);
  /// What \p E borrows: as a reference bound to it (\p IsRef), or as its value.
  BorrowSources sourcesOf(const clang::Expr *E, bool IsRef);

  const clang::FunctionDecl *FD;
  const clang::ParentMap &Parents;
  model::ObjectTable &Objects;
  model::FactManager &Facts;
  LifetimeSummaries &Lifetimes;
  BorrowSourceFinder Finder;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_BORROWFACTS_H
