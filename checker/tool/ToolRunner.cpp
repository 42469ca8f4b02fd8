//===- ToolRunner.cpp - The standalone tool: options, runs, exit codes ----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/tool/ToolRunner.h"

#include "checker/core/FunctionAnalysis.h"
#include "checker/report/FindingSink.h"
#include "checker/report/TextReporter.h"
#include "rules/RuleRegistry.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/WithColor.h"

using namespace clang;
using namespace clang::tooling;

namespace ownership {

llvm::cl::OptionCategory CheckerCategory("ownership-checker options");

namespace {

llvm::cl::extrahelp CommonHelp(CommonOptionsParser::HelpMessage);
llvm::cl::extrahelp MoreHelp(R"(
Reports what Rust's borrow checker would reject, in C++: uses after move, and more.

Exit codes: 0 no findings, 1 findings, 2 bad options, bad input or code that does not
compile (findings in the functions that did compile are still reported).

Examples:
  ownership-checker file.cpp -- -std=c++20
  ownership-checker -p build/ src/a.cpp src/b.cpp
  ownership-checker --checks='ownership-*,-ownership-use-after-move' file.cpp --
)");

llvm::cl::opt<std::string> ChecksOpt(
    "checks",
    llvm::cl::desc("Comma-separated globs of checks to run; a leading '-' disables\n"
                   "(clang-tidy syntax). Default: 'ownership-*'"),
    llvm::cl::init("ownership-*"), llvm::cl::cat(CheckerCategory));
llvm::cl::opt<bool> ListChecksOpt("list-checks",
                                  llvm::cl::desc("List the enabled checks and exit"),
                                  llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> HeaderFilterOpt(
    "header-filter",
    llvm::cl::desc("Regular expression of header paths whose findings are shown.\n"
                   "The main file's are always shown, system headers' never."),
    llvm::cl::init(""), llvm::cl::cat(CheckerCategory));
/// Created by registerToolOptions(), after LLVM's own boolean --color is removed.
llvm::cl::opt<std::string> *ColorOpt = nullptr;
llvm::cl::opt<std::string> DumpOpt(
    "dump", llvm::cl::desc("Print cfg|facts|states[:FUNCTION] of analysed functions"),
    llvm::cl::Hidden, llvm::cl::cat(CheckerCategory));

void printVersion(llvm::raw_ostream &OS) {
  OS << "ownership-checker " << OWNERSHIP_VERSION << " (built with LLVM " << LLVM_VERSION_STRING
     << ")\n";
}

/// Decides which functions are analysed and where findings are shown: the main file
/// always, a header when its path matches the header filter, a system header never.
class Scope {
public:
  Scope(const SourceManager &SM, const llvm::Regex *HeaderFilter)
      : SM(SM), HeaderFilter(HeaderFilter) {}

  bool contains(SourceLocation Loc) {
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
    else if (File == SM.getMainFileID())
      In = true;
    else
      In = HeaderFilter && HeaderFilter->match(SM.getFilename(Loc));
    Cache[File] = In;
    return In;
  }

private:
  const SourceManager &SM;
  const llvm::Regex *HeaderFilter;
  llvm::DenseMap<FileID, bool> Cache;
};

/// Parses `--dump=KIND[:FUNCTION]`.
struct DumpRequest {
  std::optional<FunctionAnalysis::DumpKind> Kind;
  std::string Function;

  static llvm::Expected<DumpRequest> parse(llvm::StringRef Spec) {
    DumpRequest R;
    if (Spec.empty())
      return R;
    auto [Kind, Function] = Spec.split(':');
    R.Function = Function.str();
    if (Kind == "cfg")
      R.Kind = FunctionAnalysis::DumpKind::Cfg;
    else if (Kind == "facts")
      R.Kind = FunctionAnalysis::DumpKind::Facts;
    else if (Kind == "states")
      R.Kind = FunctionAnalysis::DumpKind::States;
    else
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "unknown --dump kind '%s' (cfg, facts or states)",
                                     Kind.str().c_str());
    return R;
  }
};

/// Everything one run shares across translation units.
struct RunContext {
  std::vector<std::unique_ptr<Rule>> Rules;
  std::optional<llvm::Regex> HeaderFilter;
  DumpRequest Dump;
  FindingCollector Findings;
};

/// Finds the function bodies in scope and runs every enabled rule on each.
class FunctionVisitor : public RecursiveASTVisitor<FunctionVisitor> {
public:
  FunctionVisitor(ASTContext &Ctx, RunContext &Run)
      : Ctx(Ctx), Run(Run),
        InScope(Ctx.getSourceManager(), Run.HeaderFilter ? &*Run.HeaderFilter : nullptr) {}

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
    if (!InScope.contains(FD->getLocation()))
      return;
    FunctionAnalysis FA(FD, Ctx, Summaries);
    if (Run.Dump.Kind && llvm::StringRef(FD->getQualifiedNameAsString()).contains(Run.Dump.Function))
      FA.dump(llvm::outs(), *Run.Dump.Kind);
    if (FA.isSkipped())
      return;
    for (const std::unique_ptr<Rule> &R : Run.Rules)
      R->check(FA, Run.Findings);
  }

