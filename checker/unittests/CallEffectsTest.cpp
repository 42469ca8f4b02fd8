//===- CallEffectsTest.cpp - The call-effects model's answers -------------===//
//
// Part of ownership-checker, under the MIT license.
//
// What the call-effects model says about calls found in a snippet, for each source of
// knowledge: the C library by name, the standard library, attributes, the summaries of
// bodies the unit has (after a UnitAnalysis ran over the snippet), and what it does not
// know (virtual calls, calls through function pointers).
//===----------------------------------------------------------------------===//
#include "checker/unittests/AnalysisTestSupport.h"

#include "checker/model/StdModel.h"
#include "checker/support/ClangCompat.h"

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;

namespace ownership {
namespace model {

// gtest prints these in failure messages.
void PrintTo(HeapEffect E, std::ostream *OS) {
  static const char *const Names[] = {"Unknown", "Reads", "Releases", "Reallocs", "Adopts", "Keeps"};
  *OS << Names[static_cast<unsigned>(E)];
}
void PrintTo(AllocFamily F, std::ostream *OS) {
  llvm::StringRef Name = allocFamilyName(F);
  *OS << (Name.empty() ? "Unknown" : Name.str());
}

} // namespace model

namespace test {
namespace {

class CallEffectsTest : public UnitAnalysisTest {
protected:
  /// Parses \p Code and runs the unit's analysis over its functions, so that the model
  /// has the summaries of their bodies.
  bool analyzeUnit(llvm::StringRef Code) {
    if (!parse(Code))
      return false;
    runAll();
    return true;
  }
};

//===----------------------------------------------------------------------===//
// The C library, by name
//===----------------------------------------------------------------------===//

TEST_F(CallEffectsTest, MallocFamilyAllocates) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <cstdlib>
    #include <cstring>
    void target() {
      void *a = malloc(4);
      void *b = calloc(2, 4);
      char *c = strdup("x");
      free(a); free(b); free(c);
    })cpp"));
  for (llvm::StringRef Name : {"malloc", "calloc", "strdup"}) {
    CallEffects E = effectsOf(Name);
    ASSERT_TRUE(E.Returns) << Name.str();
    EXPECT_EQ(E.Returns->Family, AllocFamily::Malloc) << Name.str();
    EXPECT_EQ(E.Returns->Name, Name);
    EXPECT_TRUE(E.Returns->WellKnown) << Name.str();
  }
}

TEST_F(CallEffectsTest, StreamingAnAddressUsesOnlyThePointerValue) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <ostream>
    void target(std::ostream &os, const void *p, const char *s) { os << p; os << s; })cpp"));
  auto AnyValueOnly = [](const CallEffects &E) {
    for (const ArgumentEffect &A : E.Args)
      if (A.ValueOnly)
        return true;
    return false;
  };
  CallEffects Address = effectsOf("std::basic_ostream<char>::operator<<");
  ASSERT_FALSE(Address.Args.empty());
  EXPECT_TRUE(AnyValueOnly(Address));
  // A C string is read through.
  EXPECT_FALSE(AnyValueOnly(effectsOf("std::operator<<")));
}

TEST_F(CallEffectsTest, FreeReleasesAsMalloc) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <cstdlib>
    void target(void *p) { free(p); })cpp"));
  CallEffects E = effectsOf("free");
  ASSERT_EQ(E.Args.size(), 1u);
  EXPECT_EQ(E.Args[0].Heap, HeapEffect::Releases);
  EXPECT_EQ(E.Args[0].Family, AllocFamily::Malloc);
  EXPECT_EQ(E.Args[0].Releaser, "free");
  EXPECT_FALSE(E.Args[0].FromSummary);
  EXPECT_FALSE(E.Returns);
}

TEST_F(CallEffectsTest, ReallocReallocatesItsFirstArgument) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <cstdlib>
    void *target(void *p) { return realloc(p, 8); })cpp"));
  CallEffects E = effectsOf("realloc");
  ASSERT_EQ(E.Args.size(), 2u);
  EXPECT_EQ(E.Args[0].Heap, HeapEffect::Reallocs);
  EXPECT_EQ(E.Args[0].Family, AllocFamily::Malloc);
  EXPECT_NE(E.Args[1].Heap, HeapEffect::Reallocs);
  ASSERT_TRUE(E.Returns);
  EXPECT_EQ(E.Returns->Family, AllocFamily::Malloc);
}

TEST_F(CallEffectsTest, ShippedModelsParse) {
  llvm::Error E = LibraryModels::checkShipped();
  EXPECT_FALSE(bool(E)) << llvm::toString(std::move(E));
  EXPECT_TRUE(LibraryModels::shipped().lookup("X509_free"));
}

TEST_F(CallEffectsTest, LibraryModelGivesItsOwnFamily) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    extern "C" {
    struct x509_st; typedef struct x509_st X509;
    X509 *X509_new(void);
    void X509_free(X509 *);
    }
    void target() { X509 *c = X509_new(); X509_free(c); })cpp"));
  CallEffects New = effectsOf("X509_new");
  ASSERT_TRUE(New.Returns);
  EXPECT_EQ(allocFamilyName(New.Returns->Family), "X509");
  EXPECT_TRUE(isLibraryFamily(New.Returns->Family));
  CallEffects Free = effectsOf("X509_free");
  ASSERT_EQ(Free.Args.size(), 1u);
  EXPECT_EQ(Free.Args[0].Heap, HeapEffect::Releases);
  EXPECT_EQ(Free.Args[0].Family, New.Returns->Family);
  EXPECT_EQ(libraryDeallocator(New.Returns->Family), "X509_free");
}

