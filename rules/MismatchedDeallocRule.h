//===- MismatchedDeallocRule.h - ownership-mismatched-dealloc -------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_MISMATCHEDDEALLOCRULE_H
#define OWNERSHIP_CHECKER_RULES_MISMATCHEDDEALLOCRULE_H

#include "rules/Rule.h"

namespace ownership::rules {

/// Flags memory released by a deallocator of another family than its allocator:
/// `new[]` with `delete`, `new` with `delete[]` or `free`, `malloc` with `delete`.
/// User documentation: docs/rules/ownership-mismatched-dealloc.rst
class MismatchedDeallocRule : public Rule {
public:
  using Rule::Rule;
  void check(const analysis::FunctionAnalysis &FA, report::FindingSink &Sink) override;
};

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_MISMATCHEDDEALLOCRULE_H
