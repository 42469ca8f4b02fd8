//===- FindingSink.cpp - Where rules send their findings ------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/report/FindingSink.h"

#include "clang/Lex/Lexer.h"

#include <algorithm>
#include <tuple>

using namespace clang;

namespace ownership::report {

FindingSink::~FindingSink() = default;

void FindingCollector::beginTranslationUnit(const SourceManager &NewSM, LocationFilter F,
                                            const LangOptions *NewLangOpts) {
  SM = &NewSM;
  Filter = std::move(F);
  DefaultLangOpts = LangOptions();
  DefaultLangOpts.CPlusPlus = DefaultLangOpts.CPlusPlus11 = true;
  LangOpts = NewLangOpts ? NewLangOpts : &DefaultLangOpts;
  Directives.clear();
}

const NoLintDirectives &FindingCollector::directivesOf(FileID File) {
  std::unique_ptr<NoLintDirectives> &D = Directives[File];
  if (!D) {
    bool Invalid = false;
    llvm::StringRef Buffer = SM->getBufferData(File, &Invalid);
    D = std::make_unique<NoLintDirectives>(Invalid ? llvm::StringRef() : Buffer);
  }
  return *D;
}

void FindingCollector::endTranslationUnit() {
  if (HonorNoLint) {
    FileID Main = SM->getMainFileID();
    if (Main.isValid())
      directivesOf(Main);
    // A suppression comment that is not understood is worth an error: the user believes
    // something is silenced that is not.
    for (auto &[File, D] : Directives)
      for (const NoLintDirectives::Problem &P : D->problems()) {
        ResolvedFinding R;
        R.RuleId = NoLintProblemId.str();
        R.Loc = resolve(*SM, SM->getComposedLoc(File, P.Offset));
        R.Message = P.Message;
        R.IsError = true;
        Findings.push_back(std::move(R));
      }
  }
  Directives.clear();
  SM = nullptr;
  Filter = nullptr;
  LangOpts = nullptr;
}

std::vector<ResolvedFix> FindingCollector::resolveFixes(const SourceManager &SM,
                                                        const LangOptions &LangOpts,
                                                        llvm::ArrayRef<FixIt> Fixes) {
  std::vector<ResolvedFix> Result;
  for (const FixIt &Fix : Fixes) {
    // Like clang-tidy, never edit through a macro: the edit would change every
    // expansion, and the spelling may not be where the finding is.
    SourceLocation Begin = Fix.Range.getBegin(), End = Fix.Range.getEnd();
    if (Begin.isInvalid() || End.isInvalid() || Begin.isMacroID() || End.isMacroID())
      return {};
    std::pair<FileID, unsigned> B = SM.getDecomposedLoc(Begin), E = SM.getDecomposedLoc(End);
    if (B.first != E.first)
      return {};
    unsigned EndOffset = E.second;
    if (Fix.Range.isTokenRange())
      EndOffset += Lexer::MeasureTokenLength(End, SM, LangOpts);
    if (EndOffset < B.second)
      return {};
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(B.first);
    if (!Entry)
      return {};
    ResolvedFix R;
    R.File = Entry->getName().str();
    R.Offset = B.second;
    R.Length = EndOffset - B.second;
    R.Text = Fix.Text;
    Result.push_back(std::move(R));
  }
  return Result;
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
  SourceLocation FileLoc = SM->getFileLoc(F.Loc);
  if (Filter && !Filter(FileLoc))
    return;
  if (HonorNoLint && FileLoc.isValid()) {
    std::pair<FileID, unsigned> At = SM->getDecomposedLoc(FileLoc);
    if (directivesOf(At.first).suppresses(F.RuleId, At.second)) {
      ++Suppressed;
      return;
    }
  }
  ResolvedFinding R;
  R.RuleId = F.RuleId.str();
  R.Level = F.Level;
  R.Loc = resolve(*SM, F.Loc);
  R.Message = std::move(F.Message);
  R.Function = std::move(F.Function);
  R.FunctionAnchor = std::move(F.FunctionAnchor);
  for (Note &N : F.Notes)
    R.Notes.push_back({resolve(*SM, N.Loc), std::move(N.Message)});
  R.Fixes = resolveFixes(*SM, *LangOpts, F.Fixes);
  Findings.push_back(std::move(R));
}

std::vector<ResolvedFinding> FindingCollector::takeSorted() {
  sortAndDeduplicate(Findings);
  return std::move(Findings);
}

void FindingCollector::sortAndDeduplicate(std::vector<ResolvedFinding> &Findings) {
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
}

} // namespace ownership::report
