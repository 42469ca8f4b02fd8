// From zstd, programs/benchzstd.c, BMK_findMaxMem [ownership-leak] "memory allocated by
// 'malloc' and owned by 'testmem' may be leaked when 'testmem' is overwritten".
// Pattern: a retry loop that asks for less memory each time: the loop goes round again
// only while the result is null ('while (!testmem && size > 0)'), so the pointer
// overwritten by the next malloc is always null. Compiles as C; as C++ too.
#include <stddef.h>
#include <stdlib.h>

size_t findMaxMem(size_t requiredMem, size_t step) {
  unsigned char* testmem = NULL;
  do {
    testmem = (unsigned char*)malloc(requiredMem);  // reported here
    requiredMem -= step;
  } while (!testmem && requiredMem > step);
  free(testmem);
  return requiredMem;
}
