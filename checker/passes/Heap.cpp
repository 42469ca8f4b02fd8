//===- Heap.cpp - What pointers point to, and which memory is freed or owned ===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/passes/Heap.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::passes {
namespace {

bool isRealTarget(const Pointee &P) {
  return P.K != Pointee::Kind::Null && P.K != Pointee::Kind::Unknown;
}

} // namespace

HeapAnalysis::HeapAnalysis(const CFG &Cfg, const FactManager &Facts, const ObjectTable &Objects)
    : ForwardDataflow(Cfg, Facts), Objects(Objects) {
  for (const CFGBlock *B : Cfg)
    for (const Fact *F : Facts.factsOf(*B))
      if (const auto *A = llvm::dyn_cast<AcquireFact>(F))
        SiteAcquires.try_emplace(A->getSite().Value, A);
      else if (const auto *R = llvm::dyn_cast<ReleaseFact>(F);
               R && R->getMode() == ReleaseFact::Mode::Realloc)
        ReallocCalls.try_emplace(R->getStmt(), R);
      else if (const auto *V = llvm::dyn_cast<ValueTestFact>(F); V && V->isOncePerCall())
        OncePerCall.insert(V->getVar().Value);
}

HeapState HeapAnalysis::initialState() {
  return {PointsFactory.getEmptyMap(),    DanglingFactory.getEmptyMap(),
          IdFactory.getEmptySet(),        FreedFactory.getEmptyMap(),
          PointeeFactory.getEmptySet(),   PointeeFactory.getEmptySet(),
          IdFactory.getEmptySet(),        IdFactory.getEmptySet(),
          PointedByFactory.getEmptyMap(), ValueFactory.getEmptyMap(),
          ValueFactory.getEmptyMap(),     ValueFactory.getEmptyMap()};
}

HeapState::PointeeSet HeapAnalysis::pointsTo(const HeapState &S, ObjectID P) const {
  return const_cast<HeapAnalysis *>(this)->pointsToMut(S, P);
}

HeapState::PointeeSet HeapAnalysis::pointsToMut(const HeapState &S, ObjectID P) {
  if (const HeapState::PointeeSet *Set = S.Points.lookup(P))
    return *Set;
  return PointeeFactory.add(PointeeFactory.getEmptySet(), Pointee{Pointee::Kind::Opaque, P});
}

void HeapAnalysis::unindex(HeapState &S, Pointee T, ObjectID P) {
  llvm::ImmutableSet<ObjectID> Rest = IdFactory.remove(*S.PointedBy.lookup(T), P);
  S.PointedBy = Rest.isEmpty() ? PointedByFactory.remove(S.PointedBy, T)
                               : PointedByFactory.add(S.PointedBy, T, Rest);
}

HeapState HeapAnalysis::setPoints(HeapState S, ObjectID P, HeapState::PointeeSet Set) {
  const HeapState::PointeeSet *Old = S.Points.lookup(P);
  if (Old && *Old == Set)
    return S;
  if (Old)
    for (const Pointee &T : *Old)
      if (!Set.contains(T))
        unindex(S, T, P);
  for (const Pointee &T : Set)
    if (!Old || !Old->contains(T))
      S.PointedBy = PointedByFactory.add(S.PointedBy, T, IdFactory.add(holders(S, T), P));
  S.Points = PointsFactory.add(S.Points, P, Set);
  return S;
}

HeapState HeapAnalysis::removePoints(HeapState S, ObjectID P) {
  const HeapState::PointeeSet *Old = S.Points.lookup(P);
  if (!Old)
    return S;
  for (const Pointee &T : *Old)
    unindex(S, T, P);
  S.Points = PointsFactory.remove(S.Points, P);
  return S;
}

llvm::ImmutableSet<ObjectID> HeapAnalysis::holders(const HeapState &S, Pointee T) const {
  if (const llvm::ImmutableSet<ObjectID> *Holders = S.PointedBy.lookup(T))
    return *Holders;
  return const_cast<HeapAnalysis *>(this)->IdFactory.getEmptySet();
}

