//===- Summary.h - What a function does, as its callers see it ------------===//
//
// Part of ownership-checker, under the MIT license.
//
// A FunctionSummary is what the analysis of one function body says about every call to
// it: which pointer parameters it frees or keeps, whether it returns fresh memory, which
// rvalue-reference parameters it may move from, which arguments its result borrows, what
// it does to the containers its parameters refer to. Summaries are computed once per
// translation unit, bottom-up (analysis/UnitAnalysis); the call-effects model reads them
// through SummaryLookup and never computes one itself.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_MODEL_SUMMARY_H
#define OWNERSHIP_CHECKER_MODEL_SUMMARY_H

#include "checker/model/Facts.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <vector>

namespace ownership::model {

/// Which parts of a summary a call can use, by the callee's signature: a callee whose
/// signature none of them fits needs no summary (and no analysis as a callee).
struct SummaryParts {
  bool Heap = false;          ///< data-pointer parameters or a data-pointer result
  bool Moves = false;         ///< non-const rvalue-reference parameters
  bool Borrows = false;       ///< a result that may borrow (reference, pointer, view)
  bool Invalidations = false; ///< non-const references or pointers to containers
  bool NoReturn = false;      ///< returns void and is not declared noreturn already
  bool This = false;          ///< a non-virtual member function: what it does to `*this`
  bool Constructs = false;    ///< a constructor whose class's members may borrow
  bool any() const {
    return Heap || Moves || Borrows || Invalidations || NoReturn || This || Constructs;
  }
};

/// The parts of a summary that calls to \p FD can use.
SummaryParts summaryPartsFor(const clang::FunctionDecl *FD);

/// The definition whose body says what every call to \p Callee does, or null: no visible
/// body, virtual (another override may run), a dependent template, the standard library
/// or a system header (described by name instead).
const clang::FunctionDecl *summarizableDefinition(const clang::FunctionDecl *Callee);

/// What one function does with the memory its pointer parameters point to.
enum class PointerParamEffect : uint8_t {
  None,    ///< Reads or writes through it at most; the caller still owns it.
  Frees,   ///< Releases it on every path that returns.
  Escapes, ///< Keeps it, passes it on, or frees it on some paths: ownership is unclear.
};

/// A pointer parameter that a function keeps (stores, passes on, releases) only on the
/// paths that return some values, and leaves to its caller on the others: `bool add(T *p)`
/// that stores p and returns true, or returns false without touching it.
struct KeptByResult {
  unsigned Param = 0;
  /// The result that separates the paths: with KeptIfEqual, every return of Value may
  /// keep the parameter and every other return leaves it alone; without, every return of
  /// Value leaves it alone and the others may keep it.
  int64_t Value = 0;
  bool KeptIfEqual = true;
};

/// A pointer field that a destructor releases exactly when a flag field of its object is
/// set (`~Wrapper() { if (own_) delete p_; }`): the object owns what the field points to
/// only when the flag says so.
struct FlagRelease {
  const clang::FieldDecl *Field = nullptr;
  const clang::FieldDecl *Flag = nullptr;
  AllocFamily Family = AllocFamily::Unknown;
};

/// What calls to one function do, derived from its body.
struct FunctionSummary {
  /// Heap: set when the heap part was derived (the heap pass ran to the end).
  bool HasHeap = false;
  /// Per parameter; Escapes for parameters the heap pass does not track.
  std::vector<PointerParamEffect> PointerParams;
  /// The family of each Frees parameter's release.
  std::vector<AllocFamily> FreeFamilies;
  /// Set when every return hands back a fresh allocation (or null), of this family.
  std::optional<AllocFamily> ReturnsFresh;
  /// With ReturnsFresh: some return hands out the memory an owning pointer member of
  /// `*this` held on entry, after the member let go of it (`T *release() { T *p = p_;
  /// p_ = nullptr; return p; }`): the caller owns the result, which is not a new block.
  bool ReturnsHandedOver = false;
  /// With ReturnsFresh: bit I when a 0 (or null) argument for parameter I makes every
  /// return hand back null (`xrealloc(p, 0)` frees p and returns NULL).
  llvm::SmallBitVector ReturnsNullWhenZero;
  /// The Escapes parameters whose fate the result tells (an integer or bool result).
  llvm::SmallVector<KeptByResult, 1> KeptByResults;
  /// Constructors: per parameter, the pointer field of the new object that holds the
  /// parameter's value when the constructor returns (`: data_(p)`), or null.
  std::vector<const clang::FieldDecl *> StoredInField;
  /// Constructors: per parameter, the bool or integer field that holds the parameter's
  /// value when the constructor returns (`: own_(own)`), or null.
  std::vector<const clang::FieldDecl *> StoredFlags;
  /// Destructors: the pointer fields released exactly when a flag field is set.
  llvm::SmallVector<FlagRelease, 1> FlagReleases;
  /// Copy and move constructors: the pointer fields that hold, when the constructor
  /// returns, the value the same field of the source object had (a shallow copy, as the
  /// implicit one makes).
  std::vector<const clang::FieldDecl *> CopiedFields;
  /// Destructors: the pointer fields of `*this` whose memory the body releases on every
  /// path (`delete data_;`), with the family of the release.
  llvm::SmallVector<std::pair<const clang::FieldDecl *, AllocFamily>, 1> FreedFields;

