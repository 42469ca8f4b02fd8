//===- HeapAnalysisTest.cpp - Points-to, released and owned memory --------===//
//
// Part of ownership-checker, under the MIT license.
//
// The heap pass at program points: what pointers point to, which pointers dangle after a
// release (on every path or on some), which allocations the function still owns, which
// were handed elsewhere, and where HeapAnalysis::lostAt() says an allocation loses its
// last owner. Calls are judged by the call-effects model, helpers with visible bodies by
// their summaries.
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

using HeapAnalysisTest = AnalysisTest;

//===----------------------------------------------------------------------===//
// Allocation and release
//===----------------------------------------------------------------------===//

TEST_F(HeapAnalysisTest, MallocThenFree) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target() {
      int *p = (int *)malloc(4);
      POINT(allocated);
      free(p);
      POINT(freed);
    })cpp"));
  EXPECT_THAT(pointsToAt("p", "allocated"), ElementsAre("heap:malloc(4)"));
  EXPECT_THAT(Object("p"), IsNotFreedAt("allocated"));
  EXPECT_THAT(Allocation("malloc(4)"), IsOwnedMemoryAt("allocated"));
  EXPECT_THAT(Object("p"), IsFreedAt("freed"));
  EXPECT_THAT(releasesAt("p", "freed"), ElementsAre("free line 6"));
  EXPECT_THAT(Allocation("malloc(4)"), IsFreedAt("freed"));
  EXPECT_THAT(Allocation("malloc(4)"), IsNotOwnedMemoryAt("freed"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(HeapAnalysisTest, NewThenDeleteAndArrays) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      int *p = new int(1);
      int *a = new int[4];
      POINT(allocated);
      delete p;
      delete[] a;
      POINT(released);
    })cpp"));
  EXPECT_THAT(Object("p"), PointsToHeapAt("allocated"));
  EXPECT_THAT(Object("p"), IsOwnedMemoryAt("allocated"));
  EXPECT_THAT(Object("a"), IsOwnedMemoryAt("allocated"));
  EXPECT_THAT(Object("p"), IsFreedAt("released"));
  EXPECT_THAT(releasesAt("p", "released"), ElementsAre("delete line 6"));
  EXPECT_THAT(releasesAt("a", "released"), ElementsAre("delete[] line 7"));
  EXPECT_THAT(Allocation("new int[4]"), IsNotOwnedMemoryAt("released"));
}

TEST_F(HeapAnalysisTest, ReleaseOnOnePathOnly) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      int *p = new int;
      if (cond())
        delete p;
      POINT(join);
      if (cond())
        return;
      delete p;
    })cpp"));
  EXPECT_THAT(Object("p"), MayBeFreedAt("join"));
  EXPECT_THAT(Allocation("new int"), MayBeFreedAt("join"));
  EXPECT_THAT(Allocation("new int"), MayBeOwnedMemoryAt("join"));
}

TEST_F(HeapAnalysisTest, PointersToNonHeapStorageAndParameters) {
  ASSERT_TRUE(analyze(R"cpp(
    int global;
    void target(int *param) {
      int local = 0;
      int *l = &local;
      int *g = &global;
      const char *s = "text";
      int *n = nullptr;
      POINT(p);
    })cpp"));
  EXPECT_THAT(pointsToAt("l", "p"), ElementsAre("&local"));
  EXPECT_THAT(pointsToAt("g", "p"), ElementsAre("&global"));
  EXPECT_THAT(pointsToAt("s", "p"), ElementsAre("&string literal"));
  EXPECT_THAT(pointsToAt("n", "p"), ElementsAre("null"));
  EXPECT_THAT(pointsToAt("param", "p"), ElementsAre("entry:param"));
  EXPECT_THAT(Object("l"), Not(PointsToHeapAt("p")));
}

//===----------------------------------------------------------------------===//
// Aliases
//===----------------------------------------------------------------------===//

TEST_F(HeapAnalysisTest, AliasDanglesWithTheReleasedPointer) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      int *p = new int;
      int *q = p;
      POINT(aliased);
      delete q;
      POINT(released);
    })cpp"));
  EXPECT_THAT(pointsToAt("q", "aliased"), ElementsAre("heap:new int"));
  EXPECT_THAT(Object("q"), IsFreedAt("released"));
  EXPECT_THAT(Object("p"), IsFreedAt("released"));
  EXPECT_THAT(releasesAt("p", "released"), ElementsAre("delete line 6"));
}

