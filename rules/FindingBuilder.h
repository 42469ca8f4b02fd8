//===- FindingBuilder.h - How a rule reports what it found ----------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Every rule reports through one small builder: it names the rule and the enclosing
// function once, and each report() starts a finding at the offending operation, to which
// notes (the causes, in causal order) and fix-its are added; the finding goes to the sink
// when the Report is destroyed, at the end of its statement or scope, as a clang
// DiagnosticBuilder does.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_FINDINGBUILDER_H
#define OWNERSHIP_CHECKER_RULES_FINDINGBUILDER_H

#include "checker/analysis/FunctionAnalysis.h"
#include "checker/report/FindingSink.h"
#include "checker/support/ClangCompat.h"

#include <string>

namespace ownership::rules {

/// One finding being built; reported to the sink when it is destroyed.
class Report {
public:
  Report(report::FindingSink &Sink, report::Finding F) : Sink(&Sink), F(std::move(F)) {}
  Report(Report &&O) noexcept : Sink(O.Sink), F(std::move(O.F)) { O.Sink = nullptr; }
  Report(const Report &) = delete;
  Report &operator=(const Report &) = delete;
  ~Report() {
    if (Sink)
      Sink->report(std::move(F));
  }

  /// Marks the finding as holding on some paths only ("may").
  Report &maybe(bool OnSomePathsOnly = true) {
    F.Level = OnSomePathsOnly ? report::Confidence::Maybe : report::Confidence::Definite;
    return *this;
  }
  /// Adds a note at an event that made the finding wrong.
  Report &note(clang::SourceLocation Loc, std::string Message) {
    F.Notes.push_back({Loc, std::move(Message)});
    return *this;
  }
  /// Adds an edit of the fix; all of a finding's edits are applied, or none.
  Report &fix(clang::CharSourceRange Range, std::string Text) {
    F.Fixes.push_back({Range, std::move(Text)});
    return *this;
  }

private:
  report::FindingSink *Sink;
  report::Finding F;
};

/// Starts the findings of one rule in one function (or one class, for whole-unit rules).
class FindingBuilder {
public:
  FindingBuilder(llvm::StringRef RuleId, const analysis::FunctionAnalysis &FA,
                 report::FindingSink &Sink)
      : FindingBuilder(RuleId, compat::qualifiedName(FA.decl()), Sink) {}
  FindingBuilder(llvm::StringRef RuleId, std::string Function, report::FindingSink &Sink)
      : RuleId(RuleId), Function(std::move(Function)), Sink(Sink) {}

  /// A finding at \p Loc, the offending operation, definite unless maybe() is called.
  [[nodiscard]] Report report(clang::SourceLocation Loc, std::string Message) const {
    report::Finding F;
    F.RuleId = RuleId;
    F.Loc = Loc;
    F.Message = std::move(Message);
    F.Function = Function;
    return Report(Sink, std::move(F));
  }

private:
  llvm::StringRef RuleId;
  std::string Function;
  report::FindingSink &Sink;
};

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_FINDINGBUILDER_H
