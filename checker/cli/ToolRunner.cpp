//===- ToolRunner.cpp - The standalone tool: options, runs, exit codes ----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/cli/ToolRunner.h"

#include "checker/cli/Baseline.h"
#include "checker/driver/RuleDocs.h"
#include "checker/lsp/LspServer.h"
#include "checker/report/FindingSink.h"
#include "checker/report/FixIts.h"
#include "checker/report/NoLint.h"
#include "checker/report/SarifReporter.h"
#include "checker/report/TextReporter.h"
#include "rules/RuleRegistry.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"

using namespace ownership::config;
using namespace ownership::driver;
using namespace ownership::lsp;
using namespace ownership::report;
using namespace ownership::rules;

using namespace clang::tooling;

namespace ownership::cli {
namespace {

void fail(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "ownership-checker") << Message << '\n';
}

const char *plural(size_t N) { return N == 1 ? "" : "s"; }

std::string currentDirectory() {
  llvm::SmallString<256> Dir;
  llvm::sys::fs::current_path(Dir);
  return Dir.str().str();
}

/// `--explain RULE`: the rule's documentation page, as text.
int explainRule(llvm::StringRef RuleId, llvm::StringRef DocsBaseUri) {
  if (std::optional<llvm::StringRef> Doc = ruleDoc(RuleId)) {
    std::string Base = DocsBaseUri.str();
    if (!Base.empty() && !llvm::StringRef(Base).ends_with("/"))
      Base += "/";
    llvm::outs() << renderRuleDoc(*Doc, Base);
    return ExitClean;
  }
  RuleRegistry Registry;
  registerAllRules(Registry);
  bool Known = llvm::any_of(Registry.rules(), [&](const RuleInfo &R) { return R.Id == RuleId; });
  fail(Known ? "no documentation for '" + RuleId + "' in this build"
             : "unknown rule '" + RuleId + "' (see --list-checks)");
  return ExitToolError;
}

/// `--list-checks` and `--dump-config`: what applies to the first source file (or the
/// current directory).
int printConfiguration(Session &S, const std::vector<std::string> &Sources) {
  llvm::Expected<FileSettings> Settings = S.settingsFor(Sources.empty() ? "." : Sources.front());
  if (!Settings) {
    fail(llvm::toString(Settings.takeError()));
    return ExitToolError;
  }
  if (S.options().ListChecks) {
    llvm::outs() << "Enabled checks:\n";
    for (const RuleInfo *Info : Settings->Rules)
      llvm::outs() << "    " << Info->Id << "\n";
    llvm::outs() << "\n";
    return ExitClean;
  }
  // Options are printed with the values the rules use, defaults included.
  EffectiveConfig &C = Settings->Config;
  for (const RuleInfo *Info : Settings->Rules) {
    RuleOptions Options(Info->Id, C.CheckOptions);
    createRule(*Info, Options);
    for (const auto &[Key, Value] : Options.stored())
      C.CheckOptions.insert({Key, Value});
  }
  C.dump(llvm::outs());
  return ExitClean;
}

/// `--lsp`: the server runs for as long as the editor does.
int serveLsp(Session &S, const std::vector<std::string> &Sources) {
  if (!Sources.empty()) {
    fail("--lsp analyses the files an editor opens; give no source files");
    return ExitToolError;
  }
  return runLspServer(S, OWNERSHIP_VERSION, stdin, llvm::outs());
}

/// The files a run writes, opened before any analysis: a typo in a path should not
/// cost a whole analysis. Also the baseline the run reads.
struct Outputs {
  std::unique_ptr<llvm::raw_fd_ostream> Out, Sarif, Fixes, Baseline;
  std::optional<cli::Baseline> Known;
};

std::unique_ptr<llvm::raw_fd_ostream> openOutput(llvm::StringRef Path, llvm::StringRef Option) {
  std::error_code EC;
  auto OS = std::make_unique<llvm::raw_fd_ostream>(Path, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    fail("cannot write " + Option + " file '" + Path + "': " + EC.message());
    return nullptr;
  }
  return OS;
}

bool openOutputs(const SessionOptions &Opts, Outputs &Files) {
  if (Opts.Output && !(Files.Out = openOutput(*Opts.Output, "--output")))
    return false;
  if (Opts.ExportSarif && !(Files.Sarif = openOutput(*Opts.ExportSarif, "--export-sarif")))
    return false;
  if (Opts.ExportFixes && !(Files.Fixes = openOutput(*Opts.ExportFixes, "--export-fixes")))
    return false;
  if (Opts.Baseline) {
    llvm::Expected<cli::Baseline> B = cli::Baseline::read(*Opts.Baseline);
    if (!B) {
      fail(llvm::toString(B.takeError()));
      return false;
    }
    Files.Known = std::move(*B);
  }
  return !Opts.WriteBaseline ||
         (Files.Baseline = openOutput(*Opts.WriteBaseline, "--write-baseline"));
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

/// Whether \p Path can be analysed at all; says why not.
bool checkSourceFile(const std::string &Path, const CompilationDatabase &Compilations) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status)) {
    fail("no such file: '" + Path + "'");
    return false;
  }
  if (llvm::sys::fs::is_directory(Status)) {
    fail("'" + Path + "' is a directory, not a source file");
    return false;
  }
  if (!isReadable(Path)) {
    fail("cannot read '" + Path + "'");
    return false;
  }
  // Clang's own message for this ("Skipping ...") neither says error nor names the
  // database; an empty or stale compile_commands.json is the usual cause.
  if (Compilations.getCompileCommands(Path).empty()) {
    fail("no compile command for '" + Path + "' in the compilation database");
    return false;
  }
  return true;
}

