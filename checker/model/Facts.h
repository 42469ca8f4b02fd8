//===- Facts.h - Ownership events of one function -------------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Facts are the atomic ownership events that FactsBuilder lowers the AST to: an object is
// moved from, used, reinitialized, or goes out of scope. Each CFG block owns an ordered
// list of facts; dataflow passes read only facts, and keep the AST node of each fact only
// for names and locations.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_MODEL_FACTS_H
#define OWNERSHIP_CHECKER_MODEL_FACTS_H

#include "checker/model/Objects.h"

#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/Casting.h"

#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <vector>

namespace ownership::model {

/// One ownership event.
class Fact {
public:
  enum class Kind {
    Move,      ///< An object is moved from (e.g. `T t = std::move(s);`).
    Use,       ///< An object's value is read or modified (e.g. `s.size()`).
    Reinit,    ///< An object gets a new, known value (e.g. `s = "x";`, `s.clear()`).
    ScopeEnd,  ///< A variable's lifetime ends (e.g. the `}` of its scope).
    TestPoint, ///< A named point for unit tests (`void("__ownership_point_name")`).
    Acquire,   ///< Fresh heap memory is allocated (e.g. `int *p = malloc(4);`).
    Release,   ///< Memory is released or adopted by an owner (e.g. `free(p)`, `delete p`).
    Access,    ///< Memory is read or written through a pointer (e.g. `*p`, `p->x`, `p[i]`).
    Escape,    ///< Ownership of memory is handed elsewhere (e.g. `return p;`, `g = p;`).
    PointerAssign, ///< A pointer gets a value that is not an allocation (e.g. `q = p;`).
    NullTest,  ///< A block's branch compares a pointer with null (e.g. `if (!p)`).
    Borrow,    ///< A borrower gets a value that borrows from owners (e.g. `string_view v = s;`).
    Invalidate, ///< An operation invalidates loans on a container (e.g. `v.push_back(x)`).
    BorrowEscape, ///< A borrowed value leaves the function (e.g. `return v;`, `g = &x;`).
    SharedStore,  ///< A shared object comes to own another (e.g. `a->peer = b;`).
    ValueTest,    ///< A block's branch compares an integer local with a constant (`if (y == 0)`).
    KeepTest,     ///< A block's branch tests whether a callee kept a pointer (`if (!r.add(p))`).
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

/// How a use stands with a move made in the same full-expression when C++ does not order
/// the two as the facts list them (lowering/Sequencing.h decides).
enum class UseOrder : uint8_t {
  Listed,      ///< In the order of the facts.
  Unsequenced, ///< Either may come first (`f(std::move(s), s.size())`, by-value `f`).
  CalleeReads, ///< Bound to a reference that the callee reads after another argument
               ///< took the value (`g(s, std::move(s))`, `g(const T&, T)`).
  MoveFirst,   ///< Listed before the move, evaluated after it (the left operand of an
               ///< overloaded assignment, whose right operand C++17 evaluates first).
  UseFirst,    ///< Listed after the move, evaluated before it: the move does not reach
               ///< the use (`m[take(std::move(s))] = s.substr(1)`).
};

/// `Obj` is read or modified through the expression getStmt().
class UseFact : public Fact {
public:
  UseFact(ObjectID Obj, const clang::Expr *UseExpr, UseOrder Order = UseOrder::Listed,
          const clang::Stmt *OrderedConsumer = nullptr)
      : Fact(Kind::Use, UseExpr), Obj(Obj), Order(Order), OrderedConsumer(OrderedConsumer) {}
  ObjectID getObject() const { return Obj; }
  const clang::Expr *getUseExpr() const { return llvm::cast<clang::Expr>(getStmt()); }
  /// How the use is ordered with the move whose consumer is getOrderedConsumer().
  UseOrder getOrder() const { return Order; }
  /// The consumer (MoveFact::getStmt()) of the move getOrder() is about; null for Listed.
  const clang::Stmt *getOrderedConsumer() const { return OrderedConsumer; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::Use; }

private:
  ObjectID Obj;
  UseOrder Order;
  const clang::Stmt *OrderedConsumer;
};

/// `Obj` and everything inside it get a fresh value (assignment, declaration, `clear()`,
/// an out-parameter, ...).
class ReinitFact : public Fact {
public:
  ReinitFact(ObjectID Obj, const clang::Stmt *S) : Fact(Kind::Reinit, S), Obj(Obj) {}
  ObjectID getObject() const { return Obj; }
  /// True when the new value comes from a built-in assignment (`s = t;`), rather than a
  /// declaration, a call that fills the object or a reinitializing member.
  bool isAssignment() const { return llvm::isa_and_nonnull<clang::BinaryOperator>(getStmt()); }
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

/// Which allocator family produced, or is expected to release, a block of memory.
enum class AllocFamily : uint8_t {
  Unknown,  ///< A user allocator we cannot classify; never reported as mismatched.
  New,      ///< `new T`, released with `delete`.
  NewArray, ///< `new T[n]`, released with `delete[]`.
  Malloc,   ///< `malloc`, `calloc`, `realloc`, `strdup`, ...: released with `free`.
};

/// True when memory of family \p Allocated may be released by a releaser expecting
/// \p Released: the same family, or one of them Unknown.
inline bool familiesMatch(AllocFamily Allocated, AllocFamily Released) {
  return Allocated == AllocFamily::Unknown || Released == AllocFamily::Unknown ||
         Allocated == Released;
}

/// How an allocation expression allocates: the family of the memory it returns and how
/// the user spells it.
struct Allocator {
  AllocFamily Family = AllocFamily::Unknown;
  llvm::StringRef Name; ///< `malloc`, `new[]`, `make_buffer`
  /// True for the language's and the C library's own allocators (`new`, `malloc`,
  /// `strdup`), as opposed to functions that allocate through one.
  bool WellKnown = false;
  /// True for a function that hands out memory a member of its object owned and lets
  /// go of it (`T *release() { T *p = p_; p_ = nullptr; return p; }`): it allocates
  /// nothing, but the caller owns the result.
  bool HandsOver = false;
};

/// What a pointer may point to, as the heap passes see it.
struct Pointee {
  enum class Kind : uint8_t {
    Null,    ///< The null pointer.
    Heap,    ///< The memory of heap site Obj.
    NonHeap, ///< Local, static or literal storage Obj.
    Entry,   ///< Whatever pointer Obj (a parameter) pointed to on function entry.
    Opaque,  ///< The value pointer Obj last got from something we do not model.
    Unknown, ///< A value that aliases nothing we know of.
  };
  Kind K = Kind::Unknown;
  ObjectID Obj;