  /// Moves: bit I when the body may move from (consume) rvalue-reference parameter I.
  llvm::SmallBitVector ConsumedParams;

  /// Borrows: bit I when the result may borrow from parameter I (or what it refers to).
  llvm::SmallBitVector ReturnBorrowsParams;
  /// The result may borrow from the implicit object.
  bool ReturnBorrowsThis = false;
  /// Constructs: bit I when the object a constructor makes keeps a borrow of parameter I
  /// (or of what it refers to) in a member: `: s_(s)` for a `const std::string &s_`.
  llvm::SmallBitVector ConstructedBorrowsParams;

  /// This: set when ThisEffect was derived (a non-virtual member function).
  bool HasThis = false;
  /// What the body does to the object it is called on: Frees when it runs `delete this`
  /// on every path that returns (`void release() { delete this; }`), Escapes when it may
  /// (`if (--refs == 0) delete this;`) or hands `this` to code that may keep or free it.
  PointerParamEffect ThisEffect = PointerParamEffect::None;
  /// The family of a Frees ThisEffect's release.
  AllocFamily ThisFamily = AllocFamily::Unknown;

  /// Per parameter, the InvalidateFact mask of what the body may do to the container that
  /// parameter refers or points to; empty when it invalidates nothing.
  llvm::SmallVector<unsigned, 4> ParamInvalidations;
  /// Member functions: the InvalidateFact mask of what the body (or a member function it
  /// calls on `*this`) may do to each container member of `*this` (`void add(T x) {
  /// items_.push_back(x); }`); empty when it invalidates none.
  llvm::SmallVector<std::pair<const clang::FieldDecl *, unsigned>, 1> MemberInvalidations;
  /// Member functions: the container member of `*this` an element of which (or an
  /// iterator into which) every return hands out (`T &get(size_t i) { return items_[i];
  /// }`), and the loan that makes; null when the returns do something else.
  const clang::FieldDecl *ReturnsElementOf = nullptr;
  LoanClass ReturnsElementLoan = LoanClass::ElementRef;

  /// NoReturn: every path of the body ends in a call that does not return (`exit()`, a
  /// `[[noreturn]]` function, another such body) or a `throw`: an error helper that ends
  /// in `exit()` without being declared `[[noreturn]]`.
  bool NoReturn = false;
};

/// Where the call-effects model finds summaries: the translation unit's table.
class SummaryLookup {
public:
  virtual ~SummaryLookup();
  /// The summary of \p Def (a summarizableDefinition()); null when it has none (yet): not
  /// analysed, being analysed (a call cycle), or skipped for exceeding a limit.
  virtual const FunctionSummary *summaryOf(const clang::FunctionDecl *Def) const = 0;
};

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_SUMMARY_H
