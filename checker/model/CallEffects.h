//===- CallEffects.h - What a call does to ownership: one model -----------===//
//
// Part of ownership-checker, under the MIT license.
//
// The one place that answers, for a call, an operator call or a construction, what it
// does to ownership: per argument (and the implicit object), whether it moves from it,
// releases, reallocates, adopts or keeps the memory it points to, only reads it, may
// assign it, invalidates the container it refers to, or lends it to the result; whether
// the result is fresh memory; whether the call returns at all. It joins what is known by
// name (the standard and C libraries), by attribute (`ownership_returns/takes/holds`,
// `malloc`, `lifetimebound`, `lifetime_capture_by`, `noreturn`, `reinitializes`), by the
// rule options (ModelOptions) and by the summaries of bodies the translation unit has.
// The lowering asks here and nowhere else; when nothing is known the answer says so
// ("unknown").
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_MODEL_CALLEFFECTS_H
#define OWNERSHIP_CHECKER_MODEL_CALLEFFECTS_H

#include "checker/model/CallSite.h"
#include "checker/model/Facts.h"
#include "checker/model/LibraryModels.h"
#include "checker/model/StdContainers.h"
#include "checker/model/Summary.h"
#include "checker/support/ClangCompat.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/Support/StringSaver.h"

#include <optional>
#include <string>
#include <vector>

