//===- ToolRunner.h - The standalone tool: options, runs, exit codes ------===//
//
// Part of ownership-checker, under the MIT license.
//
// The command line's front end: reads the options into a driver::Session, runs it over
// the translation units a CommonOptionsParser names and renders the findings. Only
// this layer chooses an exit code.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_CLI_TOOLRUNNER_H
#define OWNERSHIP_CHECKER_CLI_TOOLRUNNER_H

#include "checker/driver/Session.h"

#include "clang/Tooling/CommonOptionsParser.h"

namespace ownership::cli {

/// Exit codes of the tool, the same as clang-tidy's where they overlap.
enum ExitCode : int {
  ExitClean = 0,     ///< no findings
  ExitFindings = 1,  ///< at least one finding
  ExitToolError = 2, ///< bad options, bad input, or code that does not compile
};

/// The options as written on the command line, after llvm::cl parsed them (but not
/// the compiler arguments after `--`, which main() adds).
driver::SessionArgs argsFromCommandLine();

/// Registers the options that must be created at run time. Call first in main().
void registerToolOptions();

/// Checks the compilation database given with `-p` in \p Argv, if any, before
/// CommonOptionsParser would fall back to running without flags.
llvm::Error checkExplicitCompilationDatabase(int Argc, const char **Argv);

/// Runs the tool and returns its exit code: explains a rule, lists the checks, dumps
/// the configuration, serves the language server, or analyses the source files.
int runTool(clang::tooling::CommonOptionsParser &Parser, const driver::SessionArgs &Args);

} // namespace ownership::cli

#endif // OWNERSHIP_CHECKER_CLI_TOOLRUNNER_H
