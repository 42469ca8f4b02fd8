//===- CaptureLoweringTest.cpp - What threads and returned closures borrow ===//
//
// Part of ownership-checker, under the MIT license.
//
// The borrow pass at program points for the captures the thread lowering and the lambda
// sources follow: a std::thread holds what its callable captured by reference, detaching
// it keeps those loans past the function's end, joining it does not; a lambda capturing
// `this` returned by a member function borrows the object the caller called it on.
//===----------------------------------------------------------------------===//
#include "checker/unittests/AnalysisTestSupport.h"

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;

using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace ownership {
namespace test {
namespace {

using CaptureLoweringTest = AnalysisTest;

TEST_F(CaptureLoweringTest, ThreadHoldsWhatItsLambdaCapturesByReference) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <thread>
    void target() {
      Res shared, copied;
      std::thread t([&shared, copied] { shared.read(); copied.read(); });
      POINT(started);
      t.join();
      POINT(joined);
    })cpp"));
  EXPECT_THAT(loansAt("t", "started"), ElementsAre("shared"));
  // Joining ends nothing and stores nothing: the locals outlive the thread.
  EXPECT_THAT(storedAt(Exit), IsEmpty());
}

TEST_F(CaptureLoweringTest, DetachedThreadKeepsItsLoansPastTheReturn) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <thread>
    void target() {
      Res r;
      std::thread t([&r] { r.read(); });
      t.detach();
      POINT(detached);
    })cpp"));
  EXPECT_THAT(storedAt("detached"), ElementsAre("t <- r"));
  EXPECT_THAT(storedAt(Exit), ElementsAre("t <- r"));
}

TEST_F(CaptureLoweringTest, MovedThreadCarriesItsLoans) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <thread>
    #include <utility>
    void target(bool c) {
      Res r;
      std::thread t(&Res::read, &r);
      std::thread u = std::move(t);
      POINT(moved);
      if (c)
        u.detach();
      else
        u.join();
    })cpp"));
  EXPECT_THAT(loansAt("u", "moved"), ElementsAre("r"));
  EXPECT_THAT(storedAt(Exit), ElementsAre("u <- r (some path)"));
}

TEST_F(CaptureLoweringTest, ThreadAssignedToAMemberIsAStore) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <thread>
    struct Pool {
      std::thread worker;
      void target() {
        Res r;
        worker = std::thread([&r] { r.read(); });
        POINT(stored);
      }
    };)cpp"));
  EXPECT_THAT(storedAt("stored"), ElementsAre("worker <- r"));
}

TEST_F(CaptureLoweringTest, LambdaCapturingThisReturnedByAMemberBorrowsTheObject) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <functional>
    struct Widget {
      int n = 0;
      std::function<int()> getter() { return [this] { return n; }; }
    };
    void target() {
      std::function<int()> f;
      {
        Widget w;
        f = w.getter();
        POINT(inside);
      }
      POINT(outside);
    })cpp"));
  EXPECT_THAT(loansAt("f", "inside"), ElementsAre("w"));
  EXPECT_THAT(Object("f"), LoanEndedAt("w", "outside"));
}

} // namespace
} // namespace test
} // namespace ownership
