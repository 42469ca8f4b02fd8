//===- SharedPtrCycleRule.h - ownership-shared-ptr-cycle ------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_SHAREDPTRCYCLERULE_H
#define OWNERSHIP_CHECKER_RULES_SHAREDPTRCYCLERULE_H

#include "rules/Rule.h"

namespace ownership::rules {

/// Flags std::shared_ptr ownership cycles, which reference counting never frees: between
/// classes whose members own each other, and in code that links two objects both ways or
/// stores in an object a lambda that holds the object.
/// User documentation: docs/rules/ownership-shared-ptr-cycle.rst
class SharedPtrCycleRule : public Rule {
public:
  using Rule::Rule;
  void check(const analysis::FunctionAnalysis &FA, report::FindingSink &Sink) override;
  void checkTranslationUnit(const analysis::UnitAnalysis &Unit, report::FindingSink &Sink) override;
};

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_SHAREDPTRCYCLERULE_H
