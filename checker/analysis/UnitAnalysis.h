//===- UnitAnalysis.h - The analysis of one translation unit --------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Owns what the analyses of one translation unit share: the call-effects model, the table
// of function summaries it reads, and the limits. run() analyses the functions asked for
// bottom-up over the unit's call graph: a function after the callees whose summaries its
// lowering asks for, each exactly once, its summary derived from that one analysis. A call
// cycle is cut, not re-entered: the function of the cycle analysed first sees the others
// as having no summary (the model's sound default).
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_ANALYSIS_UNITANALYSIS_H
#define OWNERSHIP_CHECKER_ANALYSIS_UNITANALYSIS_H

#include "checker/analysis/FunctionAnalysis.h"
#include "checker/model/CallEffects.h"
#include "checker/model/Summary.h"
#include "checker/passes/SharedOwnership.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>
#include <vector>

namespace ownership::analysis {

/// The analysis of one translation unit; see the file comment.
class UnitAnalysis : public model::SummaryLookup {
public:
  UnitAnalysis(clang::ASTContext &Ctx, const passes::AnalysisLimits &Limits = {},
               model::ModelOptions Options = {});
  ~UnitAnalysis() override;

  /// Analyses each function of \p Functions (definitions with bodies) once, after the
  /// callees it needs, and hands each analysis to \p OnAnalysed. Callees outside
  /// \p Functions are analysed only as far as their summaries need and not handed over.
  void run(llvm::ArrayRef<const clang::FunctionDecl *> Functions,
           llvm::function_ref<void(const FunctionAnalysis &)> OnAnalysed);

  /// Analyses \p FD alone, after the callees it needs, and returns its analysis.
  std::unique_ptr<FunctionAnalysis> analyzeOne(const clang::FunctionDecl *FD);

  const UnitContext &context() const { return Unit; }
  const model::CallEffectsModel &model() const { return Model; }
  /// Which members of the unit's classes own what they point to.
  const ClassOwnership &classOwnership() const { return Classes; }
  clang::ASTContext &astContext() const { return Ctx; }
  const model::FunctionSummary *summaryOf(const clang::FunctionDecl *Def) const override;

  /// The classes of the unit and how their members own each other, built on first use
  /// (for the whole-unit rules).
  const passes::TypeOwnershipGraph &typeOwnership() const;

private:
  struct Node;
  class Scheduler;

  /// Analyses \p N once its callees are done, with its summary when it has callers;
  /// returns the analysis when \p Keep, else hands it to \p OnAnalysed when N was asked for.
  std::unique_ptr<FunctionAnalysis>
  process(Node &N, bool Keep, llvm::function_ref<void(const FunctionAnalysis &)> OnAnalysed);

  clang::ASTContext &Ctx;
  model::CallEffectsModel Model;
  ClassOwnership Classes;
  UnitContext Unit;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<model::FunctionSummary>> Summaries;
  mutable std::unique_ptr<passes::TypeOwnershipGraph> Types;
};

} // namespace ownership::analysis

#endif // OWNERSHIP_CHECKER_ANALYSIS_UNITANALYSIS_H
