//===- TranslationUnitAnalysis.cpp - Run the rules over one translation unit -===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/driver/TranslationUnitAnalysis.h"

#include "checker/analysis/UnitAnalysis.h"
#include "checker/passes/Profile.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseSet.h"

using namespace ownership::passes;
using namespace ownership::analysis;
using namespace ownership::report;
using namespace ownership::rules;

using namespace clang;

namespace ownership::driver {

bool AnalysisScope::contains(SourceLocation Loc) {
  if (Loc.isInvalid())
    return false;
  Loc = SM.getFileLoc(Loc);
  FileID File = SM.getFileID(Loc);
  auto It = Cache.find(File);
  if (It != Cache.end())
    return It->second;
  bool In;
  if (SM.isInSystemHeader(Loc))
    In = false;
  else if (File == SM.getMainFileID() || AllHeaders)
    In = true;
  else
    In = HeaderFilter && HeaderFilter->match(SM.getFilename(Loc));
  Cache[File] = In;
  return In;
}

namespace {

/// Finds the function bodies in scope, including template instantiations and lambdas, in
/// the order the translation unit declares them.
class FunctionCollector : public RecursiveASTVisitor<FunctionCollector> {
public:
  FunctionCollector(ASTContext &Ctx, const TranslationUnitRequest &Request)
      : Ctx(Ctx), Request(Request) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    // Nothing in a system header is analysed, so its declarations are not even walked:
    // this keeps the cost of a run close to the cost of parsing.
    if (D && !isa<TranslationUnitDecl>(D) &&
        Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    add(FD);
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *LE) {
    add(LE->getCallOperator());
    if (FunctionTemplateDecl *Generic = LE->getDependentCallOperator())
      for (FunctionDecl *Spec : Generic->specializations())
        add(Spec);
    return true;
  }

  std::vector<const FunctionDecl *> Functions;

private:
  void add(FunctionDecl *FD) {
    if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        FD->isInvalidDecl() || !Seen.insert(FD).second)
      return;
    // Instantiations are reported at their pattern's location, and deduplicated there.
    if (Request.InScope(FD->getLocation()))
      Functions.push_back(FD);
  }

  ASTContext &Ctx;
  const TranslationUnitRequest &Request;
  llvm::DenseSet<const FunctionDecl *> Seen;
};

} // namespace

void analyzeTranslationUnit(ASTContext &Ctx, const TranslationUnitRequest &Request,
                            FindingSink &Sink) {
  ProfileScope Timing(Request.Limits.Profile, AnalysisProfile::Phase::Traversal);
  FunctionCollector Collector(Ctx, Request);
  Collector.TraverseDecl(Ctx.getTranslationUnitDecl());
  model::ModelOptions Options;
  for (const std::unique_ptr<Rule> &R : Request.Rules)
    R->configureModel(Options);
  UnitAnalysis Unit(Ctx, Request.Limits, Options);
  Unit.run(Collector.Functions, [&](const FunctionAnalysis &FA) {
    if (Request.OnFunction)
      Request.OnFunction(FA);
    // A pass that runs out of budget skips the function midway: the rules after it
    // see isSkipped() too.
    for (const std::unique_ptr<Rule> &R : Request.Rules)
      if (!FA.isSkipped()) {
        ProfileScope RuleTiming(Request.Limits.Profile, AnalysisProfile::Phase::Rules);
        R->check(FA, Sink);
      }
    if (FA.exceededLimits() && Request.OnLimitExceeded)
      Request.OnLimitExceeded(FA);
  });
  for (const std::unique_ptr<Rule> &R : Request.Rules) {
    ProfileScope RuleTiming(Request.Limits.Profile, AnalysisProfile::Phase::Rules);
    R->checkTranslationUnit(Unit, Sink);
  }
}

} // namespace ownership::driver