namespace ownership::model {

/// Choices the rules' options make about what calls do.
struct ModelOptions {
  /// A pointer to memory passed to a pointer-to-const parameter of a function whose body is
  /// not visible hands the memory over (`ownership-leak.ConstPointerArgumentsEscape`).
  bool ConstPointerArgumentsEscape = false;
  /// The models of C functions: the shipped ones unless the configuration adds others.
  const LibraryModels *Libraries = &LibraryModels::shipped();
  /// Follow the paths on which a test framework's assertion fails (`--analyze-test-failures`).
  /// Off: a failure report ends its path, as if the assertion always held.
  bool AnalyzeTestFailures = false;
  /// Globs of `Class::member` names whose members own what they point to
  /// (`ownership-leak.OwningMembers`), read by analysis::ClassOwnership.
  std::vector<std::string> OwningMembers;
  /// The classes outside namespace std that behave like a standard container
  /// (`ownership-invalidated-reference.ContainerModels`).
  ContainerModels Containers = ContainerModels::defaults();
};

/// What a call does with the memory an argument points to.
enum class HeapEffect : uint8_t {
  Unknown,  ///< Nothing known: the callee may keep it, unless the pointee is const.
  Reads,    ///< Reads or writes through it, keeps nothing (C string functions, summaries).
  Releases, ///< Frees it now (`free`, `ownership_takes`, a helper that frees it).
  Reallocs, ///< Frees it if the call succeeds and returns a new block (`realloc`).
  Adopts,   ///< Hands it to an owner that frees it later (`unique_ptr<T> u(p)`).
  Keeps,    ///< Stores it or passes it on: ownership leaves (`ownership_holds`, summaries).
};

/// What a call does to one argument.
struct ArgumentEffect {
  HeapEffect Heap = HeapEffect::Unknown;
  /// For Releases and Adopts: the family the release expects.
  AllocFamily Family = AllocFamily::Unknown;
  /// For Releases, Reallocs and Adopts: how the user spells what releases it
  /// (`free`, `reset`, `adopted`, the helper's name).
  llvm::StringRef Releaser;
  /// True when Heap comes from the callee's summary (a body the unit has).
  bool FromSummary = false;
  /// For Keeps from a summary: the callee keeps the memory only on the paths that return
  /// some values, which this says (`bool add(T *p)` keeps p when it returns true).
  std::optional<KeptByResult> KeptWhen;
  /// Bound to a non-const `T&&` parameter that the callee may move from.
  bool Consumes = false;
  /// The callee uses only the pointer's value, never the memory it points to
  /// (`std::cout << static_cast<const void *>(p)` prints the address).
  bool ValueOnly = false;
  /// The result may borrow from this argument (`[[clang::lifetimebound]]`, or inferred
  /// from the callee's returns); for a construction, the object made
  /// (constructedBorrows()).
  bool ResultBorrows = false;
  /// Who keeps a borrow of this argument after the call
  /// (`[[clang::lifetime_capture_by(X)]]`); empty when nothing is said.
  llvm::SmallVector<compat::CaptureTarget, 1> CapturedBy;
  /// InvalidateFact mask of what the callee may do to the container this argument refers
  /// or points to (`void grow(std::vector<int> &v) { v.push_back(1); }`).
  unsigned Invalidates = 0;
  /// Set when the callee stores fresh memory it allocates in the pointer this argument
  /// points to (`sqlite3_open(name, &db)`, a library model's AllocatesInto).
  std::optional<Allocator> Into;
};

/// How an owner object releases the memory it adopted, when it is destroyed, reset or
/// reassigned (`std::unique_ptr<T>` with the default deleter deletes it).
struct OwnerRelease {
  AllocFamily Family = AllocFamily::Unknown;
  /// How the user spells the release at a destruction (`~unique_ptr`, `~Holder`).
  llvm::StringRef Releaser;
  /// For a class of the user's: the pointer field its destructor releases.
  const clang::FieldDecl *Field = nullptr;
};

/// What a member or operator call does to the owner object it is called on.
enum class OwnerEffect : uint8_t {
  Unknown,  ///< Not known: what the owner holds is no longer followed.
  Reads,    ///< Reads it, changes nothing (`operator bool`, `use_count()`).
  Accesses, ///< Reaches the owned memory, changes nothing (`->`, `*`, `[]`).
  Lends,    ///< Returns the owned pointer and keeps owning it (`get()`).
  Gives,    ///< Returns the owned pointer and lets go of it: empty after (`release()`).
  Resets,   ///< Releases what it owns, then adopts argument 0 or is empty (`reset(p)`).
  Assigns,  ///< Releases what it owns, then takes the value of argument 0 (`operator=`).
  Destroys, ///< Its destructor, called by hand (`h.~Holder()`): releases what it owns.
};

/// What one call does; see the file comment. Per argument index of the CallSite.
struct CallEffects {
  const clang::FunctionDecl *Callee = nullptr;
  llvm::SmallVector<ArgumentEffect, 4> Args;
  /// The implicit object of a member call: ResultBorrows, and Heap for what the method
  /// does to the object's memory: Reads (a standard class, a destructor, a body that
  /// leaves it alone), Releases (`delete this` on every path), Keeps (the body may
  /// release it or hand `this` on), Unknown (no body, a virtual method: it may do either).
  ArgumentEffect Object;
  /// When the implicit object is an owner object (ownerRelease() of its type): what the
  /// call does to it.
  OwnerEffect OnOwner = OwnerEffect::Unknown;
  /// Set when the call returns fresh memory the caller owns.
  std::optional<Allocator> Returns;
  /// True when the callee never returns (`[[noreturn]]`, `analyzer_noreturn`, `abort`,
  /// `exit`, a body every path of which ends so) or reports a failed test assertion while
  /// the paths of failed assertions are not followed (see neverReturns()).
  bool NoReturn = false;
  /// True when a summary of the callee's body answered.
  bool Summarized = false;
  /// True when the callee's body is visible to the translation unit (a system header's
  /// body that the parser skipped counts: it exists).
  bool BodyVisible = false;
};

/// The call-effects model of one translation unit; see the file comment.
class CallEffectsModel {
public:
  /// \p Summaries may be null: calls are then judged from declarations and names only.
  CallEffectsModel(clang::ASTContext &Ctx, const SummaryLookup *Summaries,
                   ModelOptions Options = {})
      : Ctx(Ctx), Summaries(Summaries), Options(Options) {}

  /// What the call \p Site does.
  CallEffects effectsOf(const CallSite &Site) const;

  /// For an allocation expression (`new T`, `malloc(n)`, a function that returns fresh
  /// memory): how it allocates. std::nullopt for anything else, placement new included.
  std::optional<Allocator> allocatorOf(const clang::Expr *E) const;

  /// For the type of an owner object, which releases the memory it adopted when it is
  /// destroyed, reset or reassigned: how. `std::unique_ptr` with the default deleter,
  /// `std::shared_ptr` (the caller follows a shared one only while it is not shared), and
  /// a class whose destructor's summary releases exactly one pointer field, which some
  /// constructor's summary stores a parameter in. std::nullopt for other types and
  /// custom deleters.
  std::optional<OwnerRelease> ownerRelease(clang::QualType T) const;

