//===- BorrowAnalysisTest.cpp - Loans held, loans ended, loans stored -----===//
//
// Part of ownership-checker, under the MIT license.
//
// The borrow pass at program points: which loans each borrower (pointer, reference,
// view, iterator) holds, which of them ended (the owner went out of scope, a temporary
// died at the end of its full-expression, a container operation invalidated it), on
// every path or on some, and which loans were stored into places outside the frame.
// What a call's result borrows comes from `[[clang::lifetimebound]]` or the callee's body.
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

using BorrowAnalysisTest = AnalysisTest;

//===----------------------------------------------------------------------===//
// References and pointers to locals
//===----------------------------------------------------------------------===//

TEST_F(BorrowAnalysisTest, PointerToALocalEndsWithItsScope) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      const Res *p;
      {
        Res s;
        p = &s;
        POINT(inside);
      }
      POINT(outside);
    })cpp"));
  EXPECT_THAT(Object("p"), HoldsLiveLoanOn("s", "inside"));
  EXPECT_THAT(Object("p"), LoanEndedAt("s", "outside"));
}

TEST_F(BorrowAnalysisTest, ReferenceToEitherOfTwoObjectsBorrowsBoth) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(bool c) {
      Res a, b;
      const Res &r = c ? a : b;
      POINT(bound);
      r.read();
    })cpp"));
  EXPECT_THAT(loansAt("r", "bound"), ElementsAre("a", "b"));
}

TEST_F(BorrowAnalysisTest, ReassignedPointerDropsItsOldLoan) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      Res a, b;
      const Res *p = &a;
      POINT(first);
      p = &b;
      POINT(second);
      p = nullptr;
      POINT(cleared);
    })cpp"));
  EXPECT_THAT(loansAt("p", "first"), ElementsAre("a"));
  EXPECT_THAT(loansAt("p", "second"), ElementsAre("b"));
  EXPECT_THAT(loansAt("p", "cleared"), IsEmpty());
}

TEST_F(BorrowAnalysisTest, LoanOnOnePathOnly) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      Res outer;
      const Res *p = &outer;
      {
        Res inner;
        if (cond())
          p = &inner;
        POINT(join);
      }
      POINT(after);
    })cpp"));
  EXPECT_THAT(loansAt("p", "join"), ElementsAre("inner", "outer"));
  EXPECT_THAT(Object("p"), LoanEndedAt("inner", "after"));
  EXPECT_THAT(Object("p"), HoldsLiveLoanOn("outer", "after"));
}

TEST_F(BorrowAnalysisTest, ScopeEndOnOnePathEndsTheLoanOnSomePath) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <string>
    #include <string_view>
    void target() {
      std::string s = "text";
      std::string_view v = s;
      if (cond())
        s.push_back('!');
      POINT(join);
    })cpp"));
  EXPECT_THAT(Object("v"), LoanMayHaveEndedAt("s", "join"));
}

TEST_F(BorrowAnalysisTest, LoopTakesTheLoanAfresh) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      const Res *p = nullptr;
      while (cond()) {
        POINT(head);
        Res s;
        p = &s;
        POINT(taken);
      }
      POINT(after);
    })cpp"));
  // The back edge brings the last iteration's loan, ended with its s; the loop's entry
  // brings none.
  EXPECT_THAT(Object("p"), LoanMayHaveEndedAt("s", "head"));
  // Each iteration's s is a new object: its loan is live, whatever the last one's was.
  EXPECT_THAT(Object("p"), HoldsLiveLoanOn("s", "taken"));
  EXPECT_THAT(Object("p"), LoanMayHaveEndedAt("s", "after"));
}

//===----------------------------------------------------------------------===//
// Views, iterators, c_str()
//===----------------------------------------------------------------------===//

TEST_F(BorrowAnalysisTest, StringViewAndCStrBorrowTheBuffer) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <string>
    #include <string_view>
    void target() {
      std::string s = "text";
      std::string_view v = s;
      const char *c = s.c_str();
      POINT(borrowed);
      s.append("more");
      POINT(appended);
    })cpp"));
  EXPECT_THAT(Object("v"), HoldsLiveLoanOn("s", "borrowed"));
  EXPECT_THAT(Object("c"), HoldsLiveLoanOn("s", "borrowed"));
  EXPECT_THAT(Object("v"), LoanEndedAt("s", "appended"));
  EXPECT_THAT(Object("c"), LoanEndedAt("s", "appended"));
}

TEST_F(BorrowAnalysisTest, PushBackInvalidatesIteratorsAndElementReferences) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <vector>
    void target() {
      std::vector<int> v = {1, 2};
      auto it = v.begin();
      int &first = v[0];
      const std::vector<int> *whole = &v;
      POINT(before);
      v.push_back(3);
      POINT(after);
    })cpp"));
  EXPECT_THAT(Object("it"), HoldsLiveLoanOn("v", "before"));
  EXPECT_THAT(Object("first"), HoldsLiveLoanOn("v", "before"));
  EXPECT_THAT(Object("it"), LoanEndedAt("v", "after"));
  EXPECT_THAT(Object("first"), LoanEndedAt("v", "after"));
  // A pointer to the vector itself stays valid: push_back does not move the vector.
  EXPECT_THAT(Object("whole"), HoldsLiveLoanOn("v", "after"));
}

