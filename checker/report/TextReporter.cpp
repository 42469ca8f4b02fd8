//===- TextReporter.cpp - clang-style text output -------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/report/TextReporter.h"

#include <fmt/format.h>

#include <algorithm>

namespace ownership::report {
namespace {

/// Blanks that reach column \p Column of \p Line (1-based). Tabs are kept, so that what
/// follows lines up however the terminal expands them.
std::string padTo(llvm::StringRef Line, unsigned Column) {
  std::string Pad;
  for (unsigned I = 0; I + 1 < Column; ++I)
    Pad += I < Line.size() && Line[I] == '\t' ? '\t' : ' ';
  return Pad;
}

/// The line clang prints under the caret for fix-its on the caret's line: each edit's
/// new text at the column where it applies (`[]` after `delete`). Edits on other lines,
/// or with a line break, are not shown, as clang does not show them.
std::string fixItLine(const ResolvedLocation &Loc, llvm::ArrayRef<ResolvedFix> Fixes) {
  if (Loc.Column == 0 || Loc.Offset + 1 < Loc.Column)
    return "";
  unsigned LineStart = Loc.Offset - (Loc.Column - 1);
  unsigned LineEnd = LineStart + Loc.SourceLine.size();
  std::string Line;
  unsigned Width = 0; // columns used so far, counting a tab as one
  for (const ResolvedFix &Fix : Fixes) {
    if (Fix.File != Loc.File || Fix.Offset < LineStart || Fix.Offset > LineEnd ||
        Fix.Text.empty() || llvm::StringRef(Fix.Text).find_first_of("\r\n") != llvm::StringRef::npos)
      continue;
    unsigned Column = Fix.Offset - LineStart + 1;
    // Overlapping texts are set one column apart, as clang does.
    if (Column <= Width)
      Column = Width + 2;
    Line += padTo(Loc.SourceLine, Column).substr(Width) + Fix.Text;
    Width = Column - 1 + Fix.Text.size();
  }
  return Line;
}

/// The source line, a caret under column \p Loc.Column, and the fix-it line if any.
void renderSnippet(const ResolvedLocation &Loc, llvm::ArrayRef<ResolvedFix> Fixes,
                   llvm::raw_ostream &OS, bool Color) {
  if (Loc.Line == 0)
    return;
  // The line number takes at least five columns, more from line 100000 on; the caret and
  // fix-it lines' gutters are as wide, so that every '|' lines up.
  std::string Number = std::to_string(Loc.Line);
  std::string Gutter(std::max<size_t>(Number.size(), 5) + 1, ' ');
  OS << fmt::format("{:>5} | {}\n", Number, Loc.SourceLine);
  OS << Gutter << "| " << padTo(Loc.SourceLine, std::min<size_t>(Loc.Column, Loc.SourceLine.size() + 1));
  if (Color)
    OS.changeColor(llvm::raw_ostream::GREEN, /*Bold=*/true);
  OS << "^";
  if (Color)
    OS.resetColor();
  OS << "\n";
  std::string FixIt = fixItLine(Loc, Fixes);
  if (FixIt.empty())
    return;
  OS << Gutter << "| ";
  if (Color)
    OS.changeColor(llvm::raw_ostream::GREEN);
  OS << FixIt;
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
    renderSnippet(F.Loc, F.Fixes, OS, Color);
    for (const ResolvedNote &N : F.Notes) {
      renderHeader(N.Loc, "note", N.Message, "", OS, Color);
      renderSnippet(N.Loc, {}, OS, Color);
    }
  }
}

} // namespace ownership::report
