//===- RuleRegistry.h - All rules, by id ----------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// The one list of rules. Front ends (the tool, the clang-tidy module) enumerate it and
// instantiate the rules a `--checks` glob enables.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_RULEREGISTRY_H
#define OWNERSHIP_CHECKER_RULES_RULEREGISTRY_H

#include "rules/Rule.h"

#include "llvm/Support/Error.h"

#include <functional>
#include <memory>
#include <vector>

namespace ownership::rules {

/// A registered rule: its id, a one-line summary, and how to make one.
struct RuleInfo {
  std::string Id;
  std::string Summary;
  std::function<std::unique_ptr<Rule>(llvm::StringRef Id)> Create;
};

class RuleRegistry {
public:
  template <typename RuleT> void add(llvm::StringRef Id, llvm::StringRef Summary) {
    Rules.push_back({Id.str(), Summary.str(),
                     [](llvm::StringRef RId) { return std::make_unique<RuleT>(RId); }});
  }
  llvm::ArrayRef<RuleInfo> rules() const { return Rules; }

private:
  std::vector<RuleInfo> Rules;
};

/// Makes the rule \p Info describes and configures it from \p Options, which then
/// holds what the rule read and stored (unread keys, bad values, values in force).
std::unique_ptr<Rule> createRule(const RuleInfo &Info, config::RuleOptions &Options);

/// Registers every rule, in alphabetical order of id.
void registerAllRules(RuleRegistry &R);

/// A clang-tidy style check list (`ownership-*,-ownership-leak`), compiled.
class CheckFilter {
public:
  /// Parses \p Globs against the ids in \p Registry. A pattern that names no registered
  /// rule is an error, so that a typo does not silently disable a check.
  static llvm::Expected<CheckFilter> parse(llvm::StringRef Globs, const RuleRegistry &Registry);
  /// True when the last pattern matching \p Id is positive.
  bool isEnabled(llvm::StringRef Id) const;

private:
  struct Pattern {
    bool Positive;
    std::string Glob;
  };
  std::vector<Pattern> Patterns;
};


} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_RULEREGISTRY_H
