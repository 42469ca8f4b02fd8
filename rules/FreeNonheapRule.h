//===- FreeNonheapRule.h - ownership-free-nonheap -------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_FREENONHEAPRULE_H
#define OWNERSHIP_CHECKER_RULES_FREENONHEAPRULE_H

#include "rules/Rule.h"

namespace ownership::rules {

/// Flags `delete`/`free` of memory that is not on the heap: a local, a stack array,
/// a global or static variable, a string literal.
/// User documentation: docs/rules/ownership-free-nonheap.rst
class FreeNonheapRule : public Rule {
public:
  using Rule::Rule;
  void check(const analysis::FunctionAnalysis &FA, report::FindingSink &Sink) override;
};

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_FREENONHEAPRULE_H