TEST_F(CallEffectsTest, ModelFileErrorsNameTheLine) {
  LibraryModels L;
  llvm::Error E = L.addFile("Functions:\n  - Names: [f]\n    Releases: {Argument: 0}\n",
                            "m.yaml");
  ASSERT_TRUE(bool(E));
  EXPECT_THAT(llvm::toString(std::move(E)), ::testing::StartsWith("m.yaml:3:"));
  EXPECT_FALSE(bool(L.addFile("Functions:\n  - Names: [g]\n    ReadsOnly: true\n", "ok.yaml")));
  ASSERT_TRUE(L.lookup("g"));
  EXPECT_TRUE(L.lookup("g")->ReadsOnly);
  EXPECT_FALSE(L.lookup("f"));
}

TEST_F(CallEffectsTest, ModelKeyNoReturn) {
  LibraryModels L;
  llvm::Error E = L.addFile("Functions:\n  - Names: [die]\n    NoReturn: true\n", "m.yaml");
  ASSERT_FALSE(bool(E)) << llvm::toString(std::move(E));
  ASSERT_TRUE(L.lookup("die"));
  EXPECT_TRUE(L.lookup("die")->NoReturn);
  EXPECT_TRUE(LibraryModels::shipped().lookup("exit")->NoReturn);
}

TEST_F(CallEffectsTest, ModelledNoReturnEndsThePath) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    extern "C" void exit(int);
    void die(const char *);
    void target() { exit(1); die("x"); })cpp"));
  EXPECT_TRUE(model().neverReturns(callTo("exit")->Callee));
  EXPECT_FALSE(model().neverReturns(callTo("die")->Callee));
}

TEST_F(CallEffectsTest, StringAndMemoryFunctionsRead) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <cstring>
    #include <cstdio>
    void target(char *dst, const char *src, int *ints) {
      memcpy(dst, src, 4);
      strlen(src);
      printf("%s %p", src, (void *)ints);
    })cpp"));
  CallEffects Copy = effectsOf("memcpy");
  EXPECT_EQ(Copy.Args[0].Heap, HeapEffect::Reads);
  EXPECT_EQ(Copy.Args[1].Heap, HeapEffect::Reads);
  EXPECT_FALSE(Copy.Returns);
  EXPECT_EQ(effectsOf("strlen").Args[0].Heap, HeapEffect::Reads);
  // printf's variadic arguments are only formatted.
  CallEffects Print = effectsOf("printf");
  ASSERT_EQ(Print.Args.size(), 3u);
  EXPECT_EQ(Print.Args[1].Heap, HeapEffect::Reads);
  EXPECT_EQ(Print.Args[2].Heap, HeapEffect::Reads);
  EXPECT_TRUE(model().isKnownNonOwning(callTo("memcpy")->Callee));
}

TEST_F(CallEffectsTest, SameNameOutsideTheCLibraryIsUnknown) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    namespace mine {
    void free(void *);
    void *malloc(unsigned long);
    }
    void target(void *p) {
      mine::free(p);
      void *q = mine::malloc(4);
    })cpp"));
  EXPECT_EQ(effectsOf("free").Args[0].Heap, HeapEffect::Unknown);
  EXPECT_FALSE(effectsOf("malloc").Returns);
}

//===----------------------------------------------------------------------===//
// The standard library
//===----------------------------------------------------------------------===//

TEST_F(CallEffectsTest, MoveForwardAndAccessorsAreNotOutArguments) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <tuple>
    #include <vector>
    template <typename T> void fwd(T &&t) { keep(std::forward<T>(t)); }
    void target(Res x, std::tuple<Res> t, std::vector<int> v) {
      Res y = std::move(x);
      fwd(y);
      std::get<0>(t).read();
      std::begin(v);
      fill(y);
    })cpp"));
  EXPECT_FALSE(model().isOutArgument(*callTo("move"), 0, false));
  EXPECT_FALSE(model().isOutArgument(*callTo("fwd"), 0, false));
  EXPECT_FALSE(model().isOutArgument(*callTo("get"), 0, false));
  EXPECT_FALSE(model().isOutArgument(*callTo("begin"), 0, false));
  EXPECT_TRUE(model().isOutArgument(*callTo("fill"), 0, false));
  EXPECT_FALSE(model().isOutArgument(*callTo("fill"), 0, true));
}

TEST_F(CallEffectsTest, OutArgumentThroughAnAddress) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    void show(const Res *);
    void target(Res x) {
      fillPtr(&x);
      show(&x);
    })cpp"));
  EXPECT_TRUE(model().isOutArgument(*callTo("fillPtr"), 0, true));
  EXPECT_FALSE(model().isOutArgument(*callTo("show"), 0, true));
}

