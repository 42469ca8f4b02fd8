//===- DoubleFreeRule.cpp - ownership-double-free ------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/DoubleFreeRule.h"

#include "rules/FindingBuilder.h"

#include "rules/HeapRuleSupport.h"
#include "rules/OwningMembers.h"

#include "clang/AST/ExprCXX.h"

#include "llvm/ADT/DenseSet.h"
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

/// When release \p R and its earlier release \p Causes are the destructions of two
/// owner objects, one a member-by-member copy of the other (`Holder B = A;`), reports the
/// double release at the copy, which is where the fix goes. False when they are not.
bool reportOwnerCopy(const FunctionAnalysis &FA, FindingBuilder &Findings,
                     llvm::ArrayRef<const PointerAssignFact *> Copies, const ReleaseFact &R,
                     llvm::ArrayRef<const ReleaseFact *> Causes, bool Every,
                     llvm::SmallPtrSetImpl<const Stmt *> &Reported) {
  const ObjectTable &Objects = FA.objects();
  for (const PointerAssignFact *Copy : Copies) {
    ObjectID To = Copy->getDest(), From = *Copy->getSource();
    const ReleaseFact *First = nullptr;
    for (const ReleaseFact *C : Causes)
      if (C->getPointer() && ((*C->getPointer() == To && *R.getPointer() == From) ||
                              (*C->getPointer() == From && *R.getPointer() == To)))
        First = C;
    if (!First)
      continue;
    const auto *Construct = llvm::cast<CXXConstructExpr>(Copy->getStmt());
    // A class whose owning member the class-level contract knows is reported at the copy
    // by checkOwningCopies(), with its member and its destructor; the two destructions
    // the copy leads to are not reported a second time.
    if (const ClassOwnership *Classes = FA.classOwnership())
      for (const OwningCopy &C : Classes->owningCopiesIn(FA.cfg()))
        if (C.At == Construct)
          return true;
    Reported.insert(Construct);
    const CXXRecordDecl *Class = Construct->getConstructor()->getParent();
    Report Out = Findings.report(
        Construct->getBeginLoc(),
        fmt::format("memory owned by '{}' {} released twice: '{}' is a copy of it that "
                    "releases it too",
                    Objects.name(From), Every ? "is" : "may be", Objects.name(To)));
    Out.maybe(!Every);
    if (const CXXDestructorDecl *Dtor = Class->getDestructor())
      Out.note(Dtor->getLocation(),
               fmt::format("'{}' cannot be copied member by member: its destructor releases "
                           "the memory a member points to",
                           Class->getName().str()));
    Out.note(releaseLocation(*First), "first released here" + ownerReleaseDetail(*First, Objects));
    Out.note(releaseLocation(R), "released again here" + ownerReleaseDetail(R, Objects));
    return true;
  }
  return false;
}

/// The notes of a double release \p R: where each of \p Causes released the memory first.
void noteFirstReleases(Report &Out, llvm::ArrayRef<const ReleaseFact *> Causes,
                       const ReleaseFact &R, const SourceManager &SM,
                       const ObjectTable &Objects) {
  for (const ReleaseFact *C : Causes) {
    // Two owners dying at one `}` release in order; one release reaching itself is a loop.
    SourceLocation CLoc = releaseLocation(*C), RLoc = releaseLocation(R);
    bool Earlier = SM.isBeforeInTranslationUnit(CLoc, RLoc) || (CLoc == RLoc && C != &R);
    // An object of the user's adopting it is named by its destructor (`~Holder`).
    std::string Adopter = C->getReleaser().starts_with("~")
                              ? fmt::format("a '{}'", C->getReleaser().drop_front().str())
                              : std::string("a smart pointer");
    std::string Note = C->getMode() == ReleaseFact::Mode::Adopt
                           ? "first released here: " + Adopter + " adopts it"
                           : "first released here" + ownerReleaseDetail(*C, Objects);
    if (!Earlier)
      Note += ", in a previous iteration of the loop";
    Out.note(releaseLocation(*C), Note);
  }
}

} // namespace

void DoubleFreeRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const HeapAnalysis *H = FA.heap();
  if (!H)
    return;
  const SourceManager &SM = FA.context().getSourceManager();
  const ObjectTable &Objects = FA.objects();
  FindingBuilder Findings(id(), FA, Sink);
  checkBaseMemberReleases(FA, Findings);
  checkHandlerReleases(FA, Findings);
  checkDanglingMembers(FA, Findings);

  std::vector<const ReleaseFact *> Releases;
  std::vector<const PointerAssignFact *> Copies;
  FA.forEachFact([&](const Fact &F) {
    if (const auto *R = llvm::dyn_cast<ReleaseFact>(&F))
      if (R->getPointer())
        Releases.push_back(R);
    if (const auto *PA = llvm::dyn_cast<PointerAssignFact>(&F))
      if (PA->getFrom() == PointerAssignFact::From::Own &&
          llvm::isa_and_nonnull<CXXConstructExpr>(PA->getStmt()))
        Copies.push_back(PA);
  });
  // By where they happen: an owner's destruction at the `}`, not where its scope opens.
  llvm::stable_sort(Releases, [&](const ReleaseFact *A, const ReleaseFact *B) {
    return SM.isBeforeInTranslationUnit(releaseLocation(*A), releaseLocation(*B));
  });

  // One finding per earlier release: the first later release it reaches. A release that
  // is itself reported causes no further finding.
  llvm::SmallPtrSet<const ReleaseFact *, 8> Used;
  llvm::DenseSet<uint32_t> ReportedBlocks;
  llvm::SmallPtrSet<const Stmt *, 4> OwnerCopies;
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
    // A release made under a test this path contradicts is not on this path.
    llvm::erase_if(Causes, [&](const ReleaseFact *C) { return H->excludedBy(*C, *S); });
    if (Causes.empty())
      continue;
    if (llvm::all_of(Causes, [&](const ReleaseFact *C) { return Used.count(C); }))
      continue;
    // One finding per block: two owners of one block (`A(raw); B(raw);`) are reported at
    // the second adoption, not again when they die.
    llvm::SmallVector<Pointee, 2> Targets = H->targetsOf(*R);
    llvm::erase_if(Targets, [](const Pointee &T) { return T.K != Pointee::Kind::Heap; });
    if (!Targets.empty() &&
        llvm::all_of(Targets, [&](const Pointee &T) { return ReportedBlocks.count(T.Obj.Value); }))
      continue;
    for (const Pointee &T : Targets)
      ReportedBlocks.insert(T.Obj.Value);
    Used.insert(Causes.begin(), Causes.end());
    Used.insert(R);
    sortBySource(SM, Causes);
    bool Every = S->MustDangling.contains(P);
    if (reportOwnerCopy(FA, Findings, Copies, *R, Causes, Every, OwnerCopies))
      continue;
    Report Out = Findings.report(releaseLocation(*R),
                                 fmt::format("memory owned by '{}' {} released twice",
                                             Objects.name(P), Every ? "is" : "may be"));
    Out.maybe(!Every);
    noteFirstReleases(Out, Causes, *R, SM, Objects);
  }
  checkOwningCopies(FA, Findings, OwnerCopies); // where the loop above did not report
}

} // namespace ownership::rules
