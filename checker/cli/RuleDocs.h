//===- RuleDocs.h - The rules' doc pages, embedded at build time ----------===//
//
// Part of ownership-checker, under the MIT license.
//
// `--explain <rule-id>` prints docs/rules/<rule-id>.rst, like `rustc --explain`. The pages
// and the examples they include are compiled into the tool, so the explanation always
// matches the binary and needs no docs folder; it is printed as plain text.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_CLI_RULEDOCS_H
#define OWNERSHIP_CHECKER_CLI_RULEDOCS_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace ownership::cli {

/// The text of docs/rules/\p RuleId.rst as it was at build time, if there is one.
std::optional<llvm::StringRef> ruleDoc(llvm::StringRef RuleId);

/// The ids of every embedded page, sorted.
std::vector<llvm::StringRef> documentedRules();

/// \p Rst, a rule page, as plain text for a terminal: each literalinclude replaced by
/// the lines it selects (indented, numbered when the page asks for line numbers), a
/// list-table as a list, ``code`` as `code`, roles as their text, and :doc: links as
/// addresses under \p DocsBaseUri (empty: paths under docs/).
std::string renderRuleDoc(llvm::StringRef Rst, llvm::StringRef DocsBaseUri);

} // namespace ownership::cli

#endif // OWNERSHIP_CHECKER_CLI_RULEDOCS_H