TEST_F(CallEffectsTest, StdFunctionsMayConsumeRvalueArguments) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <vector>
    void target(std::vector<Res> &v, Res x, Res y) {
      v.push_back(std::move(x));
      Res z(std::move(y));
    })cpp"));
  EXPECT_TRUE(effectsOf("push_back").Args[0].Consumes);
  // A move constructor always takes its argument.
  EXPECT_TRUE(effectsOf("Res").Args[0].Consumes);
}

TEST_F(CallEffectsTest, SmartPointersAdoptRawPointers) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <memory>
    void target(int *a, int *b, int *c) {
      std::unique_ptr<int> u(a);
      std::shared_ptr<int> s(b);
      u.reset(c);
    })cpp"));
  CallEffects U = effectsOf("unique_ptr");
  EXPECT_EQ(U.Args[0].Heap, HeapEffect::Adopts);
  EXPECT_EQ(U.Args[0].Family, AllocFamily::New);
  EXPECT_EQ(U.Args[0].Releaser, "adopted");
  EXPECT_EQ(effectsOf("shared_ptr").Args[0].Heap, HeapEffect::Adopts);
  CallEffects Reset = effectsOf("reset");
  EXPECT_EQ(Reset.Args[0].Heap, HeapEffect::Adopts);
  EXPECT_EQ(Reset.Args[0].Releaser, "reset");
}

TEST_F(CallEffectsTest, CustomDeletersDecideTheOwnersFamily) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <cstdio>
    #include <cstdlib>
    #include <memory>
    struct FreeDeleter { void operator()(void *p) const { std::free(p); } };
    struct ArrayDeleter { void operator()(int *p) const { delete[] p; } };
    struct Forgetter { void operator()(int *) const {} };
    struct Mixed { void operator()(int *p) const { if (*p) delete p; else std::free(p); } };
    void release(int *p) { delete[] p; }
    void target() {
      std::unique_ptr<int, FreeDeleter> a;
      std::unique_ptr<int, ArrayDeleter> b;
      std::unique_ptr<int, Forgetter> c;
      std::unique_ptr<int, Mixed> d;
      std::unique_ptr<std::FILE, decltype(&std::fclose)> f(nullptr, &std::fclose);
      std::shared_ptr<int> g(nullptr, release);
      std::shared_ptr<int> h(nullptr, [](int *p) { std::free(p); });
    })cpp"));
  auto TypeOf = [&](unsigned Nth) { return callTo("unique_ptr", "target", Nth)->E->getType(); };
  // The deleter's operator() body says how the owner releases.
  std::optional<OwnerRelease> A = model().ownerRelease(TypeOf(0));
  ASSERT_TRUE(A);
  EXPECT_EQ(A->Family, AllocFamily::Malloc);
  std::optional<OwnerRelease> B = model().ownerRelease(TypeOf(1));
  ASSERT_TRUE(B);
  EXPECT_EQ(B->Family, AllocFamily::NewArray);
  // Releases nothing, or with two families: unknown.
  EXPECT_FALSE(model().ownerRelease(TypeOf(2)));
  EXPECT_FALSE(model().ownerRelease(TypeOf(3)));
  // A deleter argument: a C library function, a function of the unit, a lambda.
  std::optional<AllocFamily> Fclose = model().deleterFamily(callTo("unique_ptr", "target", 4)->Args[1]);
  ASSERT_TRUE(Fclose);
  EXPECT_EQ(allocFamilyName(*Fclose), "FILE");
  EXPECT_EQ(model().deleterFamily(callTo("shared_ptr", "target", 0)->Args[1]),
            AllocFamily::NewArray);
  EXPECT_EQ(model().deleterFamily(callTo("shared_ptr", "target", 1)->Args[1]),
            AllocFamily::Malloc);
}

TEST_F(CallEffectsTest, FlagArgumentDecidesAdoption) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    struct Wrapper {
      Wrapper(int *p, bool own) : p(p), own(own) {}
      ~Wrapper() { if (own) delete p; }
      int *p;
      bool own;
    };
    struct Always {
      Always(int *p, bool own) : p(p), own(own) {}
      ~Always() { delete p; }
      int *p;
      bool own;
    };
    void target(int *a, int *b, int *c, int *d, bool own) {
      Wrapper x(a, true);
      Wrapper y(b, false);
      Wrapper z(c, own);
      Always w(d, false);
    })cpp"));
  const FunctionSummary *Dtor = unit().summaryOf(function("Wrapper::~Wrapper"));
  ASSERT_TRUE(Dtor);
  ASSERT_EQ(Dtor->FlagReleases.size(), 1u);
  EXPECT_EQ(Dtor->FlagReleases[0].Field->getName(), "p");
  EXPECT_EQ(Dtor->FlagReleases[0].Flag->getName(), "own");
  EXPECT_EQ(Dtor->FlagReleases[0].Family, AllocFamily::New);
  CallEffects Owned = effectsOf("Wrapper", "target", 0);
  EXPECT_EQ(Owned.Args[0].Heap, HeapEffect::Adopts);
  EXPECT_EQ(Owned.Args[0].Family, AllocFamily::New);
  EXPECT_EQ(Owned.Args[0].Releaser, "~Wrapper");
  EXPECT_EQ(effectsOf("Wrapper", "target", 1).Args[0].Heap, HeapEffect::Reads);
  // A flag not known at the call: the constructor keeps the pointer, as its summary says.
  EXPECT_EQ(effectsOf("Wrapper", "target", 2).Args[0].Heap, HeapEffect::Keeps);
  // A destructor that releases whatever the flag says: the flag decides nothing.
  EXPECT_TRUE(unit().summaryOf(function("Always::~Always"))->FlagReleases.empty());
  EXPECT_EQ(effectsOf("Always", "target", 0).Args[0].Heap, HeapEffect::Adopts);
}

