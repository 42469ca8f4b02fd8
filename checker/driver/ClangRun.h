//===- ClangRun.h - Parse one file with clang and run the rules over it ----===//
//
// Part of ownership-checker, under the MIT license.
//
// The clang side of a Session's analysis: a ClangTool over one file whose consumer
// hands the translation unit to analyzeTranslationUnit(), with the compile command
// adjusted (clang's builtin headers; compiler warnings off unless asked for) and the
// function bodies of system headers skipped while parsing.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_DRIVER_CLANGRUN_H
#define OWNERSHIP_CHECKER_DRIVER_CLANGRUN_H

#include "checker/driver/Session.h"
#include "checker/report/FindingSink.h"
#include "rules/Rule.h"

#include "llvm/Support/Regex.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ownership::driver {

/// Everything one clang run over one file needs, and what it gives.
struct ClangRun {
  // What to do.
  std::vector<std::unique_ptr<rules::Rule>> Rules;
  std::shared_ptr<llvm::Regex> HeaderFilter; ///< null: no header but the main file
  bool CompilerWarnings = false; ///< keep the compiler's warnings (else `-w`)
  bool SystemHeaders = false;    ///< system headers are headers like the others
  bool AnalyzeTestFailures = false; ///< follow the paths of failed test assertions
  DumpRequest Dump;
  passes::AnalysisLimits Limits;
  /// Directories the compile command makes system include directories (`-isystem`),
  /// absolute: a header under one that the filter matches gets a note, since it is
  /// skipped (the user probably meant it to be analysed).
  std::vector<std::string> UserSystemDirs;
  /// Called with each such header; may be null.
  std::function<void(llvm::StringRef Header)> OnSkippedSystemHeader;
  bool CollectInputs = false; ///< fill Inputs, for the result cache

  // What it gave.
  report::FindingCollector Findings;
  /// The notes printed about functions over their limits, as printed (for the cache).
  std::vector<std::string> LimitNotes;
  /// The same, resolved (for the language server).
  std::vector<report::ResolvedNote> Skipped;
  /// Every file the translation unit read, by absolute path, when CollectInputs is set.
  std::vector<std::string> Inputs;
};

/// Parses \p Request's file with its compile command and runs \p Run's rules over it.
/// Returns whether it compiled: clang's errors are printed (or go to
/// Request.Diagnostics), the findings of the functions that compiled are kept.
bool runClang(const FileRequest &Request, ClangRun &Run);

/// The directories \p Command names with `-isystem` and its kin, absolute.
std::vector<std::string> userSystemIncludeDirs(const clang::tooling::CompileCommand &Command);

} // namespace ownership::driver

#endif // OWNERSHIP_CHECKER_DRIVER_CLANGRUN_H
