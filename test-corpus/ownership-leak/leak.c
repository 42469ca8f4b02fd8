// RUN-ARGS: -std=c11 -D_POSIX_C_SOURCE=200809L
// ownership-leak in C: heap memory whose last owner is lost before it is released.
#include <stdlib.h>
#include <string.h>

int globalFlag;
char *globalBuffer;
int readInput(void);
int globalReturnsTrue(void) { return 1; }
void consume(char *P);          // not visible: may keep P
void inspect(const char *P);    // not visible, pointer-to-const: reads P only
void logMessage(const char *Format, ...) __attribute__((format(printf, 1, 2)));

struct Holder {
  char *Data;
  int Size;
};

// ===== Straight-line code =====

void scopeEnd(void) {
  char *P = malloc(8); // expect-note: ownership-leak {{allocated here}}
  P[0] = 'a';
} // expect: ownership-leak {{memory allocated by 'malloc' and owned by 'P' is leaked when 'P' goes out of scope}}

void scopeEndFreed(void) {
  char *P = malloc(8);
  P[0] = 'a';
  free(P);
}

void overwritten(void) {
  char *P = malloc(8); // expect-note: ownership-leak {{allocated here}}
  P = malloc(16); // expect: ownership-leak {{owned by 'P' is leaked when 'P' is overwritten}}
  free(P);
}

void overwrittenAfterFree(void) {
  char *P = malloc(8);
  free(P);
  P = malloc(16);
  free(P);
}

void overwrittenByNull(void) {
  char *P = calloc(4, 1); // expect-note: ownership-leak {{allocated here}}
  P = NULL; // expect: ownership-leak {{allocated by 'calloc' and owned by 'P' is leaked when 'P' is overwritten}}
}

void overwrittenKeptInAlias(void) {
  char *P = malloc(8);
  char *Q = P;
  P = NULL;
  free(Q);
}

void discarded(void) {
  malloc(32); // expect: ownership-leak {{result of 'malloc' is discarded}}
}

void discardedToVoid(void) {
  (void)strdup("x"); // expect: ownership-leak {{result of 'strdup' is discarded}}
}

void strdupLeaked(const char *S) {
  char *Copy = strdup(S); // expect-note: ownership-leak {{allocated here}}
  inspect(Copy);
} // expect: ownership-leak {{allocated by 'strdup'}}

void strdupPassedOn(const char *S) {
  char *Copy = strdup(S);
  consume(Copy);
}

void returned(void);
char *returnsIt(void) {
  char *P = malloc(8);
  return P;
}

void storedInGlobal(void) {
  char *P = malloc(8);
  globalBuffer = P;
}

void storedThroughOutParam(char **Out) {
  char *P = malloc(8);
  *Out = P;
}

void printedOnly(void) {
  char *P = malloc(8); // expect-note: ownership-leak {{allocated here}}
  strcpy(P, "hi");
  logMessage("%s", P);
} // expect: ownership-leak

void alignedLeak(void) {
  void *P = aligned_alloc(16, 64); // expect-note: ownership-leak {{allocated here}}
  memset(P, 0, 64);
} // expect: ownership-leak {{allocated by 'aligned_alloc'}}

// ===== Null checks and early returns =====

int nullCheckReturn(void) {
  char *P = malloc(8);
  if (!P)
    return -1;
  P[0] = 0;
  free(P);
  return 0;
}

int nullCheckEquals(void) {
  char *P = malloc(8);
  if (P == NULL)
    return -1;
  free(P);
  return 0;
}

int earlyReturnLeaks(void) {
  char *P = malloc(8); // expect-note: ownership-leak {{allocated here}}
  if (!P)
    return -1;
  if (readInput() < 0)
    return -2; // expect: ownership-leak {{is leaked when 'P' goes out of scope at this return}}
  free(P);
  return 0;
}

int earlyReturnFrees(void) {
  char *P = malloc(8);
  if (!P)
    return -1;
  if (readInput() < 0) {
    free(P);
    return -2;
  }
  free(P);
  return 0;
}

