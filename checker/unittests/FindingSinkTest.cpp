//===- FindingSinkTest.cpp - Resolving, filtering, sorting findings -------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/report/FindingSink.h"

#include "checker/unittests/AnalysisTestSupport.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;
using namespace clang::ast_matchers;
using ::testing::ElementsAre;

namespace ownership {
namespace test {
namespace {

class FindingSinkTest : public ::testing::Test {
protected:
  void parse(llvm::StringRef Code) {
    AST = parseCode(Code);
    ASSERT_TRUE(AST);
  }
  /// The location of the call to the function called \p Callee (the first one).
  SourceLocation callTo(llvm::StringRef Callee) {
    auto Found = match(
        callExpr(callee(functionDecl(hasName(Callee))), isExpansionInMainFile()).bind("c"),
        AST->getASTContext());
    EXPECT_FALSE(Found.empty()) << Callee.str();
    return Found.empty() ? SourceLocation() : Found[0].getNodeAs<Expr>("c")->getBeginLoc();
  }
  Finding finding(SourceLocation Loc, std::string Message, llvm::StringRef Rule = "ownership-x") {
    Finding F;
    F.RuleId = Rule;
    F.Loc = Loc;
    F.Message = std::move(Message);
    return F;
  }
  const SourceManager &sm() { return AST->getSourceManager(); }

  std::unique_ptr<ASTUnit> AST;
};

TEST_F(FindingSinkTest, ResolvesFileLineColumnAndSourceLine) {
  parse("void f();\n"
        "void g() {\n"
        "\tint x = 0;  f();\n"
        "}\n");
  ResolvedLocation L = FindingCollector::resolve(sm(), callTo("f"));
  EXPECT_EQ(L.File, "input.cc");
  EXPECT_EQ(L.Line, 3u);
  EXPECT_EQ(L.Column, 14u); // the tab counts as one column, as in clang
  EXPECT_EQ(L.SourceLine, "\tint x = 0;  f();");
  EXPECT_EQ(FindingCollector::resolve(sm(), SourceLocation()).Line, 0u);
}

TEST_F(FindingSinkTest, MacroArgumentsResolveToTheirSpelling) {
  parse("void f();\n"
        "#define TWICE(x) do { x; x; } while (0)\n"
        "#define CALL_F() f()\n"
        "void g() {\n"
        "  TWICE(f());\n"
        "  CALL_F();\n"
        "}\n");
  auto Calls = match(callExpr(callee(functionDecl(hasName("f"))), isExpansionInMainFile())
                         .bind("c"),
                     AST->getASTContext());
  ASSERT_EQ(Calls.size(), 3u);
  std::vector<std::pair<unsigned, unsigned>> Places;
  for (const BoundNodes &N : Calls) {
    ResolvedLocation L = FindingCollector::resolve(sm(), N.getNodeAs<Expr>("c")->getBeginLoc());
    Places.push_back({L.Line, L.Column});
  }
  std::sort(Places.begin(), Places.end());
  // A macro argument is shown where the user wrote it; a macro body where it is expanded.
  EXPECT_THAT(Places, ElementsAre(std::make_pair(5u, 9u), std::make_pair(5u, 9u),
                                  std::make_pair(6u, 3u)));
}

TEST_F(FindingSinkTest, SortsByPlaceAndDropsDuplicates) {
  parse("void a(); void b(); void c();\n"
        "void g() {\n"
        "  c();\n"
        "  a(); b();\n"
        "}\n");
  FindingCollector Sink;
  Sink.beginTranslationUnit(sm(), nullptr);
  Sink.report(finding(callTo("b"), "at b"));
  Sink.report(finding(callTo("c"), "at c"));
  Sink.report(finding(callTo("a"), "at a", "ownership-z"));
  Sink.report(finding(callTo("a"), "at a", "ownership-y"));
  // The same finding twice, as from two instantiations of one template.
  Sink.report(finding(callTo("b"), "at b"));
  Sink.endTranslationUnit();
  std::vector<ResolvedFinding> Out = Sink.takeSorted();
  std::vector<std::string> Order;
  for (const ResolvedFinding &F : Out)
    Order.push_back(std::to_string(F.Loc.Line) + ":" + std::to_string(F.Loc.Column) + " " +
                    F.RuleId + " " + F.Message);
  EXPECT_THAT(Order, ElementsAre("3:3 ownership-x at c", "4:3 ownership-y at a",
                                 "4:3 ownership-z at a", "4:8 ownership-x at b"));
}

TEST_F(FindingSinkTest, FilterDropsFindingsOutsideTheScope) {
  parse("void a(); void b();\n"
        "void g() { a(); b(); }\n");
  SourceLocation B = callTo("b");
  FindingCollector Sink;
  Sink.beginTranslationUnit(sm(), [B](SourceLocation L) { return L != B; });
  Sink.report(finding(callTo("a"), "kept"));
  Sink.report(finding(B, "dropped"));
  Sink.endTranslationUnit();
  std::vector<ResolvedFinding> Out = Sink.takeSorted();
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Message, "kept");
}

TEST_F(FindingSinkTest, NotesAreResolvedInTheirOrder) {
  parse("void a(); void b();\n"
        "void g() {\n"
        "  b();\n"
        "  a();\n"
        "}\n");
  FindingCollector Sink;
  Sink.beginTranslationUnit(sm(), nullptr);
  Finding F = finding(callTo("b"), "late use");
  F.Notes.push_back({callTo("a"), "moved here"});
  F.Notes.push_back({callTo("b"), "and here"});
  Sink.report(std::move(F));
  Sink.endTranslationUnit();
  std::vector<ResolvedFinding> Out = Sink.takeSorted();
  ASSERT_EQ(Out.size(), 1u);
  ASSERT_EQ(Out[0].Notes.size(), 2u);
  // Causal order is the rule's to choose: the sink does not sort notes.
  EXPECT_EQ(Out[0].Notes[0].Loc.Line, 4u);
  EXPECT_EQ(Out[0].Notes[0].Message, "moved here");
  EXPECT_EQ(Out[0].Notes[1].Loc.Line, 3u);
  EXPECT_EQ(Out[0].Notes[1].Loc.SourceLine, "  b();");
}

} // namespace
} // namespace test
} // namespace ownership
