// A home-grown test framework's ASSERT: `if (!Check(p != nullptr, ...)) return;`, where
// Check is defined in another translation unit, records a failure and returns its
// condition. A bool function without a visible body whose one bool parameter receives a
// pointer's null test is taken to return it: the early return is the path where p is null.
#include <cstdio>

struct Tester {
  bool Check(bool Condition, const char *File, int Line, const char *Text);
  void Fail();
};
extern Tester *CurrentTest;
bool check(bool Condition);
bool report(bool Condition, bool Fatal);
int status(bool Condition);

#define EXPECT_TRUE(a) CurrentTest->Check(static_cast<bool>(a), __FILE__, __LINE__, #a)
#define ASSERT_TRUE(a)                                                                 \
  if (!EXPECT_TRUE(a)) {                                                               \
    CurrentTest->Fail();                                                               \
    return;                                                                            \
  }

void assertOpened() {
  FILE *F = std::fopen("data", "rb");
  ASSERT_TRUE(F);
  std::fputs("x", F);
  std::fclose(F);
}

void checkedNotNull() {
  char *P = new char[8];
  if (!check(P != nullptr))
    return;
  delete[] P;
}

// Look-alikes: the result is not the pointer's test.

void twoBoolParameters() {
  FILE *F = std::fopen("data", "rb"); // expect-note: ownership-leak {{allocated here}}
  if (!report(F != nullptr, true))
    return; // expect: ownership-leak {{is leaked when 'F' goes out of scope}}
  std::fclose(F);
}

void notABoolResult() {
  FILE *F = std::fopen("data", "rb"); // expect-note: ownership-leak {{allocated here}}
  if (!status(F != nullptr))
    return; // expect: ownership-leak {{is leaked when 'F' goes out of scope}}
  std::fclose(F);
}

void checkOfSomethingElse(int N) {
  FILE *F = std::fopen("data", "rb"); // expect-note: ownership-leak {{allocated here}}
  if (!check(N > 0))
    return; // expect: ownership-leak {{is leaked when 'F' goes out of scope}}
  std::fclose(F);
}
