//===- HeapSummaries.h - What callees do with heap memory -----------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Per translation unit, bottom-up and on demand: for a function whose body is visible,
// which pointer parameters it frees on every path, which it hands elsewhere (stores,
// frees on some paths only, passes on), and whether it returns a fresh allocation. A
// summary is computed by running the heap analysis on the callee itself; a call cycle
// is cut by treating the function being summarised as unknown.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_ANALYSIS_HEAPSUMMARIES_H
#define OWNERSHIP_CHECKER_ANALYSIS_HEAPSUMMARIES_H

#include "checker/passes/AnalysisBudget.h"
#include "checker/model/Facts.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <memory>
#include <optional>
#include <vector>

namespace ownership::lowering {
class CalleeSummaries;
}
namespace ownership::lowering {
class LifetimeSummaries;
}

namespace ownership::analysis {

class FunctionAnalysis;

/// What a function does with the memory its pointer parameters point to.
struct HeapSummary {
  enum class ParamEffect : uint8_t {
    None,    ///< Reads or writes through it at most; the caller still owns it.
    Frees,   ///< Releases it on every path that returns.
    Escapes, ///< Keeps it, passes it on, or frees it on some paths: ownership is unclear.
  };
  std::vector<ParamEffect> Params;
  /// The family of the release, for Frees parameters.
  std::vector<model::AllocFamily> ParamFamilies;
  /// Set when every return hands back a fresh allocation (or null), of this family.
  std::optional<model::AllocFamily> ReturnsFresh;
};

/// Summaries of the functions of one translation unit, computed on demand and cached.
class HeapSummaries {
public:
  /// Callees are analysed within \p Limits, the run's, and with \p Lifetimes, the
  /// translation unit's cache of lifetimebound parameters (null: each analysis keeps
  /// its own).
  explicit HeapSummaries(lowering::CalleeSummaries &Callees,
                         const passes::AnalysisLimits &Limits = {},
                         lowering::LifetimeSummaries *Lifetimes = nullptr)
      : Callees(Callees), Limits(Limits), Lifetimes(Lifetimes) {}

  /// The summary of \p Callee; null when its body is not visible, it lives in a system
  /// header, it is virtual, or it is being summarised already (recursion).
  const HeapSummary *get(const clang::FunctionDecl *Callee);

  /// Keeps the summary of \p FA's function, already analysed with these summaries,
  /// limits and lifetimes and with its heap pass run, so that a later call to it does
  /// not analyse its body a second time.
  void remember(const FunctionAnalysis &FA);

private:
  lowering::CalleeSummaries &Callees;
  passes::AnalysisLimits Limits;
  lowering::LifetimeSummaries *Lifetimes;
  /// Null for functions that cannot be summarised. Heap-allocated so that pointers to
  /// summaries stay valid while the map grows.
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<HeapSummary>> Cache;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
};

} // namespace ownership::analysis

#endif // OWNERSHIP_CHECKER_ANALYSIS_HEAPSUMMARIES_H
