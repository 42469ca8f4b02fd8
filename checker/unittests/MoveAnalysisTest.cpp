//===- MoveAnalysisTest.cpp - The moved-from states, path by path ---------===//
//
// Part of ownership-checker, under the MIT license.
//
// The moved-from pass on real control flow: joins keep "on some path" apart from "on
// every path", loops reach a fixed point, scopes end, early returns and noreturn calls
// cut paths, break and continue go where C++ says.
//===----------------------------------------------------------------------===//
#include "checker/unittests/AnalysisTestSupport.h"

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

namespace ownership {
namespace test {
namespace {

using MoveAnalysisTest = AnalysisTest;

TEST_F(MoveAnalysisTest, MoveThenReassign) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      Res s;
      POINT(fresh);
      Res t = std::move(s);
      POINT(moved);
      s = Res();
      POINT(reinit);
    })cpp"));
  EXPECT_THAT(Object("s"), IsOwnedAt("fresh"));
  EXPECT_THAT(Object("s"), IsMovedFromAt("moved"));
  EXPECT_THAT(Object("s"), IsOwnedAt("reinit"));
  EXPECT_THAT(Object("t"), IsOwnedAt("moved"));
}

TEST_F(MoveAnalysisTest, MoveWithoutAConsumerMovesNothing) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s) {
      std::move(s);
      keep(std::move(s));
      Res &&r = std::move(s);
      POINT(p);
    })cpp"));
  EXPECT_THAT(Object("s"), IsOwnedAt("p"));
}

TEST_F(MoveAnalysisTest, JoinKeepsSomePathApartFromEveryPath) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res a, Res b, Res c) {
      c.read();
      if (cond()) {
        consume(std::move(a));
        consume(std::move(b));
      } else {
        consume(std::move(a));
      }
      POINT(join);
    })cpp"));
  EXPECT_THAT(Object("a"), IsMovedFromAt("join"));
  EXPECT_THAT(Object("b"), MayBeMovedFromAt("join"));
  EXPECT_THAT(Object("c"), IsOwnedAt("join"));
  // Both moves of `a` reach the join, so that a finding can note each of them.
  EXPECT_THAT(moveLinesAt(*Object("a").Id, "join"), ElementsAre(5, 8));
}

TEST_F(MoveAnalysisTest, ReinitOnOnePathOnlyLeavesAMaybe) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s) {
      consume(std::move(s));
      if (cond())
        s = Res();
      POINT(join);
    })cpp"));
  EXPECT_THAT(Object("s"), MayBeMovedFromAt("join"));
}

TEST_F(MoveAnalysisTest, ConditionalOperatorAndShortCircuit) {
  ASSERT_TRUE(analyze(R"cpp(
    bool take(Res);
    void target(Res a, Res b) {
      cond() ? consume(std::move(a)) : void();
      POINT(afterTernary);
      bool ok = cond() && take(std::move(b));
      POINT(afterAnd);
    })cpp"));
  EXPECT_THAT(Object("a"), MayBeMovedFromAt("afterTernary"));
  EXPECT_THAT(Object("b"), MayBeMovedFromAt("afterAnd"));
}

TEST_F(MoveAnalysisTest, SwitchJoinsEveryCase) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res a, Res b) {
      switch (next()) {
      case 0:
        consume(std::move(a));
        [[fallthrough]];
      case 1:
        consume(std::move(b));
        break;
      default:
        consume(std::move(b));
        return;
      }
      POINT(after);
    })cpp"));
  EXPECT_THAT(Object("a"), MayBeMovedFromAt("after"));
  EXPECT_THAT(Object("b"), IsMovedFromAt("after"));
}

TEST_F(MoveAnalysisTest, LoopCarriesAMoveToTheNextIteration) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s) {
      while (cond()) {
        POINT(head);
        consume(std::move(s));
        POINT(tail);
      }
      POINT(after);
    })cpp"));
  // The first iteration sees s untouched, later ones moved: some path only.
  EXPECT_THAT(Object("s"), MayBeMovedFromAt("head"));
  EXPECT_THAT(Object("s"), IsMovedFromAt("tail"));
  EXPECT_THAT(Object("s"), MayBeMovedFromAt("after"));
}