  static Pointee null() { return {Kind::Null, ObjectID()}; }
  static Pointee unknown() { return {Kind::Unknown, ObjectID()}; }
  bool operator==(const Pointee &O) const { return K == O.K && Obj == O.Obj; }
  bool operator!=(const Pointee &O) const { return !(*this == O); }
  bool operator<(const Pointee &O) const {
    return K != O.K ? K < O.K : Obj < O.Obj;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(static_cast<unsigned>(K));
    ID.AddInteger(Obj.Value);
  }
};

/// Heap memory is allocated. The statement is the allocation expression.
class AcquireFact : public Fact {
public:
  AcquireFact(std::optional<ObjectID> Dest, ObjectID Site, Allocator A, bool Discarded,
              const clang::Expr *Alloc)
      : Fact(Kind::Acquire, Alloc), Dest(Dest), Site(Site), A(A), Discarded(Discarded) {}
  /// The pointer that receives the memory; none when it is returned, stored where we do
  /// not track, passed on or discarded.
  std::optional<ObjectID> getDest() const { return Dest; }
  /// The HeapSite node of the allocation.
  ObjectID getSite() const { return Site; }
  AllocFamily getFamily() const { return A.Family; }
  /// True when the result is thrown away (`new T;`, `malloc(4);`).
  bool isDiscarded() const { return Discarded; }
  /// How the user spelled the allocator: `malloc`, `new`, `new[]`, `make_buffer`.
  llvm::StringRef getAllocator() const { return A.Name; }
  /// True for `new`, `new[]` and the C library's allocators.
  bool isWellKnownAllocator() const { return A.WellKnown; }
  /// True when the call hands over memory a member owned rather than allocating it.
  bool handsOver() const { return A.HandsOver; }
  /// True for `new T(...)` whose constructor is user-written: the object may hand `this`
  /// to an owner (a parent, a registry) that deletes it later.
  bool runsUserConstructor() const;
  const clang::Expr *getAllocExpr() const { return llvm::cast<clang::Expr>(getStmt()); }
  static bool classof(const Fact *F) { return F->getKind() == Kind::Acquire; }

private:
  std::optional<ObjectID> Dest;
  ObjectID Site;
  Allocator A;
  bool Discarded;
};

/// Memory is released (`free(p)`, `delete p`, a helper that frees its parameter), or
/// handed to an owner that will release it later (`std::unique_ptr<T> u(p);`). The
/// statement is the releasing expression.
class ReleaseFact : public Fact {
public:
  enum class Mode : uint8_t {
    Now,     ///< Released here.
    Adopt,   ///< Adopted by a smart pointer, which releases it later.
    Realloc, ///< `realloc`: released only when it succeeds; the result is a new block.
  };
  ReleaseFact(std::optional<ObjectID> Ptr, std::optional<Pointee> Direct, AllocFamily Family,
              Mode M, llvm::StringRef Releaser, const clang::Expr *Arg, const clang::Stmt *S,
              int64_t ArgOffset = 0)
      : Fact(Kind::Release, S), Ptr(Ptr), Direct(Direct), Family(Family), M(M),
        Releaser(Releaser), Arg(Arg), ArgOffset(ArgOffset) {}
  /// The tracked pointer whose memory is released, if the argument is one.
  std::optional<ObjectID> getPointer() const { return Ptr; }
  /// Otherwise what the argument points to, when it is known (`&x`, a literal, `new T`).
  std::optional<Pointee> getDirect() const { return Direct; }
  /// The family the releaser expects (`free` expects Malloc).
  AllocFamily getFamily() const { return Family; }
  Mode getMode() const { return M; }
  /// How the user spelled the releaser: `free`, `delete`, `delete[]`, `destroy`.
  llvm::StringRef getReleaser() const { return Releaser; }
  /// The released argument as written.
  const clang::Expr *getArg() const { return Arg; }
  /// The constant number of elements the argument adds to getPointer() (`free(p + 1)`).
  int64_t getArgOffset() const { return ArgOffset; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::Release; }

private:
  std::optional<ObjectID> Ptr;
  std::optional<Pointee> Direct;
  AllocFamily Family;
  Mode M;
  llvm::StringRef Releaser;
  const clang::Expr *Arg;
  int64_t ArgOffset;
};

/// The memory pointer `Ptr` points to is read or written (`*p`, `p->f`, `p[i]`, passing p
/// to a function that reads through it), or, for a value access, only the pointer's value
/// is read where it matters which block it points to (`p == q`, `p < end`). The
/// statement is the pointer expression.
class AccessFact : public Fact {
public:
  AccessFact(ObjectID Ptr, const clang::Expr *E, bool ValueOnly = false)
      : Fact(Kind::Access, E), Ptr(Ptr), ValueOnly(ValueOnly) {}
  ObjectID getPointer() const { return Ptr; }
  /// True when only the pointer's value is read (compared with another pointer), not
  /// the memory it points to.
  bool isValueOnly() const { return ValueOnly; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::Access; }

private:
  ObjectID Ptr;
  bool ValueOnly;
};

/// Ownership of what `Obj` points to (or, for an aggregate, of what the pointers inside it
/// point to) is handed elsewhere: returned, stored, passed to code that may keep it.
class EscapeFact : public Fact {
public:
  enum class Via : uint8_t { Return, Store, Call, Capture, Other };
  EscapeFact(std::optional<ObjectID> Obj, std::optional<Pointee> Direct, Via How,
             const clang::Stmt *S)
      : Fact(Kind::Escape, S), Obj(Obj), Direct(Direct), How(How) {}
  std::optional<ObjectID> getObject() const { return Obj; }
  /// For `return malloc(n);` or `return nullptr;`: what escapes, without a tracked pointer.
  std::optional<Pointee> getDirect() const { return Direct; }
  Via getVia() const { return How; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::Escape; }

private:
  std::optional<ObjectID> Obj;
  std::optional<Pointee> Direct;
  Via How;
};

/// Pointer `Dest` gets a value that is not a fresh allocation: null, a copy of another
/// tracked pointer, the address of non-heap storage, its entry value, or something opaque.
/// An owner object (`std::unique_ptr<T> u(p);`) is followed as a pointer too: Own makes
/// it hold what Source points to (or heap site Source), without Source's freed state;
/// Disown (`u.release()`, a call that may do so) makes it let go: the memory it held is
/// no longer adopted, and Dest's value is opaque. Advance moves Dest within the block it
/// points to, by getDelta() elements (`p++`, `p -= 2`, `q = p + 1` after a Copy).
class PointerAssignFact : public Fact {
public:
  enum class From : uint8_t { Null, Copy, Address, Entry, Opaque, Own, Disown, Advance };
  PointerAssignFact(ObjectID Dest, From Src, std::optional<ObjectID> Source, const clang::Stmt *S,
                    std::optional<int64_t> Delta = std::nullopt)
      : Fact(Kind::PointerAssign, S), Dest(Dest), Src(Src), Source(Source), Delta(Delta) {}
  ObjectID getDest() const { return Dest; }
  From getFrom() const { return Src; }
  /// For Copy and Own, the copied pointer (for Own, or a heap site); for Address, the
  /// storage whose address is taken.
  std::optional<ObjectID> getSource() const { return Source; }
  /// For Advance, the number of elements Dest moves by; std::nullopt when not a constant.
  std::optional<int64_t> getDelta() const { return Delta; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::PointerAssign; }

private:
  ObjectID Dest;
  From Src;
  std::optional<ObjectID> Source;
  std::optional<int64_t> Delta;
};

/// The branch that ends this block tests pointer `Ptr` against null (`if (!p)`) or, when
/// getStorage() is set, against the address of non-heap storage (`if (p != buf)`). The
/// statement is the condition. Always the last fact of its block.
class NullTestFact : public Fact {
public:
  NullTestFact(ObjectID Ptr, bool NullOnTrueBranch, const clang::Expr *Cond,
               std::optional<ObjectID> Storage = std::nullopt)
      : Fact(Kind::NullTest, Cond), Ptr(Ptr), NullOnTrue(NullOnTrueBranch), Storage(Storage) {}
  ObjectID getPointer() const { return Ptr; }
  /// True when the first successor (the "true" branch) is taken when the pointer is null
  /// (or equal to the storage's address).
  bool isNullOnTrueBranch() const { return NullOnTrue; }
  /// The storage whose address the pointer is compared with, instead of null.
  std::optional<ObjectID> getStorage() const { return Storage; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::NullTest; }

private:
  ObjectID Ptr;
  bool NullOnTrue;
  std::optional<ObjectID> Storage;
};

/// The branch that ends this block compares `Var`, a local or parameter of integer type that
/// is never written after its initialization (nor has its address taken), with the
/// constant `Value` (`if (y == 0)`; `if (flag)` compares `flag` with 0). getKnown() is Var's
/// value when its initializer is a constant. isOncePerCall() says that Var takes one value
/// per call of the function (a parameter, or a local that no loop or goto declares again).
/// The statement is the condition. Always the last fact of its block.
class ValueTestFact : public Fact {
public:
  ValueTestFact(ObjectID Var, int64_t Value, bool EqualOnTrueBranch, std::optional<int64_t> Known,
                bool OncePerCall, const clang::Expr *Cond)
      : Fact(Kind::ValueTest, Cond), Var(Var), Value(Value), EqualOnTrue(EqualOnTrueBranch),
        OncePerCall(OncePerCall), Known(Known) {}
  ObjectID getVar() const { return Var; }
  int64_t getValue() const { return Value; }
  /// True when the first successor (the "true" branch) is taken when Var == Value.
  bool isEqualOnTrueBranch() const { return EqualOnTrue; }
  std::optional<int64_t> getKnown() const { return Known; }
  bool isOncePerCall() const { return OncePerCall; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::ValueTest; }

private:
  ObjectID Var;
  int64_t Value;
  bool EqualOnTrue;
  bool OncePerCall;
  std::optional<int64_t> Known;
};

/// The branch that ends this block tests the result of a call that keeps pointer `Ptr`'s
/// memory only for some results (`if (!reg.add(p))`, with `bool add(T *p)` storing p
/// exactly when it returns true): on the edges where the callee may have kept it, the
/// memory is handed elsewhere; on the others the caller still owns it. The statement is
/// the condition. Facts of this kind end their block (after them, nothing but more of
/// them), and only where no NullTest or ValueTest does.
class KeepTestFact : public Fact {
public:
  KeepTestFact(ObjectID Ptr, bool KeptOnTrue, bool KeptOnFalse, const clang::Expr *Cond)
      : Fact(Kind::KeepTest, Cond), Ptr(Ptr), KeptOnTrue(KeptOnTrue), KeptOnFalse(KeptOnFalse) {}
  ObjectID getPointer() const { return Ptr; }
  /// True when the callee may have kept the memory on successor edge \p SuccIndex (0 is
  /// the "true" branch).
  bool mayBeKeptOn(unsigned SuccIndex) const { return SuccIndex == 0 ? KeptOnTrue : KeptOnFalse; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::KeepTest; }

private:
  ObjectID Ptr;
  bool KeptOnTrue;
  bool KeptOnFalse;
};

/// Prints \p P for `--dump=facts|states`.
void dumpPointee(llvm::raw_ostream &OS, const Pointee &P, const ObjectTable &Objects);

/// What part of its owner a loan refers to, which decides what invalidates it.
enum class LoanClass : uint8_t {
  Object,      ///< The owner itself (`&s`, `T &r = s;`): only its destruction ends it.
  ElementRef,  ///< An element or the buffer (`v[0]`, `s.data()`, `string_view(s)`).
  ElementIter, ///< An iterator into a container (`v.begin()`, `m.find(k)`).
};

/// Positions of a container's elements that are known without an index.
enum class ElementPos : uint8_t {
  First = 1, ///< `c.front()`
  Last = 2,  ///< `c.back()`
};

/// Which elements of a container a loan refers to, or an operation invalidates: by
/// position, or the element with a key (`m[k]`, `m.erase(k)`). Empty: not known.
struct ElementSelector {
  unsigned Positions = 0; ///< ElementPos bits
  /// The key expression; two keys are the same when sameKey() says so.
  const clang::Expr *Key = nullptr;
  bool empty() const { return !Positions && !Key; }
  /// True when some element is selected by both.
  bool overlaps(const ElementSelector &Other) const;
};

/// True when \p A and \p B denote the same key value wherever they are evaluated in one
/// function: the same constant (integer, character, string literal, enumerator), or the
/// same variable of const type (or reference to const), which nothing in the function
/// can change without a cast.
bool sameKey(const clang::Expr *A, const clang::Expr *B);

/// One loan: a borrow of \p Owner, taken at \p Where. Loans are created by BorrowFact and
/// InvalidateFact, live in the FactManager's allocator and are identified by address.
struct Loan {
  Loan(ObjectID Owner, LoanClass Class, const clang::Expr *Where, bool MovesWithOwner = false,
       ElementSelector Element = {})
      : Owner(Owner), Class(Class), Where(Where), MovesWithOwner(MovesWithOwner),
        Element(Element) {}
  ObjectID Owner;
  LoanClass Class;
  /// The borrowing expression (`s.c_str()`); the "borrowed here" location.
  const clang::Expr *Where;
  /// True when the loan is of storage the owner keeps outside itself and hands over when
  /// it is moved from (`*p` of a `std::unique_ptr`, an element of a `std::vector`): after
  /// the move, the owner going out of scope ends nothing.
  bool MovesWithOwner;
  /// For a loan of an element: which one, when known (`v.back()`, `m[k]`).
  ElementSelector Element;
};

/// The loans a value carries: fresh loans taken by the expression, and the loans of
/// borrowers whose value it copies (`it2 = it`, `sv.substr(1)`).
struct BorrowedValue {
  llvm::ArrayRef<const Loan *> Loans;
  llvm::ArrayRef<ObjectID> CopiedFrom;
  bool empty() const { return Loans.empty() && CopiedFrom.empty(); }
};

/// Borrower `Obj` (a pointer, reference, view, iterator or by-reference lambda) gets a new
/// value, which replaces its old one (e.g. `std::string_view v = s;`, `it = m.find(k)`).
class BorrowFact : public Fact {
public:
  BorrowFact(ObjectID Borrower, BorrowedValue Value, const clang::Stmt *S)
      : Fact(Kind::Borrow, S), Borrower(Borrower), Value(Value) {}
  ObjectID getBorrower() const { return Borrower; }
  const BorrowedValue &getValue() const { return Value; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::Borrow; }

private:
  ObjectID Borrower;
  BorrowedValue Value;
};

/// An operation on container `Owner` that the standard says invalidates its loans of the
/// classes in the mask (e.g. `v.push_back(x)` invalidates references and iterators into
/// `v`). With a borrower (`m.erase(it)`), only the iterator that borrower holds is
/// invalidated: the borrower is left holding getErased(), an already invalid loan. With a
/// selector (`v.pop_back()`, `m.erase(k)`), only the loans on the selected elements are.
class InvalidateFact : public Fact {
public:
  InvalidateFact(ObjectID Owner, unsigned ClassMask, std::optional<ObjectID> Borrower,
                 const Loan *Erased, const clang::Expr *Call, ElementSelector Only = {})
      : Fact(Kind::Invalidate, Call), Owner(Owner), ClassMask(ClassMask), Borrower(Borrower),
        Erased(Erased), Only(Only) {}
  ObjectID getOwner() const { return Owner; }
  bool invalidates(LoanClass C) const { return ClassMask & (1u << static_cast<unsigned>(C)); }
  /// True when loan \p L on getOwner() is invalidated: its class is in the mask and, with
  /// a selector, it refers to a selected element.
  bool covers(const Loan &L) const {
    return invalidates(L.Class) && (Only.empty() || Only.overlaps(L.Element));
  }
  const ElementSelector &only() const { return Only; }
  std::optional<ObjectID> getBorrower() const { return Borrower; }
  const Loan *getErased() const { return Erased; }
  const clang::Expr *getCall() const { return llvm::cast<clang::Expr>(getStmt()); }
  static unsigned maskOf(LoanClass C) { return 1u << static_cast<unsigned>(C); }
  static bool classof(const Fact *F) { return F->getKind() == Kind::Invalidate; }

private:
  ObjectID Owner;
  unsigned ClassMask;
  std::optional<ObjectID> Borrower;
  const Loan *Erased;
  ElementSelector Only;
};

/// A borrowed value leaves the function's frame: it is returned (e.g. `return sv;` in a
/// function returning `std::string_view`), or stored into a place that outlives the frame
/// (e.g. `g_current = &local;`, `*out = s.c_str();`, `view_ = s;`, `out.push_back(&x);`).
class BorrowEscapeFact : public Fact {
public:
  /// How the value reaches where it goes.
  enum class Into : uint8_t {
    Return,  ///< The function's result.
    Replace, ///< The place gets the value instead of what it held (`g = &x;`).
    Add,     ///< The place keeps what it held and gets the value too (`out.push_back(&x)`).
    Clear,   ///< The place drops what it held; the value is empty (`out.clear()`).
    Detach,  ///< A thread that runs on after the function keeps the value (`t.detach()`).
  };
  BorrowEscapeFact(BorrowedValue Value, const clang::Stmt *S, Into How = Into::Return,
                   std::optional<ObjectID> Place = std::nullopt,
                   const clang::Expr *PlaceExpr = nullptr)
      : Fact(Kind::BorrowEscape, S), Value(Value), How(How), Place(Place),
        PlaceExpr(PlaceExpr) {}
  const BorrowedValue &getValue() const { return Value; }
  Into getInto() const { return How; }
  /// For a store: the storage outside the frame that holds the value (a global, a field of
  /// `*this` or of a by-reference parameter, a by-reference parameter); for a pointer
  /// parameter, this key stands for the object it points to.
  std::optional<ObjectID> getPlace() const { return Place; }
  /// For a store: the place as written (`g_current`, `*out`, `out`), for messages.
  const clang::Expr *getPlaceExpr() const { return PlaceExpr; }
  static bool classof(const Fact *F) { return F->getKind() == Kind::BorrowEscape; }

private:
  BorrowedValue Value;
  Into How;
  std::optional<ObjectID> Place;
  const clang::Expr *PlaceExpr;
};

/// A store that makes the object behind one local std::shared_ptr (or `*this`) own the
/// object behind another through a member (`a->peer = b;`, `obj->cb = [obj] {...};`,
/// `a->children.push_back(b);`), or that breaks such ownership again
/// (`a->peer.reset();`, `a->peer = nullptr;`), or gives a local handle another object.
class SharedStoreFact : public Fact {
public:
  enum class Action : uint8_t {
    Store,    ///< getOwner()'s object keeps getOwned()'s alive through getField().
    Reset,    ///< getOwner()'s getField() drops what it held.
    Reassign, ///< Handle getOwner() now names another object.
  };
  SharedStoreFact(Action A, ObjectID Owner, std::optional<ObjectID> Owned,
                  const clang::FieldDecl *Field, const clang::LambdaExpr *ViaLambda,
                  const clang::Expr *Store)
      : Fact(Kind::SharedStore, Store), A(A), Owner(Owner), Owned(Owned), Field(Field),
        ViaLambda(ViaLambda) {}
  Action getAction() const { return A; }
  /// A local std::shared_ptr variable, or the object behind `this`.
  ObjectID getOwner() const { return Owner; }
  /// For Store: the handle stored (a local std::shared_ptr, or `this` through
  /// shared_from_this()).
  std::optional<ObjectID> getOwned() const { return Owned; }
  /// For Store and Reset: the member stored into.
  const clang::FieldDecl *getField() const { return Field; }
  /// For Store: the lambda that captured the owned handle, when one is stored.
  const clang::LambdaExpr *getViaLambda() const { return ViaLambda; }
  const clang::Expr *getStore() const { return llvm::cast<clang::Expr>(getStmt()); }
  static bool classof(const Fact *F) { return F->getKind() == Kind::SharedStore; }

private:
  Action A;
  ObjectID Owner;
  std::optional<ObjectID> Owned;
  const clang::FieldDecl *Field;
  const clang::LambdaExpr *ViaLambda;
};

/// Sorts \p Facts, a range of pointers to facts, by where their statements begin in the
/// translation unit, keeping the order of the facts of one statement: the order in which
/// findings and their notes are reported.
template <typename RangeT> void sortBySource(const clang::SourceManager &SM, RangeT &Facts) {
  std::stable_sort(std::begin(Facts), std::end(Facts), [&SM](const Fact *A, const Fact *B) {
    return SM.isBeforeInTranslationUnit(A->getStmt()->getBeginLoc(),
                                        B->getStmt()->getBeginLoc());
  });
}

/// Owns the facts of one function and indexes them by CFG block.
class FactManager {
public:
  explicit FactManager(unsigned NumBlocks) : BlockFacts(NumBlocks), PathEnds(NumBlocks) {}

