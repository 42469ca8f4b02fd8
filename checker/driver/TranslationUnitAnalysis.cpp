//===- TranslationUnitAnalysis.cpp - Run the rules over one translation unit -===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/driver/TranslationUnitAnalysis.h"

#include "checker/passes/Profile.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/Path.h"

using namespace ownership::passes;
using namespace ownership::analysis;
using namespace ownership::lowering;
using namespace ownership::report;
using namespace ownership::rules;

using namespace clang;

namespace ownership::driver {

std::string normalizedPath(const SourceManager &SM, llvm::StringRef FileName) {
  llvm::SmallString<256> Path(FileName);
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

bool headerFilterMatches(const llvm::Regex &Filter, const SourceManager &SM,
                         llvm::StringRef FileName) {
  return Filter.match(FileName) || Filter.match(normalizedPath(SM, FileName));
}

bool AnalysisScope::contains(SourceLocation Loc) {
  if (Loc.isInvalid())
    return false;
  Loc = SM.getFileLoc(Loc);
  FileID File = SM.getFileID(Loc);
  auto It = Cache.find(File);
  if (It != Cache.end())
    return It->second;
  bool In;
  if (SM.isInSystemHeader(Loc) && !SystemHeaders)
    In = false;
  else if (File == SM.getMainFileID())
    In = true;
  else
    In = HeaderFilter && headerFilterMatches(*HeaderFilter, SM, SM.getFilename(Loc));
  Cache[File] = In;
  return In;
}

namespace {

/// Finds the function bodies in scope and runs every enabled rule on each.
class FunctionVisitor : public RecursiveASTVisitor<FunctionVisitor> {
public:
  FunctionVisitor(ASTContext &Ctx, const TranslationUnitRequest &Request, FindingSink &Sink)
      : Ctx(Ctx), Request(Request), Sink(Sink) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    // Nothing in a system header is analysed, so its declarations are not even walked:
    // this keeps the cost of a run close to the cost of parsing.
    if (D && !isa<TranslationUnitDecl>(D) && !Request.SystemHeaders &&
        Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    analyze(FD);
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *LE) {
    analyze(LE->getCallOperator());
    if (FunctionTemplateDecl *Generic = LE->getDependentCallOperator())
      for (FunctionDecl *Spec : Generic->specializations())
        analyze(Spec);
    return true;
  }

private:
  void analyze(FunctionDecl *FD) {
    if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        FD->isInvalidDecl() || !Analyzed.insert(FD).second)
      return;
    // Instantiations are reported at their pattern's location, and deduplicated there.
    if (!Request.InScope(FD->getLocation()))
      return;
    FunctionAnalysis FA(FD, Ctx, Summaries, Request.Limits, &HeapSums, &Lifetimes);
    if (Request.OnFunction)
      Request.OnFunction(FA);
    // A pass that runs out of budget skips the function midway: the rules after it
    // see isSkipped() too.
    for (const std::unique_ptr<Rule> &R : Request.Rules)
      if (!FA.isSkipped()) {
        ProfileScope Timing(Request.Limits.Profile, AnalysisProfile::Phase::Rules);
        R->check(FA, Sink);
      }
    if (FA.exceededLimits() && Request.OnLimitExceeded)
      Request.OnLimitExceeded(FA);
    // Callers analysed later need FD's summary: take it from this analysis rather than
    // analysing FD's body again.
    HeapSums.remember(FA);
  }

  ASTContext &Ctx;
  const TranslationUnitRequest &Request;
  FindingSink &Sink;
  CalleeSummaries Summaries;
  // A callee's summary comes from an analysis of its body, bounded like the others.
  HeapSummaries HeapSums{Summaries, Request.Limits, &Lifetimes};
  LifetimeSummaries Lifetimes;
  llvm::DenseSet<const FunctionDecl *> Analyzed;
};

} // namespace

void analyzeTranslationUnit(ASTContext &Ctx, const TranslationUnitRequest &Request,
                            FindingSink &Sink) {
  ProfileScope Timing(Request.Limits.Profile, AnalysisProfile::Phase::Traversal);
  FunctionVisitor(Ctx, Request, Sink).TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const std::unique_ptr<Rule> &R : Request.Rules) {
    ProfileScope RuleTiming(Request.Limits.Profile, AnalysisProfile::Phase::Rules);
    R->checkTranslationUnit(Ctx, Sink);
  }
}

} // namespace ownership::driver
