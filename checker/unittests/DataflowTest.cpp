//===- DataflowTest.cpp - The forward dataflow driver on its own ----------===//
//
// Part of ownership-checker, under the MIT license.
//
// Two small passes written against ForwardDataflow only, so that the driver's contract
// is tested apart from any real pass: which test points were passed on some path (union
// join) and on every path (intersection join) before each point, and the visit budget.
//===----------------------------------------------------------------------===//
#include "checker/unittests/AnalysisTestSupport.h"

#include "checker/passes/Dataflow.h"

#include "llvm/ADT/ImmutableSet.h"

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

namespace ownership {
namespace test {
namespace {

using PointSet = llvm::ImmutableSet<const TestPointFact *>;

struct PointSetFactory {
  PointSet::Factory F;
};

/// The test points passed before each fact. \p Every selects the join: intersection
/// ("on every path") or union ("on some path").
class PassedPoints : private PointSetFactory, public ForwardDataflow<PassedPoints, PointSet> {
public:
  PassedPoints(const clang::CFG &Cfg, const FactManager &Facts, bool Every)
      : ForwardDataflow(Cfg, Facts), Every(Every) {}

  PointSet initialState() { return F.getEmptySet(); }
  PointSet join(const PointSet &A, const PointSet &B) {
    PointSet R = A;
    if (Every) {
      for (const TestPointFact *P : A)
        if (!B.contains(P))
          R = F.remove(R, P);
    } else {
      for (const TestPointFact *P : B)
        R = F.add(R, P);
    }
    return R;
  }
  using ForwardDataflow::transfer;
  PointSet transfer(const PointSet &S, const TestPointFact &P) {
    ++Transfers;
    return F.add(S, &P);
  }

  unsigned Transfers = 0;

private:
  bool Every;
};

class DataflowTest : public AnalysisTest {
protected:
  /// The names of the points passed before point \p At, on some or on every path.
  std::vector<std::string> passedBefore(llvm::StringRef At, bool Every) {
    PassedPoints Pass(fa().cfg(), fa().facts(), Every);
    EXPECT_TRUE(Pass.run(1000));
    std::vector<std::string> Names;
    const TestPointFact *P = point(At);
    if (!P)
      return Names;
    const PointSet *S = Pass.stateBefore(*P);
    if (!S) {
      ADD_FAILURE() << "point '" << At.str() << "' is unreachable";
      return Names;
    }
    for (const TestPointFact *Q : *S)
      Names.push_back(Q->getName().str());
    return Names;
  }
};

TEST_F(DataflowTest, StraightLineSeesEveryEarlierPoint) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      POINT(a);
      POINT(b);
      POINT(c);
    })cpp"));
  EXPECT_THAT(passedBefore("c", /*Every=*/true), UnorderedElementsAre("a", "b"));
  EXPECT_THAT(passedBefore("a", /*Every=*/false), IsEmpty());
}

TEST_F(DataflowTest, JoinsKeepSomeApartFromEvery) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      POINT(start);
      if (cond()) {
        POINT(then);
      } else {
        POINT(otherwise);
      }
      POINT(join);
    })cpp"));
  EXPECT_THAT(passedBefore("join", /*Every=*/false),
              UnorderedElementsAre("start", "then", "otherwise"));
  EXPECT_THAT(passedBefore("join", /*Every=*/true), UnorderedElementsAre("start"));
}

TEST_F(DataflowTest, LoopStatesIncludeTheBackEdge) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      POINT(before);
      while (cond()) {
        POINT(head);
        if (cond())
          POINT(sometimes);
        POINT(tail);
      }
      POINT(after);
    })cpp"));
  // The fixed point: at the head, a later iteration has passed the whole body.
  EXPECT_THAT(passedBefore("head", /*Every=*/false),
              UnorderedElementsAre("before", "head", "sometimes", "tail"));
  EXPECT_THAT(passedBefore("head", /*Every=*/true), UnorderedElementsAre("before"));
  EXPECT_THAT(passedBefore("after", /*Every=*/true), UnorderedElementsAre("before"));
  EXPECT_THAT(passedBefore("tail", /*Every=*/true), UnorderedElementsAre("before", "head"));
}

TEST_F(DataflowTest, UnreachableBlocksHaveNoState) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      POINT(live);
      return;
      POINT(dead);
    })cpp"));
  PassedPoints Pass(fa().cfg(), fa().facts(), /*Every=*/false);
  ASSERT_TRUE(Pass.run(1000));
  ASSERT_TRUE(point("live") && point("dead"));
  EXPECT_NE(Pass.stateBefore(*point("live")), nullptr);
  EXPECT_EQ(Pass.stateBefore(*point("dead")), nullptr);
}

TEST_F(DataflowTest, PathsEndAtCallsThatDoNotReturnAndThrows) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void fail(const char *) { exit(1); }
    void stop() __attribute__((analyzer_noreturn));
    void target(int c) {
      POINT(start);
      if (c == 1) {
        POINT(failing);
        fail("x");
        POINT(afterFail);
      }
      if (c == 2) {
        POINT(stopping);
        stop();
      }
      if (c == 3) {
        POINT(throwing);
        throw 1;
      }
      if (c == 4) {
        POINT(dying);
        die();
      }
      POINT(end);
    })cpp"));
  // A noreturn call known from a summary or an attribute the CFG ignores ends its block:
  // what follows in the block is not lowered at all.
  bool AfterFail = false;
  fa().forEachFact([&](const Fact &F) {
    if (const auto *TP = llvm::dyn_cast<TestPointFact>(&F))
      AfterFail |= TP->getName() == "afterFail";
  });
  EXPECT_FALSE(AfterFail);
  EXPECT_THAT(passedBefore("end", /*Every=*/false), UnorderedElementsAre("start"));
}

TEST_F(DataflowTest, EntryStateIsTheInitialState) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      POINT(first);
    })cpp"));
  PassedPoints Pass(fa().cfg(), fa().facts(), /*Every=*/true);
  ASSERT_TRUE(Pass.run(1000));
  const PointSet *Entry = Pass.stateAtEntry(fa().cfg().getEntry());
  ASSERT_NE(Entry, nullptr);
  EXPECT_TRUE(Entry->isEmpty());
}

TEST_F(DataflowTest, StraightLineVisitsEachBlockOnce) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      POINT(a);
      if (cond()) POINT(b); else POINT(c);
      POINT(d);
    })cpp"));
  PassedPoints Pass(fa().cfg(), fa().facts(), /*Every=*/false);
  ASSERT_TRUE(Pass.run(1000));
  // Reverse post-order visits every block after all its predecessors: each point is
  // transferred once by the fixed point and once more when the states are recorded.
  EXPECT_EQ(Pass.Transfers, 2u * 4u);
}

TEST_F(DataflowTest, GivesUpWhenTheBudgetRunsOut) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      while (cond()) {
        POINT(a);
        while (cond()) {
          POINT(b);
        }
      }
    })cpp"));
  PassedPoints Pass(fa().cfg(), fa().facts(), /*Every=*/false);
  EXPECT_FALSE(Pass.run(2));
  PassedPoints Enough(fa().cfg(), fa().facts(), /*Every=*/false);
  EXPECT_TRUE(Enough.run(1000));
}

} // namespace
} // namespace test
} // namespace ownership
