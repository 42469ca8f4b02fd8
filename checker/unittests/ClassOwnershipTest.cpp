//===- ClassOwnershipTest.cpp - Which members own what they point to ------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "AnalysisTestSupport.h"

#include "checker/analysis/ClassOwnership.h"
#include "checker/support/ClangCompat.h"

#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace ownership {
namespace test {
namespace {

using namespace clang::ast_matchers;

class ClassOwnershipTest : public UnitAnalysisTest {
protected:
  /// The owning member \p Member of class \p Class, or null when it is not one.
  const OwningMember *owning(llvm::StringRef Class, llvm::StringRef Member) {
    auto Matches = match(cxxRecordDecl(hasName(Class), isDefinition()).bind("c"), context());
    EXPECT_EQ(Matches.size(), 1u) << "no class " << Class.str();
    if (Matches.size() != 1)
      return nullptr;
    const auto *RD = Matches[0].getNodeAs<clang::CXXRecordDecl>("c");
    for (const clang::FieldDecl *F : RD->fields())
      if (F->getName() == Member)
        return unit().classOwnership().owningMember(F);
    ADD_FAILURE() << "no member " << Member.str();
    return nullptr;
  }
};

TEST_F(ClassOwnershipTest, AllocatedAndDeletedIsOwning) {
  ASSERT_TRUE(parse(R"cpp(
    struct T {};
    class C {
      T *P; T *Q;
    public:
      C() : P(new T) {}
      void set() { Q = new T; }
      ~C() { delete P; if (Q != nullptr) delete Q; }
    };
  )cpp"));
  const OwningMember *P = owning("C", "P");
  ASSERT_NE(P, nullptr);
  EXPECT_EQ(P->Why, OwningMember::Evidence::Allocated);
  EXPECT_NE(P->ReleasedAt, nullptr);
  // A null test of the member itself keeps the release unconditional.
  EXPECT_NE(owning("C", "Q"), nullptr);
}

TEST_F(ClassOwnershipTest, DeletedUnderAFlagIsUnknown) {
  ASSERT_TRUE(parse(R"cpp(
    struct T {};
    class C {
      T *P; bool Own;
    public:
      C() : P(new T), Own(true) {}
      ~C() { if (Own) delete P; }
    };
  )cpp"));
  EXPECT_EQ(owning("C", "P"), nullptr);
}

TEST_F(ClassOwnershipTest, DeletedButNeverFilledIsUnknown) {
  ASSERT_TRUE(parse(R"cpp(
    struct T {};
    class C {
    public:
      T *P = nullptr;
      void set(T *X) { P = X; }
      ~C() { delete P; }
    };
  )cpp"));
  EXPECT_EQ(owning("C", "P"), nullptr);
}

TEST_F(ClassOwnershipTest, ConstructorParameterIsAdopted) {
  ASSERT_TRUE(parse(R"cpp(
    struct T {};
    class C {
      T *P;
    public:
      explicit C(T *X) : P(X) {}
      ~C() { delete P; }
    };
  )cpp"));
  const OwningMember *P = owning("C", "P");
  ASSERT_NE(P, nullptr);
  EXPECT_EQ(P->Why, OwningMember::Evidence::Adopted);
}

TEST_F(ClassOwnershipTest, FreedHandleThroughAHelperOfTheDestructor) {
  ASSERT_TRUE(parse(R"cpp(
    #include <cstdlib>
    class C {
      char *Data;
      void clear() { std::free(Data); Data = nullptr; }
    public:
      ~C() { clear(); }
    };
  )cpp"));
  const OwningMember *D = owning("C", "Data");
  ASSERT_NE(D, nullptr);
  EXPECT_EQ(D->Why, OwningMember::Evidence::Handle);
}

TEST_F(ClassOwnershipTest, ContainerWhoseElementsTheDestructorDeletes) {
  ASSERT_TRUE(parse(R"cpp(
    #include <map>
    #include <vector>
    struct T {};
    class C {
      std::vector<T *> Items;
      std::map<int, T *> ByKey;
      std::vector<T *> Borrowed;
    public:
      ~C() {
        for (T *I : Items) delete I;
        for (auto &KV : ByKey) delete KV.second;
      }
    };
  )cpp"));
  const OwningMember *Items = owning("C", "Items");
  ASSERT_NE(Items, nullptr);
  EXPECT_EQ(Items->S, OwningMember::Shape::Container);
  EXPECT_NE(owning("C", "ByKey"), nullptr);
  EXPECT_EQ(owning("C", "Borrowed"), nullptr);
}

TEST_F(ClassOwnershipTest, GslOwnerAndTheOption) {
  ASSERT_TRUE(parse(R"cpp(
    namespace gsl { template <class T> using owner = T; }
    struct T {};
    namespace app {
    struct C { gsl::owner<T *> P; T *Named; T *Other; };
    }
  )cpp"));
  const OwningMember *P = owning("C", "P");
  ASSERT_NE(P, nullptr);
  EXPECT_EQ(P->Why, OwningMember::Evidence::GslOwner);
  EXPECT_EQ(owning("C", "Named"), nullptr);

  ModelOptions Options;
  Options.OwningMembers = {"app::C::Nam*"};
  CallEffectsModel Model(context(), nullptr, Options);
  ClassOwnership Classes(Model);
  auto Matches = match(fieldDecl(hasName("Named")).bind("f"), context());
  ASSERT_EQ(Matches.size(), 1u);
  const OwningMember *Named =
      Classes.owningMember(Matches[0].getNodeAs<clang::FieldDecl>("f"));
  ASSERT_NE(Named, nullptr);
  EXPECT_EQ(Named->Why, OwningMember::Evidence::Option);
}

TEST_F(ClassOwnershipTest, CopiesThroughImplicitCopiesOnly) {
  ASSERT_TRUE(parse(R"cpp(
    struct T {};
    class C {
      T *P;
    public:
      C() : P(new T) {}
      ~C() { delete P; }
    };
    class D {
      T *P;
    public:
      D() : P(new T) {}
      D(const D &O) : P(new T(*O.P)) {}
      ~D() { delete P; }
    };
    void target(const C &A, const D &B) { C X = A; D Y = B; }
  )cpp"));
  const clang::FunctionDecl *F = function("target");
  ASSERT_NE(F, nullptr);
  std::unique_ptr<FunctionAnalysis> FA = unit().analyzeOne(F);
  std::vector<OwningCopy> Copies = unit().classOwnership().owningCopiesIn(FA->cfg());
  ASSERT_EQ(Copies.size(), 1u);
  EXPECT_EQ(Copies[0].Class->getName(), "C");
  EXPECT_EQ(Copies[0].Member->Field->getName(), "P");
}

TEST_F(ClassOwnershipTest, NeverReleasedOnlyWhenTheMemoryStaysInTheClass) {
  ASSERT_TRUE(parse(R"cpp(
    struct T { int X; };
    class C {
      T *Kept; T *Forgotten; T *Shared;
    public:
      C() : Kept(new T), Forgotten(new T), Shared(new T) {}
      ~C() { delete Kept; }
      int get() const { return Forgotten->X; }
      T *shared() { return Shared; }
    };
  )cpp"));
  auto Matches = match(cxxRecordDecl(hasName("C"), isDefinition()).bind("c"), context());
  ASSERT_EQ(Matches.size(), 1u);
  const ClassInfo &Info =
      unit().classOwnership().of(Matches[0].getNodeAs<clang::CXXRecordDecl>("c"));
  ASSERT_EQ(Info.NeverReleased.size(), 1u);
  EXPECT_EQ(Info.NeverReleased[0].Field->getName(), "Forgotten");
}

TEST_F(ClassOwnershipTest, ElementDropsOnlyWithoutReleases) {
  ASSERT_TRUE(parse(R"cpp(
    #include <vector>
    struct T {};
    class C {
      std::vector<T *> Items;
    public:
      ~C() { for (T *I : Items) delete I; }
      void reset() { Items.clear(); }
      void resetReleases() { for (T *I : Items) delete I; Items.clear(); }
      void give(std::vector<T *> &Out) { Items.swap(Out); }
    };
  )cpp"));
  const ClassOwnership &Classes = unit().classOwnership();
  EXPECT_EQ(Classes.elementDropsIn(function("C::reset")).size(), 1u);
  EXPECT_TRUE(Classes.elementDropsIn(function("C::resetReleases")).empty());
  EXPECT_TRUE(Classes.elementDropsIn(function("C::give")).empty());
}

TEST_F(ClassOwnershipTest, BaseAndDerivedReleaseTheSameMember) {
  ASSERT_TRUE(parse(R"cpp(
    struct T {};
    class B {
    protected:
      T *P;
    public:
      B() : P(new T) {}
      virtual ~B() { delete P; }
    };
    class Twice : public B { public: ~Twice() { delete P; } };
    class Nulls : public B { public: ~Nulls() { delete P; P = nullptr; } };
  )cpp"));
  auto Info = [&](llvm::StringRef Name) -> const ClassInfo & {
    auto Matches = match(cxxRecordDecl(hasName(Name), isDefinition()).bind("c"), context());
    EXPECT_EQ(Matches.size(), 1u);
    return unit().classOwnership().of(Matches[0].getNodeAs<clang::CXXRecordDecl>("c"));
  };
  EXPECT_EQ(Info("Twice").BaseMemberReleases.size(), 1u);
  EXPECT_TRUE(Info("Nulls").BaseMemberReleases.empty());
}

TEST_F(ClassOwnershipTest, TaggedUnionReadFromTheDestructorAndItsHelpers) {
  ASSERT_TRUE(parse(R"cpp(
    #include <cstdlib>
    #include <string>
    class V {
      int kind;
      union { int i; std::string s; char *p; };
      void destroy() { if (kind == 2) std::free(p); }
    public:
      ~V() { if (kind == 1) s.~basic_string(); destroy(); }
    };
    struct Untagged {
      int kind;
      union { char *p; long n; };
      ~Untagged() { std::free(p); }
    };
    struct TwoTags {
      int a, b;
      union { char *p; char *q; long n; };
      ~TwoTags() { if (a) std::free(p); if (b) std::free(q); }
    };
  )cpp"));
  auto Info = [&](llvm::StringRef Name) -> const ClassInfo & {
    auto Matches = match(cxxRecordDecl(hasName(Name), isDefinition()).bind("c"), context());
    EXPECT_EQ(Matches.size(), 1u);
    return unit().classOwnership().of(Matches[0].getNodeAs<clang::CXXRecordDecl>("c"));
  };
  const ClassInfo &V = Info("V");
  ASSERT_EQ(V.TaggedUnions.size(), 1u);
  EXPECT_EQ(V.TaggedUnions[0].Tag->getName(), "kind");
  ASSERT_EQ(V.TaggedUnions[0].Owning.size(), 2u);
  EXPECT_EQ(V.TaggedUnions[0].Owning[0].Field->getName(), "s");
  EXPECT_EQ(V.TaggedUnions[0].Owning[1].Field->getName(), "p");
  // Destroyed without a tag, or under two tags: not understood, nothing inferred.
  EXPECT_TRUE(Info("Untagged").TaggedUnions.empty());
  EXPECT_TRUE(Info("TwoTags").TaggedUnions.empty());
}

TEST_F(ClassOwnershipTest, UnionOverwritesOnlyWithoutTagReadsOrDestruction) {
  ASSERT_TRUE(parse(R"cpp(
    #include <string>
    class V {
      int kind = 0;
      union { int i; std::string s; };
    public:
      ~V() { if (kind == 1) s.~basic_string(); }
      void setInt(int x) { i = x; kind = 0; }
      void setIntChecked(int x) { if (kind == 1) return; i = x; kind = 0; }
      void setIntDestroys(int x) { if (kind == 1) s.~basic_string(); i = x; kind = 0; }
      void keepTag(int x) { i = x; }
      void viaMember(int x) { clear(); i = x; kind = 0; }
      void clear() {}
    private:
      void helper(int x) { i = x; kind = 0; }
    };
  )cpp"));
  const ClassOwnership &Classes = unit().classOwnership();
  std::vector<UnionOverwrite> Found = Classes.unionOverwritesIn(function("V::setInt"));
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Written->getName(), "i");
  EXPECT_EQ(Found[0].Active->Field->getName(), "s");
  for (llvm::StringRef Clean :
       {"V::setIntChecked", "V::setIntDestroys", "V::keepTag", "V::viaMember", "V::helper"})
    EXPECT_TRUE(Classes.unionOverwritesIn(function(Clean)).empty()) << Clean.str();
}

TEST_F(ClassOwnershipTest, HandlerReleasesNeedAFilledMemberAndACompletingHandler) {
  ASSERT_TRUE(parse(R"cpp(
    #include <new>
    class C {
      char *D; int *X = nullptr;
    public:
      C() : D(new char[4]) { try { X = new int[8]; } catch (...) { delete[] D; } }
      C(int) : D(new char[4]) { try { X = new int[8]; } catch (...) { delete[] D; throw; } }
      C(long) : D(new char[4]) { try { X = new int[8]; } catch (...) { delete[] D; D = nullptr; } }
      C(char) : D(nullptr) { try { D = new char[4]; } catch (...) { delete[] D; } }
      ~C() { delete[] D; delete[] X; }
    };
  )cpp"));
  const ClassOwnership &Classes = unit().classOwnership();
  auto Ctor = [&](llvm::StringRef Param) -> const clang::FunctionDecl * {
    clang::ast_matchers::internal::Matcher<clang::FunctionDecl> Params =
        Param.empty() ? functionDecl(parameterCountIs(0))
                      : functionDecl(hasParameter(0, hasType(asString(Param.str()))));
    auto Matches =
        match(cxxConstructorDecl(hasName("C"), isDefinition(), Params).bind("f"), context());
    EXPECT_EQ(Matches.size(), 1u) << Param.str();
    return Matches.empty() ? nullptr : Matches[0].template getNodeAs<clang::FunctionDecl>("f");
  };
  std::vector<HandlerRelease> Found = Classes.handlerReleasesIn(Ctor(""));
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Member->Field->getName(), "D");
  EXPECT_TRUE(Classes.handlerReleasesIn(Ctor("int")).empty());   // rethrows
  EXPECT_TRUE(Classes.handlerReleasesIn(Ctor("long")).empty());  // resets
  EXPECT_TRUE(Classes.handlerReleasesIn(Ctor("char")).empty());  // filled by the throwing new
}

TEST_F(ClassOwnershipTest, SelfAssignmentReadsBetweenReleaseAndRefill) {
  ASSERT_TRUE(parse(R"cpp(
    #include <cstdlib>
    #include <cstring>
    struct A {
      char *D = nullptr;
      A &operator=(const A &O) { free(D); D = strdup(O.D); return *this; }
    };
    struct Tested {
      char *D = nullptr;
      Tested &operator=(const Tested &O) {
        if (this != &O) { free(D); D = strdup(O.D); }
        return *this;
      }
    };
    struct ByValue {
      char *D = nullptr;
      ByValue &operator=(ByValue O) { free(D); D = strdup(O.D); return *this; }
    };
    struct After {
      char *D = nullptr;
      After &operator=(const After &O) { free(D); D = (char *)malloc(4); memcpy(D, O.D, 4); return *this; }
    };
  )cpp"));
  const ClassOwnership &Classes = unit().classOwnership();
  std::vector<SelfAssignmentRead> Found = Classes.selfAssignmentReadsIn(function("A::operator="));
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Field->getName(), "D");
  EXPECT_EQ(Found[0].Source->getName(), "O");
  for (llvm::StringRef Clean : {"Tested::operator=", "ByValue::operator=", "After::operator="})
    EXPECT_TRUE(Classes.selfAssignmentReadsIn(function(Clean)).empty()) << Clean.str();
}

TEST_F(ClassOwnershipTest, DestructorCallsAreRecorded) {
  ASSERT_TRUE(parse(R"cpp(
    #include <cstdlib>
    class B {
      char *P;
    public:
      B() : P((char *)malloc(4)) {}
      ~B() { reset(); }
      void reset() { free(P); }
      void other() {}
    };
  )cpp"));
  auto Matches = match(cxxRecordDecl(hasName("B"), isDefinition()).bind("c"), context());
  ASSERT_EQ(Matches.size(), 1u);
  const auto *RD = Matches[0].getNodeAs<clang::CXXRecordDecl>("c");
  const ClassInfo &Info = unit().classOwnership().of(RD);
  EXPECT_NE(Info.destructorCallOf(function("B::reset")), nullptr);
  EXPECT_EQ(Info.destructorCallOf(function("B::other")), nullptr);
  // The member the destructor frees through reset() owns what it points to.
  EXPECT_NE(Info.find(*RD->field_begin()), nullptr);
}

} // namespace
} // namespace test
} // namespace ownership
