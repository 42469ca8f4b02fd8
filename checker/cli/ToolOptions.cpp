//===- ToolOptions.cpp - The command line's options ------------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// The llvm::cl options of ownership-checker and their help text. They are read once,
// as text, into driver::SessionArgs; driver::SessionOptions checks and types them.
//===----------------------------------------------------------------------===//
#include "checker/cli/ToolRunner.h"

#include "checker/passes/AnalysisBudget.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace ownership::driver;
using namespace ownership::passes;

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
llvm::cl::opt<bool> SystemHeadersOpt(
    "system-headers",
    llvm::cl::desc("Treat system headers (those reached through -isystem, and the\n"
                   "compiler's own) like other headers: analyse those that\n"
                   "--header-filter matches, as clang-tidy's --system-headers does"),
    llvm::cl::cat(CheckerCategory));
llvm::cl::opt<bool> AnalyzeTestFailuresOpt(
    "analyze-test-failures",
    llvm::cl::desc("Also analyse the paths on which a test framework's assertion\n"
                   "fails (GoogleTest's ASSERT_*/EXPECT_* failure branches). Off by\n"
                   "default: a failed assertion's report ends its path, as if every\n"
                   "assertion held. AnalyzeTestFailures in the configuration"),
    llvm::cl::cat(CheckerCategory));
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
llvm::cl::opt<bool> CompilerWarningsOpt(
    "compiler-warnings",
    llvm::cl::desc("Also print the compiler's warnings. By default only the checker's\n"
                   "findings and the compiler's errors are printed, whatever -W flags\n"
                   "the compile command has"),
    llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> LspTimeoutOpt(
    "lsp-timeout",
    llvm::cl::desc("With --lsp: seconds one analysis may run before the server stops it\n"
                   "and tells the editor (default 300; 0 means no limit)"),
    llvm::cl::init("300"), llvm::cl::value_desc("seconds"), llvm::cl::cat(CheckerCategory));
// For the tests only: they make one analysis crash, hang or be slow on purpose, to show
// that the language server survives it (see driver::DebugFault).
llvm::cl::list<std::string> DebugFaultOpt(
    "debug-fault",
    llvm::cl::desc("Test only: crash|hang|slow:MARKER makes the analysis of a file whose\n"
                   "text contains MARKER crash, never end, or wait two seconds"),
    llvm::cl::Hidden, llvm::cl::cat(CheckerCategory));
llvm::cl::opt<std::string> DumpOpt(
    "dump", llvm::cl::desc("Print cfg|facts|states[:FUNCTION] of analysed functions"),
    llvm::cl::Hidden, llvm::cl::cat(CheckerCategory));

void printVersion(llvm::raw_ostream &OS) {
  OS << "ownership-checker " << OWNERSHIP_VERSION << " (built with LLVM " << LLVM_VERSION_STRING
     << ")\n";
}

llvm::Error toolError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

} // namespace

SessionArgs argsFromCommandLine() {
  SessionArgs O;
  if (ChecksOpt.getNumOccurrences())
    O.Checks = ChecksOpt;
  if (HeaderFilterOpt.getNumOccurrences())
    O.HeaderFilter = HeaderFilterOpt;
  if (WarningsAsErrorsOpt.getNumOccurrences())
    O.WarningsAsErrors = WarningsAsErrorsOpt;
  O.ListChecks = ListChecksOpt;
  if (SystemHeadersOpt.getNumOccurrences())
    O.SystemHeaders = SystemHeadersOpt;
  if (AnalyzeTestFailuresOpt.getNumOccurrences())
    O.AnalyzeTestFailures = AnalyzeTestFailuresOpt;
  O.CompilerWarnings = CompilerWarningsOpt;
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
  O.LspTimeout = LspTimeoutOpt;
  O.DebugFaults.assign(DebugFaultOpt.begin(), DebugFaultOpt.end());
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

} // namespace ownership::cli