HeapState HeapAnalysis::join(const HeapState &A, const HeapState &B) {
  if (A == B)
    return A;
  HeapState R = A;
  auto Union = [&](HeapState::PointeeSet X, HeapState::PointeeSet Y) {
    for (const Pointee &P : Y)
      X = PointeeFactory.add(X, P);
    return X;
  };
  for (const auto &[K, SetB] : B.Points)
    R = setPoints(R, K, Union(pointsToMut(A, K), SetB));
  for (const auto &[K, SetA] : A.Points)
    if (!B.Points.lookup(K))
      R = setPoints(R, K, Union(SetA, pointsToMut(B, K)));
  for (const auto &[K, Rels] : B.Dangling) {
    HeapState::ReleaseSet Merged = Rels;
    if (const HeapState::ReleaseSet *Mine = A.Dangling.lookup(K))
      for (const ReleaseFact *F : *Mine)
        Merged = ReleaseFactory.add(Merged, F);
    R.Dangling = DanglingFactory.add(R.Dangling, K, Merged);
  }
  for (const auto &[K, Rels] : B.Freed) {
    HeapState::ReleaseSet Merged = Rels;
    if (const HeapState::ReleaseSet *Mine = A.Freed.lookup(K))
      for (const ReleaseFact *F : *Mine)
        Merged = ReleaseFactory.add(Merged, F);
    R.Freed = FreedFactory.add(R.Freed, K, Merged);
  }
  for (ObjectID O : A.MustDangling)
    if (!B.MustDangling.contains(O))
      R.MustDangling = IdFactory.remove(R.MustDangling, O);
  for (const Pointee &P : A.MustFreed)
    if (!B.MustFreed.contains(P))
      R.MustFreed = PointeeFactory.remove(R.MustFreed, P);
  for (const Pointee &P : B.Escaped)
    R.Escaped = PointeeFactory.add(R.Escaped, P);
  for (ObjectID O : B.Live)
    R.Live = IdFactory.add(R.Live, O);
  for (ObjectID O : A.MustLive)
    if (!B.MustLive.contains(O))
      R.MustLive = IdFactory.remove(R.MustLive, O);
  // What both paths say of a local's value.
  for (const auto &[K, V] : A.ValueIs)
    if (const int64_t *Other = B.ValueIs.lookup(K); !Other || *Other != V)
      R.ValueIs = ValueFactory.remove(R.ValueIs, K);
  for (const auto &[K, V] : A.ValueIsNot)
    if (const int64_t *Other = B.ValueIsNot.lookup(K); !Other || *Other != V)
      R.ValueIsNot = ValueFactory.remove(R.ValueIsNot, K);
  R.Offsets = joinOffsets(A, B);
  return R;
}

HeapState HeapAnalysis::rename(HeapState S, Pointee Old, std::optional<ObjectID> Except) {
  // A copy: the loop changes S.PointedBy.
  llvm::ImmutableSet<ObjectID> Holders = holders(S, Old);
  for (ObjectID K : Holders) {
    if (Except && K == *Except)
      continue;
    HeapState::PointeeSet Set = *S.Points.lookup(K);
    S = setPoints(S, K, PointeeFactory.add(PointeeFactory.remove(Set, Old), Pointee::unknown()));
  }
  return S;
}

HeapState HeapAnalysis::forget(HeapState S, ObjectID O) {
  llvm::SmallVector<ObjectID, 4> Gone = Objects.keysWithin(S.Points, O);
  Gone.append(Objects.keysWithin(S.Dangling, O));
  for (ObjectID P : Gone) {
    S = rename(S, Pointee{Pointee::Kind::Opaque, P}, P);
    S = removePoints(S, P);
    S.Dangling = DanglingFactory.remove(S.Dangling, P);
    S.MustDangling = IdFactory.remove(S.MustDangling, P);
  }
  return S;
}

HeapState HeapAnalysis::escape(HeapState S, llvm::ArrayRef<Pointee> Targets) {
  for (const Pointee &T : Targets) {
    if (!isRealTarget(T))
      continue;
    if (T.K == Pointee::Kind::Heap) {
      S.Live = IdFactory.remove(S.Live, T.Obj);
      S.MustLive = IdFactory.remove(S.MustLive, T.Obj);
    }
    S.Escaped = PointeeFactory.add(S.Escaped, T);
  }
  return S;
}

