//===- TranslationUnitAnalysis.cpp - Run the rules over one translation unit -===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/driver/TranslationUnitAnalysis.h"

#include "checker/analysis/UnitAnalysis.h"
#include "checker/passes/Profile.h"
#include "checker/support/ClangCompat.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include <optional>

using namespace ownership::passes;
using namespace ownership::analysis;
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

/// The text of the macro call whose expansion produced \p Loc, on one line and short:
/// `TEST_CASE("adds", "[math]")`.
std::string macroCallText(const SourceManager &SM, const LangOptions &LangOpts,
                          SourceLocation Loc) {
  CharSourceRange Call = SM.getExpansionRange(Loc);
  llvm::StringRef Text = Lexer::getSourceText(Call, SM, LangOpts);
  std::string OneLine;
  for (char C : Text) {
    bool Space = llvm::isSpace(C);
    if (Space && (OneLine.empty() || OneLine.back() == ' '))
      continue;
    OneLine += Space ? ' ' : C;
  }
  // A macro that takes the whole body as an argument would make the key change with
  // every edit of the body; the call's head names the function well enough.
  constexpr size_t MaxLength = 160;
  if (OneLine.size() > MaxLength)
    OneLine.resize(MaxLength);
  return llvm::StringRef(OneLine).rtrim().str();
}

/// Whether the name of \p D was made by a macro (pasted from parts, or counted) rather
/// than written by someone: in the file, as a macro argument or in a macro's body, a
/// name stays the same text whatever is added around it; a pasted one may not.
bool hasGeneratedName(const SourceManager &SM, const NamedDecl *D) {
  SourceLocation Loc = D->getLocation();
  if (!Loc.isMacroID())
    return false;
  SourceLocation Spelling = SM.getSpellingLoc(Loc);
  std::string Name = D->getNameAsString();
  bool Invalid = false;
  const char *Text = SM.getCharacterData(Spelling, &Invalid);
  if (Invalid || Name.empty() || SM.getBufferName(Spelling).contains("<scratch space>"))
    return true;
  return llvm::StringRef(Text).substr(0, Name.size()) != Name;
}

/// Adds to the findings of one function how its name is anchored in the source when a
/// macro generated it (see functionAnchor()); computed only once it has a finding.
class AnchoringSink : public FindingSink {
public:
  AnchoringSink(FindingSink &Inner, const FunctionDecl *FD) : Inner(Inner), FD(FD) {}

  void report(Finding F) override {
    if (!Name) {
      Name = compat::qualifiedName(FD);
      Anchor = functionAnchor(FD);
    }
    // A rule may name another function (a lambda's enclosing one, a class).
    if (F.Function == *Name)
      F.FunctionAnchor = Anchor;
    Inner.report(std::move(F));
  }

private:
  FindingSink &Inner;
  const FunctionDecl *FD;
  std::optional<std::string> Name;
  std::string Anchor;
};

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
    if (D && !isa<TranslationUnitDecl>(D) && !Request.SystemHeaders &&
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

std::string functionAnchor(const FunctionDecl *FD) {
  const ASTContext &Ctx = FD->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  // The named declarations from the outermost (a namespace, a class) down to FD.
  llvm::SmallVector<const NamedDecl *, 4> Chain;
  for (const DeclContext *DC = FD; DC && !DC->isTranslationUnit(); DC = DC->getParent())
    if (const auto *ND = dyn_cast<NamedDecl>(DC))
      Chain.push_back(ND);
  bool AnyGenerated = false;
  llvm::SmallVector<std::string, 4> Parts;
  for (const NamedDecl *ND : llvm::reverse(Chain)) {
    std::string Part;
    if (hasGeneratedName(SM, ND)) {
      AnyGenerated = true;
      Part = macroCallText(SM, Ctx.getLangOpts(), ND->getLocation());
    } else if (const auto *RD = dyn_cast<CXXRecordDecl>(ND); RD && RD->isLambda()) {
      Part = "(lambda)";
    } else {
      Part = ND->getNameAsString();
      if (Part.empty())
        Part = "(anonymous)";
    }
    // A generated class and its generated member come from one macro call.
    if (Parts.empty() || Parts.back() != Part)
      Parts.push_back(std::move(Part));
  }
  return AnyGenerated ? llvm::join(Parts, "::") : std::string();
}

void analyzeTranslationUnit(ASTContext &Ctx, const TranslationUnitRequest &Request,
                            FindingSink &Sink) {
  ProfileScope Timing(Request.Limits.Profile, AnalysisProfile::Phase::Traversal);
  FunctionCollector Collector(Ctx, Request);
  Collector.TraverseDecl(Ctx.getTranslationUnitDecl());
  model::ModelOptions Options;
  Options.AnalyzeTestFailures = Request.AnalyzeTestFailures;
  for (const std::unique_ptr<Rule> &R : Request.Rules)
    R->configureModel(Options);
  UnitAnalysis Unit(Ctx, Request.Limits, Options);
  Unit.run(Collector.Functions, [&](const FunctionAnalysis &FA) {
    if (Request.OnFunction)
      Request.OnFunction(FA);
    // A pass that runs out of budget skips the function midway: the rules after it
    // see isSkipped() too.
    AnchoringSink Anchored(Sink, FA.decl());
    for (const std::unique_ptr<Rule> &R : Request.Rules)
      if (!FA.isSkipped()) {
        ProfileScope RuleTiming(Request.Limits.Profile, AnalysisProfile::Phase::Rules);
        R->check(FA, Anchored);
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
