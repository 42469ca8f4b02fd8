//===- AnalysisBudget.cpp - What one function's analysis may spend --------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/passes/AnalysisBudget.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ownership::passes {

AnalysisBudget::AnalysisBudget(uint64_t MaxSteps, uint64_t MaxBytes)
    : MaxSteps(MaxSteps), MaxBytes(MaxBytes), NextMemoryCheck(MemoryBaselineSteps) {}

bool AnalysisBudget::charge(uint64_t N) {
  if (exhausted())
    return false;
  Steps += N;
  if (MaxSteps && Steps > MaxSteps) {
    Exhausted = Resource::Steps;
    return false;
  }
  if (MaxBytes && Steps >= NextMemoryCheck) {
    NextMemoryCheck = Steps + MemoryCheckInterval;
    uint64_t Now = heapBytesInUse();
    if (!StartBytes) {
      StartBytes = Now;
      return true;
    }
    if (Now > *StartBytes && Now - *StartBytes > MaxBytes) {
      Exhausted = Resource::Memory;
      return false;
    }
  }
  return true;
}

std::string AnalysisBudget::describeExhaustion() const {
  switch (Exhausted) {
  case Resource::None:
    return "";
  case Resource::Steps:
    return "its analysis needed more than " + std::to_string(MaxSteps) +
           " steps (see --function-budget)";
  case Resource::Memory:
    return "its analysis needed more than " + std::to_string(MaxBytes >> 20) +
           " MiB of memory (see --function-memory-budget)";
  }
  return "";
}

uint64_t AnalysisBudget::heapBytesInUse() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  struct mallinfo2 Info = mallinfo2();
  // Small blocks come from the arenas (uordblks); large ones are mmapped (hblkhd).
  return Info.uordblks + Info.hblkhd;
#else
  return 0;
#endif
}

} // namespace ownership::passes
