//===- AnalysisBudget.h - What one function's analysis may spend ----------===//
//
// Part of ownership-checker, under the MIT license.
//
// One pathological function (generated code, a 20,000-line switch) must not stall a
// whole run. Every pass over a function draws on one budget of steps (a fact lowered or
// applied, a block visited) and of memory (bytes allocated since the function's analysis
// began). When either runs out, the function is skipped and the front end says so.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_PASSES_ANALYSISBUDGET_H
#define OWNERSHIP_CHECKER_PASSES_ANALYSISBUDGET_H

#include <cstdint>
#include <optional>
#include <string>

namespace ownership::passes {

class AnalysisProfile;

/// Bounds that keep one pathological function from stalling a whole run.
struct AnalysisLimits {
  /// Functions whose CFG has more blocks are skipped.
  unsigned MaxCfgBlocks = 20000;
  /// A dataflow pass gives up after this many block visits per CFG block.
  unsigned MaxVisitsPerBlock = 64;
  /// Steps (facts lowered and applied, blocks visited) that all passes over one
  /// function may take together; 0 is no limit (`--function-budget`).
  uint64_t MaxSteps = 20'000'000;
  /// Heap memory one function's analysis may allocate; 0 is no limit
  /// (`--function-memory-budget`, in MiB).
  uint64_t MaxBytes = uint64_t(2) << 30;
  /// Where the time goes (`--profile`); null when not profiling. Not a limit, but it
  /// travels with the limits to every analysis, callee summaries included.
  AnalysisProfile *Profile = nullptr;
};

/// The steps and memory left to the analysis of one function.
class AnalysisBudget {
public:
  /// \p MaxSteps and \p MaxBytes of 0 mean no limit.
  AnalysisBudget(uint64_t MaxSteps, uint64_t MaxBytes);

  /// Spends \p N steps. Returns false once the steps or the memory are exhausted; from
  /// then on every call returns false.
  bool charge(uint64_t N = 1);
  bool exhausted() const { return Exhausted != Resource::None; }
  uint64_t stepsUsed() const { return Steps; }
  /// Why the budget ran out, for the skip note: "it needed more than 1000 steps".
  std::string describeExhaustion() const;

  /// Bytes the process has allocated on the heap and not freed; 0 where the C library
  /// cannot say (then only steps are limited).
  static uint64_t heapBytesInUse();

  /// Reading the allocator's statistics walks its free lists, so memory is looked at
  /// once every MemoryCheckInterval steps, and only functions that reach
  /// MemoryBaselineSteps steps look at it at all: reading it once per function made a
  /// unit of thousands of small functions (template instantiations) quadratic. What the
  /// first MemoryBaselineSteps steps allocate is not counted.
  static constexpr uint64_t MemoryBaselineSteps = 2048;
  static constexpr uint64_t MemoryCheckInterval = 4096;

private:
  enum class Resource { None, Steps, Memory };

  uint64_t MaxSteps;
  uint64_t MaxBytes;
  uint64_t Steps = 0;
  /// Heap in use when memory started to count; read at the first charge that reaches
  /// MemoryBaselineSteps.
  std::optional<uint64_t> StartBytes;
  uint64_t NextMemoryCheck;
  Resource Exhausted = Resource::None;
};

} // namespace ownership::passes

#endif // OWNERSHIP_CHECKER_PASSES_ANALYSISBUDGET_H
