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
// `malloc`, `lifetimebound`, `noreturn`, `reinitializes`), by the rule options
// (ModelOptions) and by the summaries of bodies the translation unit has. The lowering
// asks here and nowhere else; when nothing is known the answer says so ("unknown").
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_MODEL_CALLEFFECTS_H
#define OWNERSHIP_CHECKER_MODEL_CALLEFFECTS_H

#include "checker/model/CallSite.h"
#include "checker/model/Facts.h"
#include "checker/model/StdContainers.h"
#include "checker/model/Summary.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/SmallBitVector.h"

#include <optional>

namespace ownership::model {

/// Choices the rules' options make about what calls do.
struct ModelOptions {
  /// A pointer to memory passed to a pointer-to-const parameter of a function whose body is
  /// not visible hands the memory over (`ownership-leak.ConstPointerArgumentsEscape`).
  bool ConstPointerArgumentsEscape = false;
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
  /// Bound to a non-const `T&&` parameter that the callee may move from.
  bool Consumes = false;
  /// The result may borrow from this argument (`[[clang::lifetimebound]]`, or inferred
  /// from the callee's returns).
  bool ResultBorrows = false;
  /// InvalidateFact mask of what the callee may do to the container this argument refers
  /// or points to (`void grow(std::vector<int> &v) { v.push_back(1); }`).
  unsigned Invalidates = 0;
};

/// What one call does; see the file comment. Per argument index of the CallSite.
struct CallEffects {
  const clang::FunctionDecl *Callee = nullptr;
  llvm::SmallVector<ArgumentEffect, 4> Args;
  /// The implicit object of a member call (only ResultBorrows is used today).
  ArgumentEffect Object;
  /// Set when the call returns fresh memory the caller owns.
  std::optional<Allocator> Returns;
  /// True when the callee never returns (`[[noreturn]]`, `abort`, `exit`).
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
  /// implicit object), from `[[clang::lifetimebound]]` and the summary; null when none.
  struct ReturnBorrows {
    llvm::SmallBitVector Params;
    bool This = false;
  };
  std::optional<ReturnBorrows> returnBorrows(const clang::FunctionDecl *Callee) const;

  /// Per parameter of \p Callee, the InvalidateFact mask of what it may do to the
  /// container that parameter refers or points to; empty when nothing is known.
  llvm::ArrayRef<unsigned> paramInvalidations(const clang::FunctionDecl *Callee) const;

  /// True for functions known to read or write through their pointer arguments without
  /// keeping or releasing them: the C library's string, memory and I/O functions and the
  /// free functions of namespace std.
  bool isKnownNonOwning(const clang::FunctionDecl *Callee) const;

  /// The summary of \p Callee's body, if the unit has one.
  const FunctionSummary *summaryOf(const clang::FunctionDecl *Callee) const;

  const ModelOptions &options() const { return Options; }
  /// The container models every question about containers is asked with.
  const ContainerModels &containers() const { return Options.Containers; }
  clang::ASTContext &context() const { return Ctx; }

private:
  ArgumentEffect heapEffect(const CallSite &Site, unsigned I, const FunctionSummary *Sum) const;

  clang::ASTContext &Ctx;
  const SummaryLookup *Summaries;
  ModelOptions Options;
};

/// True for a pointer to data (not to a function): the pointers the heap passes track.
bool isDataPointer(clang::QualType T);

/// True when \p FD's implicit object parameter is marked `[[clang::lifetimebound]]`.
bool isImplicitObjectLifetimebound(const clang::FunctionDecl *FD);

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_CALLEFFECTS_H