TEST_F(MoveAnalysisTest, ReinitBeforeTheBackEdgeKeepsTheLoopClean) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s) {
      for (int i = 0; i < 10; ++i) {
        POINT(head);
        consume(std::move(s));
        s = Res();
      }
      POINT(after);
    })cpp"));
  EXPECT_THAT(Object("s"), IsOwnedAt("head"));
  EXPECT_THAT(Object("s"), IsOwnedAt("after"));
}

TEST_F(MoveAnalysisTest, DoWhileBodyRunsAtLeastOnce) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s) {
      do {
        POINT(head);
        consume(std::move(s));
      } while (cond());
      POINT(after);
    })cpp"));
  EXPECT_THAT(Object("s"), MayBeMovedFromAt("head"));
  EXPECT_THAT(Object("s"), IsMovedFromAt("after"));
}

TEST_F(MoveAnalysisTest, NestedLoopsReachAFixedPoint) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res a, Res b, Res c) {
      while (cond()) {
        POINT(outer);
        while (cond()) {
          POINT(inner);
          if (cond()) consume(std::move(a));
          else if (cond()) consume(std::move(b));
          else consume(std::move(c));
        }
        c = Res();
      }
      POINT(after);
    })cpp"));
  // A move deep in the inner loop reaches the outer loop's head through both back edges.
  EXPECT_THAT(Object("a"), MayBeMovedFromAt("outer"));
  EXPECT_THAT(Object("b"), MayBeMovedFromAt("inner"));
  EXPECT_THAT(Object("c"), MayBeMovedFromAt("inner"));
  EXPECT_THAT(Object("c"), IsOwnedAt("outer"));
  EXPECT_THAT(Object("a"), MayBeMovedFromAt("after"));
  EXPECT_THAT(Object("c"), IsOwnedAt("after"));
}

TEST_F(MoveAnalysisTest, ScopeEndForgetsTheVariable) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      for (int i = 0; i < 3; ++i) {
        POINT(head);
        Res s;
        POINT(declared);
        consume(std::move(s));
        POINT(moved);
      }
    })cpp"));
  EXPECT_THAT(Object("s"), IsMovedFromAt("moved"));
  // Each iteration's s is a new object: neither the back edge nor the declaration sees
  // the previous one's move.
  EXPECT_THAT(Object("s"), IsOwnedAt("head"));
  EXPECT_THAT(Object("s"), IsOwnedAt("declared"));
}

TEST_F(MoveAnalysisTest, EarlyReturnCutsThePath) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s) {
      if (cond()) {
        consume(std::move(s));
        return;
      }
      POINT(after);
    })cpp"));
  EXPECT_THAT(Object("s"), IsOwnedAt("after"));
}

TEST_F(MoveAnalysisTest, NoreturnCallCutsThePath) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s) {
      if (cond()) {
        consume(std::move(s));
        die();
      }
      POINT(after);
      if (cond())
        throw 1;
    })cpp"));
  EXPECT_THAT(Object("s"), IsOwnedAt("after"));
}

TEST_F(MoveAnalysisTest, BreakLeavesTheLoopWithTheMove) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s) {
      while (cond()) {
        POINT(head);
        if (cond()) {
          consume(std::move(s));
          break;
        }
      }
      POINT(after);
    })cpp"));
  // The move's path leaves the loop: no iteration after it.
  EXPECT_THAT(Object("s"), IsOwnedAt("head"));
  EXPECT_THAT(Object("s"), MayBeMovedFromAt("after"));
}

TEST_F(MoveAnalysisTest, ContinueGoesToTheNextIteration) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res a, Res b) {
      for (int i = 0; i < 10; ++i) {
        POINT(head);
        if (cond()) {
          consume(std::move(a));
          continue;
        }
        if (cond()) {
          consume(std::move(b));
          b = Res();
          continue;
        }
        POINT(rest);
      }
    })cpp"));
  EXPECT_THAT(Object("a"), MayBeMovedFromAt("head"));
  EXPECT_THAT(Object("a"), MayBeMovedFromAt("rest"));
  EXPECT_THAT(Object("b"), IsOwnedAt("head"));
}

TEST_F(MoveAnalysisTest, CodeAfterAnUnconditionalReturnIsUnreachable) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s) {
      consume(std::move(s));
      return;
      POINT(dead);
    })cpp"));
  EXPECT_EQ(statusAt(*Object("s").Id, "dead"), MoveStatus::Unreachable);
}

