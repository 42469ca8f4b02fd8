//===- Profile.cpp - Where a run's time goes, for --profile ---------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/passes/Profile.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"

namespace ownership::passes {

AnalysisProfile::Phase AnalysisProfile::switchTo(Phase P) {
  llvm::TimeRecord Now = llvm::TimeRecord::getCurrentTime(/*Start=*/false);
  if (Current != Phase::None) {
    llvm::TimeRecord Spent = Now;
    Spent -= Since;
    Times[unsigned(Current)] += Spent;
  }
  Since = Now;
  Phase Was = Current;
  Current = P;
  return Was;
}

llvm::StringRef AnalysisProfile::describe(Phase P) {
  switch (P) {
  case Phase::None:
    return "none";
  case Phase::Parse:
    return "parsing (clang)";
  case Phase::Lowering:
    return "control-flow graphs and facts";
  case Phase::Moves:
    return "moved-from pass";
  case Phase::Borrows:
    return "borrow pass";
  case Phase::Heap:
    return "heap pass";
  case Phase::Rules:
    return "rules";
  case Phase::Traversal:
    return "finding functions, summaries";
  }
  llvm_unreachable("unknown phase");
}

void AnalysisProfile::printAndReset(llvm::raw_ostream &OS, llvm::StringRef File) {
  llvm::StringMap<llvm::TimeRecord> Records;
  for (unsigned I = unsigned(Phase::Parse); I < NumPhases; ++I)
    Records[describe(Phase(I))] = Times[I];
  llvm::TimerGroup("ownership-checker", (llvm::Twine("ownership-checker profile of ") + File).str(),
                   Records)
      .print(OS);
  Times = {};
}

} // namespace ownership::passes
