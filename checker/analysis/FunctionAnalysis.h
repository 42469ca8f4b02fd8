//===- FunctionAnalysis.h - Everything the core knows about one function --===//
//
// Part of ownership-checker, under the MIT license.
//
// Builds, once per function body, the CFG, the ownership graph and the facts, and runs
// the dataflow passes that rules ask for, lazily. Rules receive a const FunctionAnalysis
// and never walk the AST or the CFG themselves.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_ANALYSIS_FUNCTIONANALYSIS_H
#define OWNERSHIP_CHECKER_ANALYSIS_FUNCTIONANALYSIS_H

#include "checker/analysis/ClassOwnership.h"
#include "checker/model/CallEffects.h"
#include "checker/model/Facts.h"
#include "checker/passes/AnalysisBudget.h"
#include "checker/passes/Borrows.h"
#include "checker/passes/Heap.h"
#include "checker/passes/Moves.h"
#include "checker/passes/SharedOwnership.h"

#include "clang/AST/ParentMap.h"

#include <memory>
#include <string>

namespace ownership::analysis {

/// What the analyses of one translation unit share: the call-effects model (with the
/// unit's summaries behind it) and the limits of each function's analysis.
struct UnitContext {
  const model::CallEffectsModel &Model;
  passes::AnalysisLimits Limits;
  /// Which members of the unit's classes own what they point to; null when not computed.
  const ClassOwnership *Classes = nullptr;
};

/// The analysis of one function body.
class FunctionAnalysis {
public:
  /// Analyses \p D, a function, method, constructor, destructor or lambda call operator
  /// with a body, within the limits of \p Unit and asking its model what calls do. When
  /// the function cannot be analysed, the result isSkipped().
  FunctionAnalysis(const clang::FunctionDecl *D, clang::ASTContext &Ctx, const UnitContext &Unit);
  ~FunctionAnalysis();

  /// True when the function was not analysed (or not to the end); skipReason() says why.
  bool isSkipped() const { return !SkipReason.empty(); }
  llvm::StringRef skipReason() const { return SkipReason; }
  /// True when the function was skipped because it exceeded a limit (its size, the steps
  /// or memory of its budget), not because it does not compile: front ends report
  /// these, since a finding may have been lost.
  bool exceededLimits() const { return ExceededLimits; }
  /// The steps the analysis has taken so far (for `--dump` and tuning the budget).
  uint64_t stepsUsed() const { return Budget.stepsUsed(); }

  const clang::FunctionDecl *decl() const { return D; }
  clang::ASTContext &context() const { return Ctx; }
  const clang::CFG &cfg() const { return *Cfg; }
  const model::ObjectTable &objects() const { return Objects; }
  const model::FactManager &facts() const { return *Facts; }
  /// Which members of the unit's classes own what they point to; null when the unit
  /// did not compute it (some unit tests).
  const ClassOwnership *classOwnership() const { return Classes; }

  /// The moved-from states; null when the function is skipped or the pass ran out of
  /// budget (then skipReason() is set).
  const passes::MoveAnalysis *moves() const;
  /// The heap states (points-to, released, owned memory); null when the function is
  /// skipped or the pass ran out of budget (then skipReason() is set).
  const passes::HeapAnalysis *heap() const;
  /// The heap states if heap() has run and succeeded; null otherwise. Never runs it.
  const passes::HeapAnalysis *heapIfRun() const { return Heap.get(); }
  /// The borrow states (which loans each borrower holds, which loans ended); null when
  /// the function is skipped or the pass ran out of budget (then skipReason() is set).
  const passes::BorrowAnalysis *borrows() const;

  /// True when no path runs both \p Earlier and \p Later: a parameter the branches before
  /// one tested to have a value is known before the other to have another. False when the
  /// heap pass (which follows those tests) did not run to the end.
  bool exclusive(const model::Fact &Earlier, const model::Fact &Later) const;

  /// The std::shared_ptr cycles the function's stores close (no dataflow: computed from the
  /// SharedStore facts on first use); empty when the function is skipped.
  const std::vector<passes::SharedCycle> &sharedCycles() const;

  /// Calls \p Fn on every fact of every reachable block, in block order.
  template <typename Fn> void forEachFact(Fn &&F) const {
    for (const clang::CFGBlock *B : *Cfg)
      for (const model::Fact *Fa : Facts->factsOf(*B))
        F(*Fa);
  }

  /// Prints the CFG, the graph, the facts or the states, for `--dump`.
  enum class DumpKind { Cfg, Facts, States };
  void dump(llvm::raw_ostream &OS, DumpKind K) const;

private:
  const clang::FunctionDecl *D;
  clang::ASTContext &Ctx;
  passes::AnalysisLimits Limits;
  const ClassOwnership *Classes;
  std::unique_ptr<clang::CFG> Cfg;
  std::unique_ptr<clang::ParentMap> Parents;
  model::ObjectTable Objects;
  std::unique_ptr<model::FactManager> Facts;
  mutable std::unique_ptr<passes::MoveAnalysis> Moves;
  mutable std::unique_ptr<passes::HeapAnalysis> Heap;
  mutable std::unique_ptr<passes::BorrowAnalysis> Borrows;
  mutable std::optional<std::vector<passes::SharedCycle>> SharedCycles;
  mutable passes::AnalysisBudget Budget;
  mutable std::string SkipReason;
  mutable bool ExceededLimits = false;

  /// Marks the function skipped for exceeding a limit; \p Pass names what gave up.
  void overLimit(llvm::StringRef Pass) const;
  /// Runs the dataflow pass in \p Pass, made by \p Make, once and within the budget;
  /// null when the function is skipped or the pass gave up (\p Name says which).
  template <typename PassT, typename MakeFn>
  const PassT *runPass(std::unique_ptr<PassT> &Pass, llvm::StringRef Name, MakeFn Make) const;
};

} // namespace ownership::analysis

#endif // OWNERSHIP_CHECKER_ANALYSIS_FUNCTIONANALYSIS_H
