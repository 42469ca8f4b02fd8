//===- Rule.h - The interface every rule implements -----------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// A rule reads the states of a FunctionAnalysis and reports Findings. It holds no
// analysis of its own and never prints.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_RULE_H
#define OWNERSHIP_CHECKER_RULES_RULE_H

#include "checker/analysis/FunctionAnalysis.h"
#include "checker/analysis/UnitAnalysis.h"
#include "checker/config/RuleOptions.h"
#include "checker/report/FindingSink.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace ownership::rules {

/// One rule, registered under its id (`ownership-<name>`).
class Rule {
public:
  explicit Rule(llvm::StringRef Id) : Id(Id.str()) {}
  virtual ~Rule();

  llvm::StringRef id() const { return Id; }
  /// Reads this rule's options (`<rule-id>.<Name>`) and stores back the values it uses,
  /// for --dump-config. Called once, before any check(). The default has no options.
  virtual void configure(config::RuleOptions &Options) {}
  /// Adds to \p Options the choices this rule's options make about what calls do (the
  /// call-effects model is shared by every rule of a run). Called after configure(). The
  /// default makes none.
  virtual void configureModel(model::ModelOptions &Options) const {}
  /// Reports this rule's findings in one analysed function.
  /// Precondition: !FA.isSkipped().
  virtual void check(const analysis::FunctionAnalysis &FA, report::FindingSink &Sink) = 0;
  /// Reports findings about the translation unit as a whole (its types rather than one
  /// function body). Called once per translation unit, after check() has seen every
  /// function in scope. The default reports nothing.
  virtual void checkTranslationUnit(const analysis::UnitAnalysis &Unit, report::FindingSink &Sink) {
  }

private:
  std::string Id;
};

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_RULE_H
