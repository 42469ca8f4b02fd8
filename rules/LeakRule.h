//===- LeakRule.h - ownership-leak ----------------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_LEAKRULE_H
#define OWNERSHIP_CHECKER_RULES_LEAKRULE_H

#include "rules/Rule.h"

#include <string>
#include <vector>

namespace ownership::rules {

/// Flags heap memory whose last owner is lost while the function still owns it: the
/// owning pointer goes out of scope (at a `}`, an early return, a `break`), is
/// overwritten, or the allocation's result is thrown away.
/// User documentation: docs/rules/ownership-leak.rst
class LeakRule : public Rule {
public:
  using Rule::Rule;
  void configure(config::RuleOptions &Options) override;
  void configureModel(model::ModelOptions &Options) const override;
  void check(const analysis::FunctionAnalysis &FA, report::FindingSink &Sink) override;

private:
  /// `ownership-leak.ConstPointerArgumentsEscape`: a pointer passed to a
  /// pointer-to-const parameter of a function whose body is not visible is handed over.
  bool ConstPointerArgumentsEscape = false;
  /// `ownership-leak.OwningMembers`: `Class::member` globs of members that own what they
  /// point to, beyond those inferred (rules/OwningMembers.h).
  std::vector<std::string> OwningMembers;
};

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_LEAKRULE_H