HeapState HeapAnalysis::disown(HeapState S, ObjectID Owner) {
  for (const Pointee &T : pointsToMut(S, Owner)) {
    if (!isRealTarget(T))
      continue;
    for (ObjectID K : holders(S, T)) {
      const HeapState::ReleaseSet *Rels = S.Dangling.lookup(K);
      if (!Rels)
        continue;
      HeapState::ReleaseSet Rest = *Rels;
      for (const ReleaseFact *R : *Rels)
        if (R->getMode() == ReleaseFact::Mode::Adopt)
          Rest = ReleaseFactory.remove(Rest, R);
      if (Rest == *Rels)
        continue;
      if (Rest.isEmpty()) {
        S.Dangling = DanglingFactory.remove(S.Dangling, K);
        S.MustDangling = IdFactory.remove(S.MustDangling, K);
      } else {
        S.Dangling = DanglingFactory.add(S.Dangling, K, Rest);
      }
    }
  }
  return S;
}

bool HeapAnalysis::reachable(const HeapState &S, ObjectID Site) const {
  return S.PointedBy.lookup(Pointee{Pointee::Kind::Heap, Site}) != nullptr;
}

HeapState HeapAnalysis::transfer(const HeapState &In, const AcquireFact &F) {
  HeapState S = In;
  ObjectID Site = F.getSite();
  Pointee H{Pointee::Kind::Heap, Site};
  if (F.getDest())
    S.Offsets = ValueFactory.remove(S.Offsets, *F.getDest()); // the start of a new block
  // The site now names the new block; pointers to an older block from it (an earlier
  // loop iteration) point to something we no longer tell apart.
  S = rename(S, H, std::nullopt);
  S.Live = IdFactory.remove(S.Live, Site);
  S.MustLive = IdFactory.remove(S.MustLive, Site);
  S.Freed = FreedFactory.remove(S.Freed, H);
  S.MustFreed = PointeeFactory.remove(S.MustFreed, H);
  S.Escaped = PointeeFactory.remove(S.Escaped, H);
  if (std::optional<ObjectID> D = F.getDest()) {
    S = setPoints(S, *D, PointeeFactory.add(PointeeFactory.getEmptySet(), H));
    S.Dangling = DanglingFactory.remove(S.Dangling, *D);
    S.MustDangling = IdFactory.remove(S.MustDangling, *D);
    S.Live = IdFactory.add(S.Live, Site);
    S.MustLive = IdFactory.add(S.MustLive, Site);
  }
  return S;
}

llvm::SmallVector<Pointee, 2> HeapAnalysis::targetsOf(const ReleaseFact &F) const {
  llvm::SmallVector<Pointee, 2> Out;
  if (std::optional<Pointee> D = F.getDirect()) {
    Out.push_back(*D);
    return Out;
  }
  const HeapState *S = stateBefore(F);
  if (!S || !F.getPointer())
    return Out;
  for (const Pointee &P : pointsTo(*S, *F.getPointer()))
    Out.push_back(P);
  return Out;
}

HeapState HeapAnalysis::transfer(const HeapState &In, const ReleaseFact &F) {
  HeapState S = In;
  HeapState::PointeeSet Set = PointeeFactory.getEmptySet();
  if (std::optional<Pointee> D = F.getDirect())
    Set = PointeeFactory.add(Set, *D);
  else if (F.getPointer())
    Set = pointsToMut(S, *F.getPointer());
  llvm::SmallVector<Pointee, 2> Real;
  for (const Pointee &P : Set)
    if (isRealTarget(P))
      Real.push_back(P);
  if (Real.empty())
    return S; // releasing null does nothing
  if (F.getMode() == ReleaseFact::Mode::Realloc) {
    // The old block lives on as the result, or on failure; refineEdge() frees it where
    // the result is tested not null.
    llvm::SmallVector<Pointee, 2> &Old = ReallocOld[&F];
    for (const Pointee &P : Real)
      if (!llvm::is_contained(Old, P))
        Old.push_back(P);
    return escape(S, Real);
  }
  return releaseTargets(S, F, Set, Real, /*ReleaserDangles=*/true);
}

