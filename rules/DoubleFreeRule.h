//===- DoubleFreeRule.h - ownership-double-free ---------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_DOUBLEFREERULE_H
#define OWNERSHIP_CHECKER_RULES_DOUBLEFREERULE_H

#include "rules/Rule.h"

namespace ownership::rules {

/// Flags a release of memory that was already released (or adopted by a smart pointer)
/// on some path, through the same pointer or an alias.
/// User documentation: docs/rules/ownership-double-free.rst
class DoubleFreeRule : public Rule {
public:
  using Rule::Rule;
  void check(const analysis::FunctionAnalysis &FA, report::FindingSink &Sink) override;
};

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_DOUBLEFREERULE_H
