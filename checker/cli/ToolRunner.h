//===- ToolRunner.h - The standalone tool: options, runs, exit codes ------===//
//
// Part of ownership-checker, under the MIT license.
//
// Runs the enabled rules over the translation units a CommonOptionsParser names and
// renders the findings. Only this layer chooses an exit code.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_CLI_TOOLRUNNER_H
#define OWNERSHIP_CHECKER_CLI_TOOLRUNNER_H

#include "clang/Tooling/CommonOptionsParser.h"

#include <optional>
#include <string>
#include <vector>

namespace ownership::cli {

/// Exit codes of the tool, the same as clang-tidy's where they overlap.
enum ExitCode : int {
  ExitClean = 0,     ///< no findings
  ExitFindings = 1,  ///< at least one finding
  ExitToolError = 2, ///< bad options, bad input, or code that does not compile
};

/// What the command line asked for, beyond the files and compile flags. An empty
/// optional means "not given": the configuration file's value, or the default, applies.
struct ToolOptions {
  std::optional<std::string> Checks;
  std::optional<std::string> HeaderFilter;
  std::optional<std::string> WarningsAsErrors;
  bool ListChecks = false;
  std::string Color = "auto";
  std::string Format = "text";  ///< text, sarif or json
  std::string Output;           ///< empty: standard output
  std::string ExportSarif;      ///< also write SARIF here (for run-checker.sh)
  std::string ConfigFile;       ///< empty: search .ownership-checker.yaml
  bool DumpConfig = false;
  std::string Baseline;         ///< hide the findings this baseline lists
  std::string WriteBaseline;    ///< record the findings as a baseline
  bool Fix = false;
  std::string ExportFixes;
  std::string Explain;          ///< a rule id: print its doc page
  std::string DocsBaseUri;
  std::string FunctionBudget;       ///< steps per function, 0: no limit
  std::string FunctionMemoryBudget; ///< MiB per function, 0: no limit
  std::string CacheDir;             ///< empty: the user's cache directory
  bool NoCache = false;
  bool Profile = false;         ///< print where each file's time goes
  bool Lsp = false;             ///< serve the Language Server Protocol on stdio
  std::string BuildPath;        ///< `-p`, for --lsp
  /// The compiler arguments after `--`; --lsp gives them to files that no compilation
  /// database covers.
  std::vector<std::string> CompilerArgs;
  /// `cfg`, `facts` or `states`, optionally followed by `:FUNCTION` (a substring of the
  /// qualified name). Empty for no dump.
  std::string Dump;

  /// The values of the command-line options, after llvm::cl parsed them.
  static ToolOptions fromCommandLine();
};

/// Registers the options that must be created at run time. Call first in main().
void registerToolOptions();

/// Checks the compilation database given with `-p` in \p Argv, if any, before
/// CommonOptionsParser would fall back to running without flags.
llvm::Error checkExplicitCompilationDatabase(int Argc, const char **Argv);

/// Runs the tool and returns its exit code.
int runTool(clang::tooling::CommonOptionsParser &Parser, const ToolOptions &Opts);

} // namespace ownership::cli

#endif // OWNERSHIP_CHECKER_CLI_TOOLRUNNER_H