TEST_F(HeapAnalysisTest, AliasOnSomePathMayDangle) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      int *p = new int;
      int *q = nullptr;
      if (cond())
        q = p;
      POINT(join);
      delete p;
      POINT(released);
    })cpp"));
  EXPECT_THAT(pointsToAt("q", "join"), ElementsAre("heap:new int", "null"));
  EXPECT_THAT(Object("p"), IsFreedAt("released"));
  EXPECT_THAT(Object("q"), MayBeFreedAt("released"));
}

TEST_F(HeapAnalysisTest, ReassignmentStopsTheDangling) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      int *p = new int;
      delete p;
      POINT(released);
      p = new int(2);
      POINT(again);
      delete p;
      p = nullptr;
      POINT(cleared);
    })cpp"));
  EXPECT_THAT(Object("p"), IsFreedAt("released"));
  EXPECT_THAT(Object("p"), IsNotFreedAt("again"));
  EXPECT_THAT(Object("p"), IsNotFreedAt("cleared"));
  EXPECT_THAT(pointsToAt("p", "cleared"), ElementsAre("null"));
}

//===----------------------------------------------------------------------===//
// realloc
//===----------------------------------------------------------------------===//

TEST_F(HeapAnalysisTest, ReallocHandsTheOldBlockToItsResult) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target() {
      char *p = (char *)malloc(4);
      char *q = (char *)realloc(p, 8);
      POINT(after);
      free(q);
    })cpp"));
  // The old block is released only if realloc succeeds: it is neither freed nor owned
  // any more, but handed on.
  EXPECT_THAT(Allocation("malloc(4)"), HasEscapedAt("after"));
  EXPECT_THAT(Allocation("malloc(4)"), IsNotOwnedMemoryAt("after"));
  EXPECT_THAT(Object("p"), IsNotFreedAt("after"));
  EXPECT_THAT(pointsToAt("q", "after"), ElementsAre("heap:realloc(p, 8)"));
  EXPECT_THAT(Allocation("realloc(p, 8)"), IsOwnedMemoryAt("after"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

//===----------------------------------------------------------------------===//
// Null tests
//===----------------------------------------------------------------------===//

TEST_F(HeapAnalysisTest, NullCheckRefinesEachBranch) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target() {
      int *p = (int *)malloc(4);
      if (!p) {
        POINT(failed);
        return;
      }
      POINT(succeeded);
      free(p);
    })cpp"));
  EXPECT_THAT(pointsToAt("p", "failed"), ElementsAre("null"));
  // Where the allocation failed there is nothing to own, so the return loses nothing.
  EXPECT_THAT(Allocation("malloc(4)"), IsNotOwnedMemoryAt("failed"));
  EXPECT_THAT(pointsToAt("p", "succeeded"), ElementsAre("heap:malloc(4)"));
  EXPECT_THAT(Allocation("malloc(4)"), IsOwnedMemoryAt("succeeded"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(HeapAnalysisTest, NullCheckSpellings) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(int *a, int *b, int *c) {
      if (a == nullptr)
        return;
      POINT(aNotNull);
      if (b != nullptr) {
        POINT(bNotNull);
      } else {
        POINT(bNull);
      }
      if (c) {
        POINT(cNotNull);
      }
    })cpp"));
  EXPECT_THAT(pointsToAt("a", "aNotNull"), ElementsAre("entry:a"));
  EXPECT_THAT(pointsToAt("b", "bNotNull"), ElementsAre("entry:b"));
  EXPECT_THAT(pointsToAt("b", "bNull"), ElementsAre("null"));
  EXPECT_THAT(pointsToAt("c", "cNotNull"), ElementsAre("entry:c"));
}

TEST_F(HeapAnalysisTest, NullCheckThroughABoolLocal) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target() {
      int *p = (int *)malloc(4);
      bool ok = p != nullptr;
      if (!ok) {
        POINT(failed);
        return;
      }
      POINT(succeeded);
      free(p);
    })cpp"));
  EXPECT_THAT(pointsToAt("p", "failed"), ElementsAre("null"));
  EXPECT_THAT(pointsToAt("p", "succeeded"), ElementsAre("heap:malloc(4)"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(HeapAnalysisTest, NullCheckThroughAWrittenBoolLocalIsNotFollowed) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target() {
      int *p = (int *)malloc(4);
      bool ok = p != nullptr;
      ok = cond();
      if (!ok) {
        POINT(failed);
        return;
      }
      free(p);
    })cpp"));
  // Not refined: the allocation is still owned on the return path.
  EXPECT_THAT(pointsToAt("p", "failed"), ElementsAre("heap:malloc(4)"));
  EXPECT_THAT(Allocation("malloc(4)"), IsOwnedMemoryAt("failed"));
}