// Longer than 80 lines: one release updates the pointers, the dangling sets and the
// memory states together, and splitting it would pass the half-updated state around.
HeapState HeapAnalysis::releaseTargets(HeapState S, const ReleaseFact &F,
                                       HeapState::PointeeSet Set, llvm::ArrayRef<Pointee> Real,
                                       bool ReleaserDangles) {
  HeapState::ReleaseSet Rel = ReleaseFactory.add(ReleaseFactory.getEmptySet(), &F);
  // Every pointer that may point to the released memory now dangles: the releasing one
  // and its aliases. Pointers without an entry point to their own opaque value.
  llvm::SmallVector<ObjectID, 8> Victims;
  for (const Pointee &P : Real)
    for (ObjectID K : holders(S, P))
      Victims.push_back(K);
  llvm::sort(Victims);
  Victims.erase(std::unique(Victims.begin(), Victims.end()), Victims.end());
  for (const Pointee &P : Real)
    if (P.K == Pointee::Kind::Opaque && !S.Points.lookup(P.Obj))
      Victims.push_back(P.Obj);
  if (ReleaserDangles && F.getPointer() && llvm::find(Victims, *F.getPointer()) == Victims.end())
    Victims.push_back(*F.getPointer());
  bool MayBeUnknown = Set.contains(Pointee::unknown());
  if (Real.size() > 1 || MayBeUnknown) {
    // The releasing pointer may point to several blocks, or to one we do not know: paths
    // joined (`p = c ? a : b`, or the node of an earlier loop iteration and the current
    // one). Another pointer to one of them may have been freed or not, as the paths go,
    // which the analysis cannot tell: its value becomes unknown rather than dangling,
    // unless it holds every block the releasing pointer may hold (and no unknown one).
    // (A list walk with 'previous' and 'current' otherwise makes 'previous' dangle
    // through the node 'current' held in an earlier iteration.)
    llvm::erase_if(Victims, [&](ObjectID K) {
      HeapState::PointeeSet KSet = pointsToMut(S, K);
      if ((F.getPointer() && *F.getPointer() == K) ||
          (!MayBeUnknown &&
           llvm::all_of(Real, [&](const Pointee &P) { return KSet.contains(P); })))
        return false;
      for (const Pointee &P : Real)
        KSet = PointeeFactory.remove(KSet, P);
      S = setPoints(S, K, PointeeFactory.add(KSet, Pointee::unknown()));
      return true;
    });
  }
  bool Single = Real.size() == 1;
  for (ObjectID V : Victims) {
    HeapState::PointeeSet VSet = pointsToMut(S, V);
    bool Releaser = F.getPointer() && *F.getPointer() == V;
    HeapState::ReleaseSet Merged = Rel;
    // A pointer that surely held this memory, adopted earlier by an owner that releases it
    // now (or freed behind the owner's back): the adoption no longer keeps it alive.
    bool Superseded = F.getMode() == ReleaseFact::Mode::Now && Single && VSet == Set;
    if (!Releaser)
      if (const HeapState::ReleaseSet *Old = S.Dangling.lookup(V))
        for (const ReleaseFact *R : *Old)
          if (!Superseded || R->getMode() != ReleaseFact::Mode::Adopt)
            Merged = ReleaseFactory.add(Merged, R);
    S.Dangling = DanglingFactory.add(S.Dangling, V, Merged);
    if (Releaser || (Single && VSet == Set))
      S.MustDangling = IdFactory.add(S.MustDangling, V);
  }
  for (const Pointee &P : Real) {
    if (P.K == Pointee::Kind::Heap) {
      S.Live = IdFactory.remove(S.Live, P.Obj);
      S.MustLive = IdFactory.remove(S.MustLive, P.Obj);
    }
    HeapState::ReleaseSet Merged = Rel;
    if (const HeapState::ReleaseSet *Old = S.Freed.lookup(P))
      for (const ReleaseFact *R : *Old)
        Merged = ReleaseFactory.add(Merged, R);
    S.Freed = FreedFactory.add(S.Freed, P, Merged);
    if (Single)
      S.MustFreed = PointeeFactory.add(S.MustFreed, P);
  }
  return S;
}

