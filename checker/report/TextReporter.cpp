//===- TextReporter.cpp - clang-style text output -------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/report/TextReporter.h"

#include <fmt/format.h>

namespace ownership {
namespace {

/// The source line and a caret under column \p Loc.Column. Tabs before the caret are
/// kept, so that the caret lines up however the terminal expands them.
void renderSnippet(const ResolvedLocation &Loc, llvm::raw_ostream &OS, bool Color) {
  if (Loc.Line == 0)
    return;
  OS << fmt::format("{:>5} | {}\n", Loc.Line, Loc.SourceLine);
  std::string Pad;
  for (unsigned I = 0; I + 1 < Loc.Column && I < Loc.SourceLine.size(); ++I)
    Pad += Loc.SourceLine[I] == '\t' ? '\t' : ' ';
  OS << "      | " << Pad;
  if (Color)
    OS.changeColor(llvm::raw_ostream::GREEN, /*Bold=*/true);
  OS << "^";
  if (Color)
    OS.resetColor();
  OS << "\n";
}

void renderHeader(const ResolvedLocation &Loc, llvm::StringRef Kind, llvm::StringRef Message,
                  llvm::StringRef RuleId, llvm::raw_ostream &OS, bool Color) {
  if (Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  if (Loc.Line != 0)
    OS << Loc.File << ":" << Loc.Line << ":" << Loc.Column << ": ";
  if (Color)
    OS.changeColor(Kind == "warning" ? llvm::raw_ostream::MAGENTA
                   : Kind == "error" ? llvm::raw_ostream::RED
                                     : llvm::raw_ostream::BLACK,
                   /*Bold=*/true);
  OS << Kind << ": ";
  if (Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << Message;
  if (!RuleId.empty())
    OS << " [" << RuleId << "]";
  if (Color)
    OS.resetColor();
  OS << "\n";
}

} // namespace

void renderText(llvm::ArrayRef<ResolvedFinding> Findings, llvm::raw_ostream &OS, bool Color) {
  for (const ResolvedFinding &F : Findings) {
    renderHeader(F.Loc, F.IsError ? "error" : "warning", F.Message, F.RuleId, OS, Color);
    renderSnippet(F.Loc, OS, Color);
    for (const ResolvedNote &N : F.Notes) {
      renderHeader(N.Loc, "note", N.Message, "", OS, Color);
      renderSnippet(N.Loc, OS, Color);
    }
  }
}

} // namespace ownership
