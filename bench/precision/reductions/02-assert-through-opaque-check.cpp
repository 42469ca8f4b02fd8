// From ninja-build, src/deps_log_test.cc (DepsLogTest.InvalidHeader) and
// src/disk_interface_test.cc (DiskInterfaceTest.ReadFile) [ownership-leak] "memory allocated
// by 'fopen' and owned by 'f' is leaked when 'f' goes out of scope at this return".
// Pattern: a home-grown test framework's ASSERT_TRUE(f) is 'if (!Check(f != NULL)) return;'
// where Check, defined in another translation unit, records a failure and returns its
// argument. The return is taken only when 'f' is null, so nothing leaks; the checker cannot
// see Check's body and treats its result as unrelated to 'f'.
#include <cstdio>

struct Test {
  bool Check(bool condition, const char* file, int line, const char* error);  // returns condition
  void AddAssertionFailure();
};
extern Test* g_current_test;

#define EXPECT_TRUE(a) g_current_test->Check(static_cast<bool>(a), __FILE__, __LINE__, #a)
#define ASSERT_TRUE(a) \
  if (!EXPECT_TRUE(a)) { g_current_test->AddAssertionFailure(); return; }

void readFile() {
  FILE* f = std::fopen("testfile", "wb");
  ASSERT_TRUE(f);  // reported: 'f' leaked at this return, where 'f' is null
  std::fputs("content", f);
  std::fclose(f);
}