HeapState HeapAnalysis::transfer(const HeapState &In, const EscapeFact &F) {
  llvm::SmallVector<Pointee, 4> Targets;
  if (std::optional<Pointee> D = F.getDirect())
    Targets.push_back(*D);
  if (std::optional<ObjectID> O = F.getObject()) {
    for (const Pointee &P : pointsToMut(In, *O))
      Targets.push_back(P);
    // An aggregate hands on every pointer inside it.
    for (ObjectID Part : Objects.keysWithin(In.Points, *O))
      if (Part != *O)
        for (const Pointee &P : *In.Points.lookup(Part))
          Targets.push_back(P);
  }
  return escape(In, Targets);
}

HeapState HeapAnalysis::transfer(const HeapState &In, const PointerAssignFact &F) {
  HeapState S = In;
  S.Offsets = offsetsAfter(In, F);
  ObjectID D = F.getDest();
  auto Single = [&](Pointee P) { return PointeeFactory.add(PointeeFactory.getEmptySet(), P); };
  auto NotDangling = [&](HeapState X) {
    X.Dangling = DanglingFactory.remove(X.Dangling, D);
    X.MustDangling = IdFactory.remove(X.MustDangling, D);
    return X;
  };
  switch (F.getFrom()) {
  case PointerAssignFact::From::Null:
    return NotDangling(setPoints(S, D, Single(Pointee::null())));
  case PointerAssignFact::From::Address:
    return NotDangling(setPoints(S, D, Single(Pointee{Pointee::Kind::NonHeap, *F.getSource()})));
  case PointerAssignFact::From::Entry:
    return NotDangling(setPoints(S, D, Single(Pointee{Pointee::Kind::Entry, D})));
  case PointerAssignFact::From::Copy: {
    ObjectID Src = *F.getSource();
    if (Src == D)
      return S;
    S = setPoints(S, D, pointsToMut(S, Src));
    if (const HeapState::ReleaseSet *Rels = S.Dangling.lookup(Src))
      S.Dangling = DanglingFactory.add(S.Dangling, D, *Rels);
    else
      S.Dangling = DanglingFactory.remove(S.Dangling, D);
    S.MustDangling = S.MustDangling.contains(Src) ? IdFactory.add(S.MustDangling, D)
                                                  : IdFactory.remove(S.MustDangling, D);
    return S;
  }
  case PointerAssignFact::From::Own: {
    // An owner takes over the memory: it is not freed by the adoption that handed it over.
    ObjectID Src = *F.getSource();
    if (Objects.node(Src).K == StorageNode::Kind::HeapSite)
      return NotDangling(setPoints(S, D, Single(Pointee{Pointee::Kind::Heap, Src})));
    if (Src == D)
      return S;
    return NotDangling(setPoints(S, D, pointsToMut(S, Src)));
  }
  case PointerAssignFact::From::Advance:
    return S; // still into the same block (offsetsAfter() moved it)
  case PointerAssignFact::From::Disown:
    S = disown(S, D);
    [[fallthrough]];
  case PointerAssignFact::From::Opaque: {
    Pointee Old{Pointee::Kind::Opaque, D};
    S = rename(S, Old, D);
    S = removePoints(S, D);
    S.Freed = FreedFactory.remove(S.Freed, Old);
    S.MustFreed = PointeeFactory.remove(S.MustFreed, Old);
    S.Escaped = PointeeFactory.remove(S.Escaped, Old);
    return NotDangling(S);
  }
  }
  llvm_unreachable("unknown pointer assignment");
}

HeapState HeapAnalysis::transfer(const HeapState &In, const ScopeEndFact &F) {
  HeapState S = forget(In, F.getObject());
  // A local declared in a loop gets a new value on the next iteration.
  S.ValueIs = ValueFactory.remove(S.ValueIs, F.getObject());
  S.ValueIsNot = ValueFactory.remove(S.ValueIsNot, F.getObject());
  return S;
}

HeapState HeapAnalysis::transfer(const HeapState &In, const ReinitFact &F) {
  // A pointer's own reassignment is lowered as a PointerAssign or Acquire right after;
  // an aggregate (`s = t;`, `init(&s)`, a non-const member call on `*this`) gives every
  // pointer inside it a value we do not know.
  const StorageNode &N = Objects.node(F.getObject());
  if (!N.Type.isNull() && N.Type->isPointerType())
    return In;
  // An owner object followed as a pointer (`u.reset(p)`, `u = std::move(v)`) gets its new
  // value from the owner lowering, after what it held is released.
  if (In.Points.lookup(F.getObject()))
    return In;
  return forget(In, F.getObject());
}

