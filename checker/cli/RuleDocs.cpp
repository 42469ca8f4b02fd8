//===- RuleDocs.cpp - The rules' doc pages, embedded at build time --------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/cli/RuleDocs.h"

#include <cstddef>

namespace ownership::cli {
namespace {

struct EmbeddedRuleDoc {
  const char *Id;
  const char *Text;
  size_t Size;
};

#include "RuleDocs.inc"

} // namespace

std::optional<llvm::StringRef> ruleDoc(llvm::StringRef RuleId) {
  for (const EmbeddedRuleDoc *D = EmbeddedRuleDocs; D->Id; ++D)
    if (RuleId == D->Id)
      return llvm::StringRef(D->Text, D->Size);
  return std::nullopt;
}

std::vector<llvm::StringRef> documentedRules() {
  std::vector<llvm::StringRef> Ids;
  for (const EmbeddedRuleDoc *D = EmbeddedRuleDocs; D->Id; ++D)
    Ids.push_back(D->Id);
  return Ids;
}

} // namespace ownership::cli