int secondAllocationFails(void) {
  char *A = malloc(8); // expect-note: ownership-leak {{allocated here}}
  char *B = malloc(8); // expect-note: ownership-leak {{allocated here}}
  if (!A || !B)
    return -1; // expect: ownership-leak {{owned by 'A' may be leaked}} expect: ownership-leak {{owned by 'B' may be leaked}}
  free(A);
  free(B);
  return 0;
}

int secondAllocationFailsHandled(void) {
  char *A = malloc(8);
  if (!A)
    return -1;
  char *B = malloc(8);
  if (!B) {
    free(A);
    return -1;
  }
  free(A);
  free(B);
  return 0;
}

// ===== if/else on constants, globals and function results =====

void ifConstantTrue(void) {
  char *P = malloc(8); // expect-note: ownership-leak {{allocated here}}
  if (1)
    P[0] = 1;
} // expect: ownership-leak

void ifConstantFree(void) {
  char *P = malloc(8);
  if (1)
    free(P);
}

void ifGlobalOneBranchFrees(void) {
  char *P = malloc(8);
  if (globalFlag)
    free(P);
  else
    consume(P);
}

void ifGlobalAllocates(void) {
  char *P = NULL;
  if (globalFlag)
    P = malloc(8); // expect-note: ownership-leak {{allocated here}}
} // expect: ownership-leak {{may be leaked when 'P' goes out of scope}}

void ifGlobalAllocatesAndFreesLater(void) {
  char *P = NULL;
  if (globalFlag)
    P = malloc(8);
  free(P);
}

void ifFunctionResult(void) {
  char *P = malloc(8); // expect-note: ownership-leak {{allocated here}}
  if (globalReturnsTrue())
    return; // expect: ownership-leak
  free(P);
}

void ifFunctionResultFreesBoth(void) {
  char *P = malloc(8);
  if (globalReturnsTrue()) {
    free(P);
    return;
  }
  free(P);
}

// ===== switch =====

void switchMissesACase(int K) {
  char *P = malloc(8); // expect-note: ownership-leak {{allocated here}}
  switch (K) {
  case 0:
    free(P);
    break;
  case 1:
    consume(P);
    break;
  default:
    break;
  }
} // expect: ownership-leak {{may be leaked when 'P' goes out of scope}}

void switchEveryCaseReleases(int K) {
  char *P = malloc(8);
  switch (K) {
  case 0:
    free(P);
    break;
  default:
    consume(P);
    break;
  }
}

// ===== Loops =====

void loopAllocatesEachIteration(int N) {
  for (int I = 0; I < N; ++I) {
    char *P = malloc(8); // expect-note: ownership-leak {{allocated here}}
    P[0] = (char)I;
  } // expect: ownership-leak {{is leaked when 'P' goes out of scope}}
}

void loopFreesEachIteration(int N) {
  for (int I = 0; I < N; ++I) {
    char *P = malloc(8);
    P[0] = (char)I;
    free(P);
  }
}

void loopOverwritesOnePointer(int N) {
  char *P = NULL;
  for (int I = 0; I < N; ++I)
    P = malloc(8); // expect: ownership-leak {{may be leaked when 'P' is overwritten}}
  free(P);
}

void loopFreesBeforeOverwrite(int N) {
  char *P = NULL;
  for (int I = 0; I < N; ++I) {
    free(P);
    P = malloc(8);
  }
  free(P);
}

void whileContinueLeaks(void) {
  while (readInput()) {
    char *P = malloc(8); // expect-note: ownership-leak {{allocated here}}
    if (!P)
      continue;
    if (readInput() == 2)
      continue; // expect: ownership-leak {{is leaked when 'P' goes out of scope}}
    free(P);
  }
}

void whileContinueFrees(void) {
  while (readInput()) {
    char *P = malloc(8);
    if (!P)
      continue;
    if (readInput() == 2) {
      free(P);
      continue;
    }
    free(P);
  }
}

// ===== Helper functions in the same file (summaries) =====

