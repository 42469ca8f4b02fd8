//===- Session.h - One checker session: typed options, configuration, runs -===//
//
// Part of ownership-checker, under the MIT license.
//
// What the front ends share. The options as the user wrote them (SessionArgs) are
// parsed once into typed values (SessionOptions), each bad value a one-line error. A
// Session joins them with the configuration files that apply to each source file and
// analyses files on request. The command line (checker/cli) and the language server
// (checker/lsp) both drive a Session.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_DRIVER_SESSION_H
#define OWNERSHIP_CHECKER_DRIVER_SESSION_H

#include "checker/analysis/FunctionAnalysis.h"
#include "checker/config/Config.h"
#include "checker/passes/AnalysisBudget.h"
#include "checker/passes/Profile.h"
#include "checker/report/Finding.h"
#include "rules/RuleRegistry.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/Regex.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>


namespace ownership::driver {

class ResultCache;

enum class OutputFormat { Text, Sarif, Json };
enum class ColorMode { Auto, Always, Never };

/// `--dump=KIND[:FUNCTION]`: print the CFG, facts or states of the analysed functions
/// whose qualified name contains Function. No Kind: no dump.
struct DumpRequest {
  std::optional<analysis::FunctionAnalysis::DumpKind> Kind;
  std::string Function;
};

/// A failure injected on purpose, for tests only (the hidden `--debug-fault` option):
/// the analysis of a file whose text contains Marker crashes, never ends, or first
/// waits two seconds. The language server's tests use it to show that the server
/// survives a crash and a runaway analysis, drops stale analyses and reports progress,
/// without depending on a real bug of the checker.
struct DebugFault {
  enum class Kind { Crash, Hang, Slow };
  Kind What = Kind::Crash;
  std::string Marker;
};

/// The options as the user wrote them, before any check. An empty optional or string
/// means "not given": the configuration file's value, or the default, applies.
struct SessionArgs {
  std::optional<std::string> Checks;
  std::optional<std::string> WarningsAsErrors;
  std::optional<std::string> HeaderFilter;
  std::optional<bool> SystemHeaders;
  std::optional<bool> AnalyzeTestFailures;
  bool CompilerWarnings = false;
  std::string Color = "auto";
  std::string Format = "text";
  std::string Output;
  std::string ExportSarif;
  std::string ExportFixes;
  std::string ConfigFile;
  std::string Baseline;
  std::string WriteBaseline;
  std::string Explain;
  std::string DocsBaseUri;
  std::string CacheDir;
  std::string BuildPath; ///< `-p`, for --lsp
  std::string Dump;
  std::string FunctionBudget;       ///< steps, as text: the error names what was given
  std::string FunctionMemoryBudget; ///< MiB, as text
  std::string LspTimeout;           ///< seconds, as text
  bool ListChecks = false;
  bool DumpConfig = false;
  bool Fix = false;
  bool NoCache = false;
  bool Profile = false;
  bool Lsp = false;
  /// The compiler arguments after `--`; --lsp gives them to the files that no
  /// compilation database covers.
  std::vector<std::string> CompilerArgs;
  std::vector<std::string> DebugFaults; ///< `KIND:MARKER`, for tests only
};

/// The options, checked and typed.
struct SessionOptions {
  /// --checks, --warnings-as-errors, --header-filter, --system-headers and
  /// --analyze-test-failures, checked against the rules and applied over each file's
  /// configuration.
  config::ConfigFile CommandLine;
  std::optional<std::string> ConfigFile; ///< --config-file; none: search
  OutputFormat Format = OutputFormat::Text;
  ColorMode Color = ColorMode::Auto;
  std::optional<std::string> Output; ///< none: standard output
  std::optional<std::string> ExportSarif;
  std::optional<std::string> ExportFixes;
  std::optional<std::string> Baseline;
  std::optional<std::string> WriteBaseline;
  bool Fix = false;
  bool ListChecks = false;
  bool DumpConfig = false;
  bool Lsp = false;
  bool Profile = false;
  /// Show the compiler's warnings too; by default only its errors are shown, whatever
  /// `-W` flags the compile command has.
  bool CompilerWarnings = false;
  /// Budgets per function; Limits.Profile is set by the Session when profiling.
  passes::AnalysisLimits Limits;
  DumpRequest Dump;
  std::optional<std::string> CacheDir; ///< none: no result cache
  std::string DocsBaseUri;             ///< empty, or ending in '/'
  std::string BuildPath;
  std::vector<std::string> CompilerArgs;
  /// How long the language server lets one analysis run before it stops it; 0: no limit.
  unsigned LspTimeoutSeconds = 300;
  std::vector<DebugFault> Faults;

