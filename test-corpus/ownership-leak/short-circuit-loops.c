// RUN-ARGS: -std=c11
// A loop condition `a && b` (or `a || b`) decides the branch either in the block that
// evaluates a (when a alone settles it) or in the one that evaluates b: each path keeps
// what its own test said. A retry loop that goes round only while the allocation failed
// never overwrites memory it owns.
#include <stddef.h>
#include <stdlib.h>

size_t retryWhileNull(size_t Size, size_t Step) {
  unsigned char *Mem = NULL;
  do {
    Mem = malloc(Size);
    Size -= Step;
  } while (!Mem && Size > Step);
  free(Mem);
  return Size;
}

size_t retryWhileNullTestedLast(size_t Size) {
  char *Mem = NULL;
  do {
    Mem = malloc(Size);
    Size /= 2;
  } while (Size > 16 && Mem == NULL);
  free(Mem);
  return Size;
}

size_t retryWhileNullNested(size_t Size, int Tries) {
  char *Mem = NULL;
  do {
    Mem = malloc(Size);
    Size /= 2;
  } while (!Mem && (Size > 16 && Tries-- > 0));
  free(Mem);
  return Size;
}

// `||`: the loop also goes round when the allocation succeeded and Size is still large.
size_t retryEvenWhenAllocated(size_t Size) {
  char *Mem = NULL;
  do {
    Mem = malloc(Size); // expect: ownership-leak {{owned by 'Mem' may be leaked when 'Mem' is overwritten}}
    // expect-note@-1: ownership-leak {{allocated here}}
    Size /= 2;
  } while (!Mem || Size > 16);
  free(Mem);
  return Size;
}

// `&&` whose short-circuit operand is not the null test.
size_t retryWhileLarge(size_t Size) {
  char *Mem = NULL;
  do {
    Mem = malloc(Size); // expect: ownership-leak {{owned by 'Mem' may be leaked when 'Mem' is overwritten}}
    // expect-note@-1: ownership-leak {{allocated here}}
    Size /= 2;
  } while (Size > 16 && Mem != NULL);
  free(Mem);
  return Size;
}