TEST_F(HeapAnalysisTest, NullCheckThroughAnObjectThatKeepsTheBool) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    struct Result {
      bool ok;
      explicit Result(bool b) : ok(b) {}
      explicit operator bool() const { return ok; }
    };
    bool passOn(bool c, int line) { return c; }
    void target() {
      int *p = (int *)malloc(4);
      if (const Result r = Result(p != nullptr)) {
        POINT(held);
      } else {
        POINT(failed);
      }
      if (!passOn(p != nullptr, 1)) {
        POINT(failedAgain);
      }
      free(p);
    })cpp"));
  EXPECT_THAT(pointsToAt("p", "held"), ElementsAre("heap:malloc(4)"));
  EXPECT_THAT(pointsToAt("p", "failed"), ElementsAre("null"));
  EXPECT_THAT(pointsToAt("p", "failedAgain"), ElementsAre("null"));
}

TEST_F(HeapAnalysisTest, ContradictoryBranchesOnALocalAreNotCombined) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target(int y) {
      int *p = (int *)malloc(4);
      if (y != 0)
        return;
      free(p);
      if (y != 0) {
        POINT(contradicts);
      }
      POINT(after);
      int debug = 0;
      if (debug) {
        POINT(never);
      }
    })cpp"));
  EXPECT_EQ(freedStatusAt(*Object("p").Id, "contradicts"), FreedStatus::Unreachable);
  EXPECT_EQ(freedStatusAt(*Object("p").Id, "never"), FreedStatus::Unreachable);
  EXPECT_EQ(freedStatusAt(*Object("p").Id, "after"), FreedStatus::FreedOnEveryPath);
}

TEST_F(HeapAnalysisTest, ReleaseUnderAContradictedParameterTestIsExcluded) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target(char *x, int y) {
      if (y == 0)
        free(x);
      if (y != 0) {
        POINT(otherValue);
      }
      if (y == 0) {
        POINT(sameValue);
      }
    })cpp"));
  const ReleaseFact *Free = nullptr;
  fa().forEachFact([&](const Fact &F) {
    if (const auto *R = llvm::dyn_cast<ReleaseFact>(&F))
      Free = R;
  });
  ASSERT_NE(Free, nullptr);
  const HeapState *Other = heap()->stateBefore(*point("otherValue"));
  const HeapState *Same = heap()->stateBefore(*point("sameValue"));
  ASSERT_TRUE(Other && Same);
  // The join after the first `if` keeps the release, on some path ...
  EXPECT_THAT(releasesAt("x", "otherValue"), ElementsAre("free line 5"));
  // ... but it was made with y == 0, which the path to otherValue excludes.
  EXPECT_TRUE(heap()->excludedBy(*Free, *Other));
  EXPECT_FALSE(heap()->excludedBy(*Free, *Same));
}

