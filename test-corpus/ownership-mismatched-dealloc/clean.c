// RUN-ARGS: -std=c11 -D_POSIX_C_SOURCE=200809L
// ownership-mismatched-dealloc in C: every malloc-family allocation released with free,
// in the shapes the C++ cases use. C has one family, so nothing here is reported.
#include <stdlib.h>
#include <string.h>

int globalFlag;
int readInput(void);

struct Buffer {
  char *Bytes;
};

static char *makeBytes(int N) { return malloc(N); }
static void releaseBytes(char *P) { free(P); }

void straightLine(void) {
  char *P = malloc(4);
  free(P);
}

void callocFreed(void) {
  int *P = calloc(4, sizeof(int));
  free(P);
}

void strdupFreed(const char *S) {
  char *C = strdup(S);
  free(C);
}

void reallocFreed(void) {
  char *P = malloc(4);
  char *Q = realloc(P, 8);
  if (!Q) {
    free(P);
    return;
  }
  free(Q);
}

void ifGlobal(void) {
  char *P = NULL;
  if (globalFlag)
    P = malloc(4);
  free(P);
}

void switchFreed(int K) {
  char *P = malloc(4);
  switch (K) {
  case 0:
    free(P);
    break;
  default:
    free(P);
    break;
  }
}

void loopFreed(int N) {
  for (int I = 0; I < N; ++I) {
    char *P = malloc(4);
    free(P);
  }
}

void helpers(void) {
  char *P = makeBytes(4);
  releaseBytes(P);
}

void fieldFreed(void) {
  struct Buffer B;
  B.Bytes = malloc(4);
  free(B.Bytes);
}

int gotoFreed(void) {
  char *P = malloc(4);
  if (readInput())
    goto out;
  free(P);
  return 0;
out:
  free(P);
  return 1;
}
