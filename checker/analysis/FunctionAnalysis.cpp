//===- FunctionAnalysis.cpp - Everything the core knows about one function ===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/analysis/FunctionAnalysis.h"

#include "checker/lowering/Cfg.h"
#include "checker/lowering/FactGenerator.h"
#include "checker/passes/Profile.h"
#include "checker/support/ClangCompat.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

#include <type_traits>

using namespace ownership::lowering;
using namespace ownership::model;
using namespace ownership::passes;

using namespace clang;

namespace ownership::analysis {
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
  // A declaration Clang gave up on may have no type at all (the bindings of
  // `auto [a, b] = undeclared;`), and no expression with errors left to show for it.
  bool VisitDecl(Decl *D) {
    if (D->isInvalidDecl())
      Found = true;
    return !Found;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; } // analysed on their own
};

} // namespace

FunctionAnalysis::FunctionAnalysis(const FunctionDecl *D, ASTContext &Ctx, const UnitContext &Unit)
    : D(D), Ctx(Ctx), Limits(Unit.Limits), Classes(Unit.Classes), Budget(Limits.MaxSteps, Limits.MaxBytes) {
  ProfileScope Timing(Limits.Profile, AnalysisProfile::Phase::Lowering);
  Stmt *Body = D->getBody();
  if (!Body || D->isInvalidDecl()) {
    SkipReason = "invalid declaration";
    return;
  }
  // Clang's CFG builder crashes on the implicit destructor calls of a class it gave up
  // on (a member of an undeclared type): nothing inside an invalid class is analysed.
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *Enclosing = dyn_cast<Decl>(DC); Enclosing && Enclosing->isInvalidDecl()) {
      SkipReason = "it belongs to a declaration that does not compile";
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
    ExceededLimits = true;
    return;
  }
  Parents = std::make_unique<ParentMap>(Body);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(D))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit())
        Parents->addStmt(Init->getInit());
  Facts = std::make_unique<FactManager>(Cfg->getNumBlockIDs());
  lowering::generateFacts(Ctx, *Cfg, *Parents, D, Unit.Model, Objects, *Facts);
  // Lowering is linear in the body; its cost still counts against the budget, so that a
  // huge function is stopped before the passes multiply it.
  uint64_t Lowered = Cfg->getNumBlockIDs();
  for (const CFGBlock *B : *Cfg)
    Lowered += Facts->factsOf(*B).size();
  if (!Budget.charge(Lowered))
    overLimit("lowering");
}

void FunctionAnalysis::overLimit(llvm::StringRef Pass) const {
  ExceededLimits = true;
  if (Budget.exhausted())
    SkipReason = Budget.describeExhaustion();
  else
    SkipReason = ("the " + Pass + " did not converge within " +
                  std::to_string(Limits.MaxVisitsPerBlock) + " visits per block")
                     .str();
}

FunctionAnalysis::~FunctionAnalysis() = default;

template <typename PassT, typename MakeFn>
const PassT *FunctionAnalysis::runPass(std::unique_ptr<PassT> &Pass, llvm::StringRef Name,
                                       MakeFn Make) const {
  if (isSkipped())
    return nullptr;
  if (!Pass) {
    AnalysisProfile::Phase Phase = AnalysisProfile::Phase::Moves;
    if constexpr (std::is_same_v<PassT, BorrowAnalysis>)
      Phase = AnalysisProfile::Phase::Borrows;
    else if constexpr (std::is_same_v<PassT, HeapAnalysis>)
      Phase = AnalysisProfile::Phase::Heap;
    ProfileScope Timing(Limits.Profile, Phase);
    Pass = Make();
    if constexpr (std::is_same_v<PassT, BorrowAnalysis>)
      if (!Pass->hasBorrows())
        return Pass.get(); // nothing to follow: every state is empty
    if (!Pass->run(Limits.MaxVisitsPerBlock * Cfg->getNumBlockIDs(), &Budget)) {
      overLimit(Name);
      Pass.reset();
    }
  }
  return Pass.get();
}

const MoveAnalysis *FunctionAnalysis::moves() const {
  return runPass(Moves, "moved-from analysis", [&] {
    return std::make_unique<MoveAnalysis>(*Cfg, *Facts, Objects, Ctx.getSourceManager());
  });
}

const HeapAnalysis *FunctionAnalysis::heap() const {
  return runPass(Heap, "heap analysis",
                 [&] { return std::make_unique<HeapAnalysis>(*Cfg, *Facts, Objects); });
}

const BorrowAnalysis *FunctionAnalysis::borrows() const {
  return runPass(Borrows, "borrow analysis", [&] {
    return std::make_unique<BorrowAnalysis>(*Cfg, *Facts, Objects, Ctx.getSourceManager());
  });
}

bool FunctionAnalysis::exclusive(const model::Fact &Earlier, const model::Fact &Later) const {
  const passes::HeapAnalysis *H = heap();
  const passes::HeapState *Now = H ? H->stateBefore(Later) : nullptr;
  return Now && H->excludedBy(Earlier, *Now);
}

const std::vector<SharedCycle> &FunctionAnalysis::sharedCycles() const {
  if (!SharedCycles)
    SharedCycles = isSkipped() ? std::vector<SharedCycle>()
                               : findSharedCycles(*Facts, *Cfg, Ctx.getSourceManager());
  return *SharedCycles;
}

void FunctionAnalysis::dump(llvm::raw_ostream &OS, DumpKind K) const {
  if (K == DumpKind::States) {
    // Every pass runs first, so that the header can say what the whole analysis cost.
    moves();
    borrows();
    heap();
  }
  OS << "function '" << compat::qualifiedName(D) << "' (" << stepsUsed() << " steps)";
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
    // A function without borrows never runs the borrow pass: it has no states to show.
    if (const BorrowAnalysis *Bo = borrows(); Bo && Bo->hasBorrows()) {
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

} // namespace ownership::analysis