TEST_F(HeapAnalysisTest, ReallocFreesTheOldBlockWhereItsResultIsNotNull) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target(char *buf, unsigned n) {
      char *alias = buf;
      char *bigger = (char *)realloc(buf, n);
      if (bigger) {
        POINT(succeeded);
      } else {
        POINT(failed);
      }
      POINT(untested);
    })cpp"));
  EXPECT_THAT(Object("buf"), IsFreedAt("succeeded"));
  EXPECT_THAT(Object("alias"), IsFreedAt("succeeded"));
  EXPECT_THAT(releasesAt("buf", "succeeded"), ElementsAre("realloc line 5"));
  EXPECT_THAT(Object("buf"), Not(IsFreedAt("failed")));
  EXPECT_THAT(Object("bigger"), Not(IsFreedAt("succeeded")));
}

TEST_F(HeapAnalysisTest, ShortCircuitLoopConditionKeepsEachOperandsTest) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target(unsigned n) {
      char *p = nullptr;
      do {
        POINT(head);
        p = (char *)malloc(n);
        n /= 2;
      } while (!p && n > 16);
      POINT(after);
      free(p);
    })cpp"));
  // The loop goes round only through `n > 16`, reached when `!p` held.
  EXPECT_THAT(pointsToAt("p", "head"), ElementsAre("null"));
  EXPECT_THAT(pointsToAt("p", "after"), ElementsAre("heap:malloc(n)", "null"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(HeapAnalysisTest, NullCheckThroughABoolFunctionWithoutBody) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    bool check(bool condition, const char *file, int line);
    bool twoFlags(bool condition, bool fatal);
    void target() {
      int *p = (int *)malloc(4);
      if (!check(static_cast<bool>(p), __FILE__, __LINE__)) {
        POINT(failed);
        return;
      }
      POINT(succeeded);
      if (!twoFlags(p != nullptr, true)) {
        POINT(unknown);
      }
      free(p);
    })cpp"));
  EXPECT_THAT(pointsToAt("p", "failed"), ElementsAre("null"));
  EXPECT_THAT(pointsToAt("p", "succeeded"), ElementsAre("heap:malloc(4)"));
  EXPECT_THAT(pointsToAt("p", "unknown"), ElementsAre("heap:malloc(4)"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(HeapAnalysisTest, ALocalWrittenBetweenTheBranchesIsNotFollowed) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target(int y) {
      int *p = (int *)malloc(4);
      if (y == 0)
        free(p);
      y = next();
      if (y != 0)
        return;
      if (y != 0) {
        POINT(second);
      }
    })cpp"));
  EXPECT_NE(freedStatusAt(*Object("p").Id, "second"), FreedStatus::Unreachable);
}

TEST_F(HeapAnalysisTest, NullBranchOfAnAddressIsUnreachable) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      int x = 0;
      int *p = &x;
      if (!p) {
        POINT(never);
      }
      POINT(always);
    })cpp"));
  EXPECT_EQ(freedStatusAt(*Object("p").Id, "never"), FreedStatus::Unreachable);
  EXPECT_EQ(freedStatusAt(*Object("p").Id, "always"), FreedStatus::NotFreed);
}

TEST_F(HeapAnalysisTest, ReleaseOfNullDoesNothing) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target() {
      int *p = nullptr;
      free(p);
      POINT(after);
    })cpp"));
  EXPECT_THAT(Object("p"), IsNotFreedAt("after"));
}

//===----------------------------------------------------------------------===//
// Smart pointers
//===----------------------------------------------------------------------===//

