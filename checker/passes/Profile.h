//===- Profile.h - Where a run's time goes, for --profile -----------------===//
//
// Part of ownership-checker, under the MIT license.
//
// `--profile` answers the question a user asks when a run is slow: is it clang's parse,
// or which part of the analysis? Time is charged to one phase at a time: a phase that
// starts inside another (a rule asking for the borrow pass, a callee's summary computed
// while a caller is lowered) pauses the outer one, so the phases add up to the total.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_PASSES_PROFILE_H
#define OWNERSHIP_CHECKER_PASSES_PROFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/raw_ostream.h"

#include <array>

namespace ownership::passes {

class AnalysisProfile {
public:
  enum class Phase {
    None,      ///< not charged: outside any profiled work
    Parse,     ///< clang's preprocessor, parser and semantic analysis
    Lowering,  ///< control-flow graphs, objects and facts
    Moves,     ///< the moved-from dataflow pass
    Borrows,   ///< the borrow dataflow pass
    Heap,      ///< the heap dataflow pass
    Rules,     ///< the rules turning states into findings
    Traversal, ///< finding the functions to analyse, summaries' bookkeeping
  };
  static constexpr unsigned NumPhases = unsigned(Phase::Traversal) + 1;

  /// Charges the time since the last switch to the current phase, then makes \p P
  /// current. Returns the phase that was current.
  Phase switchTo(Phase P);

  /// Seconds of user+system time charged to \p P so far.
  double processSeconds(Phase P) const { return Times[unsigned(P)].getProcessTime(); }

  /// Prints the phases as LLVM's timer report (the format of clang-tidy's
  /// --enable-check-profile), titled with \p File, and clears them.
  void printAndReset(llvm::raw_ostream &OS, llvm::StringRef File);

  static llvm::StringRef describe(Phase P);

private:
  std::array<llvm::TimeRecord, NumPhases> Times;
  llvm::TimeRecord Since;
  Phase Current = Phase::None;
};

/// Charges the time of a scope to one phase, pausing the phase it interrupts. A null
/// profile makes it do nothing, which is the case unless --profile is given.
class ProfileScope {
public:
  ProfileScope(AnalysisProfile *Profile, AnalysisProfile::Phase P)
      : Profile(Profile), Outer(Profile ? Profile->switchTo(P) : P) {}
  ~ProfileScope() {
    if (Profile)
      Profile->switchTo(Outer);
  }
  ProfileScope(const ProfileScope &) = delete;
  ProfileScope &operator=(const ProfileScope &) = delete;

private:
  AnalysisProfile *Profile;
  AnalysisProfile::Phase Outer;
};

} // namespace ownership::passes

#endif // OWNERSHIP_CHECKER_PASSES_PROFILE_H
