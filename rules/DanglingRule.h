//===- DanglingRule.h - ownership-dangling --------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_DANGLINGRULE_H
#define OWNERSHIP_CHECKER_RULES_DANGLINGRULE_H

#include "rules/Rule.h"

namespace ownership::rules {

/// Flags a reference, pointer, view, iterator or by-reference lambda that is used after
/// the local or temporary it borrows from was destroyed, or returned while borrowing from
/// one, like rustc's E0597, E0515 and E0716.
/// User documentation: docs/rules/ownership-dangling.rst
class DanglingRule : public Rule {
public:
  using Rule::Rule;
  void check(const analysis::FunctionAnalysis &FA, report::FindingSink &Sink) override;
};

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_DANGLINGRULE_H
