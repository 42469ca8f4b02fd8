//===- FixIts.h - Applying and exporting fix-its ---------------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// `--fix` edits the files in place; `--export-fixes=FILE` writes clang-tidy's YAML
// (clang::tooling::TranslationUnitDiagnostics), which `clang-apply-replacements` applies.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_REPORT_FIXITS_H
#define OWNERSHIP_CHECKER_REPORT_FIXITS_H

#include "checker/report/Finding.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace ownership::report {

/// Writes the findings that have fix-its as clang-tidy's export-fixes YAML.
/// \p MainSourceFile names the run's first source file; \p BuildDirectory is the
/// directory relative paths are relative to. Paths are written absolute.
void writeFixesYaml(llvm::ArrayRef<ResolvedFinding> Findings, llvm::StringRef MainSourceFile,
                    llvm::StringRef BuildDirectory, llvm::raw_ostream &OS);

/// What applying fix-its did.
struct FixResult {
  unsigned Applied = 0;    ///< findings whose fix-its were applied
  unsigned Conflicts = 0;  ///< findings skipped because their edits overlap another's
};

/// Applies every finding's fix-its to the files on disk. A finding whose edits overlap an
/// earlier finding's is skipped whole. Fails when a file cannot be read or written.
llvm::Expected<FixResult> applyFixes(llvm::ArrayRef<ResolvedFinding> Findings);

} // namespace ownership::report

#endif // OWNERSHIP_CHECKER_REPORT_FIXITS_H
