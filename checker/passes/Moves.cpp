//===- Moves.cpp - Which objects are moved-from at each program point -----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/passes/Moves.h"

#include "clang/Basic/SourceManager.h"

#include <algorithm>

using namespace ownership::model;

using namespace clang;

namespace ownership::passes {

MoveAnalysis::MoveAnalysis(const CFG &Cfg, const FactManager &Facts, const ObjectTable &Objects,
                           const SourceManager &SM)
    : ForwardDataflow(Cfg, Facts), Objects(Objects), SM(SM) {}

MoveState MoveAnalysis::initialState() {
  return {MapFactory.getEmptyMap(), IdFactory.getEmptySet()};
}

MoveState MoveAnalysis::join(const MoveState &A, const MoveState &B) {
  if (A == B)
    return A;
  MoveState R = A;
  for (const auto &[Obj, Moves] : B.May) {
    const MoveState::MoveSet *Mine = R.May.lookup(Obj);
    MoveState::MoveSet Merged = Mine ? *Mine : SetFactory.getEmptySet();
    for (const MoveFact *M : Moves)
      Merged = SetFactory.add(Merged, M);
    R.May = MapFactory.add(R.May, Obj, Merged);
  }
  for (ObjectID Obj : A.Must)
    if (!B.Must.contains(Obj))
      R.Must = IdFactory.remove(R.Must, Obj);
  return R;
}

MoveState MoveAnalysis::forget(const MoveState &S, ObjectID O) {
  MoveState R = S;
  for (ObjectID Moved : Objects.keysWithin(S.May, O)) {
    R.May = MapFactory.remove(R.May, Moved);
    R.Must = IdFactory.remove(R.Must, Moved);
  }
  return R;
}

MoveState MoveAnalysis::transfer(const MoveState &S, const MoveFact &M) {
  MoveState R = S;
  R.May = MapFactory.add(R.May, M.getObject(), SetFactory.add(SetFactory.getEmptySet(), &M));
  R.Must = IdFactory.add(R.Must, M.getObject());
  return R;
}

MoveState MoveAnalysis::transfer(const MoveState &S, const ReinitFact &R) {
  return S.May.isEmpty() ? S : forget(S, R.getObject());
}

MoveState MoveAnalysis::transfer(const MoveState &S, const ScopeEndFact &E) {
  return S.May.isEmpty() ? S : forget(S, E.getObject());
}

std::optional<MovedFrom> MoveAnalysis::movedBefore(const UseFact &U) const {
  const MoveState *S = stateBefore(U);
  if (!S || S->May.isEmpty())
    return std::nullopt;
  // The used object and the objects that contain it, in id order, as May is ordered.
  llvm::SmallVector<ObjectID, 4> Enclosing;
  for (std::optional<ObjectID> Cur = U.getObject(); Cur; Cur = Objects.node(*Cur).Parent)
    Enclosing.push_back(*Cur);
  llvm::sort(Enclosing);
  // A use that C++17 evaluates before a move listed ahead of it in the same
  // full-expression (`m[take(std::move(s))] = s.substr(1)`) is not reached by that move.
  auto NotReached = [&U](const MoveFact *M) {
    return U.getOrder() == UseOrder::UseFirst && M->getStmt() == U.getOrderedConsumer();
  };
  std::optional<MovedFrom> Result;
  for (ObjectID Obj : Enclosing) {
    const MoveState::MoveSet *Moves = S->May.lookup(Obj);
    if (!Moves)
      continue;
    llvm::SmallVector<const MoveFact *, 2> Reaching;
    bool Dropped = false;
    for (const MoveFact *M : *Moves) {
      if (NotReached(M))
        Dropped = true;
      else
        Reaching.push_back(M);
    }
    if (Reaching.empty())
      continue;
    // Without the move that does not reach, whether every path moves is not known.
    bool Every = S->Must.contains(Obj) && !Dropped;
    // When several enclosing objects are moved, report the one moved on every path.
    if (Result && (Result->OnEveryPath || !Every))
      continue;
    Result = MovedFrom{Obj, Every, std::move(Reaching)};
  }
  if (Result)
    std::sort(Result->Moves.begin(), Result->Moves.end(),
              [this](const MoveFact *A, const MoveFact *B) {
                return SM.isBeforeInTranslationUnit(A->getMoveCall()->getBeginLoc(),
                                                    B->getMoveCall()->getBeginLoc());
              });
  return Result;
}

bool MoveAnalysis::isMovedAt(ObjectID O, const Fact &F, bool OnEveryPath) const {
  const MoveState *S = stateBefore(F);
  if (!S)
    return false;
  return OnEveryPath ? S->Must.contains(O) : S->May.contains(O);
}

void MoveAnalysis::dump(llvm::raw_ostream &OS) const {
  for (const CFGBlock *B : Cfg) {
    OS << "  B" << B->getBlockID() << ":";
    const MoveState *S = stateAtEntry(*B);
    if (!S) {
      OS << " unreachable\n";
      continue;
    }
    OS << " moved on every path {";
    for (ObjectID O : S->Must)
      OS << " " << Objects.name(O);
    OS << " } on some path {";
    for (const auto &Entry : S->May)
      OS << " " << Objects.name(Entry.first);
    OS << " }\n";
  }
}

} // namespace ownership::passes