// libstdc++ declares shared_ptr's reset() in its base class __shared_ptr: the model asks
// stdClassName(), which knows that base, whether the class adopts.
TEST_F(CallEffectsTest, SharedPtrResetAdopts) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <memory>
    void target(int *p) {
      std::shared_ptr<int> s;
      s.reset(p);
    })cpp"));
  CallEffects Reset = effectsOf("reset");
  EXPECT_EQ(Reset.Args[0].Heap, HeapEffect::Adopts);
  EXPECT_EQ(Reset.Args[0].Releaser, "reset");
}

TEST_F(CallEffectsTest, StdFreeFunctionsReadTheirPointers) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <algorithm>
    void target(int *p, int n) {
      std::fill(p, p + n, 0);
      std::sort(p, p + n);
    })cpp"));
  EXPECT_EQ(effectsOf("fill").Args[0].Heap, HeapEffect::Reads);
  EXPECT_EQ(effectsOf("sort").Args[0].Heap, HeapEffect::Reads);
  EXPECT_TRUE(model().isKnownNonOwning(callTo("sort")->Callee));
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

TEST_F(CallEffectsTest, OwnershipAttributes) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    void *my_alloc(unsigned long) __attribute__((ownership_returns(malloc)));
    void my_free(void *) __attribute__((ownership_takes(malloc, 1)));
    void my_hold(void *) __attribute__((ownership_holds(malloc, 1)));
    void target() {
      void *p = my_alloc(4);
      my_hold(p);
      my_free(p);
    })cpp"));
  CallEffects Alloc = effectsOf("my_alloc");
  ASSERT_TRUE(Alloc.Returns);
  EXPECT_EQ(Alloc.Returns->Family, AllocFamily::Malloc);
  EXPECT_EQ(Alloc.Returns->Name, "my_alloc");
  EXPECT_FALSE(Alloc.Returns->WellKnown);
  CallEffects Free = effectsOf("my_free");
  EXPECT_EQ(Free.Args[0].Heap, HeapEffect::Releases);
  EXPECT_EQ(Free.Args[0].Family, AllocFamily::Malloc);
  EXPECT_EQ(Free.Args[0].Releaser, "my_free");
  EXPECT_EQ(effectsOf("my_hold").Args[0].Heap, HeapEffect::Keeps);
}

TEST_F(CallEffectsTest, MallocAttributeReturnsFreshMemoryOfUnknownFamily) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    void *pool_get(unsigned long) __attribute__((malloc));
    void target() { void *p = pool_get(4); })cpp"));
  CallEffects E = effectsOf("pool_get");
  ASSERT_TRUE(E.Returns);
  EXPECT_EQ(E.Returns->Family, AllocFamily::Unknown);
  EXPECT_EQ(E.Returns->Name, "pool_get");
}

TEST_F(CallEffectsTest, LifetimeboundParametersAndImplicitObject) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    const Res &pick(const Res &a [[clang::lifetimebound]], const Res &b);
    struct Holder {
      Res r;
      const Res &get() const [[clang::lifetimebound]];
      const Res &plain() const;
    };
    void target(Res x, Res y, Holder h) {
      pick(x, y);
      h.get();
      h.plain();
    })cpp"));
  CallEffects Pick = effectsOf("pick");
  EXPECT_TRUE(Pick.Args[0].ResultBorrows);
  EXPECT_FALSE(Pick.Args[1].ResultBorrows);
  EXPECT_FALSE(Pick.Object.ResultBorrows);
  EXPECT_TRUE(effectsOf("get").Object.ResultBorrows);
  EXPECT_TRUE(isImplicitObjectLifetimebound(callTo("get")->Callee));
  EXPECT_FALSE(effectsOf("plain").Object.ResultBorrows);
  EXPECT_FALSE(model().returnBorrows(callTo("plain")->Callee));
}

