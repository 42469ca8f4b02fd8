//===- FactsBuilderTest.cpp - Lowering the CFG to ownership facts ---------===//
//
// Part of ownership-checker, under the MIT license.
//
// Which facts a statement lowers to, and in which order: the order of facts inside a
// block is the order of evaluation, and the dataflow passes rely on it.
//===----------------------------------------------------------------------===//
#include "checker/unittests/AnalysisTestSupport.h"

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsSubsetOf;
using ::testing::Not;

namespace ownership {
namespace test {
namespace {

class FactsBuilderTest : public AnalysisTest {
protected:
  /// The facts of the kinds this file is about, in evaluation order. Kinds added later
  /// (borrows, releases) are left out, so that these tests keep testing what they test.
  std::vector<std::string> facts() const {
    std::vector<std::string> Out;
    for (const std::string &F : factsInOrder()) {
      llvm::StringRef Kind = llvm::StringRef(F).split(' ').first;
      if (Kind == "Move" || Kind == "Use" || Kind == "Reinit" || Kind == "ScopeEnd" ||
          Kind == "TestPoint")
        Out.push_back(F);
    }
    return Out;
  }
};

TEST_F(FactsBuilderTest, StraightLineInEvaluationOrder) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      Res s;
      Res t = std::move(s);
      s.read();
      s = Res();
    })cpp"));
  // The operand of std::move is read where the move is written (a loop's next iteration
  // that reaches it has used a moved-from object), then the constructor takes it.
  // The temporary `Res()` dies at the end of its full expression, after the assignment.
  EXPECT_THAT(facts(), ElementsAre("Reinit s", "Use s", "Move s", "Reinit t", "Use s",
                                   "Reinit s", "ScopeEnd temporary", "ScopeEnd t",
                                   "ScopeEnd s"));
}

TEST_F(FactsBuilderTest, TestPointsSitWhereTheyAreWritten) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      Res s;
      POINT(before);
      consume(std::move(s));
      POINT(after);
    })cpp"));
  EXPECT_THAT(facts(), ElementsAre("Reinit s", "TestPoint before", "Use s", "Move s",
                                   "TestPoint after", "ScopeEnd s"));
}

TEST_F(FactsBuilderTest, AggregateInitializationMovesFieldByField) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res a, Res b) {
      Pair p{std::move(a), std::move(b)};
    })cpp"));
  EXPECT_THAT(facts(), ElementsAre("Use a", "Move a", "Use b", "Move b", "Reinit p",
                                   "ScopeEnd p"));
}

TEST_F(FactsBuilderTest, WhatCountsAsAMove) {
  ASSERT_TRUE(analyze(R"cpp(
    void take(Res &&r) { Res k = std::move(r); }  // visible body that moves
    void peek(Res &&r) { r.read(); }              // visible body that does not
    void target(Res byValue, Res unseen, Res taken, Res peeked, Res borrowed, Res casted,
                Res assigned) {
      consume(std::move(byValue));
      sink(std::move(unseen));
      take(std::move(taken));
      peek(std::move(peeked));
      keep(std::move(borrowed));
      Res a = static_cast<Res &&>(casted);
      Res b;
      b = std::move(assigned);
    })cpp"));
  std::vector<std::string> F = facts();
  EXPECT_THAT(F, Contains("Move byValue"));
  EXPECT_THAT(F, Contains("Move unseen"));
  EXPECT_THAT(F, Contains("Move taken"));
  EXPECT_THAT(F, Contains("Move casted"));
  EXPECT_THAT(F, Contains("Move assigned"));
  // `peek` never moves its parameter, and `const T&` cannot be moved from.
  EXPECT_THAT(F, Not(Contains("Move peeked")));
  EXPECT_THAT(F, Not(Contains("Move borrowed")));
}

TEST_F(FactsBuilderTest, TriviallyCopyableTypesAreCopiedNotMoved) {
  ASSERT_TRUE(analyze(R"cpp(
    struct Plain { int a; int *p; };
    void takeInt(int &&);
    void target(int i, Plain p, int *raw) {
      int j = std::move(i);
      Plain q = std::move(p);
      takeInt(std::move(i));
      int *r = std::move(raw);
    })cpp"));
  for (const std::string &F : facts())
    EXPECT_FALSE(llvm::StringRef(F).starts_with("Move")) << F;
}

TEST_F(FactsBuilderTest, OutParametersReinitializeInsteadOfUsing) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res a, Res b) {
      fill(a);
      fillPtr(&b);
    })cpp"));
  EXPECT_THAT(facts(), ElementsAre("Reinit a", "Reinit b"));
}

TEST_F(FactsBuilderTest, AssignmentReinitializesItsTarget) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Pair q, int n) {
      q.first = Res();
      n = 2;
    })cpp"));
  EXPECT_THAT(facts(), ElementsAre("Reinit q.first", "ScopeEnd temporary", "Reinit n"));
}