/// \p Path as the compilation database names it: a relative path that names no file
/// from the current directory but is the "file" of an entry, relative to that entry's
/// "directory" (`-p build/ src/a.cpp` run from elsewhere), is that entry's file,
/// absolute. Any other path is returned as it is.
std::string resolveSourcePath(const std::string &Path, const CompilationDatabase &Compilations) {
  if (llvm::sys::path::is_absolute(Path) || llvm::sys::fs::exists(Path))
    return Path;
  llvm::SmallString<256> Wanted(Path);
  llvm::sys::path::remove_dots(Wanted, /*remove_dot_dot=*/true);
  for (const CompileCommand &C : Compilations.getAllCompileCommands()) {
    llvm::SmallString<256> Entry(C.Filename);
    if (llvm::sys::path::is_absolute(Entry))
      continue;
    llvm::sys::path::remove_dots(Entry, /*remove_dot_dot=*/true);
    if (Entry != Wanted)
      continue;
    llvm::SmallString<256> Abs(C.Directory);
    llvm::sys::path::append(Abs, Entry);
    if (llvm::sys::fs::exists(Abs))
      return std::string(Abs);
  }
  return Path;
}

/// Analyses each source file, adding its findings to \p Findings. Returns ExitToolError
/// when one could not be analysed or did not compile, else ExitClean.
int analyseEach(Session &S, const CompilationDatabase &Compilations,
                const std::vector<std::string> &Sources, std::vector<ResolvedFinding> &Findings) {
  int Exit = ExitClean;
  for (const std::string &Given : Sources) {
    std::string Path = resolveSourcePath(Given, Compilations);
    if (!checkSourceFile(Path, Compilations)) {
      Exit = ExitToolError;
      continue;
    }
    FileRequest Request;
    Request.Path = Path;
    Request.Compilations = &Compilations;
    llvm::Expected<FileResult> Result = S.analyze(Request);
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
  return Exit;
}

/// Hides the findings the baseline knows, then applies and exports the fix-its of the
/// others. Returns ExitToolError when fix-its could not be applied, else \p Exit.
int filterAndFix(const SessionOptions &Opts, Outputs &Files, const std::string &MainFile,
                 std::vector<ResolvedFinding> &Findings, int Exit) {
  if (Files.Known)
    if (unsigned Hidden = Files.Known->filter(Findings))
      llvm::errs() << "ownership-checker: " << Hidden << " known finding" << plural(Hidden)
                   << " hidden by baseline '" << *Opts.Baseline << "'\n";
  if (Files.Fixes)
    writeFixesYaml(Findings, MainFile, currentDirectory(), *Files.Fixes);
  if (!Opts.Fix)
    return Exit;
  llvm::Expected<FixResult> Fixed = applyFixes(Findings);
  if (!Fixed) {
    fail(llvm::toString(Fixed.takeError()));
    return ExitToolError;
  }
  if (Fixed->Applied || Fixed->Conflicts) {
    llvm::errs() << "ownership-checker: applied the fix-its of " << Fixed->Applied
                 << " finding" << plural(Fixed->Applied);
    if (Fixed->Conflicts)
      llvm::errs() << "; skipped " << Fixed->Conflicts << " whose edits overlap";
    llvm::errs() << "\n";
  }
  return Exit;
}

/// Writes the findings in the chosen format, and SARIF for --export-sarif.
void render(const Session &S, Outputs &Files, const std::vector<ResolvedFinding> &Findings,
            bool Successful) {
  const SessionOptions &Opts = S.options();
  std::vector<RuleMetadata> Metadata;
  for (const RuleInfo &Info : S.registry().rules())
    if (S.ranRule(Info.Id))
      Metadata.push_back({Info.Id, Info.Summary});
  if (llvm::any_of(Findings, [](const ResolvedFinding &F) { return F.RuleId == NoLintProblemId; }))
    Metadata.push_back({NoLintProblemId.str(), "a NOLINTBEGIN or NOLINTEND comment lacks its partner"});
  SarifRunInfo Info;
  Info.ToolVersion = OWNERSHIP_VERSION;
  Info.DocsBaseUri = Opts.DocsBaseUri;
  Info.SourceRoot = currentDirectory();
  Info.ExecutionSuccessful = Successful;

  llvm::raw_ostream &OS = Files.Out ? static_cast<llvm::raw_ostream &>(*Files.Out) : llvm::outs();
  switch (Opts.Format) {
  case OutputFormat::Sarif:
    renderSarif(Findings, Metadata, Info, OS);
    break;
  case OutputFormat::Json:
    renderJson(Findings, OS);
    break;
  case OutputFormat::Text:
    renderText(Findings, OS,
               Opts.Color == ColorMode::Always || (Opts.Color == ColorMode::Auto && OS.has_colors()));
    break;
  }
  OS.flush();
  if (Files.Sarif)
    renderSarif(Findings, Metadata, Info, *Files.Sarif);
}

/// 1 for findings (only for errors once WarningsAsErrors names checks), unless \p Exit
/// already says something went wrong.
int exitCodeFor(const Session &S, const std::vector<ResolvedFinding> &Findings, int Exit) {
  size_t Errors = llvm::count_if(Findings, [](const ResolvedFinding &F) { return F.IsError; });
  if (S.errorsConfigured() && Errors)
    llvm::errs() << "ownership-checker: " << Errors << " finding" << plural(Errors)
                 << " treated as error" << plural(Errors) << "\n";
  if (Exit != ExitClean)
    return Exit;
  bool Failing = S.errorsConfigured() ? Errors != 0 : !Findings.empty();
  return Failing ? ExitFindings : ExitClean;
}

/// The analysis of the source files, and what is done with its findings.
int analyseSources(Session &S, const CompilationDatabase &Compilations,
                   const std::vector<std::string> &Sources) {
  const SessionOptions &Opts = S.options();
  if (Sources.empty()) {
    fail("no input files (see --help)");
    return ExitToolError;
  }
  Outputs Files;
  if (!openOutputs(Opts, Files))
    return ExitToolError;
  std::vector<ResolvedFinding> Findings;
  int Exit = analyseEach(S, Compilations, Sources, Findings);
  if (Files.Baseline) {
    cli::Baseline::write(*Opts.WriteBaseline, Findings, *Files.Baseline);
    Files.Baseline->close();
    llvm::errs() << "ownership-checker: recorded " << Findings.size() << " finding"
                 << plural(Findings.size()) << " in baseline '" << *Opts.WriteBaseline << "'\n";
    return Exit == ExitToolError ? ExitToolError : ExitClean;
  }
  Exit = filterAndFix(Opts, Files, Sources.front(), Findings, Exit);
  render(S, Files, Findings, Exit != ExitToolError);
  return exitCodeFor(S, Findings, Exit);
}

} // namespace

int runTool(CommonOptionsParser &Parser, const SessionArgs &Args) {
  if (!Args.Explain.empty())
    return explainRule(Args.Explain, Args.DocsBaseUri);
  llvm::Expected<std::unique_ptr<Session>> S = Session::create(Args);
  if (!S) {
    fail(llvm::toString(S.takeError()));
    return ExitToolError;
  }
  const std::vector<std::string> &Sources = Parser.getSourcePathList();
  if (Args.ListChecks || Args.DumpConfig)
    return printConfiguration(**S, Sources);
  if (Args.Lsp)
    return serveLsp(**S, Sources);
  return analyseSources(**S, Parser.getCompilations(), Sources);
}

} // namespace ownership::cli
