//===- Heap.h - What pointers point to, and which memory is freed or owned ===//
//
// Part of ownership-checker, under the MIT license.
//
// A forward dataflow pass over the heap facts (Acquire, Release, Access, Escape,
// PointerAssign, NullTest) plus ScopeEnd and Reinit. Its state says, at each program
// point, what each tracked pointer may point to (heap sites, non-heap storage, null,
// opaque values), which pointers dangle because the memory they point to was released
// (and by which releases), and which allocations are still owned by this function.
// Branches on `p == nullptr` refine the state along each edge; a branch that contradicts an
// earlier one on an integer local that is never written is not taken.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_PASSES_HEAP_H
#define OWNERSHIP_CHECKER_PASSES_HEAP_H

#include "checker/passes/Dataflow.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/ImmutableMap.h"
#include "llvm/ADT/ImmutableSet.h"

#include <cstdint>

namespace ownership::passes {

/// The heap state at one program point.
struct HeapState {
  using PointeeSet = llvm::ImmutableSet<model::Pointee>;
  using ReleaseSet = llvm::ImmutableSet<const model::ReleaseFact *>;
  /// What each pointer may point to. A pointer without an entry holds an opaque value of
  /// its own: {Opaque(p)}.
  llvm::ImmutableMap<model::ObjectID, PointeeSet> Points;
  /// Pointers whose memory was released on some path, with the releases that reach.
  llvm::ImmutableMap<model::ObjectID, ReleaseSet> Dangling;
  /// Pointers whose memory was released on every path. A subset of Dangling's keys.
  llvm::ImmutableSet<model::ObjectID> MustDangling;
  /// Memory released on some path, with the releases (for parameters' summaries).
  llvm::ImmutableMap<model::Pointee, ReleaseSet> Freed;
  /// Memory released (or null) on every path.
  llvm::ImmutableSet<model::Pointee> MustFreed;
  /// Memory handed elsewhere on some path.
  llvm::ImmutableSet<model::Pointee> Escaped;
  /// Heap sites allocated and still owned here (not released, not handed on) on some path.
  llvm::ImmutableSet<model::ObjectID> Live;
  /// ... on every path. A subset of Live.
  llvm::ImmutableSet<model::ObjectID> MustLive;
  /// Points inverted: the pointers whose entry holds each pointee. Finding who holds an
  /// allocation (to release it, to tell whether it is still reachable) then costs a
  /// lookup, not a walk over every pointer, which made functions with hundreds of live
  /// allocations cubic. Derived from Points, so not compared.
  llvm::ImmutableMap<model::Pointee, llvm::ImmutableSet<model::ObjectID>> PointedBy;
  /// What the branches taken on this path say of integer locals that are never written
  /// (ValueTest facts): the value each one has, or a value it has not.
  llvm::ImmutableMap<model::ObjectID, int64_t> ValueIs;
  llvm::ImmutableMap<model::ObjectID, int64_t> ValueIsNot;
  /// How many elements past the start of its block each pointer that was advanced
  /// (`p++`) points, the same on every path; UnknownOffset when the paths disagree or the
  /// step is not a constant. A pointer without an entry was not advanced.
  llvm::ImmutableMap<model::ObjectID, int64_t> Offsets;
  static constexpr int64_t UnknownOffset = INT64_MIN;

