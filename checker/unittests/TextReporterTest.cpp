//===- TextReporterTest.cpp - clang-style rendering of findings -----------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/report/TextReporter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace ownership::report;

using ::testing::HasSubstr;

namespace ownership {
namespace {

ResolvedLocation at(unsigned Line, unsigned Column, std::string Text) {
  ResolvedLocation L;
  L.File = "orders.cpp";
  L.Line = Line;
  L.Column = Column;
  L.SourceLine = std::move(Text);
  return L;
}

std::string render(const std::vector<ResolvedFinding> &Findings, bool Color = false) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  if (Color)
    OS.enable_colors(true);
  renderText(Findings, OS, Color);
  return OS.str();
}

ResolvedFinding useAfterMove() {
  ResolvedFinding F;
  F.RuleId = "ownership-use-after-move";
  F.Loc = at(16, 24, "  for (int64_t order : orders)");
  F.Message = "'orders' used after it was moved";
  F.Notes.push_back({at(14, 11, "  archive(std::move(orders));"), "moved here"});
  return F;
}

TEST(TextReporterTest, WarningThenSnippetThenNotes) {
  EXPECT_EQ(render({useAfterMove()}),
            "orders.cpp:16:24: warning: 'orders' used after it was moved "
            "[ownership-use-after-move]\n"
            "   16 |   for (int64_t order : orders)\n"
            "      |                        ^\n"
            "orders.cpp:14:11: note: moved here\n"
            "   14 |   archive(std::move(orders));\n"
            "      |           ^\n");
}

TEST(TextReporterTest, CaretUnderTheFirstColumn) {
  ResolvedFinding F = useAfterMove();
  F.Loc = at(3, 1, "s.size();");
  F.Notes.clear();
  EXPECT_EQ(render({F}), "orders.cpp:3:1: warning: 'orders' used after it was moved "
                         "[ownership-use-after-move]\n"
                         "    3 | s.size();\n"
                         "      | ^\n");
}

TEST(TextReporterTest, TabsBeforeTheCaretAreKept) {
  ResolvedFinding F = useAfterMove();
  // Column 7 is the `s` after a tab, `use(` and another tab.
  F.Loc = at(9, 7, "\tuse(\ts);");
  F.Notes.clear();
  EXPECT_THAT(render({F}), HasSubstr("    9 | \tuse(\ts);\n"
                                     "      | \t    \t^\n"));
}

TEST(TextReporterTest, CaretPastTheEndOfTheLine) {
  // A location just after the last character (an implicit call at the end of a line)
  // still gets a caret, at the end of the padded text.
  ResolvedFinding F = useAfterMove();
  F.Loc = at(4, 4, "f()");
  F.Notes.clear();
  EXPECT_THAT(render({F}), HasSubstr("    4 | f()\n      |    ^\n"));
}

// From line 100000 on the gutter widens, on the caret line too, as clang's does.
TEST(TextReporterTest, LongLineNumbersWidenTheGutter) {
  ResolvedFinding F = useAfterMove();
  F.Loc = at(123456, 2, " x");
  F.Notes.clear();
  EXPECT_THAT(render({F}), HasSubstr("123456 |  x\n       |  ^\n"));
}

/// `delete Data;` at \p Column of line 5, with the fix-it that inserts `[]` after `delete`.
ResolvedFinding mismatchedDelete(std::string Line, unsigned Column) {
  ResolvedFinding F;
  F.RuleId = "ownership-mismatched-dealloc";
  F.Loc = at(5, Column, std::move(Line));
  F.Loc.Offset = 100 + Column - 1; // the line starts at byte 100
  F.Message = "'Data' was allocated with 'new[]' and is released with 'delete'";
  F.Fixes.push_back({"orders.cpp", F.Loc.Offset + 6, 0, "[]"});
  return F;
}

TEST(TextReporterTest, FixItTextUnderTheCaretLine) {
  // As clang prints it: the inserted text at the column where it goes.
  EXPECT_THAT(render({mismatchedDelete("  delete Data;", 3)}),
              HasSubstr("    5 |   delete Data;\n"
                        "      |   ^\n"
                        "      |         []\n"));
  EXPECT_THAT(render({mismatchedDelete("\tdelete Data;", 2)}),
              HasSubstr("      | \t^\n"
                        "      | \t      []\n"));
}

TEST(TextReporterTest, FixItsElsewhereAreNotShown) {
  ResolvedFinding OtherLine = mismatchedDelete("  delete Data;", 3);
  OtherLine.Fixes[0].Offset += 40;
  ResolvedFinding OtherFile = mismatchedDelete("  delete Data;", 3);
  OtherFile.Fixes[0].File = "other.cpp";
  ResolvedFinding TwoLines = mismatchedDelete("  delete Data;", 3);
  TwoLines.Fixes[0].Text = "[]\n";
  for (const ResolvedFinding &F : {OtherLine, OtherFile, TwoLines})
    EXPECT_THAT(render({F}), ::testing::EndsWith("      |   ^\n")) << F.Fixes[0].File;
}

TEST(TextReporterTest, OverlappingFixItsAreSetApart) {
  ResolvedFinding F = mismatchedDelete("  delete Data;", 3);
  F.Fixes.push_back({"orders.cpp", F.Fixes[0].Offset, 0, "()"});
  EXPECT_THAT(render({F}), HasSubstr("      |         [] ()\n"));
}

TEST(TextReporterTest, UnknownLocationPrintsNoSnippet) {
  ResolvedFinding F = useAfterMove();
  F.Loc = ResolvedLocation();
  F.Notes.clear();
  EXPECT_EQ(render({F}),
            "warning: 'orders' used after it was moved [ownership-use-after-move]\n");
}

TEST(TextReporterTest, FindingsAreRenderedInTheGivenOrder) {
  ResolvedFinding First = useAfterMove(), Second = useAfterMove();
  Second.Loc = at(20, 3, "  orders.clear();");
  Second.Message = "second";
  Second.Notes.clear();
  std::string Out = render({First, Second});
  EXPECT_LT(Out.find("orders.cpp:16:24"), Out.find("orders.cpp:20:3"));
  EXPECT_EQ(render({}), "");
}

TEST(TextReporterTest, ColorsAreEscapesAroundTheSameText) {
  std::string Plain = render({useAfterMove()});
  std::string Colored = render({useAfterMove()}, /*Color=*/true);
  EXPECT_THAT(Colored, HasSubstr("\x1b["));
  // Dropping the escape sequences gives the plain text back.
  std::string Stripped;
  for (size_t I = 0; I < Colored.size(); ++I) {
    if (Colored[I] == '\x1b') {
      I = Colored.find('m', I);
      ASSERT_NE(I, std::string::npos);
      continue;
    }
    Stripped += Colored[I];
  }
  EXPECT_EQ(Stripped, Plain);
}

} // namespace
} // namespace ownership
