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
      if (std::optional<MovedFrom> M = Moves->movedBefore(*U))
        Candidates.push_back({U, std::move(*M)});
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
    std::string Used = Objects.name(C.Use->getObject());
    std::string Moved = Objects.name(C.Moved.Object);
    const char *Verb = C.Moved.OnEveryPath ? "used" : "may be used";
    Report F = Findings.report(UseLoc, Used == Moved
                                           ? fmt::format("'{}' {} after it was moved", Used, Verb)
                                           : fmt::format("'{}' {} after '{}' was moved", Used,
                                                         Verb, Moved));
    F.maybe(!C.Moved.OnEveryPath);
    for (const MoveFact *M : C.Moved.Moves) {
      // A use that does not come after the move's consumer in the source was reached
      // through a loop's back edge.
      bool PreviousIteration = !SM.isBeforeInTranslationUnit(M->getStmt()->getEndLoc(), UseLoc);
      F.note(M->getMoveCall()->getBeginLoc(),
             PreviousIteration ? "moved here, in a previous iteration of the loop" : "moved here");
    }
  }
}

} // namespace ownership::rules
