//===- HeapSummaries.cpp - What callees do with heap memory ---------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/analysis/HeapSummaries.h"

#include "checker/analysis/FunctionAnalysis.h"
#include "checker/passes/Heap.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace ownership::model;
using namespace ownership::passes;

using namespace clang;

namespace ownership::analysis {
namespace {

/// Summarises an analysed function from its heap states.
HeapSummary summarize(const FunctionDecl *Def, const FunctionAnalysis &FA) {
  HeapSummary Sum;
  Sum.Params.assign(Def->getNumParams(), HeapSummary::ParamEffect::Escapes);
  Sum.ParamFamilies.assign(Def->getNumParams(), AllocFamily::Unknown);
  const HeapAnalysis *H = FA.heap();
  if (!H)
    return Sum;
  const HeapState *Exit = H->exitState();
  if (!Exit)
    return Sum; // never returns: say nothing

  // Parameters: tracked ones got an Entry fact in the entry block.
  for (const Fact *F : FA.facts().factsOf(FA.cfg().getEntry())) {
    const auto *PA = llvm::dyn_cast<PointerAssignFact>(F);
    if (!PA || PA->getFrom() != PointerAssignFact::From::Entry)
      continue;
    const auto *P = llvm::dyn_cast_or_null<ParmVarDecl>(FA.objects().node(PA->getDest()).Decl);
    if (!P || P->getFunctionScopeIndex() >= Sum.Params.size())
      continue;
    unsigned I = P->getFunctionScopeIndex();
    Pointee E{Pointee::Kind::Entry, PA->getDest()};
    const HeapState::ReleaseSet *Rels = Exit->Freed.lookup(E);
    if (Rels && Exit->MustFreed.contains(E)) {
      // Released on every path that returns: the caller's pointer dangles afterwards.
      bool Adopted = false;
      std::optional<AllocFamily> Family;
      for (const ReleaseFact *R : *Rels) {
        Adopted |= R->getMode() != ReleaseFact::Mode::Now;
        if (!Family)
          Family = R->getFamily();
        else if (*Family != R->getFamily())
          Family = AllocFamily::Unknown;
      }
      if (!Adopted) {
        Sum.Params[I] = HeapSummary::ParamEffect::Frees;
        Sum.ParamFamilies[I] = Family.value_or(AllocFamily::Unknown);
        continue;
      }
    }
    if (Rels || Exit->Escaped.contains(E))
      continue; // Escapes
    Sum.Params[I] = HeapSummary::ParamEffect::None;
  }

  // Returns: fresh when every returned pointer is null or memory allocated here and not
  // released or handed to anyone else.
  if (!Def->getReturnType()->isPointerType())
    return Sum;
  bool Fresh = true, AnyHeap = false;
  std::optional<AllocFamily> Family;
  auto AddHeap = [&](ObjectID Site) {
    const AcquireFact *A = H->acquireOf(Site);
    if (!A) {
      Fresh = false;
      return;
    }
    AnyHeap = true;
    if (!Family)
      Family = A->getFamily();
    else if (*Family != A->getFamily())
      Family = AllocFamily::Unknown;
  };
  FA.forEachFact([&](const Fact &F) {
    const auto *E = llvm::dyn_cast<EscapeFact>(&F);
    if (!E || E->getVia() != EscapeFact::Via::Return || !Fresh)
      return;
    const HeapState *S = H->stateBefore(*E);
    if (!S)
      return; // unreachable return
    if (std::optional<Pointee> D = E->getDirect()) {
      if (D->K == Pointee::Kind::Heap)
        AddHeap(D->Obj);
      else if (D->K != Pointee::Kind::Null)
        Fresh = false;
      return;
    }
    if (!E->getObject()) {
      Fresh = false;
      return;
    }
    for (const Pointee &P : H->pointsTo(*S, *E->getObject())) {
      if (P.K == Pointee::Kind::Null)
        continue;
      if (P.K == Pointee::Kind::Heap && S->Live.contains(P.Obj) &&
          !S->Dangling.lookup(*E->getObject()))
        AddHeap(P.Obj);
      else
        Fresh = false;
    }
  });
  if (Fresh && AnyHeap)
    Sum.ReturnsFresh = Family.value_or(AllocFamily::Unknown);
  return Sum;
}

} // namespace

/// The definition whose summary a call to \p Callee uses; null when it has none: no
/// visible body, virtual (another override may run), the standard library or a system
/// header.
static const FunctionDecl *summarizable(const FunctionDecl *Callee) {
  if (!Callee)
    return nullptr;
  const FunctionDecl *Def = Callee->getDefinition();
  if (!Def || !Def->hasBody() || Def->isDependentContext())
    return nullptr;
  if (const auto *M = dyn_cast<CXXMethodDecl>(Def))
    if (M->isVirtual())
      return nullptr;
  const SourceManager &SM = Def->getASTContext().getSourceManager();
  if (Def->isInStdNamespace() || SM.isInSystemHeader(Def->getLocation()))
    return nullptr;
  return Def;
}

const HeapSummary *HeapSummaries::get(const FunctionDecl *Callee) {
  const FunctionDecl *Def = summarizable(Callee);
  if (!Def)
    return nullptr;
  auto It = Cache.find(Def);
  if (It != Cache.end())
    return It->second.get();
  if (!InProgress.insert(Def).second)
    return nullptr; // recursion: the function being summarised is unknown to itself
  std::unique_ptr<HeapSummary> Result;
  {
    FunctionAnalysis FA(Def, Def->getASTContext(), Callees, Limits, this, Lifetimes);
    if (!FA.isSkipped())
      Result = std::make_unique<HeapSummary>(summarize(Def, FA));
  }
  InProgress.erase(Def);
  const HeapSummary *Out = Result.get();
  Cache[Def] = std::move(Result);
  return Out;
}

void HeapSummaries::remember(const FunctionAnalysis &FA) {
  const FunctionDecl *Def = summarizable(FA.decl());
  if (!Def || Def != FA.decl() || Cache.count(Def) || InProgress.count(Def))
    return;
  if (FA.heapIfRun() && !FA.isSkipped())
    Cache[Def] = std::make_unique<HeapSummary>(summarize(Def, FA));
}

} // namespace ownership::analysis
