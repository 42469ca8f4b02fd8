//===- RuleDocs.h - The rules' doc pages, embedded at build time ----------===//
//
// Part of ownership-checker, under the MIT license.
//
// `--explain <rule-id>` prints docs/rules/<rule-id>.rst, like `rustc --explain`. The pages
// are compiled into the tool, so the explanation always matches the binary.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_CLI_RULEDOCS_H
#define OWNERSHIP_CHECKER_CLI_RULEDOCS_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <vector>

namespace ownership::cli {

/// The text of docs/rules/\p RuleId.rst as it was at build time, if there is one.
std::optional<llvm::StringRef> ruleDoc(llvm::StringRef RuleId);

/// The ids of every embedded page, sorted.
std::vector<llvm::StringRef> documentedRules();

} // namespace ownership::cli

#endif // OWNERSHIP_CHECKER_CLI_RULEDOCS_H
