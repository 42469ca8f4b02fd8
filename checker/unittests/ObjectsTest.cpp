//===- ObjectsTest.cpp - The ownership graph of a function ----------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Which storage gets a node (locals, parameters, bindings, `*this`, fields as access
// paths) and which edges connect them (owns, aliases for references, borrows for `&x`).
//===----------------------------------------------------------------------===//
#include "checker/unittests/AnalysisTestSupport.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;

using namespace clang;
using namespace clang::ast_matchers;
using ::testing::Contains;
using ::testing::Not;

namespace ownership {
namespace test {
namespace {

class ObjectsTest : public AnalysisTest {
protected:
  StorageNode::Kind kindOf(llvm::StringRef Name) const {
    ObjectRef O = Object(Name);
    return O.Id ? fa().objects().node(*O.Id).K : StorageNode::Kind::ThisObject;
  }
  bool hasObject(llvm::StringRef Name) const {
    const ObjectTable &Objects = fa().objects();
    for (size_t I = 0; I < Objects.size(); ++I)
      if (Objects.name(ObjectID(I)) == Name)
        return true;
    return false;
  }
  /// The edges of the graph as `from kind to`.
  std::vector<std::string> edges() const {
    static const char *Names[] = {"owns", "borrows-from", "aliases"};
    std::vector<std::string> Out;
    const ObjectTable &Objects = fa().objects();
    for (const GraphEdge &E : Objects.edges())
      Out.push_back(Objects.name(E.From) + " " + Names[static_cast<int>(E.K)] + " " +
                    Objects.name(E.To));
    return Out;
  }
};

TEST_F(ObjectsTest, LocalsAndParametersAreNodes) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Res p) {
      Res a;
      a.read();
      p.read();
    })cpp"));
  EXPECT_EQ(kindOf("a"), StorageNode::Kind::Local);
  EXPECT_EQ(kindOf("p"), StorageNode::Kind::Param);
  EXPECT_TRUE(fa().objects().node(*Object("a").Id).Type->isRecordType());
}

TEST_F(ObjectsTest, StructuredBindingsAreNodes) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(Pair q) {
      auto [x, y] = q;
      x.read();
      y.read();
    })cpp"));
  EXPECT_EQ(kindOf("x"), StorageNode::Kind::Binding);
  EXPECT_EQ(kindOf("y"), StorageNode::Kind::Binding);
}

TEST_F(ObjectsTest, FieldsAreAccessPathsOwnedByTheirParent) {
  ASSERT_TRUE(analyze(R"cpp(
    struct Outer { Pair inner; };
    void target(Outer o) {
      o.inner.first.read();
    })cpp"));
  ObjectRef Leaf = Object("o.inner.first");
  ObjectRef Middle = Object("o.inner");
  ObjectRef Root = Object("o");
  ASSERT_TRUE(Leaf.Id && Middle.Id && Root.Id);
  const ObjectTable &Objects = fa().objects();
  EXPECT_EQ(Objects.node(*Leaf.Id).K, StorageNode::Kind::Field);
  EXPECT_EQ(Objects.node(*Leaf.Id).Parent, Middle.Id);
  EXPECT_EQ(Objects.node(*Middle.Id).Parent, Root.Id);
  EXPECT_TRUE(Objects.contains(*Root.Id, *Leaf.Id));
  EXPECT_TRUE(Objects.contains(*Leaf.Id, *Leaf.Id));
  EXPECT_FALSE(Objects.contains(*Leaf.Id, *Root.Id));
  EXPECT_THAT(edges(), Contains("o owns o.inner"));
  EXPECT_THAT(edges(), Contains("o.inner owns o.inner.first"));
  // The sibling field was never named, so it has no node.
  EXPECT_FALSE(hasObject("o.inner.second"));
}

TEST_F(ObjectsTest, MembersOfThisHangBelowTheThisObject) {
  ASSERT_TRUE(analyze(R"cpp(
    struct S {
      Res buf_;
      void target();
    };
    void S::target() { buf_.read(); this->buf_.write(); })cpp",
                      "S::target"));
  ObjectRef Field = Object("buf_");
  ObjectRef This = Object("*this");
  ASSERT_TRUE(Field.Id && This.Id);
  EXPECT_EQ(fa().objects().node(*This.Id).K, StorageNode::Kind::ThisObject);
  EXPECT_EQ(fa().objects().node(*Field.Id).Parent, This.Id);
  EXPECT_THAT(edges(), Contains("*this owns buf_"));
  // Both spellings, implicit and explicit `this->`, are the same node.
  EXPECT_EQ(fa().objects().size(), 2u);
}

TEST_F(ObjectsTest, ReferencesAliasWhatTheyAreBoundTo) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      Res s;
      Res &r = s;
      Res &&rr = std::move(s);
      const Res &cr = r;
      r.read();
    })cpp"));
  EXPECT_THAT(edges(), Contains("r aliases s"));
  // `T &&r = std::move(s)` moves nothing: it is one more name for s.
  EXPECT_THAT(edges(), Contains("rr aliases s"));
  // A reference bound to a reference names the original storage, in one hop.
  EXPECT_THAT(edges(), Contains("cr aliases s"));
  const ObjectTable &Objects = fa().objects();
  EXPECT_EQ(Objects.resolveAlias(*Object("cr").Id), *Object("s").Id);
  EXPECT_EQ(Objects.resolveAlias(*Object("s").Id), *Object("s").Id);
}

