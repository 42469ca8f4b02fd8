// RUN-ARGS: -std=c11
// A branch on a local initialised with a constant and never written goes one way only;
// a branch that contradicts a test the path already passed on a local never written is
// not taken. A release remembers the tests on a parameter (or a local declared outside every
// loop) its path passed: a later release (or use) on a path where that variable has another
// value is not after it.
#include <stdlib.h>

int next(void);

void constantLocalNegated(char *X) {
  int Verbose = 0;
  if (!Verbose)
    free(X);
  if (Verbose)
    free(X);
}

void nestedContradiction(char *X, int Y) {
  if (Y == 0) {
    free(X);
    if (Y != 0)
      free(X);
  }
}

void earlyReturnThenContradiction(char *X, int Flag) {
  if (!Flag)
    return;
  free(X);
  if (!Flag)
    free(X);
}

void freedOnOneOfTwoExclusiveBranches(char *X, int Y) {
  if (Y == 0)
    free(X);
  if (Y != 0)
    free(X);
}

void freedThenUsedOnExclusiveBranches(char *X, int Mode) {
  if (Mode == 2)
    free(X);
  if (Mode != 2)
    X[0] = 'a';
}

// A local tested in a loop gets a new value each iteration: the release in an earlier
// iteration may meet the other branch.
void localOutsideLoops(char *X) {
  int Y = next();
  if (Y == 0)
    free(X);
  if (Y != 0)
    free(X);
}

void localInAGotoLoop(char *X) {
again:;
  int Y = next();
  if (Y == 0)
    free(X); // expect: ownership-double-free {{may be released twice}}
  if (Y != 0) {
    free(X); // expect-note: ownership-double-free {{first released here, in a previous iteration}}
    goto again;
  }
}

void loopLocalGetsNewValues(char *X, int N) {
  for (int I = 0; I < N; ++I) {
    int Y = next();
    if (Y == 0)
      free(X); // expect: ownership-double-free {{may be released twice}}
    // expect-note@-1: ownership-double-free {{first released here, in a previous iteration}}
    if (Y != 0)
      free(X); // expect-note: ownership-double-free {{first released here, in a previous iteration}}
  }
}

void constantLocal(char *X) {
  int Debug = 0;
  free(X);
  if (Debug)
    free(X);
}

void writtenBetween(char *X, int Y) {
  if (Y == 0)
    free(X); // expect-note: ownership-double-free {{first released here}}
  Y = next();
  if (Y != 0)
    free(X); // expect: ownership-double-free {{released twice}}
}

void addressTaken(char *X, int Y, void (*Update)(int *)) {
  if (Y == 0)
    free(X); // expect-note: ownership-double-free {{first released here}}
  Update(&Y);
  if (Y != 0)
    free(X); // expect: ownership-double-free {{released twice}}
}

void sameValueTwice(char *X, int Y) {
  if (Y == 1)
    free(X); // expect-note: ownership-double-free {{first released here}}
  if (Y == 1)
    free(X); // expect: ownership-double-free {{released twice}}
}
