//===- Session.cpp - One checker session: typed options, configuration, runs -===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/driver/Session.h"

#include "checker/config/Glob.h"

#include "checker/driver/ResultCache.h"
#include "checker/driver/ClangRun.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"

#include <chrono>
#include <thread>

using namespace ownership::analysis;
using namespace ownership::config;
using namespace ownership::passes;
using namespace ownership::report;
using namespace ownership::rules;

using namespace clang::tooling;

namespace ownership::driver {
namespace {

llvm::Error optionError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
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
                              [&](const RuleInfo &R) { return config::globMatches(Part, R.Id); });
    if (!Known && (Positive || !Part.contains('*')))
      return Part.str();
  }
  return std::nullopt;
}

/// Parses `--dump=KIND[:FUNCTION]`.
llvm::Expected<DumpRequest> parseDump(llvm::StringRef Spec) {
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
    return optionError("unknown --dump kind '" + Kind + "' (cfg, facts or states)");
  return R;
}

/// Checks --checks, --warnings-as-errors and --header-filter, which the configuration
/// files' values are merged with, and keeps them.
llvm::Error parseCheckSelection(const SessionArgs &Args, const RuleRegistry &Registry,
                                ConfigFile &Out) {
  if (Args.Checks)
    if (std::optional<std::string> Bad = unknownGlob(*Args.Checks, Registry))
      return optionError("unknown check '" + *Bad + "' in --checks (see --list-checks)");
  if (Args.WarningsAsErrors)
    if (std::optional<std::string> Bad = unknownGlob(*Args.WarningsAsErrors, Registry))
      return optionError("unknown check '" + *Bad +
                         "' in --warnings-as-errors (see --list-checks)");
  Out.Checks = Args.Checks;
  Out.WarningsAsErrors = Args.WarningsAsErrors;
  Out.HeaderFilterRegex = Args.HeaderFilter;
  Out.SystemHeaders = Args.SystemHeaders;
  Out.AnalyzeTestFailures = Args.AnalyzeTestFailures;
  return llvm::Error::success();
}

llvm::Error parseOutputKinds(const SessionArgs &Args, SessionOptions &Out) {
  if (Args.Color == "auto")
    Out.Color = ColorMode::Auto;
  else if (Args.Color == "always")
    Out.Color = ColorMode::Always;
  else if (Args.Color == "never")
    Out.Color = ColorMode::Never;
  else
    return optionError("--color must be auto, always or never, not '" + Args.Color + "'");
  if (Args.Format == "text")
    Out.Format = OutputFormat::Text;
  else if (Args.Format == "sarif")
    Out.Format = OutputFormat::Sarif;
  else if (Args.Format == "json")
    Out.Format = OutputFormat::Json;
  else
    return optionError("--format must be text, sarif or json, not '" + Args.Format + "'");
  return llvm::Error::success();
}

llvm::Error parseBudgets(const SessionArgs &Args, AnalysisLimits &Limits) {
  if (llvm::StringRef(Args.FunctionBudget).getAsInteger(10, Limits.MaxSteps))
    return optionError("--function-budget must be a number of steps, not '" +
                       Args.FunctionBudget + "'");
  uint64_t MiB;
  if (llvm::StringRef(Args.FunctionMemoryBudget).getAsInteger(10, MiB) || MiB > (1u << 30))
    return optionError("--function-memory-budget must be a number of MiB, not '" +
                       Args.FunctionMemoryBudget + "'");
  Limits.MaxBytes = MiB << 20;
  return llvm::Error::success();
}

llvm::Error parseLspOptions(const SessionArgs &Args, SessionOptions &Out) {
  if (!Args.LspTimeout.empty() &&
      llvm::StringRef(Args.LspTimeout).getAsInteger(10, Out.LspTimeoutSeconds))
    return optionError("--lsp-timeout must be a number of seconds, not '" + Args.LspTimeout +
                       "'");
  for (llvm::StringRef Spec : Args.DebugFaults) {
    auto [Kind, Marker] = Spec.split(':');
    DebugFault F;
    F.Marker = Marker.str();
    if (Kind == "crash")
      F.What = DebugFault::Kind::Crash;
    else if (Kind == "hang")
      F.What = DebugFault::Kind::Hang;
    else if (Kind == "slow")
      F.What = DebugFault::Kind::Slow;
    if ((Kind != "crash" && Kind != "hang" && Kind != "slow") || Marker.empty())
      return optionError("--debug-fault must be crash, hang or slow, a ':' and a marker, not '" +
                         Spec + "'");
    Out.Faults.push_back(std::move(F));
  }
  return llvm::Error::success();
}