TEST_F(CallEffectsTest, ConstructedObjectBorrowsLifetimeboundAndKeptArguments) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <string>
    #include <string_view>
    struct Annotated {
      Annotated(const Res &a [[clang::lifetimebound]], const Res &b);
    };
    struct Kept {
      Kept(const Res &a, const Res *b, std::string_view c, const Res &d, int n)
          : A(a), C(c), Copy(d), N(n) { B = b; }
      const Res &A;
      const Res *B;
      std::string_view C;
      Res Copy;
      int N;
    };
    struct Copy {
      Copy(const Res &a) : A(a) {}
      Res A;
    };
    void target(Res x, Res y, std::string_view v) {
      Annotated(x, y);
      Kept(x, &y, v, x, 1);
      Copy c(x);
      Copy d(c);
    })cpp"));
  CallEffects A = effectsOf("Annotated");
  ASSERT_EQ(A.Args.size(), 2u);
  EXPECT_TRUE(A.Args[0].ResultBorrows);
  EXPECT_FALSE(A.Args[1].ResultBorrows);
  CallEffects K = effectsOf("Kept");
  ASSERT_EQ(K.Args.size(), 5u);
  EXPECT_TRUE(K.Args[0].ResultBorrows);  // a reference member
  EXPECT_TRUE(K.Args[1].ResultBorrows);  // a pointer member, assigned in the body
  EXPECT_TRUE(K.Args[2].ResultBorrows);  // a view member
  EXPECT_FALSE(K.Args[3].ResultBorrows); // copied into an owner
  EXPECT_FALSE(K.Args[4].ResultBorrows);
  EXPECT_FALSE(effectsOf("Copy").Args[0].ResultBorrows);
  // A copy constructor copies what its source borrows: that is not the model's answer.
  EXPECT_FALSE(model().constructedBorrows(
      llvm::dyn_cast<clang::CXXConstructorDecl>(callTo("Copy", "target", 1)->Callee)));
}

TEST_F(CallEffectsTest, ClassesThatMayHoldBorrows) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <string>
    #include <string_view>
    #include <vector>
    struct Ref { const Res &R; };
    struct View { std::string_view V; };
    struct Outer { int N; Ref Inner; };
    struct ViewChild : View {};
    struct Annotated { Annotated(const Res &r [[clang::lifetimebound]]); };
    struct Plain { Res R; std::string S; int N; };
    void target(Ref a, View b, Outer c, ViewChild d, Annotated e, Plain f,
                std::vector<int *> g, std::string_view h) {})cpp"));
  const clang::FunctionDecl *Target = function("target");
  auto Param = [&](unsigned I) { return Target->getParamDecl(I)->getType(); };
  for (unsigned I : {0u, 1u, 2u, 3u, 4u})
    EXPECT_TRUE(mayHoldBorrows(Param(I))) << I;
  // Owners copy deeply; a view is a borrower already, not a class that may hold one.
  for (unsigned I : {5u, 6u, 7u})
    EXPECT_FALSE(mayHoldBorrows(Param(I))) << I;
}

TEST_F(CallEffectsTest, FunctionReturningAnObjectThatBorrows) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    struct Ref { explicit Ref(const Res &r) : R(r) {} const Res &R; };
    struct Copy { explicit Copy(const Res &r) : R(r) {} Res R; };
    Ref annotated(const Res &r [[clang::lifetimebound]]);
    Ref inferred(const Res &a, const Res &b) { return Ref(b); }
    Copy copies(const Res &r [[clang::lifetimebound]]);
    void target(Res x, Res y) {
      annotated(x);
      inferred(x, y);
      copies(x);
    })cpp"));
  EXPECT_TRUE(effectsOf("annotated").Args[0].ResultBorrows);
  CallEffects I = effectsOf("inferred");
  EXPECT_FALSE(I.Args[0].ResultBorrows);
  EXPECT_TRUE(I.Args[1].ResultBorrows);
  // A class that holds no borrow cannot carry one, whatever the declaration says.
  EXPECT_FALSE(effectsOf("copies").Args[0].ResultBorrows);
}

TEST_F(CallEffectsTest, LifetimeCaptureByNamesTheCapturer) {
  if (!compat::hasLifetimeCaptureBy())
    GTEST_SKIP() << "Clang " << compat::clangMajorVersion()
                 << " does not know [[clang::lifetime_capture_by]]";
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <set>
    #include <string_view>
    struct Set {
      void add(std::string_view s [[clang::lifetime_capture_by(this)]], int n);
      void addTo(Set &other, std::string_view s [[clang::lifetime_capture_by(other)]]);
    };
    void insert(int n, std::string_view s [[clang::lifetime_capture_by(out)]],
                std::set<std::string_view> &out);
    void remember(std::string_view s [[clang::lifetime_capture_by(global)]]);
    void plain(std::string_view s);
    void target(Set a, Set b, std::set<std::string_view> o, std::string_view v) {
      a.add(v, 1);
      a.addTo(b, v);
      insert(1, v, o);
      remember(v);
      plain(v);
    })cpp"));
  using Kind = compat::CaptureTarget::Kind;
  CallEffects Add = effectsOf("add");
  ASSERT_EQ(Add.Args[0].CapturedBy.size(), 1u);
  EXPECT_EQ(Add.Args[0].CapturedBy[0].K, Kind::This);
  EXPECT_TRUE(Add.Args[1].CapturedBy.empty());
  CallEffects AddTo = effectsOf("addTo");
  ASSERT_EQ(AddTo.Args[1].CapturedBy.size(), 1u);
  EXPECT_EQ(AddTo.Args[1].CapturedBy[0].K, Kind::Param);
  EXPECT_EQ(AddTo.Args[1].CapturedBy[0].Param, 0u);
  CallEffects Insert = effectsOf("insert");
  ASSERT_EQ(Insert.Args[1].CapturedBy.size(), 1u);
  EXPECT_EQ(Insert.Args[1].CapturedBy[0].K, Kind::Param);
  EXPECT_EQ(Insert.Args[1].CapturedBy[0].Param, 2u);
  CallEffects Remember = effectsOf("remember");
  ASSERT_EQ(Remember.Args[0].CapturedBy.size(), 1u);
  EXPECT_EQ(Remember.Args[0].CapturedBy[0].K, Kind::Global);
  EXPECT_TRUE(effectsOf("plain").Args[0].CapturedBy.empty());
}