TEST_F(ObjectsTest, AddressOfInitializesABorrow) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      Res s;
      Res *p = &s;
      const Res *q = &s;
      Res *n = nullptr;
    })cpp"));
  EXPECT_THAT(edges(), Contains("p borrows-from s"));
  EXPECT_THAT(edges(), Contains("q borrows-from s"));
  // A borrow is not an alias: p is a pointer of its own.
  EXPECT_NE(fa().objects().resolveAlias(*Object("p").Id), *Object("s").Id);
  for (const std::string &E : edges())
    EXPECT_EQ(llvm::StringRef(E).find("n "), llvm::StringRef::npos) << E;
}

TEST_F(ObjectsTest, StorageTheFunctionDoesNotOwnHasNoNode) {
  ASSERT_TRUE(analyze(R"cpp(
    Res global;
    void target(Res *p) {
      static Res kept;
      global.read();
      kept.read();
      p->read();
      (*p).read();
    })cpp"));
  EXPECT_FALSE(hasObject("global"));
  EXPECT_FALSE(hasObject("kept"));
  // Nothing below a pointer parameter: its pointee may be shared with anyone.
  const ObjectTable &Objects = fa().objects();
  for (size_t I = 0; I < Objects.size(); ++I)
    EXPECT_EQ(Objects.node(ObjectID(I)).K, StorageNode::Kind::Param)
        << Objects.name(ObjectID(I));
}

TEST_F(ObjectsTest, FunctionLocalStorage) {
  std::unique_ptr<ASTUnit> AST = parseSnippet(R"cpp(
    Res global;
    void f(Res param) {
      Res local;
      static Res kept;
      thread_local Res perThread;
      auto [a, b] = Pair();
    })cpp");
  ASSERT_TRUE(AST);
  auto IsLocal = [&](llvm::StringRef Name) {
    auto Found = match(valueDecl(hasName(Name)).bind("d"), AST->getASTContext());
    EXPECT_EQ(Found.size(), 1u) << Name.str();
    return !Found.empty() && isFunctionLocalStorage(Found[0].getNodeAs<ValueDecl>("d"));
  };
  EXPECT_TRUE(IsLocal("param"));
  EXPECT_TRUE(IsLocal("local"));
  EXPECT_TRUE(IsLocal("a"));
  EXPECT_FALSE(IsLocal("global"));
  EXPECT_FALSE(IsLocal("kept"));
  EXPECT_FALSE(IsLocal("perThread"));
}

/// objectOf() creates nodes, lookup() only finds them; both see through parentheses and
/// derived-to-base conversions.
TEST_F(ObjectsTest, ObjectOfAndLookup) {
  std::unique_ptr<ASTUnit> AST = parseSnippet(R"cpp(
    void keepBase(const Base &);
    void f(Derived d, Res s) {
      (s).read();
      keepBase(d);
      d.d.read();
    })cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  auto Ref = [&](llvm::StringRef Name) -> const Expr * {
    auto Found = match(declRefExpr(to(varDecl(hasName(Name)))).bind("e"), Ctx);
    return Found.empty() ? nullptr : Found[0].getNodeAs<Expr>("e");
  };
  auto InF = hasAncestor(functionDecl(hasName("f")));
  auto Paren = match(parenExpr(InF).bind("p"), Ctx);
  auto ToBase = match(implicitCastExpr(hasCastKind(CK_DerivedToBase), InF).bind("c"), Ctx);
  auto Member = match(memberExpr(member(hasName("d")), InF).bind("m"), Ctx);
  ASSERT_TRUE(Ref("s") && Ref("d"));
  ASSERT_EQ(Paren.size(), 1u);
  ASSERT_EQ(ToBase.size(), 1u);
  ASSERT_EQ(Member.size(), 1u);

  ObjectTable Objects;
  EXPECT_FALSE(Objects.lookup(Ref("s")));
  std::optional<ObjectID> S = Objects.objectOf(Ref("s"));
  ASSERT_TRUE(S);
  EXPECT_EQ(Objects.lookup(Ref("s")), S);
  EXPECT_EQ(Objects.objectOf(Paren[0].getNodeAs<Expr>("p")), S);

  std::optional<ObjectID> D = Objects.objectOf(Ref("d"));
  EXPECT_EQ(Objects.objectOf(ToBase[0].getNodeAs<Expr>("c")), D);
  const Expr *DField = Member[0].getNodeAs<Expr>("m");
  EXPECT_FALSE(Objects.lookup(DField));
  std::optional<ObjectID> F = Objects.objectOf(DField);
  ASSERT_TRUE(F);
  EXPECT_EQ(Objects.name(*F), "d.d");
  EXPECT_EQ(Objects.lookup(DField), F);
  EXPECT_EQ(Objects.size(), 3u);
}

} // namespace
} // namespace test
} // namespace ownership
