//===- SarifReporter.h - SARIF 2.1.0 and JSON output ----------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Renders resolved findings for machines: SARIF 2.1.0 for code-scanning services (GitHub,
// Azure DevOps, IDE viewers) and a flat JSON list for scripts. Notes become SARIF related
// locations and one code flow, in causal order, ending at the finding itself.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_REPORT_SARIFREPORTER_H
#define OWNERSHIP_CHECKER_REPORT_SARIFREPORTER_H

#include "checker/report/Finding.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace ownership::report {

/// What SARIF says about one rule.
struct RuleMetadata {
  std::string Id;      ///< "ownership-use-after-move"
  std::string Summary; ///< one line, the rule's short description
};

/// The run-wide facts a SARIF log records.
struct SarifRunInfo {
  std::string ToolVersion;
  /// Base of the rules' help URIs: a rule's is DocsBaseUri + "rules/<id>.rst".
  std::string DocsBaseUri;
  /// Absolute directory that relative artifact URIs are relative to (the uriBaseId
  /// SRCROOT); files outside it get absolute file URIs.
  std::string SourceRoot;
  /// False when the run had tool or compile errors.
  bool ExecutionSuccessful = true;
};

/// Writes \p Findings as one SARIF 2.1.0 log with one run. \p Rules lists the rules
/// that ran; a finding's rule missing from it is added with an empty summary.
void renderSarif(llvm::ArrayRef<ResolvedFinding> Findings, llvm::ArrayRef<RuleMetadata> Rules,
                 const SarifRunInfo &Info, llvm::raw_ostream &OS);

/// Writes \p Findings as a JSON object `{"version": 1, "findings": [...]}`; each finding
/// has rule, level, confidence, file, line, column, function, message, notes and fixes.
void renderJson(llvm::ArrayRef<ResolvedFinding> Findings, llvm::raw_ostream &OS);

/// The `file:` URI of an absolute path, each byte outside RFC 3986's unreserved set and
/// '/' percent-encoded (so that any byte string, UTF-8 or not, gives a valid URI).
std::string fileUri(llvm::StringRef AbsolutePath);

/// SARIF and LSP count columns in UTF-16 code units by default; clang counts bytes.
/// Converts the 1-based byte column \p Column of \p Line to a 1-based UTF-16 column;
/// invalid UTF-8 counts a unit per byte.
unsigned utf16Column(llvm::StringRef Line, unsigned Column);

/// A stable fingerprint of a finding that ignores line numbers: rule, file, function and
/// message. The baseline and SARIF's partialFingerprints use it.
std::string findingFingerprint(const ResolvedFinding &F, llvm::StringRef File);

} // namespace ownership::report

#endif // OWNERSHIP_CHECKER_REPORT_SARIFREPORTER_H
