// ownership-double-free in C++ through switch, loops, fields and goto, with clean
// look-alikes.
#include <cstdlib>

struct Widget {
  int Value = 0;
};

int readInput();

void switchFallsThrough(int K) {
  Widget *W = new Widget;
  switch (K) {
  case 0:
    delete W; // expect-note: ownership-double-free {{first released here}}
    [[fallthrough]];
  case 1:
    delete W; // expect: ownership-double-free {{memory owned by 'W' may be released twice}}
    break;
  default:
    delete W;
    break;
  }
}

void switchBreaks(int K) {
  Widget *W = new Widget;
  switch (K) {
  case 0:
    delete W;
    break;
  default:
    delete W;
    break;
  }
}

void loopDeletesEachIteration(int N) {
  Widget *W = new Widget;
  for (int I = 0; I < N; ++I)
    delete W; // expect: ownership-double-free
} // expect: ownership-leak {{may be leaked}}

void loopDeletesAndReallocates(int N) {
  Widget *W = new Widget;
  for (int I = 0; I < N; ++I) {
    delete W;
    W = new Widget;
  }
  delete W;
}

struct Pair {
  Widget *First;
};

void fieldDeletedTwice() {
  Pair P;
  P.First = new Widget;
  delete P.First; // expect-note: ownership-double-free {{first released here}}
  delete P.First; // expect: ownership-double-free {{memory owned by 'P.First' is released twice}}
}

void fieldDeletedAndCleared() {
  Pair P;
  P.First = new Widget;
  delete P.First;
  P.First = nullptr;
  delete P.First;
}

int gotoDeletesTwice() {
  Widget *W = new Widget;
  if (readInput()) {
    delete W;
    goto out;
  }
  delete W;
  return 0;
out:
  delete W; // expect: ownership-double-free
  return 1;
}

int gotoDeletesOnce() {
  Widget *W = new Widget;
  if (readInput())
    goto out;
  delete W;
  return 0;
out:
  delete W;
  return 1;
}
