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