TEST_F(MoveAnalysisTest, MovingAnObjectMovesItsFields) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Pair p, Pair q) {
      p.first.read();
      consumePair(std::move(p));
      POINT(whole);
      p = Pair();
      POINT(reassigned);
      consume(std::move(q.first));
      POINT(field);
      q.first = Res();
      POINT(fieldBack);
    })cpp"));
  EXPECT_THAT(Object("p.first"), IsMovedFromAt("whole"));
  EXPECT_THAT(Object("p.first"), IsOwnedAt("reassigned"));
  // Moving one field moves neither its parent nor its sibling.
  EXPECT_THAT(Object("q.first"), IsMovedFromAt("field"));
  EXPECT_THAT(Object("q"), IsOwnedAt("field"));
  EXPECT_THAT(Object("q.first"), IsOwnedAt("fieldBack"));
}

TEST_F(MoveAnalysisTest, MoveThroughAReferenceMovesItsTarget) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      Res s;
      Res &r = s;
      consume(std::move(r));
      POINT(moved);
      fill(r);
      POINT(filled);
    })cpp"));
  EXPECT_THAT(Object("s"), IsMovedFromAt("moved"));
  EXPECT_THAT(Object("r"), IsMovedFromAt("moved"));
  EXPECT_THAT(Object("s"), IsOwnedAt("filled"));
}

TEST_F(MoveAnalysisTest, MembersOfThis) {
  ASSERT_TRUE(analyze(R"cpp(
    struct S {
      Res buf_;
      void refill();
      void target() {
        consume(std::move(buf_));
        POINT(moved);
        refill();
        POINT(refilled);
      }
    };)cpp",
                      "S::target"));
  EXPECT_THAT(Object("buf_"), IsMovedFromAt("moved"));
  // refill() may assign any field.
  EXPECT_THAT(Object("buf_"), IsOwnedAt("refilled"));
}

TEST_F(MoveAnalysisTest, ThrowInsideATryReachesTheHandler) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s, Res t) {
      consume(std::move(s));
      try {
        POINT(inTry);
        consume(std::move(t));
        if (cond())
          throw 1;
        t = Res();
      } catch (int) {
        POINT(inCatch);
      }
      POINT(after);
    })cpp"));
  EXPECT_THAT(Object("s"), IsMovedFromAt("inTry"));
  EXPECT_THAT(Object("s"), IsMovedFromAt("inCatch"));
  EXPECT_THAT(Object("t"), IsMovedFromAt("inCatch"));
  EXPECT_THAT(Object("t"), MayBeMovedFromAt("after"));
}

// FIXME: the CFG is built without exception edges (CFG::BuildOptions::AddEHEdges), so a
// handler is reached only from `throw` statements written inside its try block. A handler
// of a try that only calls functions is unreachable: no pass visits it and no rule sees
// what it does (here: a use of a moved-from object). Enabling EH edges in
// buildFunctionCfg(), or an edge from the try's entry and after each call to the dispatch
// block, would fix it.
TEST_F(MoveAnalysisTest, DISABLED_HandlerOfATryWithoutThrowIsAnalysed) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s) {
      consume(std::move(s));
      try {
        next();
      } catch (...) {
        POINT(inCatch);
      }
    })cpp"));
  EXPECT_THAT(Object("s"), IsMovedFromAt("inCatch"));
}

// FIXME: same cause: a move inside the try does not reach the handler, although a later
// call in the try may throw after it.
TEST_F(MoveAnalysisTest, DISABLED_MoveInsideATryReachesTheHandler) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s) {
      try {
        consume(std::move(s));
        next();
      } catch (...) {
        POINT(inCatch);
      }
    })cpp"));
  EXPECT_THAT(Object("s"), MayBeMovedFromAt("inCatch"));
}

TEST_F(MoveAnalysisTest, RangeForVariableIsFreshEachIteration) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      Res items[3];
      for (Res item : items) {
        POINT(head);
        consume(std::move(item));
      }
    })cpp"));
  EXPECT_THAT(Object("item"), IsOwnedAt("head"));
}

TEST_F(MoveAnalysisTest, LambdaBodiesAreTheirOwnFunctions) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res s) {
      auto f = [](Res x) {
        consume(std::move(x));
        POINT(inLambda);
      };
      POINT(outside);
    })cpp",
                      "lambda-in:target"));
  EXPECT_THAT(Object("x"), IsMovedFromAt("inLambda"));
}

} // namespace
} // namespace test
} // namespace ownership