/// Test only: does what the --debug-fault options say to an analysis of \p Request
/// whose text has their marker.
void injectFaults(const std::vector<DebugFault> &Faults, const FileRequest &Request) {
  if (Faults.empty())
    return;
  std::string Text;
  if (Request.Contents) {
    Text = Request.Contents->str();
  } else if (auto Buffer = llvm::MemoryBuffer::getFile(Request.Path)) {
    Text = (*Buffer)->getBuffer().str();
  }
  for (const DebugFault &F : Faults) {
    if (!llvm::StringRef(Text).contains(F.Marker))
      continue;
    switch (F.What) {
    case DebugFault::Kind::Crash:
      // A fault of the processor, as a real bug would give: LLVM's handler prints the
      // stack, then the trap repeats and the default action ends the process.
      LLVM_BUILTIN_TRAP;
    case DebugFault::Kind::Hang:
      while (true)
        std::this_thread::sleep_for(std::chrono::seconds(1));
    case DebugFault::Kind::Slow:
      std::this_thread::sleep_for(std::chrono::seconds(2));
      break;
    }
  }
}

std::optional<std::string> given(const std::string &Value) {
  return Value.empty() ? std::nullopt : std::optional<std::string>(Value);
}

/// For an option key whose rule part names no rule: the key with the nearest rule id.
std::string ruleHint(llvm::StringRef Rule, llvm::StringRef Option, const RuleRegistry &Registry) {
  std::vector<std::string> Ids;
  for (const RuleInfo &R : Registry.rules())
    Ids.push_back(R.Id);
  if (std::optional<std::string> Near = nearestSpelling(Rule, Ids))
    return " (did you mean '" + *Near + "." + Option.str() + "'?)";
  return "";
}

/// For an option \p Info's rule does not have: the nearest one, and the list of those it
/// has (the keys it stores with their defaults).
std::string optionHint(const RuleInfo &Info, llvm::StringRef Option) {
  RuleOptions Defaults(Info.Id, {});
  createRule(Info, Defaults);
  std::vector<std::string> Names;
  for (const auto &[Key, Value] : Defaults.stored())
    Names.push_back(llvm::StringRef(Key).rsplit('.').second.str());
  if (Names.empty())
    return " (it has no options)";
  std::string Hint = " (";
  if (std::optional<std::string> Near = nearestSpelling(Option, Names))
    Hint += "did you mean '" + *Near + "'? ";
  return Hint + "its options: " + llvm::join(Names, ", ") + ")";
}

/// Checks one configuration file against the registered rules: an unknown check or a
/// bad regex is an error, an option no rule has is a warning.
llvm::Error validateConfigFile(const ConfigFile &C, const RuleRegistry &Registry) {
  auto Error = [&](const llvm::Twine &Why) { return optionError(C.Path + ": " + Why); };
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
    auto [Rule, Option] = llvm::StringRef(Key).rsplit('.');
    bool Known = llvm::any_of(Registry.rules(), [&](const RuleInfo &R) { return R.Id == Rule; });
    if (!Known || !llvm::StringRef(Key).contains('.'))
      warn(C.Path + ": option '" + Key + "' names no rule; it is ignored" +
           ruleHint(Rule, Option, Registry));
  }
  // Each rule reads its own options: a key it did not ask for is one it does not have,
  // and a value it could not use keeps the default.
  for (const RuleInfo &Info : Registry.rules()) {
    RuleOptions Options(Info.Id, C.CheckOptions);
    createRule(Info, Options);
    for (const std::string &Unread : Options.unreadKeys()) {
      llvm::StringRef Option = llvm::StringRef(Unread).rsplit('.').second;
      warn(C.Path + ": '" + Info.Id + "' has no option '" + Option + "'; it is ignored" +
           optionHint(Info, Option));
    }
    for (const std::string &Bad : Options.diagnostics())
      warn(C.Path + ": " + Bad);
  }
  return llvm::Error::success();
}

/// A function of this executable, whose address identifies it for the result cache.
void identifyExecutable() {}

} // namespace

