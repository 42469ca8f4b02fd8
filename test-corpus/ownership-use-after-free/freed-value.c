// ownership-use-after-free: the value of a pointer whose memory was freed, returned or
// stored where it outlives the function, is a use too: whoever reads it later reads
// freed memory.
#include <stdlib.h>

struct Cache {
  char *Last;
};

char *returnFreed(void) {
  char *P = malloc(4);
  free(P); // expect-note: ownership-use-after-free {{freed here}}
  return P; // expect: ownership-use-after-free {{'P' returned after the memory it points to was freed}}
}

char *returnFreedNulled(void) {
  char *P = malloc(4);
  free(P);
  P = NULL;
  return P;
}

char *returnMaybeFreed(int K) {
  char *P = malloc(4);
  if (K)
    free(P);
  return P; // freed on one path only: not reported
}

void storeFreed(struct Cache *C) {
  char *P = malloc(4);
  free(P); // expect-note: ownership-use-after-free {{freed here}}
  C->Last = P; // expect: ownership-use-after-free {{'P' stored after the memory it points to was freed}}
}

void storeBeforeFree(struct Cache *C) {
  char *P = malloc(4);
  C->Last = P;
}

// ===== Comparing the value of a freed pointer =====
// Which block a freed pointer points to is no longer a question with an answer: its value
// is indeterminate, and comparing it with another pointer reads that value.

int compareFreed(char *Q) {
  char *P = malloc(4);
  free(P); // expect-note: ownership-use-after-free {{freed here}}
  return P == Q; // expect: ownership-use-after-free {{'P' compared after the memory it points to was freed}}
}

int compareBeforeFree(char *Q) {
  char *P = malloc(4);
  int Same = P == Q;
  free(P);
  return Same;
}

int orderFreed(char *End) {
  char *P = malloc(4);
  free(P); // expect-note: ownership-use-after-free {{freed here}}
  if (P < End) // expect: ownership-use-after-free {{'P' compared after}}
    return 1;
  return 0;
}

char *Kept;

int compareMaybeFreed(char *Q, int K) {
  char *P = malloc(4);
  if (K)
    free(P);
  else
    Kept = P;
  return P == Q; // freed on one path only: not reported
}

// A test against null after free is common defensive code and reads no memory: not
// reported.
void nullTestAfterFree(void) {
  char *P = malloc(4);
  free(P);
  if (P)
    P = NULL;
  if (P != NULL)
    P = NULL;
}

// The old pointer compared with realloc's result, to rebase pointers into the block:
// a common idiom, not reported.
char *rebaseAfterRealloc(char *Old, size_t N, char **Cursor) {
  char *New = realloc(Old, N);
  if (!New)
    return Old;
  if (New != Old)
    *Cursor = New;
  return New;
}