static char *makeBuffer(int N) { return malloc(N); }
static void destroyBuffer(char *P) { free(P); }
static void fillBuffer(char *P, int N) { memset(P, 0, N); }
static void keepBuffer(char *P) { globalBuffer = P; }

void helperAllocatesNeverFreed(void) {
  char *B = makeBuffer(16); // expect-note: ownership-leak {{allocated here}}
  fillBuffer(B, 16);
} // expect: ownership-leak {{allocated by 'makeBuffer' (which allocates with 'malloc') and owned by 'B' is leaked}}

void helperAllocatesHelperFrees(void) {
  char *B = makeBuffer(16);
  fillBuffer(B, 16);
  destroyBuffer(B);
}

void helperKeeps(void) {
  char *B = malloc(16);
  keepBuffer(B);
}

void helperResultDiscarded(void) {
  makeBuffer(4); // expect: ownership-leak {{result of 'makeBuffer' (which allocates with 'malloc') is discarded}}
}

// ===== Struct fields =====

void localStructFieldLeaks(void) {
  struct Holder H;
  H.Data = malloc(8); // expect-note: ownership-leak {{allocated here}}
  H.Size = 8;
} // expect: ownership-leak {{owned by 'H.Data' is leaked when 'H' goes out of scope}}

void localStructFieldFreed(void) {
  struct Holder H;
  H.Data = malloc(8);
  H.Size = 8;
  free(H.Data);
}

void localStructHandedOn(struct Holder *Out) {
  struct Holder H;
  H.Data = malloc(8);
  H.Size = 8;
  *Out = H;
}

void initHolder(struct Holder *H); // not visible: may keep what H held

void reinitializedByCall(void) {
  struct Holder H;
  H.Data = malloc(8);
  initHolder(&H);
}

void outParameterOverwrite(void) {
  char *P = malloc(8);
  consume(P);
  P = NULL;
}

void storedIntoParameterField(struct Holder *Out) {
  char *P = malloc(8);
  Out->Data = P;
}

// ===== Arrays of pointers =====

void arrayElementOwns(void) {
  char *Slots[4];
  char *P = malloc(8);
  Slots[0] = P;
  free(Slots[0]);
}

void arrayNamesCopied(const char **Names, int N) {
  for (int I = 0; I < N; ++I) {
    char *Copy = strdup(Names[I]); // expect-note: ownership-leak {{allocated here}}
    inspect(Copy);
  } // expect: ownership-leak {{allocated by 'strdup' and owned by 'Copy' is leaked}}
}

void arrayNamesCopiedAndKept(const char **Names, char **Out, int N) {
  for (int I = 0; I < N; ++I) {
    char *Copy = strdup(Names[I]);
    Out[I] = Copy;
  }
}

// ===== goto =====

int gotoCleanup(void) {
  int Result = -1;
  char *A = NULL;
  char *B = NULL;
  A = malloc(8);
  if (!A)
    goto out;
  B = malloc(8);
  if (!B)
    goto out;
  Result = 0;
out:
  free(B);
  free(A);
  return Result;
}

int gotoSkipsTheRelease(void) {
  char *A = malloc(8); // expect-note: ownership-leak {{allocated here}}
  if (!A)
    return -1;
  if (readInput() < 0)
    goto fail;
  free(A);
  return 0;
fail:
  return -1; // expect: ownership-leak {{owned by 'A' is leaked when 'A' goes out of scope at this return}}
}

// ===== realloc =====

int reallocHandled(int N) {
  char *P = malloc(8);
  if (!P)
    return -1;
  char *Q = realloc(P, N);
  if (!Q) {
    free(P);
    return -1;
  }
  P = Q;
  free(P);
  return 0;
}

void reallocInPlace(int N) {
  char *P = malloc(8);
  P = realloc(P, N);
  free(P);
}

void reallocResultLeaked(int N) {
  char *P = malloc(8);
  char *Q = realloc(P, N); // expect-note: ownership-leak {{allocated here}}
  if (!Q) {
    free(P);
    return;
  }
} // expect: ownership-leak {{allocated by 'realloc' and owned by 'Q' is leaked}}
