//===- UseAfterFreeRule.h - ownership-use-after-free ----------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_USEAFTERFREERULE_H
#define OWNERSHIP_CHECKER_RULES_USEAFTERFREERULE_H

#include "rules/Rule.h"

namespace ownership::rules {

/// Flags a dereference, member access, index or call through a pointer whose memory was
/// released on some path, through the same pointer or an alias.
/// User documentation: docs/rules/ownership-use-after-free.rst
class UseAfterFreeRule : public Rule {
public:
  using Rule::Rule;
  void check(const analysis::FunctionAnalysis &FA, report::FindingSink &Sink) override;
};

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_USEAFTERFREERULE_H