TEST_F(CallEffectsTest, ReinitializesAttributeMarksAReinitializingMethod) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    struct Buffer {
      [[clang::reinitializes]] void restart();
      void append(int);
    };
    void target(Buffer b) {
      b.restart();
      b.append(1);
    })cpp"));
  EXPECT_TRUE(isReinitializingMethod(llvm::cast<clang::CXXMethodDecl>(callTo("restart")->Callee)));
  EXPECT_FALSE(isReinitializingMethod(llvm::cast<clang::CXXMethodDecl>(callTo("append")->Callee)));
}

TEST_F(CallEffectsTest, ConstPointerArgumentsEscapeOption) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <cstring>
    void look(const int *);
    void target(const int *p, char *d) {
      look(p);
      memcpy(d, p, 4);
    })cpp"));
  EXPECT_EQ(effectsOf("look").Args[0].Heap, HeapEffect::Reads);
  CallEffectsModel Escaping(context(), &unit(), ModelOptions{true});
  EXPECT_EQ(Escaping.effectsOf(*callTo("look")).Args[0].Heap, HeapEffect::Keeps);
  // The C library's functions are known not to keep anything, whatever the option.
  EXPECT_EQ(Escaping.effectsOf(*callTo("memcpy")).Args[1].Heap, HeapEffect::Reads);
}

TEST_F(CallEffectsTest, TryEmplaceMayLeaveItsArgumentsAlone) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <map>
    #include <string>
    void target(std::map<int, std::string> &m, std::string s, std::string t) {
      m.try_emplace(1, std::move(s));
      m.insert_or_assign(2, std::move(t));
    })cpp"));
  // When the key is there, try_emplace does nothing to its arguments.
  EXPECT_FALSE(effectsOf("try_emplace").Args[1].Consumes);
  EXPECT_TRUE(effectsOf("insert_or_assign").Args[1].Consumes);
}

TEST_F(CallEffectsTest, ContainerModelsMapClassesOutsideStd) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    namespace lib { inline namespace v1 {
    template <class K, class V> struct Base {
      V &operator[](const K &);
      void insert(K);
      unsigned erase(const K &);
    };
    template <class K, class V> struct Flat : Base<K, V> {};
    template <class K, class V> struct Node : Base<K, V> {};
    struct ThingIterator { void insert(int); };
    } }
    void target(lib::Flat<int, int> &f, lib::Node<int, int> &n, lib::ThingIterator &it) {
      f.insert(1);
      n.insert(2);
      it.insert(3);
      f.erase(4);
    })cpp"));
  llvm::Expected<ContainerModels> M = ContainerModels::parse(
      "lib::Flat=flat_hash_map; lib::Node = std::unordered_map;lib::*=vector");
  ASSERT_TRUE(bool(M)) << llvm::toString(M.takeError());
  // A copy keeps working: nothing refers to the parsed text.
  ContainerModels Copy = *M;
  auto Inval = [&](unsigned Nth) {
    CallSite S = *callTo("insert", "target", Nth);
    return invalidationOf(llvm::cast<clang::CXXMethodDecl>(S.Callee), &Copy, containerObjectType(S.Object));
  };
  const unsigned Refs = InvalidateFact::maskOf(LoanClass::ElementRef);
  const unsigned Iters = InvalidateFact::maskOf(LoanClass::ElementIter);
  // The object's class decides, not the base that declares the member.
  ASSERT_TRUE(Inval(0).has_value());
  EXPECT_EQ(Inval(0)->Mask, Refs | Iters);
  ASSERT_TRUE(Inval(1).has_value());
  EXPECT_EQ(Inval(1)->Mask, Iters);
  // `lib::*` would match it, but a class named like an iterator is never a container.
  EXPECT_FALSE(Inval(2).has_value());
  // Without the models, nothing outside std is a container.
  CallSite First = *callTo("insert");
  EXPECT_FALSE(invalidationOf(llvm::cast<clang::CXXMethodDecl>(First.Callee), nullptr,
                              containerObjectType(First.Object))
                   .has_value());
  CallSite Erase = *callTo("erase");
  std::optional<Invalidation> ByKey = invalidationOf(
      llvm::cast<clang::CXXMethodDecl>(Erase.Callee), &Copy, containerObjectType(Erase.Object));
  ASSERT_TRUE(ByKey.has_value());
  EXPECT_TRUE(ByKey->ErasesKey);
  EXPECT_FALSE(ByKey->ErasesArgument);
}

