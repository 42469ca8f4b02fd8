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

#include "checker/passes/AnalysisBudget.h"
#include "checker/passes/Borrows.h"
#include "checker/model/Facts.h"
#include "checker/passes/Heap.h"
#include "checker/analysis/HeapSummaries.h"
#include "checker/lowering/Lifetimebound.h"
#include "checker/passes/Moves.h"
#include "checker/lowering/Summaries.h"

#include "clang/AST/ParentMap.h"

#include <memory>
#include <string>

namespace ownership::analysis {

/// The analysis of one function body.
class FunctionAnalysis {
public:
  /// Analyses \p D, a function, method, constructor, destructor or lambda call operator
  /// with a body. When the function cannot be analysed, the result isSkipped().
  /// \p HeapSums, when given, lets the heap facts follow calls into functions whose
  /// bodies are visible (which parameters they free, whether they return new memory).
  /// \p Lifetimes, when given, is the translation unit's cache of which arguments a
  /// callee's returned reference borrows from; otherwise the analysis keeps its own.
  FunctionAnalysis(const clang::FunctionDecl *D, clang::ASTContext &Ctx,
                   lowering::CalleeSummaries &Summaries, const passes::AnalysisLimits &Limits = {},
                   HeapSummaries *HeapSums = nullptr,
                   lowering::LifetimeSummaries *Lifetimes = nullptr);
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
  std::unique_ptr<clang::CFG> Cfg;
  std::unique_ptr<clang::ParentMap> Parents;
  model::ObjectTable Objects;
  std::unique_ptr<model::FactManager> Facts;
  mutable std::unique_ptr<passes::MoveAnalysis> Moves;
  mutable std::unique_ptr<passes::HeapAnalysis> Heap;
  mutable std::unique_ptr<passes::BorrowAnalysis> Borrows;
  std::unique_ptr<lowering::LifetimeSummaries> OwnLifetimes;
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
