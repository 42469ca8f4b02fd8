//===- UseAfterFreeRule.cpp - ownership-use-after-free -------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/UseAfterFreeRule.h"

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

namespace {

/// The value of a pointer whose memory is freed, returned or stored where it outlives the
/// statement: whoever reads it later reads freed memory. Only when the release happens on
/// every path: a pointer kept as a key or compared later is common enough that a maybe
/// would be noise. \p Reported: the releases already reported, one finding each.
void reportHandedOn(const FunctionAnalysis &FA, const HeapAnalysis &H, FindingBuilder &Findings,
                    llvm::ArrayRef<const EscapeFact *> HandedOn,
                    llvm::SmallPtrSetImpl<const ReleaseFact *> &Reported) {
  const SourceManager &SM = FA.context().getSourceManager();
  const ObjectTable &Objects = FA.objects();
  for (const EscapeFact *E : HandedOn) {
    const HeapState *S = H.stateBefore(*E);
    ObjectID P = *E->getObject();
    QualType T = Objects.node(P).Type;
    if (!S || !S->MustDangling.contains(P) || T.isNull() || !T->isPointerType())
      continue;
    const HeapState::ReleaseSet *Rels = S->Dangling.lookup(P);
    if (!Rels || !llvm::all_of(*Rels, [](const ReleaseFact *R) {
          return R->getMode() != ReleaseFact::Mode::Adopt;
        }))
      continue;
    llvm::SmallVector<const ReleaseFact *, 2> Causes(Rels->begin(), Rels->end());
    if (llvm::all_of(Causes, [&](const ReleaseFact *R) { return Reported.count(R); }))
      continue;
    Reported.insert(Causes.begin(), Causes.end());
    sortBySource(SM, Causes);
    bool Returned = E->getVia() == EscapeFact::Via::Return;
    Report Out = Findings.report(
        E->getStmt()->getBeginLoc(),
        fmt::format("'{}' {} after the memory it points to was freed", Objects.name(P),
                    Returned ? "returned" : "stored"));
    for (const ReleaseFact *R : Causes)
      Out.note(releaseLocation(*R), "freed here" + ownerReleaseDetail(*R, Objects));
  }
}

/// True when a comparison \p A of the freed pointer with another pointer is reported:
/// only when the memory was freed by \p Causes on every path to it (\p Every). A
/// comparison after a successful realloc (`if (q != p)`, to rebase pointers into the
/// block) is a common idiom that reads no memory: not reported.
bool reportsComparison(const AccessFact &A, bool Every,
                       llvm::ArrayRef<const ReleaseFact *> Causes) {
  if (!A.isValueOnly())
    return true;
  return Every && llvm::none_of(Causes, [](const ReleaseFact *R) {
           return R->getMode() == ReleaseFact::Mode::Realloc;
         });
}

/// The pointer as the user wrote it: `'p'`, or `'this'` in a member function that deletes
/// its own object.
std::string pointerName(const ObjectTable &Objects, ObjectID P) {
  if (Objects.node(P).K == StorageNode::Kind::ThisObject)
    return "this";
  return Objects.name(P);
}

} // namespace

void UseAfterFreeRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const HeapAnalysis *H = FA.heap();
  if (!H)
    return;
  const SourceManager &SM = FA.context().getSourceManager();
  const ObjectTable &Objects = FA.objects();
  FindingBuilder Findings(id(), FA, Sink);
  checkSelfAssignmentReads(FA, Findings);

  std::vector<const AccessFact *> Accesses;
  std::vector<const EscapeFact *> HandedOn;
  FA.forEachFact([&](const Fact &F) {
    if (const auto *A = llvm::dyn_cast<AccessFact>(&F))
      Accesses.push_back(A);
    if (const auto *E = llvm::dyn_cast<EscapeFact>(&F))
      if (E->getObject() && (E->getVia() == EscapeFact::Via::Return ||
                             E->getVia() == EscapeFact::Via::Store))
        HandedOn.push_back(E);
  });
  sortBySource(SM, Accesses);
  sortBySource(SM, HandedOn);

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
      // A release made under a test this path contradicts is not on this path.
      if (R->getMode() != ReleaseFact::Mode::Adopt && !H->excludedBy(*R, *S))
        Causes.push_back(R);
    if (Causes.empty() ||
        llvm::all_of(Causes, [&](const ReleaseFact *R) { return Reported.count(R); }))
      continue;
    bool Every = S->MustDangling.contains(P) &&
                 llvm::all_of(*Rels, [](const ReleaseFact *R) {
                   return R->getMode() != ReleaseFact::Mode::Adopt;
                 });
    if (!reportsComparison(*A, Every, Causes))
      continue;
    Reported.insert(Causes.begin(), Causes.end());
    sortBySource(SM, Causes);
    Report Out = Findings.report(
        A->getStmt()->getBeginLoc(),
        fmt::format("'{}' {} after the memory it points to was freed", pointerName(Objects, P),
                    A->isValueOnly() ? "compared" : Every ? "used" : "may be used"));
    Out.maybe(!Every);
    for (const ReleaseFact *R : Causes) {
      bool Earlier =
          SM.isBeforeInTranslationUnit(releaseLocation(*R), A->getStmt()->getBeginLoc());
      Out.note(releaseLocation(*R),
               "freed here" + ownerReleaseDetail(*R, Objects) +
                   (Earlier ? "" : ", in a previous iteration of the loop"));
    }
  }

  reportHandedOn(FA, *H, Findings, HandedOn, Reported);
}

} // namespace ownership::rules
