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

} // namespace
} // namespace test
} // namespace ownership