TEST_F(CallEffectsTest, ContainerModelsRejectMalformedEntries) {
  auto Rejects = [](llvm::StringRef Spec) {
    llvm::Expected<ContainerModels> M = ContainerModels::parse(Spec);
    if (M)
      return false;
    llvm::consumeError(M.takeError());
    return true;
  };
  EXPECT_TRUE(Rejects("lib::Pool"));
  EXPECT_TRUE(Rejects("=vector"));
  EXPECT_TRUE(Rejects("lib::Pool=linked_list"));
  EXPECT_TRUE(Rejects("lib::Pool=std::flat_hash_map"));
  EXPECT_FALSE(Rejects(" ; "));
  EXPECT_FALSE(Rejects(ContainerModels::defaultSpec()));
}

TEST_F(CallEffectsTest, NoreturnCalleeIsReported) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <cstdlib>
    void stop(const char *) __attribute__((analyzer_noreturn));
    void log(const char *);
    void target() {
      die();
      abort();
      exit(1);
      stop("x");
      log("x");
    })cpp"));
  EXPECT_TRUE(effectsOf("die").NoReturn);
  EXPECT_TRUE(effectsOf("abort").NoReturn);
  EXPECT_TRUE(effectsOf("exit").NoReturn);
  EXPECT_TRUE(effectsOf("stop").NoReturn);
  EXPECT_FALSE(effectsOf("log").NoReturn);
}

TEST_F(CallEffectsTest, HelperThatEndsEveryPathIsNoreturn) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <cstdio>
    #include <cstdlib>
    void fail(const char *m) { std::fputs(m, stderr); std::exit(1); }
    void failTwice(int code) { if (code) fail("a"); else fail("b"); }
    void throwing() { throw 1; }
    void sometimes(int code) { if (code) std::exit(code); }
    struct Stopper { virtual void stop() { std::abort(); } };
    void target(Stopper &b) {
      fail("x");
      failTwice(2);
      throwing();
      sometimes(1);
      b.stop();
    })cpp"));
  EXPECT_TRUE(effectsOf("fail").NoReturn);
  EXPECT_TRUE(effectsOf("failTwice").NoReturn);
  EXPECT_TRUE(effectsOf("throwing").NoReturn);
  EXPECT_FALSE(effectsOf("sometimes").NoReturn);
  // Another override may return.
  EXPECT_FALSE(effectsOf("stop").NoReturn);
}

TEST_F(CallEffectsTest, TestFailureReportEndsThePathUnlessAnalysed) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    namespace testing {
    struct Message {};
    namespace internal {
    struct AssertHelper {
      AssertHelper(int type, const char *file, int line, const char *msg);
      void operator=(const Message &) const;
    };
    } // namespace internal
    } // namespace testing
    namespace mine {
    struct AssertHelper {
      AssertHelper(int);
      void operator=(const testing::Message &) const;
    };
    } // namespace mine
    void target() {
      testing::internal::AssertHelper(2, "f", 1, "m") = testing::Message();
      mine::AssertHelper(1) = testing::Message();
    })cpp"));
  std::optional<CallSite> Gtest = callTo("operator=");
  std::optional<CallSite> Mine = callTo("operator=", "target", 1);
  ASSERT_TRUE(Gtest && Mine);
  EXPECT_TRUE(isTestFailureReport(Gtest->Callee));
  EXPECT_FALSE(isTestFailureReport(Mine->Callee));
  EXPECT_TRUE(unit().model().effectsOf(*Gtest).NoReturn);
  EXPECT_FALSE(unit().model().effectsOf(*Mine).NoReturn);
  ModelOptions Follow;
  Follow.AnalyzeTestFailures = true;
  CallEffectsModel Analysing(context(), &unit(), Follow);
  EXPECT_FALSE(Analysing.effectsOf(*Gtest).NoReturn);
}

//===----------------------------------------------------------------------===//
// Summaries of the unit's bodies
//===----------------------------------------------------------------------===//

TEST_F(CallEffectsTest, SummaryOfAHelperThatFreesKeepsOrReads) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <cstdlib>
    int *registry;
    void release(int *p) { free(p); }
    void keepIt(int *p) { registry = p; }
    int peek(int *p) { return *p; }
    void target(int *a, int *b, int *c) {
      release(a);
      keepIt(b);
      peek(c);
    })cpp"));
  CallEffects Release = effectsOf("release");
  EXPECT_EQ(Release.Args[0].Heap, HeapEffect::Releases);
  EXPECT_EQ(Release.Args[0].Family, AllocFamily::Malloc);
  EXPECT_EQ(Release.Args[0].Releaser, "release");
  EXPECT_TRUE(Release.Args[0].FromSummary);
  CallEffects Keep = effectsOf("keepIt");
  EXPECT_EQ(Keep.Args[0].Heap, HeapEffect::Keeps);
  EXPECT_TRUE(Keep.Args[0].FromSummary);
  CallEffects Peek = effectsOf("peek");
  EXPECT_EQ(Peek.Args[0].Heap, HeapEffect::Reads);
  EXPECT_TRUE(Peek.Args[0].FromSummary);
}

TEST_F(CallEffectsTest, HelperThatFreesOnSomePathsKeeps) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    void maybeRelease(int *p) {
      if (cond())
        delete p;
    }
    void target(int *a) { maybeRelease(a); })cpp"));
  CallEffects E = effectsOf("maybeRelease");
  EXPECT_EQ(E.Args[0].Heap, HeapEffect::Keeps);
  EXPECT_TRUE(E.Args[0].FromSummary);
}