  bool operator==(const HeapState &O) const {
    return Points == O.Points && Dangling == O.Dangling && MustDangling == O.MustDangling &&
           Freed == O.Freed && MustFreed == O.MustFreed && Escaped == O.Escaped &&
           Live == O.Live && MustLive == O.MustLive && ValueIs == O.ValueIs &&
           ValueIsNot == O.ValueIsNot && Offsets == O.Offsets;
  }
  bool operator!=(const HeapState &O) const { return !(*this == O); }
};

/// The factories of HeapState's containers; a base of HeapAnalysis so that they outlive
/// the states the driver keeps.
///
/// The containers that grow with the number of pointers and allocations are not
/// canonicalized, for the reason given at BorrowStateFactories.
struct HeapStateFactories {
  HeapState::PointeeSet::Factory PointeeFactory;
  HeapState::ReleaseSet::Factory ReleaseFactory;
  llvm::ImmutableMap<model::ObjectID, HeapState::PointeeSet>::Factory PointsFactory{
      /*canonicalize=*/false};
  llvm::ImmutableMap<model::ObjectID, HeapState::ReleaseSet>::Factory DanglingFactory{
      /*canonicalize=*/false};
  llvm::ImmutableMap<model::Pointee, HeapState::ReleaseSet>::Factory FreedFactory{
      /*canonicalize=*/false};
  llvm::ImmutableSet<model::ObjectID>::Factory IdFactory{/*canonicalize=*/false};
  llvm::ImmutableMap<model::Pointee, llvm::ImmutableSet<model::ObjectID>>::Factory PointedByFactory{
      /*canonicalize=*/false};
  llvm::ImmutableMap<model::ObjectID, int64_t>::Factory ValueFactory;
};

/// An allocation that loses its last owner at a fact (ownership-leak).
struct LostAllocation {
  const model::AcquireFact *Acquire;
  /// The pointer whose scope end or overwrite loses it, when there is one.
  std::optional<model::ObjectID> Owner;
  /// True when the memory is owned on every path to the loss.
  bool OnEveryPath;
};

/// The heap analysis of one function.
class HeapAnalysis : private HeapStateFactories,
                     public ForwardDataflow<HeapAnalysis, HeapState> {
public:
  HeapAnalysis(const clang::CFG &Cfg, const model::FactManager &Facts,
               const model::ObjectTable &Objects);

  HeapState initialState();
  HeapState join(const HeapState &A, const HeapState &B);
  using ForwardDataflow::transfer;
  HeapState transfer(const HeapState &S, const model::AcquireFact &F);
  HeapState transfer(const HeapState &S, const model::ReleaseFact &F);
  HeapState transfer(const HeapState &S, const model::EscapeFact &F);
  HeapState transfer(const HeapState &S, const model::PointerAssignFact &F);
  HeapState transfer(const HeapState &S, const model::ScopeEndFact &F);
  HeapState transfer(const HeapState &S, const model::ReinitFact &F);
  std::optional<HeapState> refineEdge(const HeapState &S, const clang::CFGBlock &From,
                                      unsigned SuccIndex);
  /// The edge \p SuccIndex of a branch on \p F: std::nullopt when what the path already
  /// says of the local contradicts it (`if (y == 0) ...; if (y != 0) ...`).
  std::optional<HeapState> refineValueEdge(const HeapState &S, const model::ValueTestFact &F,
                                           unsigned SuccIndex);
  /// The edge \p SuccIndex of a branch on the result of a call that keeps some pointers
  /// only for some results (\p Tests, the KeepTest facts that end the block): on an edge
  /// where the callee may have kept one, its memory is handed elsewhere.
  HeapState refineKeepEdge(const HeapState &S, llvm::ArrayRef<const model::Fact *> Tests,
                           unsigned SuccIndex);

  /// True when \p Earlier (a release, a move: any fact) happened only on paths that \p Now
  /// excludes: a variable tested before Earlier to have one value is known in Now to have
  /// another (`if (y == 0) free(x); if (y != 0) free(x);`). Only variables that take one
  /// value per call (ValueTestFact::isOncePerCall()): the tests keep no record of a loop's
  /// earlier iterations.
  bool excludedBy(const model::Fact &Earlier, const HeapState &Now) const;
  /// The releases (not adoptions) that freed the memory \p P points to just before \p At,
  /// less those excluded on At's path: what ownership-use-after-free reports a use of P
  /// at At with. Empty when P's memory is not known to be freed there.
  llvm::SmallVector<const model::ReleaseFact *, 2> freedBefore(const model::Fact &At,
                                                               model::ObjectID P) const;

  /// What \p P may point to in \p S.
  HeapState::PointeeSet pointsTo(const HeapState &S, model::ObjectID P) const;
  /// How many elements past the start of its block release \p F's argument points (its
  /// pointer's offset plus the argument's own, `free(p + 1)`): 0 when it points to the
  /// start, std::nullopt when not known.
  std::optional<int64_t> releaseOffset(const model::ReleaseFact &F) const;
  /// What the pointer or memory a release or escape names may point to, before \p F.
  llvm::SmallVector<model::Pointee, 2> targetsOf(const model::ReleaseFact &F) const;
  /// The Acquire that allocates heap site \p Site, if one does in this function.
  const model::AcquireFact *acquireOf(model::ObjectID Site) const;
  /// The allocations whose last owner is lost by \p F (a scope end or an overwrite).
  llvm::SmallVector<LostAllocation, 1> lostAt(const model::Fact &F) const;
  /// The state at function exit (normal returns); null when no return is reachable.
  const HeapState *exitState() const { return stateAtEntry(Cfg.getExit()); }
  const model::ObjectTable &objects() const { return Objects; }

  void dump(llvm::raw_ostream &OS) const;

private:
  HeapState::PointeeSet pointsToMut(const HeapState &S, model::ObjectID P);
  /// Releases \p Real (\p Set less null and untracked targets) by \p F: the rest of
  /// transfer(ReleaseFact) once the targets are known. \p ReleaserDangles: F's pointer
  /// dangles even when it no longer holds the memory (it is the one being released).
  HeapState releaseTargets(HeapState S, const model::ReleaseFact &F, HeapState::PointeeSet Set,
                           llvm::ArrayRef<model::Pointee> Real, bool ReleaserDangles);
  /// On the edge where a pointer holding \p Set is not null: when Set is the result of one
  /// realloc, the block that realloc was given is freed (`q = realloc(p, n); if (q) *p`).
  HeapState reallocSucceeded(HeapState S, HeapState::PointeeSet Set);
  /// The offsets after pointer assignment \p F (passes/HeapOffsets.cpp).
  llvm::ImmutableMap<model::ObjectID, int64_t> offsetsAfter(const HeapState &S,
                                                            const model::PointerAssignFact &F);
  /// The offsets both paths agree on (passes/HeapOffsets.cpp).
  llvm::ImmutableMap<model::ObjectID, int64_t> joinOffsets(const HeapState &A, const HeapState &B);
  /// Gives \p P the entry \p Set, or (removePoints) no entry; both keep PointedBy in step.
  HeapState setPoints(HeapState S, model::ObjectID P, HeapState::PointeeSet Set);
  HeapState removePoints(HeapState S, model::ObjectID P);
  /// Takes \p P out of the holders of \p T in S.PointedBy.
  void unindex(HeapState &S, model::Pointee T, model::ObjectID P);
  /// The pointers whose entry in \p S holds \p T, in id order.
  llvm::ImmutableSet<model::ObjectID> holders(const HeapState &S, model::Pointee T) const;
  /// Replaces \p Old by Unknown in every pointer's set but \p Except's.
  HeapState rename(HeapState S, model::Pointee Old, std::optional<model::ObjectID> Except);
  /// \p P and every pointer contained in it lose their values.
  HeapState forget(HeapState S, model::ObjectID P);
  /// The memory \p Targets name is handed elsewhere.
  HeapState escape(HeapState S, llvm::ArrayRef<model::Pointee> Targets);
  /// Owner \p Owner lets go of what it holds: the pointers to that memory no longer
  /// dangle from its adoption.
  HeapState disown(HeapState S, model::ObjectID Owner);
  /// True when some pointer in \p S may point to heap site \p Site.
  bool reachable(const HeapState &S, model::ObjectID Site) const;

  const model::ObjectTable &Objects;
  llvm::DenseMap<uint32_t, const model::AcquireFact *> SiteAcquires;
  /// The realloc call of each Realloc release, by its call expression, and what each
  /// such release was given on some path so far (the blocks freed when it succeeds).
  llvm::DenseMap<const clang::Stmt *, const model::ReleaseFact *> ReallocCalls;
  llvm::DenseMap<const model::ReleaseFact *, llvm::SmallVector<model::Pointee, 2>> ReallocOld;
  /// The variables value tests name that take one value per call (excludedBy()).
  llvm::DenseSet<uint32_t> OncePerCall;
};

} // namespace ownership::passes

#endif // OWNERSHIP_CHECKER_PASSES_HEAP_H
