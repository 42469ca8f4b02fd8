//===- StorageKeysTest.cpp - Array elements and parameter fields as keys --===//
//
// Part of ownership-checker, under the MIT license.
//
// The storage the heap lowering gives keys beyond ObjectTable's walk: elements of local
// arrays of pointers at constant indices, and fields reached through a pointer parameter.
// Which nodes exist (and below what), and the heap pass at program points over them: a
// variable index, a call that receives the parameter, or a reassigned parameter leaves
// them unknown.
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

class StorageKeysTest : public AnalysisTest {
protected:
  bool hasObject(llvm::StringRef Name) const {
    const ObjectTable &Objects = fa().objects();
    for (size_t I = 0; I < Objects.size(); ++I)
      if (Objects.name(ObjectID(I)) == Name)
        return true;
    return false;
  }
  const StorageNode &nodeOf(llvm::StringRef Name) const {
    return fa().objects().node(*Object(Name).Id);
  }
};

//===----------------------------------------------------------------------===//
// Elements of local arrays
//===----------------------------------------------------------------------===//

TEST_F(StorageKeysTest, ConstantIndicesAreElementsBelowTheArray) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    enum Slot { First, Second };
    constexpr int kLast = 2;
    void target() {
      char *ptrs[3];
      ptrs[First] = (char *)malloc(1);
      ptrs[kLast] = (char *)malloc(2);
      POINT(allocated);
      free(ptrs[0]);
      POINT(freed);
      free(ptrs[kLast]);
    })cpp"));
  ASSERT_TRUE(Object("ptrs[0]").Id && Object("ptrs[2]").Id);
  EXPECT_EQ(nodeOf("ptrs[0]").K, StorageNode::Kind::Element);
  EXPECT_EQ(nodeOf("ptrs[2]").Index, 2);
  EXPECT_EQ(nodeOf("ptrs[0]").Parent, Object("ptrs").Id);
  EXPECT_TRUE(fa().objects().contains(*Object("ptrs").Id, *Object("ptrs[2]").Id));
  EXPECT_FALSE(hasObject("ptrs[1]"));
  EXPECT_THAT(pointsToAt("ptrs[0]", "allocated"), ElementsAre("heap:malloc(1)"));
  EXPECT_THAT(pointsToAt("ptrs[2]", "allocated"), ElementsAre("heap:malloc(2)"));
  EXPECT_THAT(Object("ptrs[0]"), IsFreedAt("freed"));
  EXPECT_THAT(Object("ptrs[2]"), IsNotFreedAt("freed"));
  EXPECT_THAT(Allocation("malloc(2)"), IsOwnedMemoryAt("freed"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(StorageKeysTest, AVariableIndexLeavesTheWholeArrayUnfollowed) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target(int i) {
      char *ptrs[2];
      ptrs[0] = (char *)malloc(1);
      ptrs[1] = (char *)malloc(1);
      for (int k = 0; k < 2; ++k)
        free(ptrs[k]);
      free(ptrs[i]);
    })cpp"));
  EXPECT_FALSE(hasObject("ptrs[0]"));
  EXPECT_FALSE(hasObject("ptrs[1]"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(StorageKeysTest, ArrayPassedToACallIsNotFollowed) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void refill(char **ptrs);
    void target() {
      char *ptrs[2];
      ptrs[0] = (char *)malloc(1);
      refill(ptrs);
    })cpp"));
  EXPECT_FALSE(hasObject("ptrs[0]"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(StorageKeysTest, ElementsAreLostWithTheArray) {
  ASSERT_TRUE(analyze(R"cpp(
    void target() {
      {
        char *ptrs[2];
        ptrs[1] = new char;
      }
    })cpp"));
  EXPECT_THAT(lostAllocations(), ElementsAre("new char by ptrs[1]: scope end line 6 (every path)"));
}

TEST_F(StorageKeysTest, InitializerListGivesEveryElementItsValue) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    void target() {
      char *ptrs[2] = {(char *)malloc(1)};
      POINT(start);
      free(ptrs[0]);
      free(ptrs[1]);
    })cpp"));
  EXPECT_THAT(pointsToAt("ptrs[0]", "start"), ElementsAre("heap:malloc(1)"));
  EXPECT_THAT(pointsToAt("ptrs[1]", "start"), ElementsAre("null"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(StorageKeysTest, AddressOfAnElementIsStackStorage) {
  ASSERT_TRUE(analyze(R"cpp(
    void target(int i) {
      char buf[4];
      char *p = &buf[2];
      char *q = &buf[i];
      POINT(taken);
    })cpp"));
  EXPECT_THAT(pointsToAt("p", "taken"), ElementsAre("&buf[2]"));
  EXPECT_THAT(pointsToAt("q", "taken"), ElementsAre("&buf"));
}

//===----------------------------------------------------------------------===//
// Fields reached through a pointer parameter
//===----------------------------------------------------------------------===//

TEST_F(StorageKeysTest, FieldsHangBelowTheParametersPointee) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    struct In { char *buf; };
    struct Rec { char *name; In in; };
    void target(Rec *r) {
      free(r->name);
      POINT(freed);
      free((*r).in.buf);
      POINT(both);
    })cpp"));
  ASSERT_TRUE(Object("r->name").Id && Object("r->in.buf").Id && Object("*r").Id);
  EXPECT_EQ(nodeOf("*r").K, StorageNode::Kind::ParamPointee);
  EXPECT_EQ(nodeOf("r->name").Parent, Object("*r").Id);
  EXPECT_EQ(nodeOf("r->in.buf").Parent, Object("r->in").Id);
  EXPECT_THAT(Object("r->name"), IsFreedAt("freed"));
  EXPECT_THAT(Object("r->in.buf"), IsNotFreedAt("freed"));
  EXPECT_THAT(Object("r->in.buf"), IsFreedAt("both"));
  // The caller's object, not this frame's.
  EXPECT_FALSE(fa().objects().diesWithFrame(*Object("r->name").Id, fa().decl()));
}

TEST_F(StorageKeysTest, AssignmentAndCallsGiveTheFieldsNewValues) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    struct Rec { char *name; };
    void reset(Rec *r);
    void target(Rec *r) {
      free(r->name);
      r->name = nullptr;
      POINT(nulled);
      free(r->name);
      r->name = (char *)malloc(4);
      POINT(stored);
      free(r->name);
      reset(r);
      POINT(reset);
    })cpp"));
  EXPECT_THAT(pointsToAt("r->name", "nulled"), ElementsAre("null"));
  EXPECT_THAT(Object("r->name"), IsNotFreedAt("nulled"));
  // Stored in the caller's object: handed on, never lost here.
  EXPECT_THAT(Allocation("malloc(4)"), IsNotOwnedMemoryAt("stored"));
  EXPECT_THAT(Object("r->name"), IsNotFreedAt("reset"));
  EXPECT_THAT(lostAllocations(), IsEmpty());
}

TEST_F(StorageKeysTest, AReassignedOrCopiedParameterIsNotFollowed) {
  ASSERT_TRUE(analyze(R"cpp(
    #include <cstdlib>
    struct Node { char *buf; Node *next; };
    void target(Node *n, Node *m) {
      free(n->buf);
      n = n->next;
      free(n->buf);
      Node *alias = m;
      free(m->buf);
      alias->buf = nullptr;
    })cpp"));
  EXPECT_FALSE(hasObject("n->buf"));
  EXPECT_FALSE(hasObject("m->buf"));
}

} // namespace
} // namespace test
} // namespace ownership