TEST_F(BorrowAnalysisTest, EraseInvalidatesOnlyTheErasedIterator) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <unordered_map>
    void target() {
      std::unordered_map<int, int> m = {{1, 1}, {2, 2}};
      auto a = m.find(1);
      auto b = m.find(2);
      m.erase(a);
      POINT(erased);
    })cpp"));
  EXPECT_THAT(Object("a"), LoanEndedAt("m", "erased"));
  EXPECT_THAT(Object("b"), HoldsLiveLoanOn("m", "erased"));
}

TEST_F(BorrowAnalysisTest, IteratorCopyCarriesTheLoans) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <vector>
    void target() {
      std::vector<int> v = {1, 2};
      auto it = v.begin();
      auto copy = it;
      v.clear();
      POINT(cleared);
    })cpp"));
  EXPECT_THAT(Object("copy"), LoanEndedAt("v", "cleared"));
}

//===----------------------------------------------------------------------===//
// Temporaries
//===----------------------------------------------------------------------===//

TEST_F(BorrowAnalysisTest, TemporaryDiesAtTheEndOfTheFullExpression) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <string>
    #include <string_view>
    std::string make();
    void target() {
      std::string_view v = make();
      const char *c = make().c_str();
      POINT(after);
    })cpp"));
  EXPECT_THAT(Object("v"), LoanEndedAt("temporary", "after"));
  EXPECT_THAT(Object("c"), LoanEndedAt("temporary", "after"));
}

TEST_F(BorrowAnalysisTest, TemporaryBoundToAReferenceLivesWhileTheReferenceIsInScope) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <string>
    #include <string_view>
    std::string make();
    void target() {
      std::string_view v;
      {
        const std::string &r = make();
        v = r;
        POINT(inside);
      }
      POINT(outside);
    })cpp"));
  EXPECT_THAT(Object("v"), HoldsLiveLoanOn("temporary", "inside"));
}

TEST_F(BorrowAnalysisTest, TemporaryBoundToAReferenceDiesWithTheReference) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <string>
    #include <string_view>
    std::string make();
    void target() {
      std::string_view v;
      {
        const std::string &r = make();
        v = r;
      }
      POINT(outside);
    })cpp"));
  EXPECT_THAT(Object("v"), LoanEndedAt("temporary", "outside"));
}

//===----------------------------------------------------------------------===//
// What a call's result borrows
//===----------------------------------------------------------------------===//

