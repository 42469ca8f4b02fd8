//===- UseAfterMoveRule.cpp - ownership-use-after-move --------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/UseAfterMoveRule.h"

#include "rules/FindingBuilder.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <algorithm>
#include <fmt/format.h>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;

namespace ownership::rules {
namespace {

/// The move among \p Moved's that \p U is ordered against (see model::UseOrder), when C++
/// orders the two otherwise than they are written; null when there is none.
const MoveFact *orderedMove(const UseFact &U, const MovedFrom &Moved) {
  if (U.getOrder() == UseOrder::Listed)
    return nullptr;
  for (const MoveFact *M : Moved.Moves)
    if (M->getStmt() == U.getOrderedConsumer())
      return M;
  return nullptr;
}

/// The note at a use that explains why it comes after a move in the same full-expression.
const char *orderNote(UseOrder O) {
  switch (O) {
  case UseOrder::Unsequenced:
    return "the move and this use are unsequenced: the order of evaluation is unspecified";
  case UseOrder::CalleeReads:
    return "passed by reference: the callee reads it after the move";
  case UseOrder::MoveFirst:
    return "C++17 evaluates the move before this use";
  case UseOrder::Listed:
  case UseOrder::UseFirst:
    break;
  }
  llvm_unreachable("no note for a use listed in evaluation order");
}

/// The finding's message for a use of \p Used after a move of \p Moved (the same
/// object, or one containing it). The elements of a container (ElementMoves) are named
/// through it: `an element of 'v'`; a read of an element after the whole container was
/// moved is a use of the container.
std::string message(const ObjectTable &Objects, ObjectID Used, ObjectID Moved, const char *Verb) {
  auto IsElements = [&](ObjectID O) {
    return Objects.node(O).K == StorageNode::Kind::Elements;
  };
  if (IsElements(Moved))
    return fmt::format("an element of '{}' {} after every element was moved",
                       Objects.name(*Objects.node(Moved).Parent), Verb);
  if (IsElements(Used))
    Used = *Objects.node(Used).Parent;
  std::string UsedName = Objects.name(Used);
  std::string MovedName = Objects.name(Moved);
  if (UsedName == MovedName)
    return fmt::format("'{}' {} after it was moved", UsedName, Verb);
  return fmt::format("'{}' {} after '{}' was moved", UsedName, Verb, MovedName);
}

} // namespace

void UseAfterMoveRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const MoveAnalysis *Moves = FA.moves();
  if (!Moves)
    return;
  const SourceManager &SM = FA.context().getSourceManager();
  const ObjectTable &Objects = FA.objects();
  FindingBuilder Findings(id(), FA, Sink);

  struct Candidate {
    const UseFact *Use;
    MovedFrom Moved;
  };
  std::vector<Candidate> Candidates;
  FA.forEachFact([&](const Fact &F) {
    if (const auto *U = llvm::dyn_cast<UseFact>(&F))
      if (std::optional<MovedFrom> M = Moves->movedBefore(*U)) {
        // A move under a parameter test that the use's path contradicts does not reach it
        // (`if (keep) take(std::move(s)); if (!keep) s.size();`).
        llvm::erase_if(M->Moves, [&](const MoveFact *Mv) { return FA.exclusive(*Mv, *U); });
        if (!M->Moves.empty())
          Candidates.push_back({U, std::move(*M)});
      }
  });
  std::sort(Candidates.begin(), Candidates.end(), [&](const Candidate &A, const Candidate &B) {
    return SM.isBeforeInTranslationUnit(A.Use->getStmt()->getBeginLoc(),
                                        B.Use->getStmt()->getBeginLoc());
  });

  // One finding per move: the first use it reaches, as rustc and clang-tidy do.
  llvm::SmallPtrSet<const MoveFact *, 8> Reported;
  for (const Candidate &C : Candidates) {
    if (llvm::all_of(C.Moved.Moves, [&](const MoveFact *M) { return Reported.count(M); }))
      continue;
    Reported.insert(C.Moved.Moves.begin(), C.Moved.Moves.end());

    SourceLocation UseLoc = C.Use->getStmt()->getBeginLoc();
    const MoveFact *Ordered = orderedMove(*C.Use, C.Moved);
    // Where C++ leaves the order open, the use comes after the move only in some orders.
    bool Maybe = !C.Moved.OnEveryPath || (Ordered && C.Use->getOrder() == UseOrder::Unsequenced);
    const char *Verb = Maybe ? "may be used" : "used";
    Report F = Findings.report(UseLoc, message(Objects, C.Use->getObject(), C.Moved.Object, Verb));
    F.maybe(Maybe);
    bool Elements = Objects.node(C.Moved.Object).K == StorageNode::Kind::Elements;
    for (const MoveFact *M : C.Moved.Moves) {
      // A use that does not come after the move's consumer in the source was reached
      // through a loop's back edge, unless the two are in one full-expression.
      bool PreviousIteration =
          M != Ordered && !SM.isBeforeInTranslationUnit(M->getStmt()->getEndLoc(), UseLoc);
      F.note(M->getMoveCall()->getBeginLoc(),
             PreviousIteration ? "moved here, in a previous iteration of the loop"
             : Elements        ? "every element moved here"
                               : "moved here");
    }
    if (Ordered)
      F.note(UseLoc, orderNote(C.Use->getOrder()));
  }
}

} // namespace ownership::rules
