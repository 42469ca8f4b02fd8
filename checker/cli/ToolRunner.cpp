//===- ToolRunner.cpp - The standalone tool: options, runs, exit codes ----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/cli/ToolRunner.h"

#include "checker/analysis/FunctionAnalysis.h"
#include "checker/cli/Baseline.h"
#include "checker/cli/ResultCache.h"
#include "checker/cli/RuleDocs.h"
#include "checker/config/Config.h"
#include "checker/driver/TranslationUnitAnalysis.h"
#include "checker/lsp/LspServer.h"
#include "checker/passes/Profile.h"
#include "checker/report/FindingSink.h"
#include "checker/report/FixIts.h"
#include "checker/report/NoLint.h"
#include "checker/report/SarifReporter.h"
#include "checker/report/TextReporter.h"
#include "rules/RuleRegistry.h"
#include "checker/support/ClangCompat.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/WithColor.h"

using namespace ownership::analysis;
using namespace ownership::config;
using namespace ownership::driver;
using namespace ownership::lsp;
using namespace ownership::passes;
using namespace ownership::report;
using namespace ownership::rules;

using namespace clang;
using namespace clang::tooling;

namespace ownership::cli {

llvm::cl::OptionCategory CheckerCategory("ownership-checker options");

namespace {

llvm::cl::extrahelp CommonHelp(CommonOptionsParser::HelpMessage);
llvm::cl::extrahelp MoreHelp(R"(
Reports what Rust's borrow checker would reject, in C++: uses after move, and more.

Exit codes: 0 no findings, 1 findings, 2 bad options, bad input or code that does not
compile (findings in the functions that did compile are still reported). Once
--warnings-as-errors (or WarningsAsErrors in the configuration) names checks, only
their findings give 1, as in clang-tidy; the others are still printed, as warnings.

Configuration: the nearest .ownership-checker.yaml in each source file's directory or
above (or the file given with --config-file) sets defaults; the command line overrides.
  Checks: 'ownership-*,-ownership-leak'    # appended to the default 'ownership-*'
  WarningsAsErrors: 'ownership-use-after-move'
  HeaderFilterRegex: 'src/.*'
  InheritParentConfig: true               # merge over the next file up
  CheckOptions:
    ownership-<rule>.<Option>: value
Print what applies with --dump-config. Bad YAML or an unknown key is an error (exit 2).

Suppressions, as in clang-tidy: '// NOLINT', '// NOLINT(rule,...)',
'// NOLINTNEXTLINE(...)', '// NOLINTBEGIN(...)' ... '// NOLINTEND(...)'; globs allowed.
A NOLINTBEGIN without its NOLINTEND (or the reverse) is reported as an error
[ownership-nolint] and silences nothing.

Examples:
  ownership-checker file.cpp -- -std=c++20
  ownership-checker -p build/ src/a.cpp src/b.cpp
  ownership-checker --checks='ownership-*,-ownership-use-after-move' file.cpp --
  ownership-checker -p build/ --format=sarif --output=findings.sarif src/*.cpp
  ownership-checker -p build/ --write-baseline=baseline.json src/*.cpp
  ownership-checker -p build/ --baseline=baseline.json src/*.cpp
  ownership-checker --explain ownership-use-after-move
)");

llvm::cl::opt<std::string> ChecksOpt(
    "checks",
    llvm::cl::desc("Comma-separated globs of checks to run; a leading '-' disables\n"
                   "(clang-tidy syntax). Appended to the configuration's Checks,\n"
                   "which are appended to the default 'ownership-*'"),
    llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> WarningsAsErrorsOpt(
    "warnings-as-errors",
    llvm::cl::desc("Comma-separated globs of checks whose findings are errors.\n"
                   "When set, only errors give exit code 1 (as in clang-tidy).\n"
                   "Appended to the configuration's WarningsAsErrors"),
    llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> FormatOpt(
    "format", llvm::cl::desc("Output format: text (clang-style, default), sarif (SARIF\n"
                             "2.1.0) or json"),
    llvm::cl::init("text"), llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> OutputOpt(
    "output", llvm::cl::desc("Write the findings to this file instead of standard output"),
    llvm::cl::value_desc("file"), llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> ExportSarifOpt(
    "export-sarif",
    llvm::cl::desc("Also write the findings as SARIF 2.1.0 to this file, whatever\n"
                   "--format says (run-checker.sh combines these)"),
    llvm::cl::value_desc("file"), llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> DocsBaseUriOpt(
    "docs-base-uri",
    llvm::cl::desc("Base URI of the documentation, for SARIF's help links:\n"
                   "<base>rules/<rule-id>.rst. Default: " OWNERSHIP_DOCS_BASE_URI),
    llvm::cl::init(OWNERSHIP_DOCS_BASE_URI), llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> ConfigFileOpt(
    "config-file",
    llvm::cl::desc("Read the configuration from this file instead of searching for\n"
                   ".ownership-checker.yaml next to and above each source file"),
    llvm::cl::value_desc("file"), llvm::cl::cat(CheckerCategory));
llvm::cl::opt<bool> DumpConfigOpt(
    "dump-config",
    llvm::cl::desc("Print the configuration that applies to the first source file (or\n"
                   "to the current directory) as YAML, and exit"),
    llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> BaselineOpt(
    "baseline",
    llvm::cl::desc("Hide the findings listed in this baseline file (written by\n"
                   "--write-baseline); only new findings are reported. Findings are\n"
                   "matched by rule, file, enclosing function and message, not line"),
    llvm::cl::value_desc("file"), llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> WriteBaselineOpt(
    "write-baseline",
    llvm::cl::desc("Record every finding of this run in a baseline file and exit 0\n"
                   "(2 on errors) instead of reporting them"),
    llvm::cl::value_desc("file"), llvm::cl::cat(CheckerCategory));
llvm::cl::opt<bool> FixOpt("fix",
                           llvm::cl::desc("Apply the fix-its of the findings that have one, in place"),
                           llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> ExportFixesOpt(
    "export-fixes",
    llvm::cl::desc("Write the fix-its as clang-tidy's YAML to this file, for\n"
                   "clang-apply-replacements"),
    llvm::cl::value_desc("file"), llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> ExplainOpt(
    "explain",
    llvm::cl::desc("Print the documentation of a rule (what it finds, why, a bad and\n"
                   "a fixed example) and exit"),
    llvm::cl::value_desc("rule-id"), llvm::cl::cat(CheckerCategory));
llvm::cl::opt<bool> LspOpt(
    "lsp",
    llvm::cl::desc("Run as a Language Server over stdin/stdout: editors send the\n"
                   "files they open and show the findings (see the editors guide)"),
    llvm::cl::cat(CheckerCategory));
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
// The budgets are read as text: llvm::cl's own message for a bad number spans two lines.
llvm::cl::opt<std::string> FunctionBudgetOpt(
    "function-budget",
    llvm::cl::desc("Steps the analysis of one function may take (facts lowered and\n"
                   "applied, blocks visited); a function that needs more is skipped\n"
                   "with a note naming it. 0 means no limit"),
    llvm::cl::init(std::to_string(AnalysisLimits().MaxSteps)), llvm::cl::value_desc("steps"),
    llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> FunctionMemoryBudgetOpt(
    "function-memory-budget",
    llvm::cl::desc("Memory the analysis of one function may allocate, in MiB; a\n"
                   "function that needs more is skipped with a note. 0 means no limit"),
    llvm::cl::init(std::to_string(AnalysisLimits().MaxBytes >> 20)), llvm::cl::value_desc("MiB"),
    llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> CacheDirOpt(
    "cache-dir",
    llvm::cl::desc("Where the findings of analysed translation units are kept, so that\n"
                   "a re-run skips the units whose files, command, configuration and\n"
                   "tool are unchanged (default: <user cache dir>/ownership-checker)"),
    llvm::cl::value_desc("dir"), llvm::cl::cat(CheckerCategory));
llvm::cl::opt<bool> NoCacheOpt("no-cache",
                               llvm::cl::desc("Analyse every file, neither reading nor "
                                              "writing the cache"),
                               llvm::cl::cat(CheckerCategory));
llvm::cl::opt<bool> ProfileOpt(
    "profile",
    llvm::cl::desc("Print, for each file, the time spent parsing and in each part of the\n"
                   "analysis, on standard error (implies --no-cache)"),
    llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> DumpOpt(
    "dump", llvm::cl::desc("Print cfg|facts|states[:FUNCTION] of analysed functions"),
    llvm::cl::Hidden, llvm::cl::cat(CheckerCategory));

void printVersion(llvm::raw_ostream &OS) {
  OS << "ownership-checker " << OWNERSHIP_VERSION << " (built with LLVM " << LLVM_VERSION_STRING
     << ")\n";
}

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
  AnalysisLimits Limits;
  FindingCollector Findings;
  /// The notes printed about functions over their limits, for the result cache.
  std::vector<std::string> LimitNotes;
  /// Every file the translation unit read, by absolute path, when CollectInputs is set.
  bool CollectInputs = false;
  std::vector<std::string> Inputs;
};

/// Says, on standard error and in clang's format, that a function was not analysed to
/// the end: its findings may be missing, and the user should know which one and why.
std::string limitNote(const FunctionAnalysis &FA) {
  const SourceManager &SM = FA.context().getSourceManager();
  PresumedLoc P = SM.getPresumedLoc(SM.getFileLoc(FA.decl()->getLocation()));
  std::string Where = P.isValid() ? (llvm::Twine(P.getFilename()) + ":" + llvm::Twine(P.getLine()) +
                                     ":" + llvm::Twine(P.getColumn()) + ": ")
                                        .str()
                                  : std::string();
  return Where + "note: function '" + compat::qualifiedName(FA.decl()) +
         "' was not analysed: " + FA.skipReason().str();
}

/// The absolute paths of every file \p SM read: the inputs of the preprocessed unit.
std::vector<std::string> filesRead(const SourceManager &SM) {
  std::vector<std::string> Files;
  for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End; ++It) {
    llvm::SmallString<256> Path(It->first.getName());
    SM.getFileManager().makeAbsolutePath(Path);
    // Not `..`: removing it by text is wrong across a symbolic link, and the driver's
    // GCC include paths go through one (/lib/gcc/x86_64-linux-gnu/12/../../../../include
    // is /usr/include where /lib links to /usr/lib); a path that names nothing could
    // never be hashed again, and nothing was stored.
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/false);
    Files.push_back(std::string(Path));
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  return Files;
}

class CheckerConsumer : public ASTConsumer {
public:
  CheckerConsumer(RunContext &Run, const SourceManager &SM) : Run(Run), SM(SM) {}

  /// Nothing in a system header is analysed, and callee summaries are not taken from
  /// system headers either (the standard library is modelled by name), so the parser
  /// skips those function bodies, as clangd does for its preambles. Clang itself keeps
  /// the bodies it needs: constexpr functions and those with a deduced return type.
  /// Templates whose bodies are skipped are instantiated without one, which is where
  /// most of the time goes in header-heavy units.
  bool shouldSkipFunctionBody(Decl *D) override {
    return SM.isInSystemHeader(D->getLocation());
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    AnalysisProfile *Profile = Run.Limits.Profile;
    if (Profile)
      Profile->switchTo(AnalysisProfile::Phase::None);
    auto Scope =
        std::make_shared<AnalysisScope>(SM, Run.HeaderFilter ? &*Run.HeaderFilter : nullptr);
    auto InScope = [Scope](SourceLocation L) { return Scope->contains(L); };
    Run.Findings.beginTranslationUnit(SM, InScope, &Ctx.getLangOpts());
    TranslationUnitRequest Request;
    Request.Rules = Run.Rules;
    Request.InScope = InScope;
    Request.Limits = Run.Limits;
    Request.OnLimitExceeded = [this](const FunctionAnalysis &FA) {
      std::string Note = limitNote(FA);
      llvm::errs() << Note << "\n";
      Run.LimitNotes.push_back(std::move(Note));
    };
    if (Run.Dump.Kind)
      Request.OnFunction = [this](const FunctionAnalysis &FA) {
        if (llvm::StringRef(compat::qualifiedName(FA.decl())).contains(Run.Dump.Function))
          FA.dump(llvm::outs(), *Run.Dump.Kind);
      };
    analyzeTranslationUnit(Ctx, Request, Run.Findings);
    Run.Findings.endTranslationUnit();
    if (Run.CollectInputs)
      Run.Inputs = filesRead(SM);
    if (Profile) {
      OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
      Profile->printAndReset(llvm::errs(), Main ? Main->getName() : "<input>");
    }
  }

private:
  RunContext &Run;
  const SourceManager &SM;
};

class CheckerAction : public ASTFrontendAction {
public:
  explicit CheckerAction(RunContext &Run) : Run(Run) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    // Read by ExecuteAction when it starts the parser, after the consumer is made; the
    // consumer's shouldSkipFunctionBody then chooses which bodies to skip.
    CI.getFrontendOpts().SkipFunctionBodies = true;
    if (Run.Limits.Profile)
      Run.Limits.Profile->switchTo(AnalysisProfile::Phase::Parse);
    return std::make_unique<CheckerConsumer>(Run, CI.getSourceManager());
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

} // namespace

ToolOptions ToolOptions::fromCommandLine() {
  ToolOptions O;
  if (ChecksOpt.getNumOccurrences())
    O.Checks = ChecksOpt;
  if (HeaderFilterOpt.getNumOccurrences())
    O.HeaderFilter = HeaderFilterOpt;
  if (WarningsAsErrorsOpt.getNumOccurrences())
    O.WarningsAsErrors = WarningsAsErrorsOpt;
  O.ListChecks = ListChecksOpt;
  if (ColorOpt)
    O.Color = *ColorOpt;
  O.Dump = DumpOpt;
  O.FunctionBudget = FunctionBudgetOpt;
  O.FunctionMemoryBudget = FunctionMemoryBudgetOpt;
  O.CacheDir = CacheDirOpt;
  O.NoCache = NoCacheOpt;
  O.Profile = ProfileOpt;
  O.Format = FormatOpt;
  O.Output = OutputOpt;
  O.ExportSarif = ExportSarifOpt;
  O.ConfigFile = ConfigFileOpt;
  O.DumpConfig = DumpConfigOpt;
  O.Baseline = BaselineOpt;
  O.WriteBaseline = WriteBaselineOpt;
  O.Fix = FixOpt;
  O.ExportFixes = ExportFixesOpt;
  O.Explain = ExplainOpt;
  O.DocsBaseUri = DocsBaseUriOpt;
  O.Lsp = LspOpt;
  // CommonOptionsParser's `-p`; --lsp loads its database itself, file by file.
  if (auto *BuildPath = static_cast<llvm::cl::opt<std::string> *>(
          llvm::cl::getRegisteredOptions().lookup("p")))
    O.BuildPath = *BuildPath;
  return O;
}

void registerToolOptions() {
  llvm::cl::SetVersionPrinter(printVersion);
  // LLVM registers a boolean --color lazily, the first time options are listed. Let it
  // do so now, and put clang-tidy's and git's auto|always|never spelling in its place.
  llvm::cl::HideUnrelatedOptions(CheckerCategory);
  // A StringMap up to LLVM 21, a DenseMap from 22: both have lookup().
  auto &Registered = llvm::cl::getRegisteredOptions();
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
    // The JSON database's own error names what is wrong in the file; autodetection's
    // lists every plugin it tried, on several lines.
    llvm::SmallString<256> Json(Dir);
    llvm::sys::path::append(Json, "compile_commands.json");
    if (llvm::sys::fs::exists(Json)) {
      if (!JSONCompilationDatabase::loadFromFile(Json, Err, JSONCommandLineSyntax::AutoDetect))
        return toolError("cannot load compilation database '" + Json +
                         "': " + llvm::StringRef(Err).trim());
      continue;
    }
    if (!CompilationDatabase::autoDetectFromDirectory(Dir, Err)) {
      llvm::StringRef First = llvm::StringRef(Err).trim().split('\n').first;
      return toolError("cannot load compilation database from '" + Dir + "': " + First);
    }
  }
  return llvm::Error::success();
}

namespace {

void fail(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "ownership-checker") << Message << '\n';
}

void warn(const llvm::Twine &Message) {
  llvm::WithColor::warning(llvm::errs(), "ownership-checker") << Message << '\n';
}

/// The first pattern of \p Globs that names no registered rule, if any. Negative
/// patterns with a '*' are fine: `-*` and clang-tidy's own groups may be disabled.
std::optional<std::string> unknownGlob(llvm::StringRef Globs, const RuleRegistry &Registry) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Globs.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    bool Positive = !Part.consume_front("-");
    Part = Part.trim();
    if (Part.empty())
      continue;
    bool Known = llvm::any_of(Registry.rules(),
                              [&](const RuleInfo &R) { return matchesGlob(Part, R.Id); });
    if (!Known && (Positive || !Part.contains('*')))
      return Part.str();
  }
  return std::nullopt;
}

/// Checks one configuration file against the registered rules: an unknown check or a
/// bad regex is an error, an option no rule has is a warning.
llvm::Error validateConfigFile(const ConfigFile &C, const RuleRegistry &Registry) {
  auto Error = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), (C.Path + ": " + Why).str());
  };
  if (C.Checks)
    if (std::optional<std::string> Bad = unknownGlob(*C.Checks, Registry))
      return Error("unknown check '" + *Bad + "' in Checks (see --list-checks)");
  if (C.WarningsAsErrors)
    if (std::optional<std::string> Bad = unknownGlob(*C.WarningsAsErrors, Registry))
      return Error("unknown check '" + *Bad + "' in WarningsAsErrors (see --list-checks)");
  if (C.HeaderFilterRegex) {
    std::string Why;
    if (!llvm::Regex(*C.HeaderFilterRegex).isValid(Why))
      return Error("invalid HeaderFilterRegex '" + *C.HeaderFilterRegex + "': " + Why);
  }
  for (const auto &[Key, Value] : C.CheckOptions) {
    llvm::StringRef Rule = llvm::StringRef(Key).rsplit('.').first;
    bool Known = llvm::any_of(Registry.rules(), [&](const RuleInfo &R) { return R.Id == Rule; });
    if (!Known || !llvm::StringRef(Key).contains('.'))
      warn(C.Path + ": option '" + Key + "' names no rule; it is ignored");
  }
  // Each rule reads its own options: a key it did not ask for is one it does not have,
  // and a value it could not use keeps the default.
  for (const RuleInfo &Info : Registry.rules()) {
    RuleOptions Options(Info.Id, C.CheckOptions);
    createRule(Info, Options);
    for (const std::string &Unread : Options.unreadKeys())
      warn(C.Path + ": '" + Info.Id + "' has no option '" +
           llvm::StringRef(Unread).rsplit('.').second + "'; it is ignored");
    for (const std::string &Bad : Options.diagnostics())
      warn(C.Path + ": " + Bad);
  }
  return llvm::Error::success();
}

/// Opens an output file early, so that an unwritable path fails before any analysis.
std::unique_ptr<llvm::raw_fd_ostream> openOutput(llvm::StringRef Path, llvm::StringRef Option) {
  std::error_code EC;
  auto OS = std::make_unique<llvm::raw_fd_ostream>(Path, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    fail("cannot write " + Option + " file '" + Path + "': " + EC.message());
    return nullptr;
  }
  return OS;
}

std::string currentDirectory() {
  llvm::SmallString<256> Dir;
  llvm::sys::fs::current_path(Dir);
  return Dir.str().str();
}

} // namespace

int runTool(CommonOptionsParser &Parser, const ToolOptions &Opts) {
  RuleRegistry Registry;
  registerAllRules(Registry);

  if (!Opts.Explain.empty()) {
    if (std::optional<llvm::StringRef> Doc = ruleDoc(Opts.Explain)) {
      llvm::outs() << *Doc;
      return ExitClean;
    }
    bool Known = llvm::any_of(Registry.rules(),
                              [&](const RuleInfo &R) { return R.Id == Opts.Explain; });
    fail(Known ? "no documentation for '" + Opts.Explain + "' in this build"
               : "unknown rule '" + Opts.Explain + "' (see --list-checks)");
    return ExitToolError;
  }

  if (Opts.Checks)
    if (std::optional<std::string> Bad = unknownGlob(*Opts.Checks, Registry)) {
      fail("unknown check '" + *Bad + "' in --checks (see --list-checks)");
      return ExitToolError;
    }
  if (Opts.WarningsAsErrors)
    if (std::optional<std::string> Bad = unknownGlob(*Opts.WarningsAsErrors, Registry)) {
      fail("unknown check '" + *Bad + "' in --warnings-as-errors (see --list-checks)");
      return ExitToolError;
    }
  if (Opts.Color != "auto" && Opts.Color != "always" && Opts.Color != "never") {
    fail("--color must be auto, always or never, not '" + Opts.Color + "'");
    return ExitToolError;
  }
  if (Opts.Format != "text" && Opts.Format != "sarif" && Opts.Format != "json") {
    fail("--format must be text, sarif or json, not '" + Opts.Format + "'");
    return ExitToolError;
  }
  if (Opts.HeaderFilter) {
    std::string Why;
    if (!llvm::Regex(*Opts.HeaderFilter).isValid(Why)) {
      fail("invalid --header-filter '" + *Opts.HeaderFilter + "': " + Why);
      return ExitToolError;
    }
  }
  AnalysisLimits Limits;
  if (llvm::StringRef(Opts.FunctionBudget).getAsInteger(10, Limits.MaxSteps)) {
    fail("--function-budget must be a number of steps, not '" + Opts.FunctionBudget + "'");
    return ExitToolError;
  }
  uint64_t MiB;
  if (llvm::StringRef(Opts.FunctionMemoryBudget).getAsInteger(10, MiB) || MiB > (1u << 30)) {
    fail("--function-memory-budget must be a number of MiB, not '" + Opts.FunctionMemoryBudget +
         "'");
    return ExitToolError;
  }
  Limits.MaxBytes = MiB << 20;
  AnalysisProfile Profile;
  if (Opts.Profile)
    Limits.Profile = &Profile;
  std::optional<ResultCache> Cache;
  std::string ToolIdentity;
  // A profile measures an analysis: a cached result would have none to show.
  if (!Opts.NoCache && !Opts.Profile) {
    std::string Dir = Opts.CacheDir.empty() ? ResultCache::defaultDirectory() : Opts.CacheDir;
    ToolIdentity = ResultCache::toolIdentity(OWNERSHIP_VERSION, (void *)&printVersion);
    if (!Dir.empty() && !ToolIdentity.empty())
      Cache.emplace(Dir);
  }
  llvm::Expected<DumpRequest> Dump = DumpRequest::parse(Opts.Dump);
  if (!Dump) {
    fail(llvm::toString(Dump.takeError()));
    return ExitToolError;
  }

  ConfigFile CommandLine;
  CommandLine.Checks = Opts.Checks;
  CommandLine.WarningsAsErrors = Opts.WarningsAsErrors;
  CommandLine.HeaderFilterRegex = Opts.HeaderFilter;
  ConfigProvider Configs(Opts.ConfigFile.empty() ? std::nullopt
                                                 : std::optional<std::string>(Opts.ConfigFile),
                         CommandLine);
  llvm::StringSet<> Validated;
  // The configuration for one source file, each file it came from checked once.
  auto ConfigFor = [&](llvm::StringRef Path) -> llvm::Expected<EffectiveConfig> {
    llvm::Expected<EffectiveConfig> C = Configs.configFor(Path);
    if (!C)
      return C.takeError();
    for (const std::string &Source : C->Sources) {
      if (!Validated.insert(Source).second)
        continue;
      llvm::Expected<ConfigFile> File = ConfigFile::read(Source);
      if (!File)
        return File.takeError();
      if (llvm::Error E = validateConfigFile(*File, Registry))
        return std::move(E);
    }
    return C;
  };
  auto EnabledRules = [&](const EffectiveConfig &C) {
    std::vector<const RuleInfo *> Enabled;
    llvm::Expected<CheckFilter> Filter = CheckFilter::parse(C.Checks, Registry);
    if (!Filter) { // validated above; cannot happen
      llvm::consumeError(Filter.takeError());
      return Enabled;
    }
    for (const RuleInfo &Info : Registry.rules())
      if (Filter->isEnabled(Info.Id))
        Enabled.push_back(&Info);
    return Enabled;
  };

  const std::vector<std::string> &Sources = Parser.getSourcePathList();
  if (Opts.ListChecks || Opts.DumpConfig) {
    llvm::Expected<EffectiveConfig> C = ConfigFor(Sources.empty() ? "." : Sources.front());
    if (!C) {
      fail(llvm::toString(C.takeError()));
      return ExitToolError;
    }
    if (Opts.ListChecks) {
      llvm::outs() << "Enabled checks:\n";
      for (const RuleInfo *Info : EnabledRules(*C))
        llvm::outs() << "    " << Info->Id << "\n";
      llvm::outs() << "\n";
      return ExitClean;
    }
    // Options are printed with the values the rules use, defaults included.
    for (const RuleInfo *Info : EnabledRules(*C)) {
      RuleOptions Options(Info->Id, C->CheckOptions);
      createRule(*Info, Options);
      for (const auto &[Key, Value] : Options.stored())
        C->CheckOptions.insert({Key, Value});
    }
    C->dump(llvm::outs());
    return ExitClean;
  }

  bool ErrorsConfigured = false;
  llvm::StringSet<> RulesRun;
  // Analyses one source file under the configuration that applies to it. The language
  // server runs the same for each buffer an editor opens, so that editors show what the
  // command line reports.
  FileAnalyzer AnalyzeFile = [&](const FileRequest &Request) -> llvm::Expected<FileResult> {
    const std::string &Path = Request.Path;
    llvm::Expected<EffectiveConfig> Config = ConfigFor(Path);
    if (!Config)
      return Config.takeError();

    RunContext Run;
    Run.Dump = *Dump;
    Run.Limits = Limits;
    for (const RuleInfo *Info : EnabledRules(*Config)) {
      RuleOptions Options(Info->Id, Config->CheckOptions);
      Run.Rules.push_back(createRule(*Info, Options));
      RulesRun.insert(Info->Id);
    }
    if (!Config->HeaderFilterRegex.empty())
      Run.HeaderFilter.emplace(Config->HeaderFilterRegex);
    std::optional<CheckFilter> AsErrors;
    if (!llvm::StringRef(Config->WarningsAsErrors).trim().empty()) {
      llvm::Expected<CheckFilter> F = CheckFilter::parse(Config->WarningsAsErrors, Registry);
      if (!F) // validated above; cannot happen
        return F.takeError();
      AsErrors = std::move(*F);
      ErrorsConfigured = true;
    }

    // An unchanged translation unit analysed before with the same tool, configuration
    // and command gives what it gave then. The editor's unsaved buffers and --dump
    // bypass the cache.
    std::optional<std::string> CacheKey;
    if (Cache && !Request.Contents && !Dump->Kind) {
      std::string ConfigDump;
      llvm::raw_string_ostream ConfigText(ConfigDump);
      Config->dump(ConfigText);
      std::vector<std::string> Parts = {ToolIdentity, ConfigDump, Path,
                                        std::to_string(Limits.MaxSteps),
                                        std::to_string(Limits.MaxBytes)};
      llvm::SmallString<256> Cwd;
      if (!llvm::sys::fs::current_path(Cwd))
        Parts.push_back(std::string(Cwd));
      for (const CompileCommand &C : Request.Compilations->getCompileCommands(Path)) {
        Parts.push_back(C.Directory);
        Parts.insert(Parts.end(), C.CommandLine.begin(), C.CommandLine.end());
      }
      CacheKey = ResultCache::key(Parts);
      if (std::optional<CachedAnalysis> Hit = Cache->lookup(*CacheKey)) {
        for (const std::string &Note : Hit->LimitNotes)
          llvm::errs() << Note << "\n";
        FileResult Result;
        for (ResolvedFinding &F : Hit->Findings) {
          if (AsErrors && AsErrors->isEnabled(F.RuleId))
            F.IsError = true;
          Result.Findings.push_back(std::move(F));
        }
        return Result;
      }
      Run.CollectInputs = true;
    }

    ClangTool Tool(*Request.Compilations, {Path});
    Tool.appendArgumentsAdjuster(resourceDirAdjuster());
    if (Request.Contents)
      Tool.mapVirtualFile(Path, *Request.Contents);
    if (Request.Diagnostics)
      Tool.setDiagnosticConsumer(Request.Diagnostics);
    CheckerActionFactory Factory(Run);
    FileResult Result;
    // ClangTool returns 1 when a file failed to compile and 2 when one had no compile
    // command; both are input errors for our users.
    Result.Compiled = Tool.run(&Factory) == 0;
    std::vector<ResolvedFinding> Found = Run.Findings.takeSorted();
    // Code that does not compile is analysed again next time, so that its errors are
    // printed again.
    if (CacheKey && Result.Compiled && !Run.Inputs.empty())
      Cache->store(*CacheKey, Run.Inputs, CachedAnalysis{Found, Run.LimitNotes});
    for (ResolvedFinding &F : Found) {
      if (AsErrors && AsErrors->isEnabled(F.RuleId))
        F.IsError = true;
      Result.Findings.push_back(std::move(F));
    }
    return Result;
  };

  std::string DocsBaseUri = Opts.DocsBaseUri;
  if (!DocsBaseUri.empty() && !llvm::StringRef(DocsBaseUri).ends_with("/"))
    DocsBaseUri += "/";
  if (Opts.Lsp) {
    if (!Sources.empty()) {
      fail("--lsp analyses the files an editor opens; give no source files");
      return ExitToolError;
    }
    LspServerOptions Server;
    Server.BuildPath = Opts.BuildPath;
    Server.FallbackArgs = Opts.CompilerArgs;
    Server.DocsBaseUri = DocsBaseUri;
    Server.Version = OWNERSHIP_VERSION;
    // The server runs for as long as the editor does: configuration files are read
    // again for each analysis, so that an edit to one applies at the next.
    FileAnalyzer AnalyzeWithFreshConfig = [&](const FileRequest &Request) {
      Configs = ConfigProvider(Opts.ConfigFile.empty()
                                   ? std::nullopt
                                   : std::optional<std::string>(Opts.ConfigFile),
                               CommandLine);
      Validated.clear();
      return AnalyzeFile(Request);
    };
    return runLspServer(Server, AnalyzeWithFreshConfig, stdin, llvm::outs());
  }

  if (Sources.empty()) {
    fail("no input files (see --help)");
    return ExitToolError;
  }

  // Output files are opened first: a typo in a path should not cost a whole analysis.
  std::unique_ptr<llvm::raw_fd_ostream> OutFile, SarifFile, FixesFile, BaselineFile;
  if (!Opts.Output.empty() && !(OutFile = openOutput(Opts.Output, "--output")))
    return ExitToolError;
  if (!Opts.ExportSarif.empty() && !(SarifFile = openOutput(Opts.ExportSarif, "--export-sarif")))
    return ExitToolError;
  if (!Opts.ExportFixes.empty() && !(FixesFile = openOutput(Opts.ExportFixes, "--export-fixes")))
    return ExitToolError;
  std::optional<Baseline> Known;
  if (!Opts.Baseline.empty()) {
    llvm::Expected<Baseline> B = Baseline::read(Opts.Baseline);
    if (!B) {
      fail(llvm::toString(B.takeError()));
      return ExitToolError;
    }
    Known = std::move(*B);
  }
  if (!Opts.WriteBaseline.empty() &&
      !(BaselineFile = openOutput(Opts.WriteBaseline, "--write-baseline")))
    return ExitToolError;

  int Exit = ExitClean;
  std::vector<ResolvedFinding> Findings;
  for (const std::string &Path : Sources) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(Path, Status)) {
      fail("no such file: '" + Path + "'");
      Exit = ExitToolError;
      continue;
    }
    if (llvm::sys::fs::is_directory(Status)) {
      fail("'" + Path + "' is a directory, not a source file");
      Exit = ExitToolError;
      continue;
    }
    if (!isReadable(Path)) {
      fail("cannot read '" + Path + "'");
      Exit = ExitToolError;
      continue;
    }
    // Clang's own message for this ("Skipping ...") neither says error nor names the
    // database; an empty or stale compile_commands.json is the usual cause.
    if (Parser.getCompilations().getCompileCommands(Path).empty()) {
      fail("no compile command for '" + Path + "' in the compilation database");
      Exit = ExitToolError;
      continue;
    }
    FileRequest Request;
    Request.Path = Path;
    Request.Compilations = &Parser.getCompilations();
    llvm::Expected<FileResult> Result = AnalyzeFile(Request);
    if (!Result) {
      fail(llvm::toString(Result.takeError()));
      Exit = ExitToolError;
      continue;
    }
    if (!Result->Compiled)
      Exit = ExitToolError;
    std::move(Result->Findings.begin(), Result->Findings.end(), std::back_inserter(Findings));
  }
  FindingCollector::sortAndDeduplicate(Findings);

  if (BaselineFile) {
    Baseline::write(Opts.WriteBaseline, Findings, *BaselineFile);
    BaselineFile->close();
    llvm::errs() << "ownership-checker: recorded " << Findings.size() << " finding"
                 << (Findings.size() == 1 ? "" : "s") << " in baseline '" << Opts.WriteBaseline
                 << "'\n";
    return Exit == ExitToolError ? ExitToolError : ExitClean;
  }
  if (Known) {
    unsigned Hidden = Known->filter(Findings);
    if (Hidden)
      llvm::errs() << "ownership-checker: " << Hidden << " known finding"
                   << (Hidden == 1 ? "" : "s") << " hidden by baseline '" << Opts.Baseline
                   << "'\n";
  }

  if (FixesFile)
    writeFixesYaml(Findings, Sources.front(), currentDirectory(), *FixesFile);
  if (Opts.Fix) {
    llvm::Expected<FixResult> Fixed = applyFixes(Findings);
    if (!Fixed) {
      fail(llvm::toString(Fixed.takeError()));
      Exit = ExitToolError;
    } else if (Fixed->Applied || Fixed->Conflicts) {
      llvm::errs() << "ownership-checker: applied the fix-its of " << Fixed->Applied
                   << " finding" << (Fixed->Applied == 1 ? "" : "s");
      if (Fixed->Conflicts)
        llvm::errs() << "; skipped " << Fixed->Conflicts << " whose edits overlap";
      llvm::errs() << "\n";
    }
  }

  std::vector<RuleMetadata> Metadata;
  for (const RuleInfo &Info : Registry.rules())
    if (RulesRun.count(Info.Id))
      Metadata.push_back({Info.Id, Info.Summary});
  if (llvm::any_of(Findings, [](const ResolvedFinding &F) { return F.RuleId == NoLintProblemId; }))
    Metadata.push_back({NoLintProblemId.str(), "a NOLINTBEGIN or NOLINTEND comment lacks its partner"});
  SarifRunInfo Info;
  Info.ToolVersion = OWNERSHIP_VERSION;
  Info.DocsBaseUri = DocsBaseUri;
  Info.SourceRoot = currentDirectory();
  Info.ExecutionSuccessful = Exit != ExitToolError;

  llvm::raw_ostream &OS = OutFile ? static_cast<llvm::raw_ostream &>(*OutFile) : llvm::outs();
  if (Opts.Format == "sarif")
    renderSarif(Findings, Metadata, Info, OS);
  else if (Opts.Format == "json")
    renderJson(Findings, OS);
  else
    renderText(Findings, OS, Opts.Color == "always" || (Opts.Color == "auto" && OS.has_colors()));
  OS.flush();
  if (SarifFile)
    renderSarif(Findings, Metadata, Info, *SarifFile);

  size_t Errors = llvm::count_if(Findings, [](const ResolvedFinding &F) { return F.IsError; });
  if (ErrorsConfigured && Errors)
    llvm::errs() << "ownership-checker: " << Errors << " finding" << (Errors == 1 ? "" : "s")
                 << " treated as error" << (Errors == 1 ? "" : "s") << "\n";
  if (Exit == ExitClean)
    Exit = (ErrorsConfigured ? Errors != 0 : !Findings.empty()) ? ExitFindings : ExitClean;
  return Exit;
}

} // namespace ownership::cli