TEST_F(BorrowAnalysisTest, LifetimeboundParameterIsBorrowed) {
  ASSERT_TRUE(analyze(R"cpp(
    const Res &pick(const Res &a [[clang::lifetimebound]], const Res &b);
    void target() {
      Res x, y;
      const Res &r = pick(x, y);
      POINT(p);
      r.read();
    })cpp"));
  EXPECT_THAT(loansAt("r", "p"), ElementsAre("x"));
}

TEST_F(BorrowAnalysisTest, LifetimeboundImplicitObjectIsBorrowed) {
  ASSERT_TRUE(analyze(R"cpp(
    struct Holder {
      Res r;
      const Res &get() const [[clang::lifetimebound]];
    };
    void target() {
      const Res *p;
      {
        Holder h;
        p = &h.get();
      }
      POINT(after);
    })cpp"));
  EXPECT_THAT(Object("p"), LoanEndedAt("h", "after"));
}

TEST_F(BorrowAnalysisTest, BorrowInferredFromTheCalleeBody) {
  ASSERT_TRUE(analyze(R"cpp(
    const Res &first(const Res &a, const Res &b) { return a; }
    const Res &either(const Res &a, const Res &b) { return cond() ? a : b; }
    void target() {
      Res x, y;
      const Res &r1 = first(x, y);
      const Res &r2 = either(x, y);
      POINT(p);
      r1.read();
      r2.read();
    })cpp"));
  EXPECT_THAT(loansAt("r1", "p"), ElementsAre("x"));
  EXPECT_THAT(loansAt("r2", "p"), ElementsAre("x", "y"));
}

TEST_F(BorrowAnalysisTest, CalleeWithoutBodyOrAttributeBorrowsNothing) {
  ASSERT_TRUE(analyze(R"cpp(
    const Res &opaque(const Res &a);
    void target() {
      Res x;
      const Res &r = opaque(x);
      POINT(p);
      r.read();
    })cpp"));
  EXPECT_THAT(loansAt("r", "p"), IsEmpty());
}

//===----------------------------------------------------------------------===//
// Objects that borrow because of their constructor
//===----------------------------------------------------------------------===//

TEST_F(BorrowAnalysisTest, ObjectBuiltFromATemporaryBorrowsIt) {
  ASSERT_TRUE(analyze(R"cpp(
    struct Ref {
      explicit Ref(const Res &r) : R(r) {}
      const Res &R;
    };
    struct Annotated {
      explicit Annotated(const Res &r [[clang::lifetimebound]]);
    };
    Res make();
    void target() {
      Ref a(make());
      Annotated b(make());
      POINT(after);
    })cpp"));
  EXPECT_THAT(Object("a"), LoanEndedAt("temporary", "after"));
  EXPECT_THAT(Object("b"), LoanEndedAt("temporary", "after"));
}

TEST_F(BorrowAnalysisTest, ObjectThatCopiesItsArgumentBorrowsNothing) {
  ASSERT_TRUE(analyze(R"cpp(
    struct Copy {
      explicit Copy(const Res &r) : R(r) {}
      Res R;
    };
    struct ByValue {
      explicit ByValue(Res r) : R(std::move(r)) {}
      Res R;
    };
    struct Opaque {
      explicit Opaque(const Res &r);
      const Res *R;
    };
    Res make();
    void target() {
      Copy a(make());
      ByValue b(make());
      Opaque c(make());
      POINT(after);
      c.R->read();
    })cpp"));
  EXPECT_THAT(loansAt("a", "after"), IsEmpty());
  EXPECT_THAT(loansAt("b", "after"), IsEmpty());
  EXPECT_THAT(loansAt("c", "after"), IsEmpty());
}

TEST_F(BorrowAnalysisTest, ObjectBorrowsWhatItsPointerArgumentPointsTo) {
  ASSERT_TRUE(analyze(R"cpp(
    struct Ptr {
      explicit Ptr(const Res *p) { P = p; }
      const Res *P;
    };
    void target() {
      Ptr outer(nullptr);
      {
        Res x;
        outer = Ptr(&x);
        POINT(inside);
      }
      POINT(outside);
    })cpp"));
  EXPECT_THAT(loansAt("outer", "inside"), ElementsAre("x"));
  EXPECT_THAT(Object("outer"), LoanEndedAt("x", "outside"));
}

TEST_F(BorrowAnalysisTest, FunctionReturningAnObjectThatBorrows) {
  ASSERT_TRUE(analyze(R"cpp(
    struct Ref {
      explicit Ref(const Res &r) : R(r) {}
      const Res &R;
    };
    Ref annotated(const Res &r [[clang::lifetimebound]]);
    Ref inferred(const Res &r) { return Ref(r); }
    Ref opaque(const Res &r);
    void target() {
      Res x, y, z;
      Ref a = annotated(x);
      Ref b = inferred(y);
      Ref c = opaque(z);
      POINT(p);
    })cpp"));
  EXPECT_THAT(loansAt("a", "p"), ElementsAre("x"));
  EXPECT_THAT(loansAt("b", "p"), ElementsAre("y"));
  EXPECT_THAT(loansAt("c", "p"), IsEmpty());
}

//===----------------------------------------------------------------------===//
// Stores outside the frame
//===----------------------------------------------------------------------===//

TEST_F(BorrowAnalysisTest, StoresIntoAGlobalAndAnOutParameter) {
  ASSERT_TRUE(analyze(R"cpp(
    const Res *g;
    void target(const Res **out) {
      Res local;
      g = &local;
      POINT(global);
      *out = &local;
      POINT(both);
    })cpp"));
  EXPECT_THAT(storedAt("global"), ElementsAre("g <- local"));
  EXPECT_THAT(storedAt("both"), ElementsAre("g <- local", "out <- local"));
  // The loans outlive the local: at the return they had ended.
  EXPECT_THAT(storedAt(Exit), ElementsAre("g <- local", "out <- local"));
}

TEST_F(BorrowAnalysisTest, StoreOnOnePathAndReplacedStore) {
  ASSERT_TRUE(analyze(R"cpp(
    const Res *g;
    void target() {
      Res a, b;
      if (cond())
        g = &a;
      POINT(join);
      g = &b;
      POINT(replaced);
      g = nullptr;
      POINT(cleared);
    })cpp"));
  EXPECT_THAT(storedAt("join"), ElementsAre("g <- a (some path)"));
  EXPECT_THAT(storedAt("replaced"), ElementsAre("g <- b"));
  EXPECT_THAT(storedAt("cleared"), IsEmpty());
}

TEST_F(BorrowAnalysisTest, LocalBorrowerIsNotAStore) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      Res a;
      const Res *p = &a;
      POINT(p);
    })cpp"));
  EXPECT_THAT(storedAt("p"), IsEmpty());
  EXPECT_THAT(Object("p"), Not(LoanEndedAt("a", "p")));
}

} // namespace
} // namespace test
} // namespace ownership