std::optional<HeapState> HeapAnalysis::refineEdge(const HeapState &S, const CFGBlock &From,
                                                  unsigned SuccIndex) {
  llvm::ArrayRef<const Fact *> BF = Facts.factsOf(From);
  if (BF.empty())
    return S;
  if (const auto *V = llvm::dyn_cast<ValueTestFact>(BF.back()))
    return refineValueEdge(S, *V, SuccIndex);
  if (llvm::isa<KeepTestFact>(BF.back()))
    return refineKeepEdge(S, BF, SuccIndex);
  const auto *N = llvm::dyn_cast<NullTestFact>(BF.back());
  if (!N)
    return S;
  ObjectID P = N->getPointer();
  HeapState::PointeeSet Set = pointsToMut(S, P);
  bool NullEdge = (SuccIndex == 0) == N->isNullOnTrueBranch();
  HeapState R = S;
  if (std::optional<ObjectID> Storage = N->getStorage()) {
    Pointee Addr{Pointee::Kind::NonHeap, *Storage};
    if (NullEdge) {
      // `p == buf` holds: p's other possibilities did not happen on this path, and
      // allocations only p held were never made here.
      for (const Pointee &T : Set)
        if (T.K == Pointee::Kind::Heap) {
          R = setPoints(R, P, PointeeFactory.getEmptySet());
          if (!reachable(R, T.Obj)) {
            R.Live = IdFactory.remove(R.Live, T.Obj);
            R.MustLive = IdFactory.remove(R.MustLive, T.Obj);
          }
        }
      return setPoints(R, P, PointeeFactory.add(PointeeFactory.getEmptySet(), Addr));
    }
    HeapState::PointeeSet Rest = PointeeFactory.remove(Set, Addr);
    if (Rest.isEmpty())
      return std::nullopt;
    return setPoints(R, P, Rest);
  }
  if (NullEdge) {
    bool CanBeNull = false;
    for (const Pointee &T : Set) {
      switch (T.K) {
      case Pointee::Kind::NonHeap:
        continue;
      case Pointee::Kind::Heap:
        // The allocation failed on this path: there is nothing to own.
        R.Live = IdFactory.remove(R.Live, T.Obj);
        R.MustLive = IdFactory.remove(R.MustLive, T.Obj);
        break;
      case Pointee::Kind::Entry:
      case Pointee::Kind::Opaque:
        // Null memory needs no release: count it as released for summaries.
        R.MustFreed = PointeeFactory.add(R.MustFreed, T);
        break;
      default:
        break;
      }
      CanBeNull = true;
    }
    if (!CanBeNull)
      return std::nullopt;
    R = setPoints(R, P, PointeeFactory.add(PointeeFactory.getEmptySet(), Pointee::null()));
    R.Dangling = DanglingFactory.remove(R.Dangling, P);
    R.MustDangling = IdFactory.remove(R.MustDangling, P);
    return R;
  }
  if (!Set.contains(Pointee::null()))
    return reallocSucceeded(R, Set);
  HeapState::PointeeSet NonNull = PointeeFactory.remove(Set, Pointee::null());
  if (NonNull.isEmpty())
    return std::nullopt;
  return reallocSucceeded(setPoints(R, P, NonNull), NonNull);
}

HeapState HeapAnalysis::reallocSucceeded(HeapState S, HeapState::PointeeSet Set) {
  std::optional<Pointee> Result;
  for (const Pointee &T : Set) {
    if (T == Pointee::null())
      continue;
    if (Result || T.K != Pointee::Kind::Heap)
      return S; // not one realloc's result alone
    Result = T;
  }
  const AcquireFact *A = Result ? acquireOf(Result->Obj) : nullptr;
  auto Call = A ? ReallocCalls.find(A->getStmt()) : ReallocCalls.end();
  if (Call == ReallocCalls.end())
    return S;
  auto Old = ReallocOld.find(Call->second);
  // A realloc in a loop given its own earlier result: which iteration's block is freed
  // is not known.
  if (Old == ReallocOld.end() || llvm::is_contained(Old->second, *Result))
    return S;
  HeapState::PointeeSet OldSet = PointeeFactory.getEmptySet();
  for (const Pointee &P : Old->second)
    OldSet = PointeeFactory.add(OldSet, P);
  return releaseTargets(S, *Call->second, OldSet, Old->second, /*ReleaserDangles=*/false);
}