TEST_F(CallEffectsTest, HelperThatReturnsFreshMemoryAllocates) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    int *make() { return new int(1); }
    int *maybeMake() {
      if (cond())
        return new int(2);
      return nullptr;
    }
    int *global;
    int *notFresh() { return global; }
    void target() {
      int *a = make();
      int *b = maybeMake();
      int *c = notFresh();
    })cpp"));
  CallEffects Make = effectsOf("make");
  ASSERT_TRUE(Make.Returns);
  EXPECT_EQ(Make.Returns->Family, AllocFamily::New);
  EXPECT_EQ(Make.Returns->Name, "make");
  EXPECT_FALSE(Make.Returns->WellKnown);
  EXPECT_TRUE(effectsOf("maybeMake").Returns);
  EXPECT_FALSE(effectsOf("notFresh").Returns);
}

TEST_F(CallEffectsTest, HelperThatMovesFromItsRvalueReferenceParameter) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    void takes(Res &&r) { Res mine = std::move(r); }
    void onlyReads(Res &&r) { r.read(); }
    void passesToKeep(Res &&r) { keep(std::move(r)); }
    void target(Res a, Res b, Res c) {
      takes(std::move(a));
      onlyReads(std::move(b));
      passesToKeep(std::move(c));
      sink(std::move(c));
    })cpp"));
  EXPECT_TRUE(effectsOf("takes").Args[0].Consumes);
  EXPECT_FALSE(effectsOf("onlyReads").Args[0].Consumes);
  // std::move into a `const Res &` parameter moves nothing.
  EXPECT_FALSE(effectsOf("passesToKeep").Args[0].Consumes);
  // No body: it may.
  EXPECT_TRUE(effectsOf("sink").Args[0].Consumes);
}

TEST_F(CallEffectsTest, HelperThatReturnsAReferenceToItsParameter) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    const Res &first(const Res &a, const Res &b) { return a; }
    struct Box {
      Res r;
      const Res &get() const { return r; }
    };
    void target(Res x, Res y, Box box) {
      first(x, y);
      box.get();
    })cpp"));
  CallEffects First = effectsOf("first");
  EXPECT_TRUE(First.Args[0].ResultBorrows);
  EXPECT_FALSE(First.Args[1].ResultBorrows);
  EXPECT_TRUE(effectsOf("get").Object.ResultBorrows);
}

TEST_F(CallEffectsTest, HelperThatGrowsItsVectorParameterInvalidates) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    #include <vector>
    void grow(std::vector<int> &v) { v.push_back(1); }
    void growThrough(std::vector<int> &v) { grow(v); }
    int sum(std::vector<int> &v) { return v[0]; }
    void target(std::vector<int> &v) {
      grow(v);
      growThrough(v);
      sum(v);
    })cpp"));
  unsigned All = InvalidateFact::maskOf(LoanClass::ElementRef) |
                 InvalidateFact::maskOf(LoanClass::ElementIter);
  EXPECT_EQ(effectsOf("grow").Args[0].Invalidates, All);
  EXPECT_EQ(effectsOf("growThrough").Args[0].Invalidates, All);
  EXPECT_EQ(effectsOf("sum").Args[0].Invalidates, 0u);
}

//===----------------------------------------------------------------------===//
// What the model does not know
//===----------------------------------------------------------------------===//

TEST_F(CallEffectsTest, VirtualFunctionsAreNotJudgedByTheirBody) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    struct Shape {
      virtual void drop(int *p) { delete p; }
      virtual int *make() { return new int; }
      virtual const Res &get(const Res &r) { return r; }
    };
    void target(Shape &b, int *p, Res x) {
      b.drop(p);
      int *q = b.make();
      b.get(x);
    })cpp"));
  // Another override may run instead of the body the unit has.
  CallEffects Drop = effectsOf("drop");
  EXPECT_EQ(Drop.Args[0].Heap, HeapEffect::Unknown);
  EXPECT_FALSE(Drop.Args[0].FromSummary);
  EXPECT_FALSE(effectsOf("make").Returns);
  EXPECT_FALSE(effectsOf("get").Args[0].ResultBorrows);
}

TEST_F(CallEffectsTest, CallsThroughFunctionPointersAreUnknown) {
  ASSERT_TRUE(analyzeUnit(R"cpp(
    void release(int *p) { delete p; }
    void target(int *p, Res r) {
      void (*fp)(int *) = release;
      fp(p);
      void (*take)(Res &&) = sink;
      take(std::move(r));
    })cpp"));
  std::vector<CallSite> Indirect;
  for (const CallSite &Site : callsIn("target"))
    if (!Site.Callee)
      Indirect.push_back(Site);
  ASSERT_EQ(Indirect.size(), 2u);
  CallEffects Release = model().effectsOf(Indirect[0]);
  ASSERT_EQ(Release.Args.size(), 1u);
  EXPECT_EQ(Release.Args[0].Heap, HeapEffect::Unknown);
  EXPECT_FALSE(Release.Args[0].FromSummary);
  // Whatever it points to may take the argument.
  EXPECT_TRUE(model().effectsOf(Indirect[1]).Args[0].Consumes);
}

} // namespace
} // namespace test
} // namespace ownership
