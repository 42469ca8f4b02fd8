//===- FunctionAnalysis.cpp - Everything the core knows about one function ===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/core/FunctionAnalysis.h"

#include "checker/core/BorrowFacts.h"
#include "checker/core/Cfg.h"
#include "checker/core/FactsBuilder.h"
#include "checker/core/HeapFacts.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace ownership {
namespace {

/// Finds expressions that Clang could not type: analysing around them would guess.
class ErrorFinder : public RecursiveASTVisitor<ErrorFinder> {
public:
  bool Found = false;
  bool VisitExpr(Expr *E) {
    if (E->containsErrors())
      Found = true;
    return !Found;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; } // analysed on their own
};

} // namespace

FunctionAnalysis::FunctionAnalysis(const FunctionDecl *D, ASTContext &Ctx,
                                   CalleeSummaries &Summaries, const AnalysisLimits &Limits,
                                   HeapSummaries *HeapSums, LifetimeSummaries *Lifetimes)
    : D(D), Ctx(Ctx), Limits(Limits) {
  Stmt *Body = D->getBody();
  if (!Body || D->isInvalidDecl()) {
    SkipReason = "invalid declaration";
    return;
  }
  ErrorFinder Errors;
  Errors.TraverseStmt(Body);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(D))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit() && Init->getInit()->containsErrors())
        Errors.Found = true;
  if (Errors.Found) {
    SkipReason = "the body contains code that does not compile";
    return;
  }
  Cfg = buildFunctionCfg(D, Body, Ctx);
  if (!Cfg) {
    SkipReason = "Clang could not build its control-flow graph";
    return;
  }
  if (Cfg->getNumBlockIDs() > Limits.MaxCfgBlocks) {
    SkipReason = "its control-flow graph has more than " + std::to_string(Limits.MaxCfgBlocks) +
                 " blocks";
    return;
  }
  Parents = std::make_unique<ParentMap>(Body);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(D))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit())
        Parents->addStmt(Init->getInit());
  Facts = std::make_unique<FactManager>(Cfg->getNumBlockIDs());
  HeapFactsBuilder HeapLowering(Ctx, *Cfg, *Parents, Objects, *Facts, D, HeapSums);
  HeapLowering.begin();
  if (!Lifetimes) {
    OwnLifetimes = std::make_unique<LifetimeSummaries>();
    Lifetimes = OwnLifetimes.get();
  }
  BorrowFactsBuilder BorrowLowering(D, *Parents, Objects, *Facts, *Lifetimes);
  FactsBuilder(Ctx, *Cfg, *Parents, Objects, *Facts, Summaries)
      .build([&](const CFGBlock &B, const CFGElement &E) {
        HeapLowering.lowerElement(B, E);
        BorrowLowering.lowerElement(B, E);
      });
  HeapLowering.finish();
}

FunctionAnalysis::~FunctionAnalysis() = default;

const MoveAnalysis *FunctionAnalysis::moves() const {
  if (isSkipped())
    return nullptr;
  if (!Moves) {
    Moves = std::make_unique<MoveAnalysis>(*Cfg, *Facts, Objects, Ctx.getSourceManager());
    if (!Moves->run(Limits.MaxVisitsPerBlock * Cfg->getNumBlockIDs())) {
      SkipReason = "the moved-from analysis did not converge within its budget";
      Moves.reset();
    }
  }
  return Moves.get();
}

const HeapAnalysis *FunctionAnalysis::heap() const {
  if (isSkipped())
    return nullptr;
  if (!Heap) {
    Heap = std::make_unique<HeapAnalysis>(*Cfg, *Facts, Objects);
    if (!Heap->run(Limits.MaxVisitsPerBlock * Cfg->getNumBlockIDs())) {
      SkipReason = "the heap analysis did not converge within its budget";
      Heap.reset();
    }
  }
  return Heap.get();
}

const BorrowAnalysis *FunctionAnalysis::borrows() const {
  if (isSkipped())
    return nullptr;
  if (!Borrows) {
    Borrows = std::make_unique<BorrowAnalysis>(*Cfg, *Facts, Objects, Ctx.getSourceManager());
    if (!Borrows->hasBorrows())
      return Borrows.get(); // nothing to follow: every state is empty
    if (!Borrows->run(Limits.MaxVisitsPerBlock * Cfg->getNumBlockIDs())) {
      SkipReason = "the borrow analysis did not converge within its budget";
      Borrows.reset();
    }
  }
  return Borrows.get();
}

void FunctionAnalysis::dump(llvm::raw_ostream &OS, DumpKind K) const {
  OS << "function '" << D->getQualifiedNameAsString() << "'";
  if (isSkipped()) {
    OS << ": skipped, " << SkipReason << "\n";
    return;
  }
  OS << "\n";
  switch (K) {
  case DumpKind::Cfg:
    Cfg->print(OS, Ctx.getLangOpts(), /*ShowColors=*/false);
    return;
  case DumpKind::Facts:
    Objects.dump(OS);
    Facts->dump(OS, *Cfg, Objects);
    return;
  case DumpKind::States:
    if (const MoveAnalysis *M = moves())
      M->dump(OS);
    if (const BorrowAnalysis *Bo = borrows()) {
      OS << " borrows:\n";
      Bo->dump(OS);
    }
    if (const HeapAnalysis *H = heap()) {
      OS << " heap:\n";
      H->dump(OS);
    }
    return;
  }
  llvm_unreachable("unknown dump kind");
}

} // namespace ownership
