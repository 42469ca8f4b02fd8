// RUN-ARGS: -std=c++17
// With AnalyzeTestFailures (.ownership-checker.yaml next to this file), the paths on which
// a GoogleTest assertion fails are analysed like any other: a leak on the early return of
// a failed fatal assertion is reported. A null test the assertion makes still tells the
// checker that the pointer is null on the failure path.
#include <gtest/gtest.h>

#include <cstdio>

int parse(const char *Text);

TEST(Parse, FatalAssertionFailureReturns) {
  char *Buf = new char[16]; // expect-note: ownership-leak {{allocated here}}
  ASSERT_EQ(parse("1"), 1); // expect: ownership-leak {{is leaked when 'Buf' goes out of scope at this return}}
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
