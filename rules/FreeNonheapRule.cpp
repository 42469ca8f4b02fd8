//===- FreeNonheapRule.cpp - ownership-free-nonheap ----------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/FreeNonheapRule.h"

#include "rules/FindingBuilder.h"

#include "rules/HeapRuleSupport.h"

#include <fmt/format.h>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;

namespace ownership::rules {

namespace {

/// A heap block released past its start (`p++; free(p);`, `free(p + 1)`): the allocator
/// hands out, and takes back, only the address of the block's start, so the address
/// released is not one the heap gave out. Only when the offset is known and not 0, and
/// every block the pointer may point to is an allocation of this function.
void reportPastStart(const HeapAnalysis &H, const ObjectTable &Objects, FindingBuilder &Findings,
                     const ReleaseFact &R) {
  std::optional<int64_t> Offset = H.releaseOffset(R);
  if (!Offset || *Offset == 0 || !R.getPointer())
    return;
  const AcquireFact *Alloc = nullptr;
  for (const Pointee &P : H.targetsOf(R)) {
    if (P.K == Pointee::Kind::Null)
      continue;
    const AcquireFact *A = P.K == Pointee::Kind::Heap ? H.acquireOf(P.Obj) : nullptr;
    if (!A)
      return;
    if (!Alloc)
      Alloc = A;
  }
  if (!Alloc)
    return;
  int64_t N = *Offset < 0 ? -*Offset : *Offset;
  Findings
      .report(releaseLocation(R),
              fmt::format("{} releases '{}', which points {} element{} {} the start of the "
                          "block allocated with {}",
                          describeReleaser(R), Objects.name(*R.getPointer()), N,
                          N == 1 ? "" : "s", *Offset < 0 ? "before" : "past",
                          describeAllocator(*Alloc)))
      .note(Alloc->getAllocExpr()->getBeginLoc(), "allocated here");
}

} // namespace

void FreeNonheapRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const HeapAnalysis *H = FA.heap();
  if (!H)
    return;
  const ObjectTable &Objects = FA.objects();
  FindingBuilder Findings(id(), FA, Sink);
  FA.forEachFact([&](const Fact &F) {
    const auto *R = llvm::dyn_cast<ReleaseFact>(&F);
    // Adopting non-heap memory is fine with a deleter that does nothing; we do not look.
    if (!R || R->getMode() == ReleaseFact::Mode::Adopt || !H->stateBefore(*R))
      return;
    reportPastStart(*H, Objects, Findings, *R);
    // Only when every possibility is non-heap storage: a pointer that is sometimes a
    // stack buffer and sometimes malloc'ed is usually released under a check we do not
    // follow (`if (p != buf) free(p);`).
    std::optional<ObjectID> Storage;
    for (const Pointee &P : H->targetsOf(*R)) {
      if (P.K == Pointee::Kind::Null)
        continue;
      if (P.K != Pointee::Kind::NonHeap)
        return;
      if (!Storage)
        Storage = P.Obj;
    }
    if (!Storage)
      return;
    std::string Where = describeStorage(Objects, *Storage);
    Report Out = Findings.report(
        releaseLocation(*R),
        R->getPointer()
            ? fmt::format("{} releases '{}', which points to {}, not to heap memory",
                          describeReleaser(*R), Objects.name(*R->getPointer()), Where)
            : fmt::format("{} releases {}, which is not heap memory", describeReleaser(*R),
                          Where));
    if (SourceLocation Decl = Objects.declaredAt(*Storage); Decl.isValid())
      Out.note(Decl, fmt::format("'{}' declared here", Objects.name(*Storage)));
  });
}

} // namespace ownership::rules
