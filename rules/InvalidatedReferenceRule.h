//===- InvalidatedReferenceRule.h - ownership-invalidated-reference -------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_INVALIDATEDREFERENCERULE_H
#define OWNERSHIP_CHECKER_RULES_INVALIDATEDREFERENCERULE_H

#include "rules/Rule.h"

namespace ownership::rules {

/// Flags a reference, pointer, iterator or view into a container or string that is used
/// after an operation the standard says may invalidate it (`push_back`, `erase`, `clear`,
/// ...), like rustc's E0502 for a mutation while a borrow is alive.
/// User documentation: docs/rules/ownership-invalidated-reference.rst
class InvalidatedReferenceRule : public Rule {
public:
  using Rule::Rule;
  void configure(config::RuleOptions &Options) override;
  void configureModel(model::ModelOptions &Options) const override;
  void check(const analysis::FunctionAnalysis &FA, report::FindingSink &Sink) override;

private:
  /// `ownership-invalidated-reference.ContainerModels`: the classes outside namespace std
  /// that have a standard container's guarantees.
  model::ContainerModels Containers = model::ContainerModels::defaults();
};

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_INVALIDATEDREFERENCERULE_H
