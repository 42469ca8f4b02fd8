// RUN-ARGS: -std=c11 -D_GNU_SOURCE
// ownership-free-nonheap: memory from alloca lives in the caller's stack frame and goes
// away with it; free() of it corrupts the allocator.
#include <alloca.h>
#include <stdlib.h>
#include <string.h>

void freeAlloca(void) {
  char *P = alloca(16);
  strcpy(P, "x");
  free(P); // expect: ownership-free-nonheap {{'free' releases 'P', which points to stack memory from 'alloca', not to heap memory}}
}

void allocaNotFreed(void) {
  char *P = alloca(16);
  strcpy(P, "x");
}

void mallocFreed(void) {
  char *P = malloc(16);
  if (P)
    strcpy(P, "x");
  free(P);
}

void allocaOrMalloc(int Big) {
  char *P = Big ? malloc(4096) : alloca(16);
  if (Big)
    free(P); // heap on one path: not reported
}
