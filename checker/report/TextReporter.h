//===- TextReporter.h - clang-style text output ---------------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Renders findings the way clang renders diagnostics, so that editors' and CI's problem
// matchers read them: `file:line:col: warning: message [rule-id]`, the source line with a
// caret, the fix-it's text under it when the finding has one, then one `note:` per cause.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_REPORT_TEXTREPORTER_H
#define OWNERSHIP_CHECKER_REPORT_TEXTREPORTER_H

#include "checker/report/Finding.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace ownership::report {

/// Writes \p Findings to \p OS in clang's diagnostic format. With \p Color, uses clang's
/// colors (bold locations, magenta warnings, black notes, green carets and
/// fix-its).
void renderText(llvm::ArrayRef<ResolvedFinding> Findings, llvm::raw_ostream &OS,
                bool Color = false);

} // namespace ownership::report

#endif // OWNERSHIP_CHECKER_REPORT_TEXTREPORTER_H
