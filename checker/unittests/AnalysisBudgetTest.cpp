//===- AnalysisBudgetTest.cpp - The per-function budget -------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "AnalysisTestSupport.h"

#include "checker/passes/AnalysisBudget.h"
#include "checker/analysis/FunctionAnalysis.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <cstring>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;

namespace ownership {
namespace {

TEST(AnalysisBudgetTest, StepsRunOutAndStayOut) {
  AnalysisBudget B(/*MaxSteps=*/10, /*MaxBytes=*/0);
  EXPECT_TRUE(B.charge(4));
  EXPECT_TRUE(B.charge(6));
  EXPECT_FALSE(B.exhausted());
  EXPECT_FALSE(B.charge(1));
  EXPECT_TRUE(B.exhausted());
  EXPECT_FALSE(B.charge(0)) << "an exhausted budget stays exhausted";
  EXPECT_EQ(B.describeExhaustion(),
            "its analysis needed more than 10 steps (see --function-budget)");
}

TEST(AnalysisBudgetTest, ZeroMeansNoLimit) {
  AnalysisBudget B(0, 0);
  EXPECT_TRUE(B.charge(uint64_t(1) << 40));
  EXPECT_FALSE(B.exhausted());
  EXPECT_EQ(B.describeExhaustion(), "");
}

TEST(AnalysisBudgetTest, MemoryAllocatedAfterTheBaselineCounts) {
  if (AnalysisBudget::heapBytesInUse() == 0)
    GTEST_SKIP() << "the C library does not report heap use (or a sanitizer replaced it)";
  AnalysisBudget B(/*MaxSteps=*/0, /*MaxBytes=*/1 << 20);
  // Small functions never read the allocator's statistics; the baseline is taken here.
  EXPECT_TRUE(B.charge(AnalysisBudget::MemoryBaselineSteps)) << "nothing allocated yet";
  // 8 MiB, touched so that it is really in use.
  char *Block = static_cast<char *>(std::malloc(8 << 20));
  ASSERT_NE(Block, nullptr);
  std::memset(Block, 1, 8 << 20);
  bool Charged = true;
  // Memory is looked at every few thousand steps, not on every one.
  for (int I = 0; I < 10000 && Charged; ++I)
    Charged = B.charge(1);
  std::free(Block);
  EXPECT_FALSE(Charged);
  EXPECT_TRUE(B.exhausted());
  EXPECT_EQ(B.describeExhaustion(),
            "its analysis needed more than 1 MiB of memory (see --function-memory-budget)");
}

TEST(AnalysisBudgetTest, FunctionOverBudgetIsSkippedAndSaysWhy) {
  auto AST = test::parseSnippet(R"cpp(
    void loop(int N) {
      Res S;
      for (int I = 0; I < N; ++I) {
        Res T = S;
        if (I % 2) S = std::move(T); else S = T;
      }
    }
  )cpp");
  ASSERT_TRUE(AST);
  const clang::FunctionDecl *F = test::findFunction(AST->getASTContext(), "loop");
  ASSERT_TRUE(F);
  CallEffectsModel Model(AST->getASTContext(), nullptr);

  FunctionAnalysis Unlimited(F, AST->getASTContext(), UnitContext{Model, AnalysisLimits{}});
  ASSERT_NE(Unlimited.moves(), nullptr);
  EXPECT_FALSE(Unlimited.exceededLimits());
  uint64_t Needed = Unlimited.stepsUsed();
  ASSERT_GT(Needed, 2u);

  AnalysisLimits Tight;
  Tight.MaxSteps = Needed - 1;
  FunctionAnalysis Limited(F, AST->getASTContext(), UnitContext{Model, Tight});
  EXPECT_EQ(Limited.moves(), nullptr);
  EXPECT_TRUE(Limited.isSkipped());
  EXPECT_TRUE(Limited.exceededLimits());
  EXPECT_EQ(Limited.skipReason(), "its analysis needed more than " +
                                      std::to_string(Needed - 1) +
                                      " steps (see --function-budget)");

  AnalysisLimits Exact;
  Exact.MaxSteps = Needed;
  FunctionAnalysis Enough(F, AST->getASTContext(), UnitContext{Model, Exact});
  EXPECT_NE(Enough.moves(), nullptr);
  EXPECT_FALSE(Enough.exceededLimits());
}

} // namespace
} // namespace ownership