  /// The family of what deleter \p Deleter releases, when it says: a function (`free`,
  /// `&fclose`, a function of the unit) or an object of a class whose `operator()` body
  /// releases its argument (`delete[] p`, `fclose(f)`). std::nullopt when it releases
  /// nothing known, or with more than one family.
  std::optional<AllocFamily> deleterFamily(const clang::Expr *Deleter) const;
  /// The same for a deleter type: a class with such an `operator()`.
  std::optional<AllocFamily> deleterTypeFamily(clang::QualType D) const;

  /// True when an object that copy or move constructor \p Ctor makes holds the same
  /// pointer its source owns, which both will release (the implicit copy of a class
  /// whose destructor releases a pointer field): from the summaries of both.
  bool sharesOwnedPointer(const clang::CXXConstructorDecl *Ctor) const;

  /// True when a call to \p Callee may move from the object bound to its rvalue-reference
  /// parameter \p I: always for move constructors and assignments, for the standard
  /// library (which may assume such an argument is its to take, [res.on.arguments]) and
  /// for callees without a body; otherwise as the callee's summary says.
  bool mayConsume(const clang::FunctionDecl *Callee, unsigned I) const;

  /// True when argument \p I of \p Site binds to a parameter that lets the callee assign
  /// the argument's storage: `T&` (not a forwarding reference, not std::move/forward or
  /// a standard accessor) or, with \p ThroughAddress (`&x`), `T*` to non-const.
  bool isOutArgument(const CallSite &Site, unsigned I, bool ThroughAddress) const;

  /// The arguments the result of \p Callee may borrow from (parameters by index, and the
  /// implicit object), from `[[clang::lifetimebound]]` and the summary; null when none, and
  /// for a result that is neither a borrower nor a class that mayHoldBorrows().
  struct ReturnBorrows {
    llvm::SmallBitVector Params;
    bool This = false;
  };
  std::optional<ReturnBorrows> returnBorrows(const clang::FunctionDecl *Callee) const;

  /// The parameters of \p Ctor whose arguments the object it makes borrows from: those
  /// marked `[[clang::lifetimebound]]`, and those its summary says it keeps in a member
  /// (`Holder(const std::string &s) : s_(s) {}`); null when none. Copy and move
  /// constructors copy what their source borrows instead. Defined in DeclaredBorrows.cpp.
  std::optional<llvm::SmallBitVector> constructedBorrows(const clang::CXXConstructorDecl *Ctor) const;

  /// Per parameter of \p Callee, the InvalidateFact mask of what it may do to the
  /// container that parameter refers or points to; empty when nothing is known.
  llvm::ArrayRef<unsigned> paramInvalidations(const clang::FunctionDecl *Callee) const;
  /// What member function \p Callee may do to the container members of its object: the
  /// InvalidateFact mask per member (FunctionSummary::MemberInvalidations); empty when
  /// nothing is known (no summary, a virtual call).
  llvm::ArrayRef<std::pair<const clang::FieldDecl *, unsigned>>
  memberInvalidations(const clang::FunctionDecl *Callee) const;
  /// The container member of its object whose element (or iterator) member function
  /// \p Callee returns, with the loan (FunctionSummary::ReturnsElementOf).
  std::optional<std::pair<const clang::FieldDecl *, LoanClass>>
  returnedElement(const clang::FunctionDecl *Callee) const;

  /// True for functions known to read or write through their pointer arguments without
  /// keeping or releasing them: the C library's string, memory and I/O functions and the
  /// free functions of namespace std.
  bool isKnownNonOwning(const clang::FunctionDecl *Callee) const;
  /// Whether \p Call returns storage of the caller's frame (`alloca`), never released.
  bool allocatesOnStack(const clang::CallExpr &Call) const;

  /// The argument whose memory the result of \p Call points into, when a library model
  /// says so (`xmlDocGetRootElement(doc)` points into `*doc`): the result dies with it.
  std::optional<unsigned> resultPointsInto(const clang::CallExpr *Call) const;