std::optional<HeapState> HeapAnalysis::refineValueEdge(const HeapState &S, const ValueTestFact &F,
                                                       unsigned SuccIndex) {
  ObjectID Var = F.getVar();
  int64_t Value = F.getValue();
  // Whether Var == Value holds on this edge.
  bool Equal = (SuccIndex == 0) == F.isEqualOnTrueBranch();
  if (std::optional<int64_t> Known = F.getKnown())
    return (*Known == Value) == Equal ? std::optional<HeapState>(S) : std::nullopt;
  if (const int64_t *Is = S.ValueIs.lookup(Var))
    return (*Is == Value) == Equal ? std::optional<HeapState>(S) : std::nullopt;
  const int64_t *IsNot = S.ValueIsNot.lookup(Var);
  if (IsNot && *IsNot == Value)
    return Equal ? std::nullopt : std::optional<HeapState>(S);
  HeapState R = S;
  if (Equal) {
    R.ValueIs = ValueFactory.add(R.ValueIs, Var, Value);
    R.ValueIsNot = ValueFactory.remove(R.ValueIsNot, Var);
  } else if (!IsNot) {
    // One excluded value per local is kept: enough for `if (y == 0) ...; if (y != 0) ...`.
    R.ValueIsNot = ValueFactory.add(R.ValueIsNot, Var, Value);
  }
  return R;
}

HeapState HeapAnalysis::refineKeepEdge(const HeapState &S, llvm::ArrayRef<const Fact *> Tests,
                                       unsigned SuccIndex) {
  HeapState R = S;
  for (const Fact *F : llvm::reverse(Tests)) {
    const auto *K = llvm::dyn_cast<KeepTestFact>(F);
    if (!K)
      break;
    if (!K->mayBeKeptOn(SuccIndex))
      continue;
    llvm::SmallVector<Pointee, 2> Targets;
    for (const Pointee &P : pointsToMut(R, K->getPointer()))
      Targets.push_back(P);
    R = escape(R, Targets);
  }
  return R;
}

bool HeapAnalysis::excludedBy(const Fact &Earlier, const HeapState &Now) const {
  const HeapState *Then = stateBefore(Earlier);
  if (!Then)
    return false;
  auto Fixed = [&](ObjectID V) { return OncePerCall.contains(V.Value); };
  for (const auto &[Var, Value] : Then->ValueIs) {
    if (!Fixed(Var))
      continue;
    const int64_t *Is = Now.ValueIs.lookup(Var);
    const int64_t *IsNot = Now.ValueIsNot.lookup(Var);
    if ((Is && *Is != Value) || (IsNot && *IsNot == Value))
      return true;
  }
  for (const auto &[Var, Value] : Then->ValueIsNot)
    if (Fixed(Var))
      if (const int64_t *Is = Now.ValueIs.lookup(Var); Is && *Is == Value)
        return true;
  return false;
}

llvm::SmallVector<const ReleaseFact *, 2> HeapAnalysis::freedBefore(const Fact &At,
                                                                   ObjectID P) const {
  llvm::SmallVector<const ReleaseFact *, 2> Out;
  const HeapState *S = stateBefore(At);
  if (!S)
    return Out;
  if (const HeapState::ReleaseSet *Rels = S->Dangling.lookup(P))
    for (const ReleaseFact *R : *Rels)
      // Memory a smart pointer adopted is still alive while the smart pointer is.
      if (R->getMode() != ReleaseFact::Mode::Adopt && !excludedBy(*R, *S))
        Out.push_back(R);
  return Out;
}

const AcquireFact *HeapAnalysis::acquireOf(ObjectID Site) const {
  auto It = SiteAcquires.find(Site.Value);
  return It == SiteAcquires.end() ? nullptr : It->second;
}

