// RUN-ARGS: -std=c11
// A branch on a local initialised with a constant and never written goes one way only;
// a branch that contradicts a test the path already passed on a local never written is
// not taken. Two exclusive branches one after the other are still combined (FIXME below):
// the state after the first one joins both of its paths.
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

// FIXME: two exclusive branches one after the other: the join after the first loses which
// path freed X. A release remembering the test it was made under would fix it.
void freedOnOneOfTwoExclusiveBranches(char *X, int Y) {
  if (Y == 0)
    free(X); // expect-note: ownership-double-free {{first released here}}
  if (Y != 0)
    free(X); // expect: ownership-double-free {{may be released twice}}
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