  /// Checks and types \p Args. The first bad value is a one-line error that names the
  /// option and what was given.
  static llvm::Expected<SessionOptions> parse(const SessionArgs &Args,
                                              const rules::RuleRegistry &Registry);
};

/// The configuration in force for one source file, resolved against the rules.
struct FileSettings {
  config::EffectiveConfig Config;
  std::vector<const rules::RuleInfo *> Rules; ///< enabled, in registry order
  std::shared_ptr<llvm::Regex> HeaderFilter;  ///< null: no header but the main file
  std::optional<rules::CheckFilter> AsErrors; ///< none: every finding is a warning
  bool SystemHeaders = false; ///< system headers are headers like the others
};

/// One source file to analyse, as the command line and the language server ask for it.
struct FileRequest {
  std::string Path; ///< as given; the language server gives absolute paths
  const clang::tooling::CompilationDatabase *Compilations = nullptr;
  /// The editor's unsaved text, analysed instead of the file on disk; none for the file.
  std::optional<llvm::StringRef> Contents;
  /// Receives the compiler's diagnostics instead of standard error; may be null.
  clang::DiagnosticConsumer *Diagnostics = nullptr;
};

/// What the analysis of one file gave.
struct FileResult {
  std::vector<report::ResolvedFinding> Findings; ///< warnings-as-errors applied
  bool Compiled = true;
  /// The functions not analysed to the end (over a budget), at their name. Empty when
  /// the result came from the cache (the notes are printed again then).
  std::vector<report::ResolvedNote> Skipped;
};

/// The front ends' shared state for one run (the command line) or one editor session
/// (the language server).
class Session {
public:
  ~Session();

  /// Parses \p Args and prepares the run: the rules, the result cache.
  static llvm::Expected<std::unique_ptr<Session>> create(const SessionArgs &Args);

  const SessionOptions &options() const { return Opts; }
  const rules::RuleRegistry &registry() const { return Registry; }

  /// The configuration for \p Path; each configuration file on the way is checked
  /// against the rules the first time it is used (an unknown check is an error, an
  /// unknown option a warning on standard error).
  llvm::Expected<FileSettings> settingsFor(llvm::StringRef Path);

  /// Analyses one file under its configuration. An error is a problem before any
  /// analysis, e.g. a bad configuration file.
  llvm::Expected<FileResult> analyze(const FileRequest &Request);

  /// Forgets the configuration files read so far, so that an edit to one applies to
  /// the next analysis (the language server runs for as long as the editor).
  void reloadConfiguration();

  /// Whether some file's configuration set WarningsAsErrors (then only errors give
  /// exit code 1).
  bool errorsConfigured() const { return ErrorsConfigured; }
  /// Whether \p RuleId ran on at least one file (for SARIF's rule list).
  bool ranRule(llvm::StringRef RuleId) const { return RulesRun.count(RuleId); }

private:
  Session();
  Session(const Session &) = delete;
  Session &operator=(const Session &) = delete;

  /// Prints, once per file, a note when its compile command was not in the database
  /// but inferred from another entry's, which may not suit it.
  void noteInferredCommand(const FileRequest &Request);
  /// Prints, once per header, that the header filter matches a header that is skipped
  /// because it is a system header.
  void noteSkippedSystemHeader(llvm::StringRef Header);
  /// The cache key of \p Request under \p Settings; none when the cache does not apply.
  std::optional<std::string> cacheKey(const FileRequest &Request, const FileSettings &Settings);

  SessionOptions Opts;
  rules::RuleRegistry Registry;
  passes::AnalysisProfile Profile;
  std::optional<config::ConfigProvider> Configs;
  llvm::StringSet<> Validated;
  std::unique_ptr<ResultCache> Cache;
  std::string ToolIdentity;
  bool ErrorsConfigured = false;
  llvm::StringSet<> RulesRun;
  llvm::StringSet<> Noted; ///< notes already printed, so that each appears once
};

} // namespace ownership::driver

#endif // OWNERSHIP_CHECKER_DRIVER_SESSION_H
