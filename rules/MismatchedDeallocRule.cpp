//===- MismatchedDeallocRule.cpp - ownership-mismatched-dealloc ----------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/MismatchedDeallocRule.h"

#include "rules/FindingBuilder.h"

#include "rules/HeapRuleSupport.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

#include <fmt/format.h>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;

namespace ownership::rules {

void MismatchedDeallocRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const HeapAnalysis *H = FA.heap();
  if (!H)
    return;
  const ObjectTable &Objects = FA.objects();
  FindingBuilder Findings(id(), FA, Sink);
  FA.forEachFact([&](const Fact &F) {
    const auto *R = llvm::dyn_cast<ReleaseFact>(&F);
    // A smart pointer's deleter depends on its type argument, which we do not model.
    if (!R || R->getMode() == ReleaseFact::Mode::Adopt || R->getFamily() == AllocFamily::Unknown)
      return;
    if (!H->stateBefore(*R))
      return;
    // Every block the argument may point to must come from a known allocation of another
    // family: one unknown or matching possibility keeps the rule silent.
    const AcquireFact *Alloc = nullptr;
    for (const Pointee &P : H->targetsOf(*R)) {
      if (P.K == Pointee::Kind::Null)
        continue;
      const AcquireFact *A = P.K == Pointee::Kind::Heap ? H->acquireOf(P.Obj) : nullptr;
      if (!A || familiesMatch(A->getFamily(), R->getFamily()))
        return;
      if (!Alloc)
        Alloc = A;
    }
    if (!Alloc)
      return;
    std::string What = R->getPointer()
                           ? fmt::format("'{}'", Objects.name(*R->getPointer()))
                           : std::string("memory");
    Report Out = Findings.report(releaseLocation(*R),
                                 fmt::format("{} was allocated with {} but is released with {}",
                                             What, describeAllocator(*Alloc),
                                             describeReleaser(*R)));
    Out.note(Alloc->getAllocExpr()->getBeginLoc(), "allocated here");
    // `delete p` of `new[]` memory: the fix is unambiguous when the keyword is spelled
    // in the file (not in a macro) and not `::delete`.
    if (const auto *Del = dyn_cast<CXXDeleteExpr>(R->getStmt()))
      if (!Del->isArrayForm() && !Del->isGlobalDelete() && Alloc->getFamily() == AllocFamily::NewArray &&
          Del->getBeginLoc().isFileID()) {
        const SourceManager &SM = FA.context().getSourceManager();
        SourceLocation After =
            Lexer::getLocForEndOfToken(Del->getBeginLoc(), 0, SM, FA.context().getLangOpts());
        if (After.isValid())
          Out.fix(CharSourceRange::getCharRange(After, After), "[]");
      }
  });
}

} // namespace ownership::rules