TEST_F(HeapAnalysisTest, SmartPointerAdoptsTheMemory) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <memory>
    void target() {
      int *p = new int(1);
      std::unique_ptr<int> u(p);
      POINT(adopted);
      int *q = new int(2);
      std::unique_ptr<int> r;
      r.reset(q);
      POINT(reset);
    })cpp"));
  // The raw pointer now points to memory an owner will release: it counts as released
  // (by adoption), and the function no longer owns the memory.
  EXPECT_THAT(Object("p"), IsFreedAt("adopted"));
  EXPECT_THAT(releasesAt("p", "adopted"), ElementsAre("adopted line 5"));
  EXPECT_THAT(Allocation("new int(1)"), IsNotOwnedMemoryAt("adopted"));
  EXPECT_THAT(releasesAt("q", "reset"), ElementsAre("reset line 9"));
  EXPECT_THAT(Allocation("new int(2)"), IsNotOwnedMemoryAt("reset"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

//===----------------------------------------------------------------------===//
// Escapes
//===----------------------------------------------------------------------===//

TEST_F(HeapAnalysisTest, ReturnHandsTheMemoryToTheCaller) {
  ASSERT_TRUE(analyze(R"cpp(
    int *target() {
      int *p = new int;
      POINT(before);
      return p;
    })cpp"));
  EXPECT_THAT(Allocation("new int"), IsOwnedMemoryAt("before"));
  EXPECT_THAT(Allocation("new int"), Not(HasEscapedAt("before")));
  EXPECT_THAT(Allocation("new int"), HasEscapedAt(Exit));
  EXPECT_THAT(Allocation("new int"), IsNotOwnedMemoryAt(Exit));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(HeapAnalysisTest, StoresOutsideTheFrameHandTheMemoryOn) {
  ASSERT_TRUE(analyze(R"cpp(
    int *global;
    struct Holder {
      int *field;
      void target(int **out) {
        int *g = new int(1);
        global = g;
        POINT(global);
        int *f = new int(2);
        field = f;
        POINT(field);
        int *o = new int(3);
        *out = o;
        POINT(out);
      }
    };)cpp",
                      "Holder::target"));
  EXPECT_THAT(Allocation("new int(1)"), HasEscapedAt("global"));
  EXPECT_THAT(Allocation("new int(1)"), IsNotOwnedMemoryAt("global"));
  EXPECT_THAT(Allocation("new int(2)"), HasEscapedAt("field"));
  EXPECT_THAT(Allocation("new int(3)"), HasEscapedAt("out"));
  EXPECT_THAT(Allocation("new int(3)"), IsNotOwnedMemoryAt("out"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(HeapAnalysisTest, CallsThatMayKeepThePointerAndCallsThatOnlyRead) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstring>
    void take(int *);       // body not visible: may keep it
    void look(const int *); // pointer to const: reads it
    void target() {
      int *kept = new int[4];
      int *read = new int[4];
      int *copied = new int[4];
      look(read);
      memset(copied, 0, 4 * sizeof(int));
      take(kept);
      POINT(after);
      delete[] read;
      delete[] copied;
    })cpp"));
  EXPECT_THAT(Object("kept"), HasEscapedAt("after"));
  EXPECT_THAT(Object("kept"), IsNotOwnedMemoryAt("after"));
  EXPECT_THAT(Object("read"), Not(HasEscapedAt("after")));
  EXPECT_THAT(Object("read"), IsOwnedMemoryAt("after"));
  EXPECT_THAT(Object("copied"), Not(HasEscapedAt("after")));
  EXPECT_THAT(Object("copied"), IsOwnedMemoryAt("after"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(HeapAnalysisTest, EscapeOnOnePathLeavesTheMemoryOwnedOnTheOther) {
  ASSERT_TRUE(analyze(R"cpp(
    void take(int *);
    void target() {
      int *p = new int;
      if (cond())
        take(p);
      POINT(join);
      delete p;
    })cpp"));
  EXPECT_THAT(Object("p"), HasEscapedAt("join"));
  EXPECT_THAT(Object("p"), MayBeOwnedMemoryAt("join"));
}

//===----------------------------------------------------------------------===//
// Loops
//===----------------------------------------------------------------------===//

TEST_F(HeapAnalysisTest, AllocateAndReleaseInEachIteration) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target() {
      while (cond()) {
        POINT(head);
        char *b = (char *)malloc(8);
        free(b);
        POINT(tail);
      }
      POINT(after);
    })cpp"));
  EXPECT_THAT(Allocation("malloc(8)"), IsNotOwnedMemoryAt("head"));
  EXPECT_THAT(Object("b"), IsFreedAt("tail"));
  EXPECT_THAT(Allocation("malloc(8)"), IsNotOwnedMemoryAt("after"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(HeapAnalysisTest, LoopOverwritesTheBlockOfTheLastIteration) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(int n) {
      int *p = nullptr;
      for (int i = 0; i < n; ++i) {
        POINT(head);
        p = new int(i);
      }
      POINT(after);
      delete p;
    })cpp"));
  EXPECT_THAT(pointsToAt("p", "head"), ElementsAre("heap:new int(i)", "null"));
  EXPECT_THAT(Allocation("new int(i)"), MayBeOwnedMemoryAt("head"));
  EXPECT_THAT(Allocation("new int(i)"), MayBeOwnedMemoryAt("after"));
  // The second iteration overwrites the first one's block; the first does not.
  EXPECT_THAT(lostAllocations(), ElementsAre("new int(i) by p: overwrite line 6 (some path)"));
}

//===----------------------------------------------------------------------===//
// Helpers with visible bodies: their summaries
//===----------------------------------------------------------------------===//

TEST_F(HeapAnalysisTest, HelperThatFreesItsParameterReleases) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void release(int *q) { free(q); }
    void target() {
      int *p = (int *)malloc(4);
      release(p);
      POINT(after);
    })cpp"));
  EXPECT_THAT(Object("p"), IsFreedAt("after"));
  EXPECT_THAT(releasesAt("p", "after"), ElementsAre("release line 6"));
  EXPECT_THAT(Allocation("malloc(4)"), IsNotOwnedMemoryAt("after"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(HeapAnalysisTest, HelperThatKeepsOrReadsItsParameter) {
  ASSERT_TRUE(analyze(R"cpp(
    int *registry;
    void keepIt(int *q) { registry = q; }
    int peek(int *q) { return *q; }
    void target() {
      int *kept = new int(1);
      int *read = new int(2);
      keepIt(kept);
      peek(read);
      POINT(after);
      delete read;
    })cpp"));
  EXPECT_THAT(Object("kept"), HasEscapedAt("after"));
  EXPECT_THAT(Object("kept"), IsNotFreedAt("after"));
  EXPECT_THAT(Object("read"), Not(HasEscapedAt("after")));
  EXPECT_THAT(Object("read"), IsOwnedMemoryAt("after"));
}

TEST_F(HeapAnalysisTest, HelperThatReturnsFreshMemoryAllocates) {
  ASSERT_TRUE(analyze(R"cpp(
    int *make() { return new int(7); }
    void target() {
      int *p = make();
      POINT(made);
      delete p;
    })cpp"));
  EXPECT_THAT(pointsToAt("p", "made"), ElementsAre("heap:make()"));
  EXPECT_THAT(Allocation("make()"), IsOwnedMemoryAt("made"));
}

//===----------------------------------------------------------------------===//
// Where an allocation loses its last owner (lostAt)
//===----------------------------------------------------------------------===//

TEST_F(HeapAnalysisTest, LostAtScopeEnd) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      {
        int *p = new int;
      }
      int *kept = new int;
      int *alias = kept;
      delete alias;
    })cpp"));
  EXPECT_THAT(lostAllocations(), ElementsAre("new int by p: scope end line 5 (every path)"));
}

TEST_F(HeapAnalysisTest, LostByOverwrite) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      int *p = new int(1);
      p = new int(2);
      p = nullptr;
    })cpp"));
  EXPECT_THAT(lostAllocations(), ElementsAre("new int(1) by p: overwrite line 4 (every path)",
                                             "new int(2) by p: overwrite line 5 (every path)"));
}

TEST_F(HeapAnalysisTest, LostAtAnEarlyReturn) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      int *p = new int;
      if (cond())
        return;
      delete p;
    })cpp"));
  EXPECT_THAT(lostAllocations(), ElementsAre("new int by p: return line 5 (every path)"));
}

TEST_F(HeapAnalysisTest, NotLostWhileAnotherPointerHoldsIt) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      int *q;
      {
        int *p = new int;
        q = p;
      }
      POINT(outer);
      delete q;
    })cpp"));
  EXPECT_THAT(Allocation("new int"), IsOwnedMemoryAt("outer"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

//===----------------------------------------------------------------------===//
// Member functions on a heap object, and addresses of its members
//===----------------------------------------------------------------------===//

TEST_F(HeapAnalysisTest, MemberCallsThatMayReleaseTheirObject) {
  ASSERT_TRUE(analyze(R"cpp(
    struct C {
      int refs = 1;
      void unref() { if (--refs == 0) delete this; }
      void destroy() { delete this; }
      void poke() { ++refs; }
      void decref();
    };
    void target() {
      C *a = new C, *b = new C, *c = new C, *d = new C;
      a->poke();
      POINT(poked);
      a->unref();
      b->decref();
      (*c).destroy();
      POINT(after);
      delete d;
    })cpp"));
  EXPECT_THAT(Object("a"), IsOwnedMemoryAt("poked"));
  // May release or keep it: no longer this function's, and not freed either.
  EXPECT_THAT(Object("a"), HasEscapedAt("after"));
  EXPECT_THAT(Object("a"), IsNotFreedAt("after"));
  EXPECT_THAT(Object("b"), HasEscapedAt("after"));
  EXPECT_THAT(Object("b"), IsNotFreedAt("after"));
  // `delete this` on every path: freed.
  EXPECT_THAT(Object("c"), IsFreedAt("after"));
  EXPECT_THAT(releasesAt("c", "after"), ElementsAre("destroy line 15"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(HeapAnalysisTest, AddressOfAMemberPointsIntoTheBlock) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    struct H { int fd; };
    struct Conn { H handle; char buf[8]; };
    int start(H *h);
    void target() {
      Conn *conn = (Conn *)malloc(sizeof(Conn));
      H *h = &conn->handle;
      POINT(aliased);
      start(&conn->handle);
      POINT(registered);
    })cpp"));
  EXPECT_THAT(pointsToAt("h", "aliased"), ElementsAre("heap:malloc(sizeof(Conn))"));
  EXPECT_THAT(Object("conn"), IsOwnedMemoryAt("aliased"));
  EXPECT_THAT(Object("conn"), HasEscapedAt("registered"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

//===----------------------------------------------------------------------===//
// Pointers advanced into their block
//===----------------------------------------------------------------------===//

TEST_F(HeapAnalysisTest, ReleaseOffsetsFollowConstantSteps) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target(long n) {
      char *a = (char *)malloc(8);
      a++;
      POINT(advanced);
      free(a);
      char *b = (char *)malloc(8);
      b += 3;
      b -= 3;
      free(b);
      char *c = (char *)malloc(8);
      free(c + 2);
      char *d = (char *)malloc(8);
      char *e = d + 1;
      free(e);
      char *f = (char *)malloc(8);
      f += n;
      free(f);
    })cpp"));
  EXPECT_THAT(releaseOffsets(),
              ElementsAre("free line 7: 1", "free line 11: 0", "free line 13: 2",
                          "free line 16: 1", "free line 19: unknown"));
  // Still into the same block: releasing the advanced pointer releases it.
  EXPECT_THAT(pointsToAt("a", "advanced"), ElementsAre("heap:malloc(8)"));
}

TEST_F(HeapAnalysisTest, ReleaseOffsetsJoinPaths) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target() {
      char *a = (char *)malloc(8);
      if (cond())
        a++;
      free(a);
      char *b = (char *)malloc(8);
      if (cond())
        b += 2;
      else
        b = b + 2;
      free(b);
      char *c = (char *)malloc(8);
      c++;
      c = (char *)malloc(8);
      free(c);
    })cpp"));
  EXPECT_THAT(releaseOffsets(),
              ElementsAre("free line 7: unknown", "free line 13: 2", "free line 17: 0"));
}

} // namespace
} // namespace test
} // namespace ownership
