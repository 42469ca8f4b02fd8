// RUN-ARGS: -std=c11 -D_POSIX_C_SOURCE=200809L
// ownership-free-nonheap in C: free() of memory that is not on the heap.
#include <stdlib.h>
#include <string.h>

int globalCounter;
static char globalBuffer[64];
int readInput(void);
int globalReturnsTrue(void) { return 1; }

// ===== Straight-line code =====

void freeAddressOfLocal(void) {
  int X = 0; // expect-note: ownership-free-nonheap {{'X' declared here}}
  free(&X); // expect: ownership-free-nonheap {{'free' releases local variable 'X', which is not heap memory}}
}

void freeHeapCopyOfLocal(void) {
  int X = 0;
  int *P = malloc(sizeof *P);
  if (!P)
    return;
  *P = X;
  free(P);
}

void freeStackArray(void) {
  char Buf[16];
  strcpy(Buf, "x");
  free(Buf); // expect: ownership-free-nonheap {{local array 'Buf'}}
}

void freeHeapArray(void) {
  char *Buf = malloc(16);
  if (!Buf)
    return;
  strcpy(Buf, "x");
  free(Buf);
}

void freeGlobal(void) {
  free(&globalCounter); // expect: ownership-free-nonheap {{global variable 'globalCounter'}}
}

void freeGlobalArray(void) {
  free(globalBuffer); // expect: ownership-free-nonheap {{global array 'globalBuffer'}}
}

void freeStaticLocal(void) {
  static int Count;
  free(&Count); // expect: ownership-free-nonheap {{static variable 'Count'}}
}

void freeStringLiteral(void) {
  free("text"); // expect: ownership-free-nonheap {{a string literal}}
}

void freeStringLiteralThroughPointer(void) {
  char *S = "text";
  free(S); // expect: ownership-free-nonheap {{'S', which points to a string literal}}
}

void freeDuplicatedLiteral(void) {
  char *S = strdup("text");
  free(S);
}

void freePointerToLocal(void) {
  int X = 1;
  int *P = &X;
  free(P); // expect: ownership-free-nonheap {{'P', which points to local variable 'X'}}
}

void freePointerToLocalArray(void) {
  char Buf[8];
  char *P = Buf;
  free(P); // expect: ownership-free-nonheap {{'P', which points to local array 'Buf'}}
}

void freePointerReassignedToHeap(void) {
  char Buf[8];
  char *P = Buf;
  P = malloc(8);
  free(P);
}

void freeCopiedPointerToLocal(void) {
  int X = 1;
  int *P = &X;
  int *Q = P;
  free(Q); // expect: ownership-free-nonheap {{'Q', which points to local variable 'X'}}
}

void reallocOfStackArray(void) {
  char Buf[8];
  char *P = realloc(Buf, 16); // expect: ownership-free-nonheap {{'realloc' releases local array 'Buf'}}
  free(P);
}

void freeNull(void) {
  free(NULL);
  char *P = NULL;
  free(P);
}

// ===== Control flow =====

void ifOnGlobal(void) {
  int X = 0;
  int *P = &X;
  if (globalCounter)
    free(P); // expect: ownership-free-nonheap
}

void ifOnGlobalHeap(void) {
  int *P = malloc(4);
  if (globalCounter)
    free(P);
  else
    free(P);
}

void constantCondition(void) {
  int Y = 2;
  if (1)
    free(&Y); // expect: ownership-free-nonheap
}

void constantConditionPruned(void) {
  int Y = 2;
  if (0)
    free(&Y); // never runs
}

void functionResult(void) {
  char Local[4];
  if (globalReturnsTrue())
    free(Local); // expect: ownership-free-nonheap
}

void eitherStackOrHeap(int N) {
  // The usual small-buffer pattern: the pointer is freed only when it is not the
  // stack buffer. Only the heap possibility reaches free().
  char Small[32];
  char *P = Small;
  if (N > 32)
    P = malloc(N);
  if (P != Small)
    free(P);
}

void eitherStackOrHeapChecked(int N) {
  // FIXME: the comparison with the stack buffer is not a path condition we follow, so
  // the mixed case stays silent rather than reported.
  char Small[32];
  char *P = Small;
  if (N > 32)
    P = malloc(N);
  free(P);
}

void switchCases(int K) {
  int A = 0;
  char *H = malloc(4);
  switch (K) {
  case 0:
    free(&A); // expect: ownership-free-nonheap
    break;
  default:
    break;
  }
  free(H);
}

void switchCasesHeap(int K) {
  char *H = malloc(4);
  switch (K) {
  case 0:
    free(H);
    break;
  default:
    free(H);
    break;
  }
}

void loopFree(int N) {
  for (int I = 0; I < N; ++I) {
    int Tmp = I;
    free(&Tmp); // expect: ownership-free-nonheap
  }
}

void loopFreeHeap(int N) {
  for (int I = 0; I < N; ++I) {
    int *Tmp = malloc(sizeof(int));
    free(Tmp);
  }
}

void whileLoop(void) {
  char Line[80];
  char *Cursor = Line;
  while (readInput() > 0) {
    Cursor = Line;
  }
  free(Cursor); // expect: ownership-free-nonheap
}

void gotoCleanup(void) {
  char Name[16];
  char *P = Name;
  if (readInput() < 0)
    goto fail;
  return;
fail:
  free(P); // expect: ownership-free-nonheap
}

void gotoCleanupHeap(void) {
  char *P = malloc(16);
  if (readInput() < 0)
    goto fail;
  free(P);
  return;
fail:
  free(P);
}

// ===== Helpers, struct fields =====

void releaseIt(int *P) { free(P); }

void helperFreesLocal(void) {
  int V = 0;
  releaseIt(&V); // expect: ownership-free-nonheap {{'releaseIt' (which releases with 'free') releases local variable 'V'}}
}

void helperFreesHeap(void) {
  int *V = malloc(sizeof(int));
  releaseIt(V);
}

void helperFreesParameter(int *P) {
  releaseIt(P); // the caller's memory: unknown
}

struct Pair {
  int A;
  int *Ptr;
};

void freeStructMember(void) {
  struct Pair S;
  free(&S.A); // expect: ownership-free-nonheap {{member 'S.A' of a local}}
}

void freeStructPointerField(void) {
  struct Pair S;
  S.Ptr = malloc(sizeof(int));
  free(S.Ptr);
}

void freeFieldPointingToLocal(void) {
  struct Pair S;
  int Local = 0;
  S.Ptr = &Local;
  free(S.Ptr); // expect: ownership-free-nonheap {{'S.Ptr', which points to local variable 'Local'}}
}

void freeThroughParameterStruct(struct Pair *S) {
  free(S->Ptr); // unknown memory
}

void freeArrayElementPointer(void) {
  int Arr[4];
  int *Ptrs[2];
  Ptrs[0] = &Arr[0];
  free(Ptrs[0]); // expect: ownership-free-nonheap {{'Ptrs[0]', which points to element 'Arr[0]' of local array 'Arr'}}
}
