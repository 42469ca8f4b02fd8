// RUN-ARGS: -std=c11
// ownership-free-nonheap: a pointer advanced past the start of its heap block and then
// released. The allocator takes back only the address it handed out; any other address
// inside the block is not a block of the heap.
#include <stdlib.h>

void consume(char *S);

void advancedThenFreed(void) {
  char *P = malloc(8); // expect-note: ownership-free-nonheap {{allocated here}}
  if (!P)
    return;
  P++;
  free(P); // expect: ownership-free-nonheap {{'free' releases 'P', which points 1 element past the start of the block allocated with 'malloc'}}
}

void freedPlusOne(void) {
  char *P = malloc(8); // expect-note: ownership-free-nonheap {{allocated here}}
  free(P + 1); // expect: ownership-free-nonheap {{which points 1 element past the start}}
}

void skippedPrefixThenFreed(void) {
  char *P = malloc(16); // expect-note: ownership-free-nonheap {{allocated here}}
  if (!P)
    return;
  P += 4;
  consume(P);
  free(P); // expect: ownership-free-nonheap {{4 elements past the start}}
}

void advancedCopyThenFreed(void) {
  char *P = malloc(8); // expect-note: ownership-free-nonheap {{allocated here}}
  char *Q = P + 2;
  free(Q); // expect: ownership-free-nonheap {{'Q', which points 2 elements past}}
}

void advancedInBothBranches(int K) {
  char *P = malloc(8); // expect-note: ownership-free-nonheap {{allocated here}}
  if (K)
    P += 1;
  else
    ++P;
  free(P); // expect: ownership-free-nonheap {{1 element past}}
}

// ===== Clean look-alikes =====

void movedBackThenFreed(void) {
  char *P = malloc(8);
  if (!P)
    return;
  P++;
  P -= 1;
  free(P);
}

void copyAdvancedOriginalFreed(void) {
  char *P = malloc(8);
  char *Cursor = P + 1;
  consume(Cursor);
  free(P);
}

void walkedWithCopy(const char *S) {
  char *P = malloc(8);
  if (!P)
    return;
  for (char *W = P; *S; ++S, ++W)
    *W = *S;
  free(P);
}

// The step is a parameter, which may be 0: not known, not reported.
void advancedByUnknown(size_t N) {
  char *P = malloc(8);
  if (!P)
    return;
  P += N;
  free(P);
}

void freedPlusUnknown(size_t N) {
  char *P = malloc(8);
  free(P + N);
}

// Advanced on one path only: not known at the release.
void advancedOnOnePath(int K) {
  char *P = malloc(8);
  if (K)
    P++;
  free(P);
}

void reallocatedFromStart(void) {
  char *P = malloc(8);
  if (!P)
    return;
  char *Q = realloc(P, 16);
  if (!Q) {
    free(P);
    return;
  }
  free(Q);
}

void reassignedAfterAdvance(void) {
  char *P = malloc(8);
  if (!P)
    return;
  char *Start = P;
  P++;
  P = Start;
  free(P);
}
