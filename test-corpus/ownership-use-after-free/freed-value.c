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

int compareFreed(char *Q) {
  char *P = malloc(4);
  free(P);
  return P == Q; // comparing is not reported
}