llvm::Expected<SessionOptions> SessionOptions::parse(const SessionArgs &Args,
                                                     const RuleRegistry &Registry) {
  SessionOptions O;
  if (llvm::Error E = parseCheckSelection(Args, Registry, O.CommandLine))
    return std::move(E);
  if (llvm::Error E = parseOutputKinds(Args, O))
    return std::move(E);
  if (Args.HeaderFilter) {
    std::string Why;
    if (!llvm::Regex(*Args.HeaderFilter).isValid(Why))
      return optionError("invalid --header-filter '" + *Args.HeaderFilter + "': " + Why);
  }
  if (llvm::Error E = parseBudgets(Args, O.Limits))
    return std::move(E);
  if (llvm::Error E = parseLspOptions(Args, O))
    return std::move(E);
  llvm::Expected<DumpRequest> Dump = parseDump(Args.Dump);
  if (!Dump)
    return Dump.takeError();
  O.Dump = std::move(*Dump);
  // A profile measures an analysis: a cached result would have none to show.
  if (!Args.NoCache && !Args.Profile)
    O.CacheDir = Args.CacheDir.empty() ? ResultCache::defaultDirectory() : Args.CacheDir;
  O.ConfigFile = given(Args.ConfigFile);
  O.Output = given(Args.Output);
  O.ExportSarif = given(Args.ExportSarif);
  O.ExportFixes = given(Args.ExportFixes);
  O.Baseline = given(Args.Baseline);
  O.WriteBaseline = given(Args.WriteBaseline);
  O.Fix = Args.Fix;
  O.ListChecks = Args.ListChecks;
  O.DumpConfig = Args.DumpConfig;
  O.Lsp = Args.Lsp;
  O.Profile = Args.Profile;
  O.CompilerWarnings = Args.CompilerWarnings;
  O.DocsBaseUri = Args.DocsBaseUri;
  if (!O.DocsBaseUri.empty() && !llvm::StringRef(O.DocsBaseUri).ends_with("/"))
    O.DocsBaseUri += "/";
  O.BuildPath = Args.BuildPath;
  O.CompilerArgs = Args.CompilerArgs;
  return O;
}

Session::Session() = default;
Session::~Session() = default;

llvm::Expected<std::unique_ptr<Session>> Session::create(const SessionArgs &Args) {
  std::unique_ptr<Session> S(new Session());
  registerAllRules(S->Registry);
  llvm::Expected<SessionOptions> Opts = SessionOptions::parse(Args, S->Registry);
  if (!Opts)
    return Opts.takeError();
  S->Opts = std::move(*Opts);
  if (S->Opts.Profile)
    S->Opts.Limits.Profile = &S->Profile;
  if (S->Opts.CacheDir && !S->Opts.CacheDir->empty()) {
    S->ToolIdentity = ResultCache::toolIdentity(OWNERSHIP_VERSION, (void *)&identifyExecutable);
    if (!S->ToolIdentity.empty())
      S->Cache = std::make_unique<ResultCache>(*S->Opts.CacheDir);
  }
  S->reloadConfiguration();
  return S;
}

void Session::reloadConfiguration() {
  Configs.emplace(Opts.ConfigFile, Opts.CommandLine);
  Validated.clear();
}

llvm::Expected<FileSettings> Session::settingsFor(llvm::StringRef Path) {
  llvm::Expected<EffectiveConfig> C = Configs->configFor(Path);
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
  FileSettings S;
  S.Config = std::move(*C);
  // Every glob was checked above, so the filters parse.
  llvm::Expected<CheckFilter> Enabled = CheckFilter::parse(S.Config.Checks, Registry);
  if (!Enabled)
    return Enabled.takeError();
  for (const RuleInfo &Info : Registry.rules())
    if (Enabled->isEnabled(Info.Id))
      S.Rules.push_back(&Info);
  if (!S.Config.HeaderFilterRegex.empty())
    S.HeaderFilter = std::make_shared<llvm::Regex>(S.Config.HeaderFilterRegex);
  S.SystemHeaders = S.Config.SystemHeaders;
  if (!llvm::StringRef(S.Config.WarningsAsErrors).trim().empty()) {
    llvm::Expected<CheckFilter> AsErrors = CheckFilter::parse(S.Config.WarningsAsErrors, Registry);
    if (!AsErrors)
      return AsErrors.takeError();
    S.AsErrors = std::move(*AsErrors);
  }
  return S;
}

void Session::noteInferredCommand(const FileRequest &Request) {
  std::vector<CompileCommand> Commands = Request.Compilations->getCompileCommands(Request.Path);
  if (Commands.empty() || Commands.front().Heuristic.empty() ||
      !Noted.insert(("inferred:" + Request.Path)).second)
    return;
  // LibTooling says "inferred from <file>" for a command interpolated from the entry of
  // the file whose path is most like this one's.
  llvm::StringRef From = Commands.front().Heuristic;
  std::string Why = From.consume_front("inferred from ") ? "inferred from the entry of '" +
                                                               From.str() + "'"
                                                         : From.str();
  llvm::WithColor::note(llvm::errs(), "ownership-checker")
      << "'" << Request.Path << "' is not in the compilation database; its compile command was "
      << Why << ", which may not suit it\n";
}

