//===- BorrowSources.h - What an expression borrows from ------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// BorrowSourceFinder says which storage an expression borrows from (`s.c_str()` borrows
// the buffer of `s`, `std::max(a, b)` borrows `a` and `b`, `f(x)` borrows what f's
// summary or `[[clang::lifetimebound]]` says), without looking at control flow. The borrow
// lowering uses it on every borrower's value; the summary builder on a function's returns.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_BORROWSOURCES_H
#define OWNERSHIP_CHECKER_LOWERING_BORROWSOURCES_H

#include "checker/model/CallEffects.h"
#include "checker/model/Facts.h"

#include "llvm/ADT/SmallVector.h"

namespace ownership::lowering {

/// One thing a value borrows from: a fresh loan on an owner, or the loans a borrower holds.
struct BorrowSource {
  /// True: the value copies whatever borrower Obj holds. False: a new loan on owner Obj.
  bool IsCopy = false;
  model::ObjectID Obj;
  model::LoanClass Class = model::LoanClass::Object;
  /// Where the loan is taken, for "borrowed here".
  const clang::Expr *Where = nullptr;
  /// For a new loan of an element: which element, when known (`v.back()`, `m[k]`).
  model::ElementSelector Element;
};
using BorrowSources = llvm::SmallVector<BorrowSource, 4>;

/// Finds what an expression borrows from, without looking at control flow. Shared by the
/// lowering and by the summary builder.
class BorrowSourceFinder {
public:
  BorrowSourceFinder(model::ObjectTable &Objects, const model::CallEffectsModel &Model)
      : Objects(Objects), Model(Model) {}

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
  /// A free function of the standard library that returns (a borrow of) an argument
  /// (StdBorrowKind); false when \p P's callee is not one.
  bool stdCall(const model::CallSite &P, bool ValueMode, BorrowSources &Out, unsigned Depth);
  /// The object a construction of a class that mayHoldBorrows() makes: what its
  /// constructor keeps (CallEffectsModel::constructedBorrows()), or what its source holds.
  void constructed(const clang::CXXConstructExpr *Construct, BorrowSources &Out, unsigned Depth);
  /// The implicit object \p Obj of a member call, borrowed with class \p C.
  void object(const clang::Expr *Obj, model::LoanClass C, BorrowSources &Out, unsigned Depth);
  void addLoan(model::ObjectID Owner, model::LoanClass C, const clang::Expr *Where,
               BorrowSources &Out);
  /// Says which element the loans Out[First...] that accessor call \p P took refer to.
  void tagElement(const model::CallSite &P, size_t First, BorrowSources &Out) const;

public:
  const model::CallEffectsModel &model() const { return Model; }

private:
  model::ObjectTable &Objects;
  const model::CallEffectsModel &Model;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_BORROWSOURCES_H