llvm::SmallVector<LostAllocation, 1> HeapAnalysis::lostAt(const Fact &F) const {
  llvm::SmallVector<LostAllocation, 1> Out;
  const auto *Acq = llvm::dyn_cast<AcquireFact>(&F);
  if (!llvm::isa<ScopeEndFact>(F) && !llvm::isa<PointerAssignFact>(F) &&
      !llvm::isa<ReinitFact>(F) && !(Acq && Acq->getDest()))
    return Out;
  const HeapState *Before = stateBefore(F);
  if (!Before || Before->Live.isEmpty())
    return Out;
  // Only the pointers F gives new values to can drop an allocation: what they (or the
  // pointers inside them) held before F is all that F can lose, with, for an Acquire,
  // the block its site named before.
  ObjectID Target = Acq                                 ? *Acq->getDest()
                    : llvm::isa<ScopeEndFact>(F)        ? llvm::cast<ScopeEndFact>(F).getObject()
                    : llvm::isa<ReinitFact>(F)          ? llvm::cast<ReinitFact>(F).getObject()
                                                        : llvm::cast<PointerAssignFact>(F).getDest();
  llvm::SmallVector<ObjectID, 4> Sites;
  for (ObjectID P : Objects.keysWithin(Before->Points, Target))
    for (const Pointee &T : *Before->Points.lookup(P))
      if (T.K == Pointee::Kind::Heap)
        Sites.push_back(T.Obj);
  if (Acq)
    Sites.push_back(Acq->getSite());
  llvm::sort(Sites);
  Sites.erase(std::unique(Sites.begin(), Sites.end()), Sites.end());
  if (Sites.empty())
    return Out;

  auto *Self = const_cast<HeapAnalysis *>(this);
  HeapState After = Self->applyFact(*Before, F);
  for (ObjectID Site : Sites) {
    if (!Before->Live.contains(Site))
      continue;
    Pointee H{Pointee::Kind::Heap, Site};
    llvm::ImmutableSet<ObjectID> Holders = holders(*Before, H);
    llvm::SmallVector<ObjectID, 2> Owners(Holders.begin(), Holders.end());
    if (Owners.empty())
      continue;
    bool Lost;
    std::optional<ObjectID> Owner;
    if (Acq && Acq->getSite() == Site) {
      // The same allocation again (a loop): the old block is lost if only the
      // overwritten pointer held it.
      Lost = llvm::all_of(Owners, [&](ObjectID O) { return O == *Acq->getDest(); });
      Owner = Acq->getDest();
    } else {
      Lost = After.Live.contains(Site) && !reachable(After, Site);
      for (ObjectID O : Owners) {
        const HeapState::PointeeSet *AfterSet = After.Points.lookup(O);
        if (!AfterSet || !AfterSet->contains(H)) {
          Owner = O;
          break;
        }
      }
    }
    if (!Lost)
      continue;
    const AcquireFact *A = acquireOf(Site);
    if (!A)
      continue;
    bool Every = Before->MustLive.contains(Site);
    if (Owner) {
      HeapState::PointeeSet OwnerSet = pointsTo(*Before, *Owner);
      Every = Every && OwnerSet.contains(H) && ++OwnerSet.begin() == OwnerSet.end();
    }
    Out.push_back({A, Owner, Every});
  }
  return Out;
}

void HeapAnalysis::dump(llvm::raw_ostream &OS) const {
  for (const CFGBlock *B : Cfg) {
    OS << "  B" << B->getBlockID() << ":";
    const HeapState *S = stateAtEntry(*B);
    if (!S) {
      OS << " unreachable\n";
      continue;
    }
    for (const auto &[P, Set] : S->Points) {
      OS << " " << Objects.name(P) << "->{";
      bool First = true;
      for (const Pointee &T : Set) {
        OS << (First ? "" : ",");
        dumpPointee(OS, T, Objects);
        First = false;
      }
      OS << "}";
    }
    if (!S->Dangling.isEmpty()) {
      OS << " dangling{";
      for (const auto &Entry : S->Dangling)
        OS << " " << Objects.name(Entry.first)
           << (S->MustDangling.contains(Entry.first) ? "!" : "?");
      OS << " }";
    }
    if (!S->Live.isEmpty()) {
      OS << " live{";
      for (ObjectID L : S->Live)
        OS << " " << L.Value << (S->MustLive.contains(L) ? "!" : "?");
      OS << " }";
    }
    OS << "\n";
  }
}

} // namespace ownership::passes