TEST_F(FactsBuilderTest, AssignmentThroughALocalReferenceUsesIt) {
  // `r = 5` writes to what r refers to: after the Reinit, a Use of r, which must still
  // refer to live storage. A reference parameter is not a borrow of this function's.
  ASSERT_TRUE(analyze(R"cpp(
    #include <vector>
    void target(std::vector<int> &v, int &out) {
      int &r = v[0];
      r = 5;
      out = 6;
    })cpp"));
  std::vector<std::string> F = facts();
  EXPECT_THAT(F, Contains("Use r"));
  EXPECT_THAT(F, Not(Contains("Use out")));
}

TEST_F(FactsBuilderTest, StandardReinitializersAndMovedFromSafeOperations) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <memory>
    #include <string>
    void target(std::string s, std::unique_ptr<int> p, std::unique_ptr<int> q) {
      s.clear();
      p.reset();
      bool e = p == nullptr;
      bool n = nullptr != q;
      int *raw = q.get();
      if (q) {}
      s.size();
      *q;
    })cpp"));
  std::vector<std::string> F = facts();
  EXPECT_THAT(F, Contains("Reinit s"));
  EXPECT_THAT(F, Contains("Reinit p"));
  // Only `s.size()` and `*q` read a value that a move leaves unspecified.
  std::vector<std::string> Uses;
  for (const std::string &Fact : F)
    if (llvm::StringRef(Fact).starts_with("Use"))
      Uses.push_back(Fact);
  EXPECT_THAT(Uses, ElementsAre("Use s", "Use q"));
}

TEST_F(FactsBuilderTest, ScopeEndsAtTheClosingBraceOfItsBlock) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      Res outer;
      {
        Res inner;
        POINT(in);
      }
      POINT(out);
    })cpp"));
  EXPECT_THAT(facts(), ElementsAre("Reinit outer", "Reinit inner", "TestPoint in",
                                   "ScopeEnd inner", "TestPoint out", "ScopeEnd outer"));
}

TEST_F(FactsBuilderTest, ReferencesNameTheirTarget) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      Res s;
      Res &r = s;
      r.read();
      consume(std::move(r));
    })cpp"));
  // Binding r is not a use of s; using r is; and r's scope end does not end s.
  EXPECT_THAT(facts(), ElementsAre("Reinit s", "Use s", "Use s", "Move s", "ScopeEnd s"));
}

TEST_F(FactsBuilderTest, FieldAccessIsOneUseOfTheLongestPath) {
  ASSERT_TRUE(analyze(R"cpp(
    struct Outer { Pair inner; };
    void target(Outer o) {
      o.inner.first.read();
      consume(std::move(o.inner.second));
    })cpp"));
  EXPECT_THAT(facts(), ElementsAre("Use o.inner.first", "Use o.inner.second",
                                   "Move o.inner.second"));
}

TEST_F(FactsBuilderTest, ConstructorInitializersAreCode) {
  ASSERT_TRUE(analyze(R"cpp(
    struct S {
      Res a_, b_;
      S(Res r) : a_(std::move(r)), b_(r) {}
    };)cpp",
                      "S::S"));
  EXPECT_THAT(facts(), ElementsAre("Use r", "Move r", "Reinit a_", "Use r",
                                   "Reinit b_"));
}

TEST_F(FactsBuilderTest, NonConstMemberCallOnThisReinitializesFields) {
  ASSERT_TRUE(analyze(R"cpp(
    struct S {
      Res a_;
      void refill();
      void look() const;
      void target() { look(); refill(); }
    };)cpp",
                      "S::target"));
  // A const member function cannot assign fields; a non-const one may assign any.
  EXPECT_THAT(facts(), ElementsAre("Reinit *this"));
}

TEST_F(FactsBuilderTest, LambdaCaptures) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res byRef, Res byCopy, Res moved) {
      auto f = [&byRef, byCopy, m = std::move(moved)] {};
    })cpp"));
  std::vector<std::string> F = facts();
  EXPECT_THAT(F, Not(Contains("Use byRef")));
  EXPECT_THAT(F, Contains("Use byCopy"));
  EXPECT_THAT(F, Contains("Move moved"));
}

TEST_F(FactsBuilderTest, DeclarationInALoopReinitializesEveryIteration) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      while (cond()) {
        Res s;
        consume(std::move(s));
      }
    })cpp"));
  EXPECT_THAT(facts(), ElementsAre("Reinit s", "Use s", "Move s", "ScopeEnd s"));
}

TEST_F(FactsBuilderTest, StructuredBindingsAreInitialized) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Pair p) {
      auto [a, b] = std::move(p);
      a.read();
    })cpp"));
  std::vector<std::string> F = facts();
  EXPECT_THAT(std::vector<std::string>({"Move p", "Reinit a", "Reinit b", "Use a"}),
              IsSubsetOf(F));
  // The bindings get their value after p is moved into the hidden aggregate.
  auto Pos = [&](llvm::StringRef S) { return std::find(F.begin(), F.end(), S) - F.begin(); };
  EXPECT_LT(Pos("Move p"), Pos("Reinit a"));
  EXPECT_LT(Pos("Reinit a"), Pos("Use a"));
}

} // namespace
} // namespace test
} // namespace ownership
