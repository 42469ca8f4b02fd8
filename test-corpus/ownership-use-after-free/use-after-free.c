// RUN-ARGS: -std=c11 -D_POSIX_C_SOURCE=200809L
// ownership-use-after-free in C: memory read or written through a pointer after free().
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int globalFlag;
int readInput(void);
int globalReturnsTrue(void) { return 1; }
void printLine(const char *Line);
void printInt(int Value);

// ===== Straight-line code =====

void derefAfterFree(void) {
  int *P = malloc(sizeof(int));
  if (!P)
    return;
  *P = 1;
  free(P); // expect-note: ownership-use-after-free {{freed here}}
  printInt(*P); // expect: ownership-use-after-free {{'P' used after the memory it points to was freed}}
}

void derefBeforeFree(void) {
  int *P = malloc(sizeof(int));
  if (!P)
    return;
  *P = 1;
  printInt(*P);
  free(P);
}

void writeAfterFree(void) {
  char *S = malloc(8);
  free(S);
  S[0] = 'x'; // expect: ownership-use-after-free
}

void writeAfterRealloc(void) {
  char *S = malloc(8);
  free(S);
  S = malloc(8);
  if (S)
    S[0] = 'x';
  free(S);
}

void aliasAfterFree(void) {
  int *P = malloc(sizeof(int));
  int *Q = P;
  free(P);
  *Q = 2; // expect: ownership-use-after-free {{'Q' used after}}
}

void aliasOfOtherBlock(void) {
  int *P = malloc(sizeof(int));
  int *Q = malloc(sizeof(int));
  free(P);
  if (Q)
    *Q = 2;
  free(Q);
}

void passedToFunctionAfterFree(void) {
  char *S = strdup("x");
  free(S);
  printLine(S); // expect: ownership-use-after-free
}

void passedToFunctionBeforeFree(void) {
  char *S = strdup("x");
  printLine(S);
  free(S);
}

void strlenAfterFree(void) {
  char *S = strdup("x");
  free(S);
  size_t N = strlen(S); // expect: ownership-use-after-free
  printInt((int)N);
}

void comparedAfterFree(void) {
  char *S = malloc(4);
  char *T = S;
  free(S); // expect-note: ownership-use-after-free {{freed here}}
  if (S == T) // expect: ownership-use-after-free {{'S' compared after}}
    printInt(0);
}

void nullTestedAfterFree(void) {
  char *S = malloc(4);
  free(S);
  if (S) // a test against null reads no memory
    printInt(0);
}

void memberAfterFree(void) {
  struct Point {
    int X, Y;
  } *P = malloc(sizeof *P);
  free(P);
  P->X = 1; // expect: ownership-use-after-free
}

// ===== Control flow =====

void ifGlobalFree(void) {
  int *P = malloc(sizeof(int));
  if (globalFlag)
    free(P);
  *P = 1; // expect: ownership-use-after-free {{'P' may be used after}}
  free(P); // expect: ownership-double-free {{may be released twice}}
}

void ifGlobalFreeReturn(void) {
  int *P = malloc(sizeof(int));
  if (globalFlag) {
    free(P);
    return;
  }
  *P = 1;
  free(P);
}

void constantCondition(void) {
  int *P = malloc(sizeof(int));
  if (1)
    free(P);
  *P = 1; // expect: ownership-use-after-free {{'P' used after}}
}

void constantFalse(void) {
  int *P = malloc(sizeof(int));
  if (0)
    free(P);
  *P = 1;
  free(P);
}

void functionResult(void) {
  int *P = malloc(sizeof(int));
  if (globalReturnsTrue())
    free(P);
  printInt(P[0]); // expect: ownership-use-after-free
} // expect: ownership-leak {{may be leaked when 'P' goes out of scope}}

void functionResultNulled(void) {
  int *P = malloc(sizeof(int));
  if (globalReturnsTrue()) {
    free(P);
    P = NULL;
  }
  if (P)
    printInt(P[0]);
  free(P);
}

void switchUse(int K) {
  int *P = malloc(sizeof(int));
  switch (K) {
  case 0:
    free(P);
    break;
  default:
    break;
  }
  *P = 3; // expect: ownership-use-after-free
} // expect: ownership-leak {{may be leaked when 'P' goes out of scope}}

void switchUseClean(int K) {
  int *P = malloc(sizeof(int));
  switch (K) {
  case 0:
    *P = 1;
    break;
  default:
    *P = 2;
  }
  free(P);
}

void loopUseAfterFree(int N) {
  int *P = malloc(sizeof(int) * 4);
  for (int I = 0; I < N; ++I) {
    P[0] = I; // expect: ownership-use-after-free {{'P' may be used}}
    free(P); // expect: ownership-double-free expect-note: ownership-use-after-free {{freed here, in a previous iteration of the loop}}
  }
} // expect: ownership-leak {{may be leaked when 'P' goes out of scope}}

void loopFreshEachIteration(int N) {
  for (int I = 0; I < N; ++I) {
    int *P = malloc(sizeof(int));
    if (!P)
      return;
    *P = I;
    free(P);
  }
}

struct Node {
  struct Node *Next;
  int Value;
};

void freeList(struct Node *Head) {
  while (Head) {
    struct Node *Next = Head->Next;
    free(Head);
    Head = Next;
  }
}

void freeListWrong(struct Node *Head) {
  while (Head) {
    free(Head);
    Head = Head->Next; // expect: ownership-use-after-free
  }
}

void gotoCleanup(void) {
  char *Buf = malloc(16);
  if (readInput() < 0)
    goto fail;
  free(Buf);
  return;
fail:
  free(Buf);
}

void gotoCleanupWrong(void) {
  char *Buf = malloc(16);
  free(Buf);
  if (readInput() < 0)
    goto fail;
  return;
fail:
  printLine(Buf); // expect: ownership-use-after-free
}

// ===== Helpers, struct fields =====

void destroy(int *P) { free(P); }
void touch(int *P) { *P = 0; }

void helperFreesThenUse(void) {
  int *P = malloc(sizeof(int));
  destroy(P); // expect-note: ownership-use-after-free {{freed here}}
  *P = 1; // expect: ownership-use-after-free
}

void helperTouchesThenFree(void) {
  int *P = malloc(sizeof(int));
  touch(P);
  destroy(P);
}

void helperUsesAfterFree(void) {
  int *P = malloc(sizeof(int));
  free(P);
  touch(P); // expect: ownership-use-after-free
}

struct Box {
  int *Data;
};

void fieldAfterFree(void) {
  struct Box B;
  B.Data = malloc(sizeof(int));
  free(B.Data);
  *B.Data = 1; // expect: ownership-use-after-free {{'B.Data'}}
}

void fieldReassigned(void) {
  struct Box B;
  B.Data = malloc(sizeof(int));
  free(B.Data);
  B.Data = malloc(sizeof(int));
  if (B.Data)
    *B.Data = 1;
  free(B.Data);
}

void arrayOfPointers(void) {
  int *Ptrs[2];
  Ptrs[0] = malloc(sizeof(int));
  free(Ptrs[0]); // expect-note: ownership-use-after-free {{freed here}}
  *Ptrs[0] = 1; // expect: ownership-use-after-free {{'Ptrs[0]' used after}}
}
