// RUN-ARGS: -std=c11 -D_POSIX_C_SOURCE=200809L
// ownership-double-free in C: memory released twice, through one pointer or aliases.
#include <stdlib.h>
#include <string.h>

int globalFlag;
int readInput(void);
int globalReturnsTrue(void) { return 1; }
int globalReturnsFalse(void) { return 0; }

// ===== Straight-line code =====

void twiceThroughOnePointer(void) {
  char *P = malloc(8);
  free(P); // expect-note: ownership-double-free {{first released here}}
  free(P); // expect: ownership-double-free {{memory owned by 'P' is released twice}}
}

void onceThenNull(void) {
  char *P = malloc(8);
  free(P);
  P = NULL;
  free(P);
}

void twiceThroughAlias(void) {
  int *P = malloc(sizeof(int));
  int *Q = P;
  free(P); // expect-note: ownership-double-free {{first released here}}
  free(Q); // expect: ownership-double-free {{memory owned by 'Q' is released twice}}
}

void aliasReassigned(void) {
  int *P = malloc(sizeof(int));
  int *Q = P;
  free(P);
  Q = malloc(sizeof(int));
  free(Q);
}

void freedThenReallocated(void) {
  char *P = malloc(4);
  free(P);
  P = malloc(8);
  free(P);
}

void strdupTwice(const char *S) {
  char *C = strdup(S);
  free(C);
  free(C); // expect: ownership-double-free
}

void parameterTwice(char *P) {
  free(P);
  free(P); // expect: ownership-double-free
}

void parameterOnce(char *P) { free(P); }

// ===== Control flow =====

void ifGlobalThenAlways(void) {
  char *P = malloc(4);
  if (globalFlag)
    free(P); // expect-note: ownership-double-free {{first released here}}
  free(P); // expect: ownership-double-free {{memory owned by 'P' may be released twice}}
}

void ifGlobalElse(void) {
  char *P = malloc(4);
  if (globalFlag)
    free(P);
  else
    free(P);
}

void ifGlobalReturn(void) {
  char *P = malloc(4);
  if (globalFlag) {
    free(P);
    return;
  }
  free(P);
}

void constantTrue(void) {
  char *P = malloc(4);
  if (1)
    free(P);
  free(P); // expect: ownership-double-free {{is released twice}}
}

void constantFalse(void) {
  char *P = malloc(4);
  if (0)
    free(P);
  free(P);
}

void functionResult(void) {
  char *P = malloc(4);
  if (globalReturnsTrue())
    free(P);
  free(P); // expect: ownership-double-free {{may be released twice}}
}

void functionResultNulled(void) {
  char *P = malloc(4);
  if (globalReturnsTrue()) {
    free(P);
    P = NULL;
  }
  free(P);
}

void switchFallThrough(int K) {
  char *P = malloc(4);
  switch (K) {
  case 1:
    free(P);
    // fall through
  case 2:
    free(P); // expect: ownership-double-free
    break;
  default:
    free(P);
  }
}

void switchBreak(int K) {
  char *P = malloc(4);
  switch (K) {
  case 1:
    free(P);
    break;
  case 2:
    free(P);
    break;
  default:
    free(P);
  }
}

void loopFreesEachIteration(int N) {
  char *P = malloc(4);
  for (int I = 0; I < N; ++I)
    free(P); // expect: ownership-double-free {{may be released twice}} expect-note: ownership-double-free {{in a previous iteration of the loop}}
} // expect: ownership-leak {{may be leaked when 'P' goes out of scope}}

void loopAllocatesEachIteration(int N) {
  for (int I = 0; I < N; ++I) {
    char *P = malloc(4);
    free(P);
  }
}

void whileLoopList(void) {
  while (readInput()) {
    char *Line = malloc(80);
    if (!Line)
      break;
    free(Line);
  }
}

void gotoCleanupTwice(void) {
  char *Buf = malloc(16);
  if (readInput() < 0) {
    free(Buf);
    goto out;
  }
  Buf[0] = 0;
out:
  free(Buf); // expect: ownership-double-free {{may be released twice}}
}

void gotoCleanupOnce(void) {
  char *Buf = malloc(16);
  if (readInput() < 0)
    goto out;
  Buf[0] = 0;
out:
  free(Buf);
}

void nullCheckedTwice(void) {
  char *P = malloc(4);
  free(P);
  if (P)
    free(P); // expect: ownership-double-free
}

// ===== Helpers in the same file =====

void destroy(char *P) { free(P); }
void maybeDestroy(char *P) {
  if (P)
    free(P);
}
char *makeBuffer(void) { return malloc(8); }

void helperThenFree(void) {
  char *P = malloc(4);
  destroy(P); // expect-note: ownership-double-free {{first released here}}
  free(P); // expect: ownership-double-free
}

void helperTwice(void) {
  char *P = makeBuffer();
  destroy(P);
  destroy(P); // expect: ownership-double-free
}

void nullCheckingHelperThenFree(void) {
  char *P = malloc(4);
  maybeDestroy(P);
  free(P); // expect: ownership-double-free
}

void helperOnce(void) {
  char *P = makeBuffer();
  destroy(P);
}

// ===== Struct fields and arrays =====

struct Record {
  char *Name;
  int *Values;
};

void structFieldTwice(void) {
  struct Record R;
  R.Name = malloc(8);
  free(R.Name);
  free(R.Name); // expect: ownership-double-free {{'R.Name'}}
}

void structFieldsOnceEach(void) {
  struct Record R;
  R.Name = malloc(8);
  R.Values = malloc(8);
  free(R.Name);
  free(R.Values);
}

void fieldCopiedToLocal(void) {
  struct Record R;
  R.Values = malloc(8);
  int *V = R.Values;
  free(V);
  free(R.Values); // expect: ownership-double-free
}

void parameterStructFields(struct Record *R) {
  free(R->Name); // expect-note: ownership-double-free {{first released here}}
  free(R->Name); // expect: ownership-double-free {{'R->Name' is released twice}}
}

void arrayOfPointers(void) {
  char *Ptrs[2];
  Ptrs[0] = malloc(4);
  free(Ptrs[0]); // expect-note: ownership-double-free {{first released here}}
  free(Ptrs[0]); // expect: ownership-double-free {{'Ptrs[0]' is released twice}}
}

void distinctBlocks(void) {
  char *A = malloc(4);
  char *B = malloc(4);
  free(A);
  free(B);
}

void reallocThenFree(void) {
  char *P = malloc(4);
  char *Q = realloc(P, 8);
  if (!Q) {
    free(P);
    return;
  }
  free(Q);
}
