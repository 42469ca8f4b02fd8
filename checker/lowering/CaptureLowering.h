//===- CaptureLowering.h - Lowering what threads keep of a function's locals ===//
//
// Part of ownership-checker, under the MIT license.
//
// The thread part of the borrow lowering. A `std::thread` (or `std::jthread`) holds what
// its callable and its arguments borrow (`std::thread t([&x] {...});` borrows `x`): its
// declaration or assignment becomes a Borrow fact of the thread object, `t.detach()` a
// BorrowEscape into the detached thread, and a thread stored into a place that outlives
// the frame (`worker_ = std::thread(...)`, `workers_.push_back(std::move(t))`) a store
// into that place. A lambda converted in place into an element of a container of
// std::function outside the frame (`handlers_.emplace_back([&] {...})`) is a store too.
// A local container of closures (`std::vector<std::function<void()>>`, a map of them, a
// plain array of them) borrows what every closure put into it borrows, until it is
// emptied: `for (auto &f : fs) f();` after the loop whose locals they captured is a use.
// Called by the FactGenerator after the BorrowLowering of each element, whose sources,
// places and loans it shares.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_CAPTURELOWERING_H
#define OWNERSHIP_CHECKER_LOWERING_CAPTURELOWERING_H

#include "checker/lowering/BorrowLowering.h"

namespace ownership::lowering {

/// Emits the borrow facts of the threads of one function; see the file comment.
class CaptureLowering {
public:
  CaptureLowering(BorrowLowering &Borrows, model::ObjectTable &Objects,
                  model::FactManager &Facts)
      : Borrows(Borrows), Objects(Objects), Facts(Facts) {}

  /// Appends the thread facts of element \p E of block \p B; \p Call is set when the
  /// element is a call.
  void lowerElement(const clang::CFGBlock &B, const clang::CFGElement &E, const LoweredCall *Call);

private:
  /// What the thread that expression \p E (of a thread type) denotes borrows: the
  /// callable and arguments of a construction, or the loans a local thread holds.
  void threadSources(const clang::Expr *E, BorrowSources &Out);
  /// What a thread constructed from arguments \p Args borrows (they are decay-copied:
  /// a closure, a pointer or a `std::ref` keeps what it borrows).
  void argumentSources(llvm::ArrayRef<const clang::Expr *> Args, BorrowSources &Out);
  /// `std::thread t(...);`, `t = std::thread(...);`, `worker_ = std::thread(...);`.
  void lowerThreadValue(const clang::CFGBlock &B, const clang::Expr *Target,
                        std::optional<model::ObjectID> Local, const clang::Expr *Value,
                        const clang::Stmt *S);
  /// `t.detach()`, and insertions of threads or lambdas into a container outside the
  /// frame.
  void lowerMemberCall(const clang::CFGBlock &B, const LoweredCall &Call);
  /// Insertions into, and removals from, a local container of closures
  /// (`fs.push_back([&i] {...})`, `fs.clear()`). True when \p Call
  /// was one.
  bool lowerLocalClosureCall(const clang::CFGBlock &B, const LoweredCall &Call);
  /// `callbacks[k] = [&x] {...};`, `slots[i] = [&x] {...};` into a local container or
  /// array of closures. True when \p Op was one.
  bool lowerClosureElementAssign(const clang::CFGBlock &B, const clang::CXXOperatorCallExpr *Op);
  /// A use of the closures of a local container that element \p S may call: the range of
  /// a range-for over it, an access to one element other than to assign it.
  void lowerClosureUse(const clang::CFGBlock &B, const clang::Stmt *S);
  /// True when \p E is the left-hand side of an assignment operator call.
  bool isAssignedTo(const clang::Expr *E) const;
  /// The local container (or array) that \p Obj denotes, when its elements are closures.
  std::optional<model::ObjectID> localClosureContainer(const clang::Expr *Obj);
  /// The elements of container \p C keep what they held and borrow \p Sources too.
  void addToContainer(const clang::CFGBlock &B, model::ObjectID C, const clang::Expr *Obj,
                      BorrowSources Sources, const clang::Stmt *S);
  void emitEscape(const clang::CFGBlock &B, const BorrowSources &Sources,
                  model::BorrowEscapeFact::Into How, model::ObjectID Place,
                  const clang::Expr *Written, const clang::Stmt *S);

  BorrowLowering &Borrows;
  model::ObjectTable &Objects;
  model::FactManager &Facts;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_CAPTURELOWERING_H
