//===- SummaryTest.cpp - Bottom-up summaries over a translation unit ------===//
//
// Part of ownership-checker, under the MIT license.
//
// UnitAnalysis: functions are analysed once each, after the callees whose summaries they
// need; a caller's summary builds on its callees'; a call cycle is cut, and the function of
// the cycle analysed first sees the others without a summary; callees outside the
// requested set are summarised but not handed over; virtual functions get no heap summary.
//===----------------------------------------------------------------------===//
#include "checker/unittests/AnalysisTestSupport.h"

#include <algorithm>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

namespace ownership {
namespace test {
namespace {

using SummaryTest = UnitAnalysisTest;

/// The heap effect summaries say for parameter \p I, for messages.
const char *describe(PointerParamEffect E) {
  switch (E) {
  case PointerParamEffect::None:
    return "None";
  case PointerParamEffect::Frees:
    return "Frees";
  case PointerParamEffect::Escapes:
    return "Escapes";
  }
  return "?";
}

/// The heap effect on parameter \p I in the summary of \p FD, or "no summary".
std::string paramEffect(const UnitAnalysis &Unit, const clang::FunctionDecl *FD, unsigned I) {
  const FunctionSummary *S = FD ? Unit.summaryOf(FD) : nullptr;
  if (!S)
    return "no summary";
  if (!S->HasHeap)
    return "no heap summary";
  return I < S->PointerParams.size() ? describe(S->PointerParams[I]) : "no such parameter";
}

TEST_F(SummaryTest, CalleesAreAnalysedBeforeTheirCallers) {
  ASSERT_TRUE(parse(R"cpp(
    void top(int *p);
    void a(int *p);
    void b(int *p);
    void c(int *p) { delete p; }
    void top(int *p) { a(p); }
    void a(int *p) { b(p); }
    void b(int *p) { c(p); })cpp"));
  EXPECT_THAT(runAll(), ElementsAre("c", "b", "a", "top"));
}

TEST_F(SummaryTest, ChainOfThreeCarriesTheRelease) {
  ASSERT_TRUE(parse(R"cpp(
    void c(int *p) { delete p; }
    void b(int *p) { c(p); }
    void a(int *p) { b(p); }
    void target(int *p) { a(p); })cpp"));
  runAll();
  // Each caller's heap pass saw its callee release the pointer: it releases it too.
  EXPECT_EQ(paramEffect(unit(), function("c"), 0), "Frees");
  EXPECT_EQ(paramEffect(unit(), function("b"), 0), "Frees");
  EXPECT_EQ(paramEffect(unit(), function("a"), 0), "Frees");
  EXPECT_EQ(unit().summaryOf(function("a"))->FreeFamilies[0], AllocFamily::New);
  // Nothing calls target: its summary is not needed.
  EXPECT_EQ(unit().summaryOf(function("target")), nullptr);
}

TEST_F(SummaryTest, NullCheckBeforeTheReleaseStillFrees) {
  ASSERT_TRUE(parse(R"cpp(
    #include <cstdlib>
    void release(int *p) {
      if (!p)
        return;
      free(p);
    }
    void releaseSometimes(int *p) {
      if (cond())
        free(p);
    }
    void target(int *p, int *q) {
      release(p);
      releaseSometimes(q);
    })cpp"));
  runAll();
  // A null pointer needs no release: the path that returns early frees it too.
  EXPECT_EQ(paramEffect(unit(), function("release"), 0), "Frees");
  EXPECT_EQ(unit().summaryOf(function("release"))->FreeFamilies[0], AllocFamily::Malloc);
  // Freed on some paths only: the caller cannot tell who owns it.
  EXPECT_EQ(paramEffect(unit(), function("releaseSometimes"), 0), "Escapes");
}

TEST_F(SummaryTest, AnalyzeOneSummarisesTheCalleesItNeeds) {
  ASSERT_TRUE(parse(R"cpp(
    void c(int *p) { delete p; }
    void b(int *p) { c(p); }
    void unrelated(int *p) { delete p; }
    void target(int *p) { b(p); })cpp"));
  std::unique_ptr<FunctionAnalysis> FA = unit().analyzeOne(function("target"));
  ASSERT_TRUE(FA);
  EXPECT_EQ(FA->decl(), function("target"));
  EXPECT_EQ(paramEffect(unit(), function("b"), 0), "Frees");
  EXPECT_EQ(paramEffect(unit(), function("c"), 0), "Frees");
  EXPECT_EQ(unit().summaryOf(function("unrelated")), nullptr);
}

TEST_F(SummaryTest, EachFunctionIsHandedOverOnce) {
  ASSERT_TRUE(parse(R"cpp(
    void leaf(int *p) { delete p; }
    void left(int *p) { leaf(p); }
    void right(int *p) { leaf(p); }
    void target(int *p, int *q) {
      left(p);
      right(q);
      leaf(nullptr);
    })cpp"));
  std::vector<std::string> Names = runAll();
  EXPECT_THAT(Names, UnorderedElementsAre("leaf", "left", "right", "target"));
  // leaf before both of its callers, and target last.
  EXPECT_EQ(Names.front(), "leaf");
  EXPECT_EQ(Names.back(), "target");
}

TEST_F(SummaryTest, MutualRecursionIsCutWithTheSoundDefault) {
  ASSERT_TRUE(parse(R"cpp(
    int odd(int *p, int n);
    int even(int *p, int n) { return n == 0 ? *p : odd(p, n - 1); }
    int odd(int *p, int n) { return n == 0 ? 0 : even(p, n - 1); }
    int target(int *p) { return even(p, 4); })cpp"));
  std::vector<std::string> Names = runAll();
  EXPECT_THAT(Names, UnorderedElementsAre("even", "odd", "target"));
  EXPECT_EQ(Names.back(), "target");
  // Both only read through the pointer, but the one analysed first saw its partner
  // without a summary (the call may keep the pointer), and the other then saw that.
  EXPECT_EQ(paramEffect(unit(), function(Names[0]), 0), "Escapes");
  EXPECT_EQ(paramEffect(unit(), function(Names[1]), 0), "Escapes");
}

TEST_F(SummaryTest, SelfRecursionIsAnalysedOnce) {
  ASSERT_TRUE(parse(R"cpp(
    void walk(int *p, int n) {
      if (n > 0)
        walk(p, n - 1);
    }
    void target(int *p) { walk(p, 3); })cpp"));
  EXPECT_THAT(runAll(), ElementsAre("walk", "target"));
  EXPECT_NE(unit().summaryOf(function("walk")), nullptr);
}

TEST_F(SummaryTest, CalleeOutsideTheRequestedSetIsSummarisedNotHandedOver) {
  ASSERT_TRUE(parse(R"cpp(
    void helper(int *p) { delete p; }
    void target(int *p) { helper(p); })cpp"));
  std::vector<std::string> Names;
  unit().run({function("target")}, [&](const FunctionAnalysis &FA) {
    Names.push_back(FA.decl()->getNameAsString());
  });
  EXPECT_THAT(Names, ElementsAre("target"));
  EXPECT_EQ(paramEffect(unit(), function("helper"), 0), "Frees");
}

TEST_F(SummaryTest, CalleeWithoutAUsefulSignatureIsNotSummarised) {
  ASSERT_TRUE(parse(R"cpp(
    int twice(int x) { return 2 * x; }
    int target() { return twice(2); })cpp"));
  runAll();
  // No pointer, rvalue reference, borrowing result or container parameter: nothing to say.
  EXPECT_EQ(unit().summaryOf(function("twice")), nullptr);
}

TEST_F(SummaryTest, SummaryParts) {
  ASSERT_TRUE(parse(R"cpp(
    #include <vector>
    int *make() { return new int(1); }
    void take(Res &&r) { Res mine = std::move(r); }
    const Res &first(const Res &a, const Res &b) { return a; }
    void grow(std::vector<int> &v) { v.push_back(1); }
    void target(Res x, Res y, std::vector<int> &v) {
      delete make();
      take(std::move(x));
      first(x, y);
      grow(v);
    })cpp"));
  runAll();
  const FunctionSummary *Make = unit().summaryOf(function("make"));
  ASSERT_NE(Make, nullptr);
  EXPECT_EQ(Make->ReturnsFresh, AllocFamily::New);
  const FunctionSummary *Take = unit().summaryOf(function("take"));
  ASSERT_NE(Take, nullptr);
  EXPECT_TRUE(Take->ConsumedParams.test(0));
  const FunctionSummary *First = unit().summaryOf(function("first"));
  ASSERT_NE(First, nullptr);
  EXPECT_TRUE(First->ReturnBorrowsParams.test(0));
  EXPECT_FALSE(First->ReturnBorrowsParams.test(1));
  const FunctionSummary *Grow = unit().summaryOf(function("grow"));
  ASSERT_NE(Grow, nullptr);
  ASSERT_EQ(Grow->ParamInvalidations.size(), 1u);
  EXPECT_TRUE(Grow->ParamInvalidations[0] & InvalidateFact::maskOf(LoanClass::ElementIter));
}

TEST_F(SummaryTest, MemberContainersGrownAndHandedOut) {
  ASSERT_TRUE(parse(R"cpp(
    #include <vector>
    struct Item { int v; };
    class Pool {
    public:
      Item &get(unsigned i) { return items_[i]; }
      Item *stored(unsigned i) { return ptrs_[i]; }
      Item copy(unsigned i) { return items_[i]; }
      void add(Item x) { items_.push_back(x); }
      void addTwice(Item x) { add(x); add(x); }
      void drop() { items_.pop_back(); }
    private:
      std::vector<Item> items_;
      std::vector<Item *> ptrs_;
    };
    void use(Pool &p) {
      p.get(0); p.stored(0); p.copy(0); p.addTwice(Item{1}); p.drop();
    })cpp"));
  runAll();
  auto Summary = [&](llvm::StringRef Name) {
    const FunctionSummary *S = unit().summaryOf(function(Name));
    EXPECT_NE(S, nullptr) << Name.str();
    return S;
  };
  const FunctionSummary *Get = Summary("Pool::get");
  ASSERT_NE(Get, nullptr);
  ASSERT_NE(Get->ReturnsElementOf, nullptr);
  EXPECT_EQ(Get->ReturnsElementOf->getName(), "items_");
  EXPECT_EQ(Get->ReturnsElementLoan, LoanClass::ElementRef);
  // A pointer read out of an element, and a copy of one, borrow nothing of the vector.
  for (llvm::StringRef Name : {"Pool::stored", "Pool::copy"})
    if (const FunctionSummary *S = Summary(Name))
      EXPECT_EQ(S->ReturnsElementOf, nullptr) << Name.str();
  // Growing through a helper counts; removing the last element is no caller's business.
  const FunctionSummary *Twice = Summary("Pool::addTwice");
  ASSERT_NE(Twice, nullptr);
  ASSERT_EQ(Twice->MemberInvalidations.size(), 1u);
  EXPECT_EQ(Twice->MemberInvalidations[0].first->getName(), "items_");
  if (const FunctionSummary *Drop = Summary("Pool::drop"))
    EXPECT_TRUE(Drop->MemberInvalidations.empty());
}

TEST_F(SummaryTest, VirtualFunctionsGetNoHeapSummary) {
  ASSERT_TRUE(parse(R"cpp(
    struct Shape {
      virtual void drop(int *p) { delete p; }
      virtual void take(Res &&r) { Res mine = std::move(r); }
    };
    void target(Shape &b, int *p, Res r) {
      b.drop(p);
      b.take(std::move(r));
    })cpp"));
  runAll();
  // Another override may run: only what it does with a moved argument is summarised.
  EXPECT_EQ(unit().summaryOf(function("Shape::drop")), nullptr);
  const FunctionSummary *Take = unit().summaryOf(function("Shape::take"));
  ASSERT_NE(Take, nullptr);
  EXPECT_FALSE(Take->HasHeap);
  EXPECT_TRUE(Take->ConsumedParams.test(0));
}

TEST_F(SummaryTest, WhatMemberFunctionsDoToTheirObject) {
  ASSERT_TRUE(parse(R"cpp(
    struct C {
      int refs = 1;
      void unref() { if (--refs == 0) delete this; }
      void destroy() { delete this; }
      void poke() { ++refs; }
      void later();
      void release() { destroy(); }
      void viaLater() { later(); }
      void early(bool b) { if (b) return; delete this; }
      void viaCopy() { C *self = this; if (--self->refs == 0) delete self; }
    };
    void target(C *c) {
      c->unref(); c->destroy(); c->poke(); c->release();
      c->viaLater(); c->early(true); c->viaCopy();
    })cpp"));
  runAll();
  auto This = [&](llvm::StringRef Name) -> std::string {
    const FunctionSummary *S = unit().summaryOf(function(Name));
    if (!S || !S->HasThis)
      return "no this summary";
    return describe(S->ThisEffect);
  };
  EXPECT_EQ(This("C::unref"), "Escapes");
  EXPECT_EQ(This("C::destroy"), "Frees");
  EXPECT_EQ(unit().summaryOf(function("C::destroy"))->ThisFamily, AllocFamily::New);
  EXPECT_EQ(This("C::poke"), "None");
  EXPECT_EQ(This("C::release"), "Frees");
  EXPECT_EQ(This("C::viaLater"), "Escapes"); // later() has no body: it may release
  EXPECT_EQ(This("C::early"), "Escapes");    // not on the early return
  EXPECT_EQ(This("C::viaCopy"), "Escapes");  // a copy of 'this' is not followed
  // What the model tells the caller's lowering about the implicit object.
  EXPECT_EQ(effectsOf("unref").Object.Heap, HeapEffect::Keeps);
  EXPECT_EQ(effectsOf("destroy").Object.Heap, HeapEffect::Releases);
  EXPECT_EQ(effectsOf("destroy").Object.Releaser, "destroy");
  EXPECT_EQ(effectsOf("poke").Object.Heap, HeapEffect::Reads);
}

TEST_F(SummaryTest, UnknownMethodLeavesItsObjectUnknown) {
  ASSERT_TRUE(parse(R"cpp(
    #include <string>
    struct C { void decref(); virtual void drop() {} };
    void target(C *c, std::string *s) { c->decref(); c->drop(); s->clear(); })cpp"));
  runAll();
  // No body, or another override may run: it may `delete this` or keep the object.
  EXPECT_EQ(effectsOf("decref").Object.Heap, HeapEffect::Unknown);
  EXPECT_EQ(effectsOf("drop").Object.Heap, HeapEffect::Unknown);
  // The standard library's classes never release their own object.
  EXPECT_EQ(effectsOf("clear").Object.Heap, HeapEffect::Reads);
}

TEST_F(SummaryTest, ReturnsNullWhenAnArgumentIsZero) {
  ASSERT_TRUE(parse(R"cpp(
    #include <cstdlib>
    void *resize(void *p, unsigned long n) {
      if (n == 0) { free(p); return nullptr; }
      return realloc(p, n);
    }
    char *grow(int n) { if (n <= 0) return nullptr; return (char *)malloc(n); }
    char *always(int n) { return (char *)malloc(n + 1); }
    char *changed(int n) { n = n - 1; if (!n) return nullptr; return (char *)malloc(n); }
    void target(void *p) { resize(p, 0); resize(p, 8); grow(0); always(0); changed(0); })cpp"));
  runAll();
  auto Bits = [&](llvm::StringRef Name) {
    const FunctionSummary *S = unit().summaryOf(function(Name));
    EXPECT_TRUE(S && S->ReturnsFresh) << Name.str();
    std::string Out;
    if (S)
      for (unsigned I = 0; I < S->ReturnsNullWhenZero.size(); ++I)
        Out += S->ReturnsNullWhenZero.test(I) ? '1' : '0';
    return Out;
  };
  EXPECT_EQ(Bits("resize"), "01");
  EXPECT_EQ(Bits("grow"), "1");
  EXPECT_EQ(Bits("always"), "0");
  EXPECT_EQ(Bits("changed"), "0"); // n is assigned before the test
  // A literal 0 there: the call allocates nothing.
  EXPECT_FALSE(model().allocatorOf(callTo("resize", "target", 0)->E).has_value());
  EXPECT_TRUE(model().allocatorOf(callTo("resize", "target", 1)->E).has_value());
  EXPECT_FALSE(model().allocatorOf(callTo("grow")->E).has_value());
  EXPECT_TRUE(model().allocatorOf(callTo("always")->E).has_value());
}

TEST_F(SummaryTest, MemberHandedOverAndForgottenIsReturnedOwnership) {
  ASSERT_TRUE(parse(R"cpp(
    struct Holder {
      int *p = new int(1);
      ~Holder() { delete p; }
      int *release() { int *out = p; p = nullptr; return out; }
      int *swap(int *next) { int *old = p; p = next; return old; }
      int *get() { return p; }
    };
    struct Cursor {
      int *p;
      int *take() { int *out = p; p = nullptr; return out; }
    };
    void target(Holder &h, Cursor &c, int *n) { h.release(); h.swap(n); h.get(); c.take(); })cpp"));
  runAll();
  const FunctionSummary *Release = unit().summaryOf(function("Holder::release"));
  ASSERT_TRUE(Release);
  ASSERT_TRUE(Release->ReturnsFresh);
  EXPECT_EQ(*Release->ReturnsFresh, AllocFamily::New);
  EXPECT_TRUE(Release->ReturnsHandedOver);
  const FunctionSummary *Swap = unit().summaryOf(function("Holder::swap"));
  ASSERT_TRUE(Swap);
  EXPECT_TRUE(Swap->ReturnsFresh && Swap->ReturnsHandedOver);
  // The member still holds it: lent, not handed over.
  EXPECT_FALSE(unit().summaryOf(function("Holder::get"))->ReturnsFresh);
  // A member no destructor releases owns nothing to hand over.
  EXPECT_FALSE(unit().summaryOf(function("Cursor::take"))->ReturnsFresh);
  // The caller owns what release() returns.
  std::optional<Allocator> A = model().allocatorOf(callTo("release")->E);
  ASSERT_TRUE(A);
  EXPECT_TRUE(A->HandsOver);
  EXPECT_EQ(A->Name, "release");
}

TEST_F(SummaryTest, ParameterKeptOnlyForSomeResults) {
  ASSERT_TRUE(parse(R"cpp(
    struct Registry {
      int *items[4];
      int n = 0;
      bool add(int *p) { if (n == 4) return false; items[n++] = p; return true; }
      int insert(int *p) { if (n == 4) return -1; if (n == 3) return -2; items[n++] = p; return 0; }
      bool refuse(int *p) { if (n == 4) { items[0] = p; return true; } return false; }
      bool addIfRoom(int *p) { if (n < 4) items[n++] = p; return n > 0; }
      bool addAlways(int *p) { items[0] = p; if (n == 4) return false; return true; }
      bool sameResult(int *p) { if (n == 4) return true; items[n++] = p; return true; }
    };
    void target(Registry &r, int *p) {
      r.add(p); r.insert(p); r.refuse(p); r.addIfRoom(p); r.addAlways(p); r.sameResult(p);
    })cpp"));
  runAll();
  auto Kept = [&](llvm::StringRef Name) -> std::string {
    const FunctionSummary *S = unit().summaryOf(function(Name));
    if (!S || S->KeptByResults.empty())
      return "none";
    const KeptByResult &K = S->KeptByResults.front();
    return (K.KeptIfEqual ? "kept if == " : "kept if != ") + std::to_string(K.Value) +
           " (param " + std::to_string(K.Param) + ")";
  };
  EXPECT_EQ(Kept("Registry::add"), "kept if == 1 (param 0)");
  // Several failure values, one success value.
  EXPECT_EQ(Kept("Registry::insert"), "kept if == 0 (param 0)");
  EXPECT_EQ(Kept("Registry::refuse"), "kept if == 1 (param 0)");
  // The result does not separate the paths, or every path keeps it.
  EXPECT_EQ(Kept("Registry::addIfRoom"), "none");
  EXPECT_EQ(Kept("Registry::addAlways"), "none");
  EXPECT_EQ(Kept("Registry::sameResult"), "none");
  // The parameter still escapes for a caller that does not test the result.
  EXPECT_EQ(paramEffect(unit(), function("Registry::add"), 0), "Escapes");
  CallEffects Add = effectsOf("add");
  EXPECT_EQ(Add.Args[0].Heap, HeapEffect::Keeps);
  ASSERT_TRUE(Add.Args[0].KeptWhen);
  EXPECT_EQ(Add.Args[0].KeptWhen->Value, 1);
  EXPECT_FALSE(effectsOf("addIfRoom").Args[0].KeptWhen);
}

} // namespace
} // namespace test
} // namespace ownership
