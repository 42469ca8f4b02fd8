// From zstd, tests/fuzzer.c (basicUnitTests, fuzzerTests) and tests/zstreamtest.c
// (basicUnitTests) [ownership-leak] "memory allocated by 'malloc' and owned by 'buf' is
// leaked when 'buf' goes out of scope". True but intended (21 findings in zstd).
// Pattern (recurring): a C test function checks each step with a macro that jumps to a
// shared error label when the check fails ('CHECK(cond, msg)' -> 'goto _output_error');
// buffers local to one test block leak only on that failure path, after which the test
// program reports the failure and exits. Compiles as C; as C++ too.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond, msg)             \
  {                                  \
    if (cond) {                      \
      fprintf(stderr, "%s\n", msg);  \
      goto _output_error;            \
    }                                \
  }

int compressBound(int n);

int basicUnitTests(const char* src, int size) {
  int testResult = 0;
  {
    char* const dst = (char*)malloc((size_t)compressBound(size));
    CHECK(dst == NULL, "failed to alloc");
    memcpy(dst, src, (size_t)size);
    CHECK(memcmp(dst, src, (size_t)size) != 0, "mismatch");  // reported: 'dst' leaked
    free(dst);
  }
_end:
  return testResult;
_output_error:
  testResult = 1;
  goto _end;
}
