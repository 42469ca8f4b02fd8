//===- FindingSink.cpp - Where rules send their findings ------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/report/FindingSink.h"

#include <algorithm>
#include <tuple>

using namespace clang;

namespace ownership {

FindingSink::~FindingSink() = default;

void FindingCollector::beginTranslationUnit(const SourceManager &NewSM, LocationFilter F) {
  SM = &NewSM;
  Filter = std::move(F);
}

void FindingCollector::endTranslationUnit() {
  SM = nullptr;
  Filter = nullptr;
}

ResolvedLocation FindingCollector::resolve(const SourceManager &SM, SourceLocation Loc) {
  ResolvedLocation R;
  if (Loc.isInvalid())
    return R;
  SourceLocation FileLoc = SM.getFileLoc(Loc);
  PresumedLoc P = SM.getPresumedLoc(FileLoc, /*UseLineDirectives=*/false);
  if (P.isInvalid())
    return R;
  R.File = P.getFilename();
  R.Line = P.getLine();
  R.Column = P.getColumn();
  std::pair<FileID, unsigned> Decomposed = SM.getDecomposedLoc(FileLoc);
  R.Offset = Decomposed.second;
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(Decomposed.first, &Invalid);
  if (!Invalid && Decomposed.second <= Buffer.size()) {
    size_t Start = Buffer.rfind('\n', Decomposed.second == 0 ? 0 : Decomposed.second - 1);
    Start = (Start == llvm::StringRef::npos || Decomposed.second == 0) ? 0 : Start + 1;
    size_t End = Buffer.find_first_of("\r\n", Decomposed.second);
    R.SourceLine = Buffer.slice(Start, End).str();
  }
  return R;
}

void FindingCollector::report(Finding F) {
  assert(SM && "report() outside of a translation unit");
  if (Filter && !Filter(SM->getFileLoc(F.Loc)))
    return;
  ResolvedFinding R;
  R.RuleId = F.RuleId.str();
  R.Level = F.Level;
  R.Loc = resolve(*SM, F.Loc);
  R.Message = std::move(F.Message);
  R.Function = std::move(F.Function);
  for (Note &N : F.Notes)
    R.Notes.push_back({resolve(*SM, N.Loc), std::move(N.Message)});
  Findings.push_back(std::move(R));
}

std::vector<ResolvedFinding> FindingCollector::takeSorted() {
  auto Key = [](const ResolvedFinding &F) {
    return std::tie(F.Loc.File, F.Loc.Offset, F.RuleId, F.Message);
  };
  std::stable_sort(Findings.begin(), Findings.end(),
                   [&](const ResolvedFinding &A, const ResolvedFinding &B) {
                     return Key(A) < Key(B);
                   });
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [&](const ResolvedFinding &A, const ResolvedFinding &B) {
                               return Key(A) == Key(B);
                             }),
                 Findings.end());
  return std::move(Findings);
}

} // namespace ownership
