//===- UseAfterMoveRule.h - ownership-use-after-move ----------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_USEAFTERMOVERULE_H
#define OWNERSHIP_CHECKER_RULES_USEAFTERMOVERULE_H

#include "rules/Rule.h"

namespace ownership::rules {

/// Flags uses of a local object, parameter or member after it was moved from, with no
/// reinitialization in between, like rustc's E0382.
/// User documentation: docs/rules/ownership-use-after-move.rst
class UseAfterMoveRule : public Rule {
public:
  using Rule::Rule;
  void check(const analysis::FunctionAnalysis &FA, report::FindingSink &Sink) override;
};

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_USEAFTERMOVERULE_H