  /// True when a call to \p Callee gives the memory its argument \p I points to one more
  /// owner (`X509_up_ref`, a library model's Shares), so that it is released more than
  /// once, by design.
  bool addsOwner(const clang::FunctionDecl *Callee, unsigned I) const;
  /// True when a call to \p Callee ends its path: it is declared not to return
  /// (`[[noreturn]]`, `_Noreturn`, `__attribute__((noreturn))` or `analyzer_noreturn`), is
  /// one of the C library's exits, its summary says that every path of its body ends so,
  /// or it reports a failed test assertion (isTestFailureReport()) and
  /// ModelOptions::AnalyzeTestFailures is off. Defined in PathEnds.cpp.
  bool neverReturns(const clang::FunctionDecl *Callee) const;

  /// The summary of \p Callee's body, if the unit has one.
  const FunctionSummary *summaryOf(const clang::FunctionDecl *Callee) const;

  const ModelOptions &options() const { return Options; }
  /// The container models every question about containers is asked with.
  const ContainerModels &containers() const { return Options.Containers; }
  clang::ASTContext &context() const { return Ctx; }

private:
  /// What a library model says about argument \p I of \p Site, if it says anything.
  std::optional<ArgumentEffect> modelledEffect(const CallSite &Site, unsigned I) const;
  OwnerEffect ownerEffect(const CallSite &Site) const;
  /// For a construction whose argument \p I the new object's destructor will release
  /// (its constructor stores it in the field the destructor frees): the family.
  std::optional<AllocFamily> adoptedByConstructor(const CallSite &Site, unsigned I,
                                                  const FunctionSummary *Sum) const;
  /// For a construction whose argument \p I the new object's destructor releases only
  /// when a flag that another argument sets is on (`Wrapper(T *p, bool own)`): Adopts
  /// when that argument is a true constant, Reads when false; std::nullopt otherwise.
  std::optional<ArgumentEffect> adoptedUnderFlag(const CallSite &Site, unsigned I,
                                                 const FunctionSummary *Sum) const;
  ArgumentEffect heapEffect(const CallSite &Site, unsigned I, const FunctionSummary *Sum) const;
  /// What a member call does to the memory of its implicit object.
  ArgumentEffect objectEffect(const CallSite &Site, const FunctionSummary *Sum) const;

  clang::ASTContext &Ctx;
  const SummaryLookup *Summaries;
  ModelOptions Options;
  /// Storage for the names of user destructors (`~Holder`) that releases quote.
  mutable llvm::BumpPtrAllocator NameStorage;
  mutable llvm::StringSaver Names{NameStorage};
};

/// True for a pointer to data (not to a function): the pointers the heap passes track.
bool isDataPointer(clang::QualType T);

/// Calls \p Found for each release written in \p S, lambda bodies aside: the argument of
/// a `delete` or `delete[]`, and each argument that a call releases according to \p Model
/// (`free(p)`, `fclose(f)`, a helper whose summary releases it), with its family.
void forEachRelease(const clang::Stmt *S, const CallEffectsModel &Model,
                    llvm::function_ref<void(const clang::Expr *, AllocFamily)> Found);

/// True when a call to \p Callee is how a test framework reports a failed assertion from the
/// test function itself, found by what the framework's macros expand to, not by macro names:
/// GoogleTest's `testing::internal::AssertHelper(...) = message`, the last call on the
/// failure branch of every ASSERT_*, EXPECT_*, FAIL() and ADD_FAILURE(). Catch2's
/// `Catch::AssertionHandler`, doctest's `doctest::detail::ResultBuilder` and Boost.Test's
/// `report_assertion` have no such branch in the test function: they evaluate the assertion
/// inside the framework and leave by an exception when a required one fails, a path the
/// analysis does not follow. Defined in PathEnds.cpp.
bool isTestFailureReport(const clang::FunctionDecl *Callee);

/// True for a class type (not a pointer-like class: isBorrowerType() answers for those)
/// whose objects may hold borrows: a class outside the standard library, not an owner
/// type, with a reference, pointer, view or closure member (or such a class as a member
/// or base), or a constructor with a `[[clang::lifetimebound]]` parameter. Its objects
/// carry the loans of their construction (constructedBorrows()). Defined in
/// DeclaredBorrows.cpp.
bool mayHoldBorrows(clang::QualType T);

/// True when \p FD's implicit object parameter is marked `[[clang::lifetimebound]]`.
bool isImplicitObjectLifetimebound(const clang::FunctionDecl *FD);

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_CALLEFFECTS_H
