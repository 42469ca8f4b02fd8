//===- ClangCompatTest.cpp - The same answers on every supported LLVM -----===//
//
// Part of ownership-checker, under the MIT license.
//
// checker/support/ClangCompat.h wraps what differs between LLVM 19 and 22. These tests run
// in both builds (build/ and build-22/) and expect the same answers in both.
//===----------------------------------------------------------------------===//
#include "checker/support/ClangCompat.h"

#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Tooling/Tooling.h"

#include "gtest/gtest.h"

#include <memory>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;

namespace ownership {
namespace test {
namespace {

std::unique_ptr<ASTUnit> parse(llvm::StringRef Code) {
  return tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17"}, "input.cc");
}

/// The qualified names of the methods named NAME, in source order.
std::vector<std::string> qualifiedNamesOf(ASTUnit &AST, llvm::StringRef Name) {
  std::vector<std::string> Out;
  for (const BoundNodes &N :
       match(translationUnitDecl(forEachDescendant(cxxMethodDecl(hasName(Name)).bind("m"))),
             AST.getASTContext()))
    Out.push_back(compat::qualifiedName(N.getNodeAs<CXXMethodDecl>("m")));
  return Out;
}

TEST(ClangCompatTest, UnnamedClassesAreSpelledAsClang19DoesInQualifiedNames) {
  // A baseline written with one LLVM must match the findings of the other, and it
  // matches on these names.
  std::unique_ptr<ASTUnit> AST = parse(R"cpp(
    struct { void anonymousMember() {} } Anonymous;
    namespace { struct Hidden { void hiddenMember() {} }; }
    namespace ns {
    void outer(int) {
      auto L = [] {};
      L();
      struct Local { void localMember() {} };
    }
    }
  )cpp");
  ASSERT_TRUE(AST);
  EXPECT_EQ(qualifiedNamesOf(*AST, "anonymousMember"),
            std::vector<std::string>{"(anonymous struct)::anonymousMember"});
  EXPECT_EQ(qualifiedNamesOf(*AST, "hiddenMember"),
            std::vector<std::string>{"(anonymous namespace)::Hidden::hiddenMember"});
  EXPECT_EQ(qualifiedNamesOf(*AST, "operator()"),
            std::vector<std::string>{"ns::outer(int)::(anonymous class)::operator()"});
  EXPECT_EQ(qualifiedNamesOf(*AST, "localMember"),
            std::vector<std::string>{"ns::outer(int)::Local::localMember"});
}

TEST(ClangCompatTest, TagTypeIsTheDeclaredClass) {
  std::unique_ptr<ASTUnit> AST = parse(R"cpp(
    namespace ns { template <class T> struct Box { void get() {} }; }
    void use() { ns::Box<int> B; B.get(); }
  )cpp");
  ASSERT_TRUE(AST);
  auto Spec = match(classTemplateSpecializationDecl(hasName("Box")).bind("spec"),
                    AST->getASTContext());
  ASSERT_EQ(Spec.size(), 1u);
  const auto *RD = Spec[0].getNodeAs<ClassTemplateSpecializationDecl>("spec");
  QualType T = compat::tagType(RD);
  ASSERT_FALSE(T.isNull());
  EXPECT_EQ(T->getAsCXXRecordDecl(), RD);
  EXPECT_TRUE(T.isCanonical());
  EXPECT_EQ(T.getAsString(), "struct ns::Box<int>");
}

} // namespace
} // namespace test
} // namespace ownership