  ASTContext &Ctx;
  RunContext &Run;
  Scope InScope;
  CalleeSummaries Summaries;
  llvm::DenseSet<const FunctionDecl *> Analyzed;
};

class CheckerConsumer : public ASTConsumer {
public:
  explicit CheckerConsumer(RunContext &Run) : Run(Run) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    auto Filter = std::make_shared<Scope>(SM, Run.HeaderFilter ? &*Run.HeaderFilter : nullptr);
    Run.Findings.beginTranslationUnit(SM, [Filter](SourceLocation L) {
      return Filter->contains(L);
    });
    FunctionVisitor(Ctx, Run).TraverseDecl(Ctx.getTranslationUnitDecl());
    Run.Findings.endTranslationUnit();
  }

private:
  RunContext &Run;
};

class CheckerAction : public ASTFrontendAction {
public:
  explicit CheckerAction(RunContext &Run) : Run(Run) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<CheckerConsumer>(Run);
  }

private:
  RunContext &Run;
};

class CheckerActionFactory : public FrontendActionFactory {
public:
  explicit CheckerActionFactory(RunContext &Run) : Run(Run) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<CheckerAction>(Run);
  }

private:
  RunContext &Run;
};

/// Points the compiler at clang-19's builtin headers unless the command already does.
ArgumentsAdjuster resourceDirAdjuster() {
  return [](const CommandLineArguments &Args, llvm::StringRef) {
    for (const std::string &A : Args)
      if (llvm::StringRef(A).starts_with("-resource-dir"))
        return Args;
    CommandLineArguments Out = Args;
    Out.insert(Out.begin() + (Out.empty() ? 0 : 1),
               std::string("-resource-dir=") + OWNERSHIP_CLANG_RESOURCE_DIR);
    return Out;
  };
}

llvm::Error toolError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

bool isReadable(const std::string &Path) {
  llvm::Expected<llvm::sys::fs::file_t> F = llvm::sys::fs::openNativeFileForRead(Path);
  if (!F) {
    llvm::consumeError(F.takeError());
    return false;
  }
  llvm::sys::fs::closeFile(*F);
  return true;
}

bool useColor(llvm::StringRef Mode) {
  if (Mode == "always")
    return true;
  if (Mode == "never")
    return false;
  return llvm::outs().has_colors();
}

} // namespace

ToolOptions ToolOptions::fromCommandLine() {
  ToolOptions O;
  O.Checks = ChecksOpt;
  O.HeaderFilter = HeaderFilterOpt;
  O.ListChecks = ListChecksOpt;
  if (ColorOpt)
    O.Color = *ColorOpt;
  O.Dump = DumpOpt;
  return O;
}

void registerToolOptions() {
  llvm::cl::SetVersionPrinter(printVersion);
  // LLVM registers a boolean --color lazily, the first time options are listed. Let it
  // do so now, and put clang-tidy's and git's auto|always|never spelling in its place.
  llvm::cl::HideUnrelatedOptions(CheckerCategory);
  llvm::StringMap<llvm::cl::Option *> &Registered = llvm::cl::getRegisteredOptions();
  if (llvm::cl::Option *LLVMColor = Registered.lookup("color"))
    LLVMColor->removeArgument();
  static llvm::cl::opt<std::string> Color(
      "color", llvm::cl::desc("Color the text output: auto, always or never (default: auto)"),
      llvm::cl::init("auto"), llvm::cl::cat(CheckerCategory));
  ColorOpt = &Color;
}

