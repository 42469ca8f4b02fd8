// RUN-ARGS: -std=c++17
// GoogleTest's assertions, with the real header. By default the checker assumes that
// assertions hold: the failure branch of ASSERT_*/EXPECT_* ends at its failure report
// (testing::internal::AssertHelper), so a leak only on the path of a failed assertion is
// not reported. A leak on the path where the assertion holds still is. With
// AnalyzeTestFailures (see test-failures-analysed/) those paths are analysed too.
#include <gtest/gtest.h>

#include <cstdio>

int parse(const char *Text);

TEST(Parse, FatalAssertionFailureReturns) {
  char *Buf = new char[16];
  ASSERT_EQ(parse("1"), 1);
  delete[] Buf;
}

TEST(Parse, NonFatalAssertionGoesOn) {
  char *Buf = new char[16];
  EXPECT_EQ(parse("1"), 1);
  delete[] Buf;
}

TEST(Parse, NullCheckThroughAssertTrue) {
  std::FILE *F = std::fopen("input", "rb");
  ASSERT_TRUE(F != nullptr);
  std::fclose(F);
}

TEST(Parse, NullCheckThroughAssertNe) {
  std::FILE *F = std::fopen("input", "rb");
  ASSERT_NE(F, nullptr);
  std::fclose(F);
}

TEST(Parse, ExplicitFailure) {
  char *Buf = new char[16];
  if (parse(Buf) < 0)
    FAIL() << "negative";
  delete[] Buf;
}

// Look-alike: the leak is on the path where the assertion holds.
TEST(Parse, LeakWhenTheAssertionHolds) {
  char *Buf = new char[16]; // expect-note: ownership-leak {{allocated here}}
  ASSERT_EQ(parse("1"), 1);
} // expect: ownership-leak {{owned by 'Buf' is leaked when 'Buf' goes out of scope}}

// Look-alike: a home-grown helper named like GoogleTest's, outside its namespace, is not
// a failure report.
namespace mytest {
struct AssertHelper {
  explicit AssertHelper(const char *Message);
  void operator=(int) const;
};
} // namespace mytest
#define MY_ASSERT(c) \
  if (c)             \
    ;                \
  else               \
    return mytest::AssertHelper(#c) = 0

TEST(Parse, HomeGrownAssertion) {
  char *Buf = new char[16]; // expect-note: ownership-leak {{allocated here}}
  MY_ASSERT(parse("1") == 1); // expect: ownership-leak {{is leaked when 'Buf' goes out of scope at this return}}
  delete[] Buf;
}
