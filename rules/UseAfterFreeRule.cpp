//===- UseAfterFreeRule.cpp - ownership-use-after-free -------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/UseAfterFreeRule.h"

#include "rules/FindingBuilder.h"

#include "rules/HeapRuleSupport.h"

#include "llvm/ADT/SmallPtrSet.h"

#include <algorithm>
#include <fmt/format.h>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;

namespace ownership::rules {

void UseAfterFreeRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const HeapAnalysis *H = FA.heap();
  if (!H)
    return;
  const SourceManager &SM = FA.context().getSourceManager();
  const ObjectTable &Objects = FA.objects();
  FindingBuilder Findings(id(), FA, Sink);

  std::vector<const AccessFact *> Accesses;
  FA.forEachFact([&](const Fact &F) {
    if (const auto *A = llvm::dyn_cast<AccessFact>(&F))
      Accesses.push_back(A);
  });
  sortBySource(SM, Accesses);

  // One finding per release: the first access it reaches.
  llvm::SmallPtrSet<const ReleaseFact *, 8> Reported;
  for (const AccessFact *A : Accesses) {
    const HeapState *S = H->stateBefore(*A);
    if (!S)
      continue;
    ObjectID P = A->getPointer();
    const HeapState::ReleaseSet *Rels = S->Dangling.lookup(P);
    if (!Rels)
      continue;
    // Memory a smart pointer adopted is still alive while the smart pointer is.
    llvm::SmallVector<const ReleaseFact *, 2> Causes;
    for (const ReleaseFact *R : *Rels)
      if (R->getMode() == ReleaseFact::Mode::Now)
        Causes.push_back(R);
    if (Causes.empty() ||
        llvm::all_of(Causes, [&](const ReleaseFact *R) { return Reported.count(R); }))
      continue;
    Reported.insert(Causes.begin(), Causes.end());
    sortBySource(SM, Causes);
    bool Every = S->MustDangling.contains(P) &&
                 llvm::all_of(*Rels, [](const ReleaseFact *R) {
                   return R->getMode() == ReleaseFact::Mode::Now;
                 });
    Report Out = Findings.report(A->getStmt()->getBeginLoc(),
                                 fmt::format("'{}' {} after the memory it points to was freed",
                                             Objects.name(P), Every ? "used" : "may be used"));
    Out.maybe(!Every);
    for (const ReleaseFact *R : Causes) {
      bool Earlier = isBefore(SM, R->getStmt(), A->getStmt());
      Out.note(R->getStmt()->getBeginLoc(),
               Earlier ? "freed here" : "freed here, in a previous iteration of the loop");
    }
  }
}

} // namespace ownership::rules