void Session::noteSkippedSystemHeader(llvm::StringRef Header) {
  if (!Noted.insert(("system:" + Header).str()).second)
    return;
  llvm::WithColor::note(llvm::errs(), "ownership-checker")
      << "the header filter matches '" << Header
      << "', but it is a system header (its directory is given with -isystem or the like), "
         "so it is not analysed; --system-headers analyses it\n";
}

std::optional<std::string> Session::cacheKey(const FileRequest &Request,
                                             const FileSettings &Settings) {
  // The editor's unsaved buffers and --dump bypass the cache.
  if (!Cache || Request.Contents || Opts.Dump.Kind)
    return std::nullopt;
  std::string ConfigDump;
  llvm::raw_string_ostream ConfigText(ConfigDump);
  Settings.Config.dump(ConfigText);
  std::vector<std::string> Parts = {ToolIdentity, ConfigDump, Request.Path,
                                    std::to_string(Opts.Limits.MaxSteps),
                                    std::to_string(Opts.Limits.MaxBytes),
                                    Opts.CompilerWarnings ? "warnings" : "-w"};
  llvm::SmallString<256> Cwd;
  if (!llvm::sys::fs::current_path(Cwd))
    Parts.push_back(std::string(Cwd));
  for (const CompileCommand &C : Request.Compilations->getCompileCommands(Request.Path)) {
    Parts.push_back(C.Directory);
    Parts.insert(Parts.end(), C.CommandLine.begin(), C.CommandLine.end());
  }
  return ResultCache::key(Parts);
}

llvm::Expected<FileResult> Session::analyze(const FileRequest &Request) {
  llvm::Expected<FileSettings> Settings = settingsFor(Request.Path);
  if (!Settings)
    return Settings.takeError();
  injectFaults(Opts.Faults, Request);
  noteInferredCommand(Request);
  ClangRun Run;
  Run.Dump = Opts.Dump;
  Run.Limits = Opts.Limits;
  Run.HeaderFilter = Settings->HeaderFilter;
  Run.CompilerWarnings = Opts.CompilerWarnings;
  Run.SystemHeaders = Settings->SystemHeaders;
  Run.AnalyzeTestFailures = Settings->Config.AnalyzeTestFailures;
  if (Run.HeaderFilter && !Run.SystemHeaders) {
    for (const CompileCommand &C : Request.Compilations->getCompileCommands(Request.Path))
      for (std::string &Dir : userSystemIncludeDirs(C))
        Run.UserSystemDirs.push_back(std::move(Dir));
    Run.OnSkippedSystemHeader = [this](llvm::StringRef H) { noteSkippedSystemHeader(H); };
  }
  for (const RuleInfo *Info : Settings->Rules) {
    RuleOptions Options(Info->Id, Settings->Config.CheckOptions);
    Run.Rules.push_back(createRule(*Info, Options));
    RulesRun.insert(Info->Id);
  }
  if (Settings->AsErrors)
    ErrorsConfigured = true;
  auto MarkErrors = [&](FileResult &Result) {
    if (Settings->AsErrors)
      for (ResolvedFinding &F : Result.Findings)
        if (Settings->AsErrors->isEnabled(F.RuleId))
          F.IsError = true;
  };

  // An unchanged translation unit analysed before with the same tool, configuration
  // and command gives what it gave then.
  FileResult Result;
  std::optional<std::string> Key = cacheKey(Request, *Settings);
  if (Key) {
    if (std::optional<CachedAnalysis> Hit = Cache->lookup(*Key)) {
      for (const std::string &Note : Hit->LimitNotes)
        llvm::errs() << Note << "\n";
      Result.Findings = std::move(Hit->Findings);
      MarkErrors(Result);
      return Result;
    }
    Run.CollectInputs = true;
  }
  Result.Compiled = runClang(Request, Run);
  Result.Findings = Run.Findings.takeSorted();
  // Code that does not compile is analysed again next time, so that its errors are
  // printed again.
  if (Key && Result.Compiled && !Run.Inputs.empty())
    Cache->store(*Key, Run.Inputs, CachedAnalysis{Result.Findings, Run.LimitNotes});
  Result.Skipped = std::move(Run.Skipped);
  MarkErrors(Result);
  return Result;
}

} // namespace ownership::driver