llvm::Error checkExplicitCompilationDatabase(int Argc, const char **Argv) {
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--")
      break;
    std::string Dir;
    if ((Arg == "-p" || Arg == "--p") && I + 1 < Argc)
      Dir = Argv[I + 1];
    else if (Arg.consume_front("-p=") || Arg.consume_front("--p="))
      Dir = Arg.str();
    else
      continue;
    std::string Err;
    if (!llvm::sys::fs::exists(Dir))
      return toolError("compilation database directory '" + Dir + "' does not exist");
    if (!CompilationDatabase::autoDetectFromDirectory(Dir, Err))
      return toolError("cannot load compilation database from '" + Dir +
                       "': " + llvm::StringRef(Err).trim());
  }
  return llvm::Error::success();
}

int runTool(CommonOptionsParser &Parser, const ToolOptions &Opts) {
  RuleRegistry Registry;
  registerAllRules(Registry);
  llvm::Expected<CheckFilter> Filter = CheckFilter::parse(Opts.Checks, Registry);
  if (!Filter) {
    llvm::WithColor::error(llvm::errs(), "ownership-checker") << llvm::toString(Filter.takeError())
                                                              << '\n';
    return ExitToolError;
  }

  RunContext Run;
  for (const RuleInfo &Info : Registry.rules())
    if (Filter->isEnabled(Info.Id))
      Run.Rules.push_back(Info.Create(Info.Id));

  if (Opts.ListChecks) {
    llvm::outs() << "Enabled checks:\n";
    for (const std::unique_ptr<Rule> &R : Run.Rules)
      llvm::outs() << "    " << R->id() << "\n";
    llvm::outs() << "\n";
    return ExitClean;
  }

  auto Fail = [](const llvm::Twine &Message) {
    llvm::WithColor::error(llvm::errs(), "ownership-checker") << Message << '\n';
  };
  if (Opts.Color != "auto" && Opts.Color != "always" && Opts.Color != "never") {
    Fail("--color must be auto, always or never, not '" + Opts.Color + "'");
    return ExitToolError;
  }
  if (!Opts.HeaderFilter.empty()) {
    Run.HeaderFilter.emplace(Opts.HeaderFilter);
    std::string Why;
    if (!Run.HeaderFilter->isValid(Why)) {
      Fail("invalid --header-filter '" + Opts.HeaderFilter + "': " + Why);
      return ExitToolError;
    }
  }
  llvm::Expected<DumpRequest> Dump = DumpRequest::parse(Opts.Dump);
  if (!Dump) {
    Fail(llvm::toString(Dump.takeError()));
    return ExitToolError;
  }
  Run.Dump = *Dump;

  int Exit = ExitClean;
  std::vector<std::string> Files;
  for (const std::string &Path : Parser.getSourcePathList()) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(Path, Status)) {
      Fail("no such file: '" + Path + "'");
      Exit = ExitToolError;
    } else if (llvm::sys::fs::is_directory(Status)) {
      Fail("'" + Path + "' is a directory, not a source file");
      Exit = ExitToolError;
    } else if (!isReadable(Path)) {
      Fail("cannot read '" + Path + "'");
      Exit = ExitToolError;
    } else {
      Files.push_back(Path);
    }
  }
  if (Parser.getSourcePathList().empty()) {
    Fail("no input files (see --help)");
    return ExitToolError;
  }

  if (!Files.empty()) {
    ClangTool Tool(Parser.getCompilations(), Files);
    Tool.appendArgumentsAdjuster(resourceDirAdjuster());
    CheckerActionFactory Factory(Run);
    // ClangTool returns 1 when a file failed to compile and 2 when one had no compile
    // command; both are input errors for our users.
    if (Tool.run(&Factory) != 0)
      Exit = ExitToolError;
  }

  std::vector<ResolvedFinding> Findings = Run.Findings.takeSorted();
  renderText(Findings, llvm::outs(), useColor(Opts.Color));
  llvm::outs().flush();
  if (Exit == ExitClean && !Findings.empty())
    Exit = ExitFindings;
  return Exit;
}

} // namespace ownership
