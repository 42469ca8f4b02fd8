// RUN-ARGS: -std=c++17
// Catch2's assertions, with the real header. A failing REQUIRE leaves the test through an
// exception thrown inside Catch::AssertionHandler, which the analysis does not follow: the
// test function has no failure path of its own, whatever AnalyzeTestFailures says. A leak
// on the path where the assertions hold is reported.
#include <catch2/catch.hpp>

#include <cstdio>

int parse(const char *Text);

TEST_CASE("a failing REQUIRE leaves by an exception") {
  char *Buf = new char[16];
  REQUIRE(parse("1") == 1);
  CHECK(parse("2") == 2);
  delete[] Buf;
}

TEST_CASE("a null check through REQUIRE") {
  std::FILE *F = std::fopen("input", "rb");
  REQUIRE(F != nullptr);
  std::fclose(F);
}

TEST_CASE("a leak when the assertions hold") {
  char *Buf = new char[16]; // expect-note: ownership-leak {{allocated here}}
  REQUIRE(parse("1") == 1);
} // expect: ownership-leak {{owned by 'Buf' is leaked when 'Buf' goes out of scope}}