  template <typename FactT, typename... Args> FactT *create(Args &&...A) {
    return new (Alloc.Allocate<FactT>()) FactT(std::forward<Args>(A)...);
  }
  void append(const clang::CFGBlock &B, const Fact *F) { BlockFacts[B.getBlockID()].push_back(F); }
  /// Copies \p Items into the facts' allocator, for arrays that facts point to.
  template <typename T> llvm::ArrayRef<T> copyArray(llvm::ArrayRef<T> Items) {
    if (Items.empty())
      return {};
    T *Out = Alloc.Allocate<T>(Items.size());
    std::uninitialized_copy(Items.begin(), Items.end(), Out);
    return llvm::ArrayRef<T>(Out, Items.size());
  }
  /// Puts \p F before the facts \p B already has (facts of the entry block).
  void prepend(const clang::CFGBlock &B, const Fact *F) {
    auto &V = BlockFacts[B.getBlockID()];
    V.insert(V.begin(), F);
  }

  llvm::ArrayRef<const Fact *> factsOf(const clang::CFGBlock &B) const {
    return BlockFacts[B.getBlockID()];
  }
  /// Block \p B ends its path after its facts: a call that does not return (as the
  /// call-effects model says, which the CFG does not know) or a throw.
  void endPath(const clang::CFGBlock &B) { PathEnds.set(B.getBlockID()); }
  /// True when no path leaves \p B: endPath() was called, or the CFG ended it at a call
  /// to a function declared noreturn.
  bool endsPath(const clang::CFGBlock &B) const {
    return PathEnds.test(B.getBlockID()) || B.hasNoReturnElement();
  }
  /// The number of facts in all blocks.
  size_t size() const;
  void dump(llvm::raw_ostream &OS, const clang::CFG &Cfg, const ObjectTable &Objects) const;

private:
  llvm::BumpPtrAllocator Alloc;
  std::vector<std::vector<const Fact *>> BlockFacts;
  llvm::BitVector PathEnds;
};

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_FACTS_H
