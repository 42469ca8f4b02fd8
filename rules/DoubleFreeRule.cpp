//===- DoubleFreeRule.cpp - ownership-double-free ------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/DoubleFreeRule.h"

#include "rules/FindingBuilder.h"

#include "rules/HeapRuleSupport.h"
#include "rules/OwningMembers.h"

#include "llvm/ADT/SmallPtrSet.h"

#include <algorithm>
#include <fmt/format.h>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;

namespace ownership::rules {

void DoubleFreeRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const HeapAnalysis *H = FA.heap();
  if (!H)
    return;
  const SourceManager &SM = FA.context().getSourceManager();
  const ObjectTable &Objects = FA.objects();
  FindingBuilder Findings(id(), FA, Sink);
  checkOwningCopies(FA, Findings);
  checkBaseMemberReleases(FA, Findings);

  std::vector<const ReleaseFact *> Releases;
  FA.forEachFact([&](const Fact &F) {
    if (const auto *R = llvm::dyn_cast<ReleaseFact>(&F))
      if (R->getPointer())
        Releases.push_back(R);
  });
  sortBySource(SM, Releases);

  // One finding per earlier release: the first later release it reaches. A release that
  // is itself reported causes no further finding.
  llvm::SmallPtrSet<const ReleaseFact *, 8> Used;
  for (const ReleaseFact *R : Releases) {
    const HeapState *S = H->stateBefore(*R);
    if (!S)
      continue;
    ObjectID P = *R->getPointer();
    const HeapState::ReleaseSet *Prior = S->Dangling.lookup(P);
    if (!Prior)
      continue;
    // realloc of released memory is reported by use-after-free's cousin here too: it
    // releases (or reads) the block again.
    llvm::SmallVector<const ReleaseFact *, 2> Causes(Prior->begin(), Prior->end());
    if (llvm::all_of(Causes, [&](const ReleaseFact *C) { return Used.count(C); }))
      continue;
    Used.insert(Causes.begin(), Causes.end());
    Used.insert(R);
    sortBySource(SM, Causes);
    bool Every = S->MustDangling.contains(P);
    Report Out = Findings.report(R->getStmt()->getBeginLoc(),
                                 fmt::format("memory owned by '{}' {} released twice",
                                             Objects.name(P), Every ? "is" : "may be"));
    Out.maybe(!Every);
    for (const ReleaseFact *C : Causes) {
      bool Earlier = isBefore(SM, C->getStmt(), R->getStmt());
      std::string Note = C->getMode() == ReleaseFact::Mode::Adopt
                             ? "first released here: a smart pointer adopts it"
                             : "first released here";
      if (!Earlier)
        Note += ", in a previous iteration of the loop";
      Out.note(C->getStmt()->getBeginLoc(), Note);
    }
  }
}

} // namespace ownership::rules
