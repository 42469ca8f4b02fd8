//===- FixIts.cpp - Applying and exporting fix-its -------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/report/FixIts.h"

#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/YAMLTraits.h"

namespace ownership::report {
namespace {

std::string absolute(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return Abs.str().str();
}

/// Adds \p F's edits to \p ByFile, all or none. False when one overlaps an edit there.
bool addAll(const ResolvedFinding &F, llvm::StringMap<clang::tooling::Replacements> &ByFile) {
  llvm::StringMap<clang::tooling::Replacements> Trial = ByFile;
  for (const ResolvedFix &X : F.Fixes) {
    std::string File = absolute(X.File);
    if (llvm::Error E = Trial[File].add(
            clang::tooling::Replacement(File, X.Offset, X.Length, X.Text))) {
      llvm::consumeError(std::move(E));
      return false;
    }
  }
  ByFile = std::move(Trial);
  return true;
}

} // namespace

void writeFixesYaml(llvm::ArrayRef<ResolvedFinding> Findings, llvm::StringRef MainSourceFile,
                    llvm::StringRef BuildDirectory, llvm::raw_ostream &OS) {
  clang::tooling::TranslationUnitDiagnostics TU;
  TU.MainSourceFile = MainSourceFile.empty() ? "" : absolute(MainSourceFile);
  for (const ResolvedFinding &F : Findings) {
    if (F.Fixes.empty())
      continue;
    clang::tooling::DiagnosticMessage Message(F.Message);
    Message.FilePath = absolute(F.Loc.File);
    Message.FileOffset = F.Loc.Offset;
    llvm::StringMap<clang::tooling::Replacements> Fix;
    if (!addAll(F, Fix))
      continue; // a finding whose own edits overlap: no tool could apply it
    Message.Fix = std::move(Fix);
    llvm::SmallVector<clang::tooling::DiagnosticMessage, 1> Notes;
    for (const ResolvedNote &N : F.Notes) {
      clang::tooling::DiagnosticMessage NM(N.Message);
      NM.FilePath = absolute(N.Loc.File);
      NM.FileOffset = N.Loc.Offset;
      Notes.push_back(std::move(NM));
    }
    TU.Diagnostics.emplace_back(F.RuleId, Message, Notes,
                                F.IsError ? clang::tooling::Diagnostic::Error
                                          : clang::tooling::Diagnostic::Warning,
                                BuildDirectory);
  }
  llvm::yaml::Output Out(OS);
  Out << TU;
}

llvm::Expected<FixResult> applyFixes(llvm::ArrayRef<ResolvedFinding> Findings) {
  FixResult Result;
  llvm::StringMap<clang::tooling::Replacements> ByFile;
  for (const ResolvedFinding &F : Findings) {
    if (F.Fixes.empty())
      continue;
    if (addAll(F, ByFile))
      ++Result.Applied;
    else
      ++Result.Conflicts;
  }
  for (auto &Entry : ByFile) {
    llvm::StringRef File = Entry.getKey();
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    if (!Buffer)
      return llvm::createStringError(Buffer.getError(), "cannot read '%s' to fix it: %s",
                                     File.str().c_str(), Buffer.getError().message().c_str());
    llvm::Expected<std::string> Fixed =
        clang::tooling::applyAllReplacements((*Buffer)->getBuffer(), Entry.getValue());
    if (!Fixed)
      return Fixed.takeError();
    std::error_code EC;
    llvm::raw_fd_ostream Out(File, EC);
    if (EC)
      return llvm::createStringError(EC, "cannot write '%s' to fix it: %s", File.str().c_str(),
                                     EC.message().c_str());
    Out << *Fixed;
  }
  return Result;
}

} // namespace ownership::report
