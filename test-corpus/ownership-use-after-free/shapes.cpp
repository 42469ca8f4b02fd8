// ownership-use-after-free in C++ through switch, loops, helpers, fields, arrays and
// goto, with clean look-alikes.
#include <cstdlib>

struct Widget {
  int Value = 0;
  void poke() { ++Value; }
};

int globalFlag;
int readInput();

void switchDeleteThenUse(int K) {
  Widget *W = new Widget;
  switch (K) {
  case 0:
    delete W; // expect-note: ownership-use-after-free {{freed here}}
    break;
  default:
    break;
  }
  W->poke(); // expect: ownership-use-after-free {{'W' may be used after the memory it points to was freed}}
  delete W; // expect: ownership-double-free
}

void switchDeleteAndReturn(int K) {
  Widget *W = new Widget;
  switch (K) {
  case 0:
    delete W;
    return;
  default:
    break;
  }
  W->poke();
  delete W;
}

void loopUseAfterDelete(int N) {
  Widget *W = new Widget;
  for (int I = 0; I < N; ++I) {
    W->poke(); // expect: ownership-use-after-free
    if (I == 2)
      delete W; // expect-note: ownership-use-after-free {{freed here, in a previous iteration of the loop}} expect: ownership-double-free
  }
} // expect: ownership-leak {{may be leaked}}

void loopDeleteAndBreak(int N) {
  Widget *W = new Widget;
  for (int I = 0; I < N; ++I) {
    W->poke();
    if (I == 2) {
      delete W;
      W = nullptr;
      break;
    }
  }
  delete W;
}

static void destroy(Widget *W) { delete W; }
static void touch(Widget *W) { W->poke(); }

void helperDestroysThenUse() {
  Widget *W = new Widget;
  destroy(W); // expect-note: ownership-use-after-free {{freed here}}
  touch(W); // expect: ownership-use-after-free {{'W' used after}}
}

void helperTouchesThenDestroys() {
  Widget *W = new Widget;
  touch(W);
  destroy(W);
}

struct Pair {
  Widget *First;
};

void fieldUseAfterDelete() {
  Pair P;
  P.First = new Widget;
  delete P.First; // expect-note: ownership-use-after-free {{freed here}}
  P.First->poke(); // expect: ownership-use-after-free
}

void fieldReassignedAfterDelete() {
  Pair P;
  P.First = new Widget;
  delete P.First;
  P.First = new Widget;
  P.First->poke();
  delete P.First;
}

int gotoUseAfterDelete() {
  Widget *W = new Widget;
  if (readInput()) {
    delete W; // expect-note: ownership-use-after-free {{freed here}}
    goto out;
  }
  delete W;
  return 0;
out:
  return W->Value; // expect: ownership-use-after-free
}

int gotoUseBeforeDelete() {
  Widget *W = new Widget;
  int V = 0;
  if (readInput())
    goto out;
  V = 1;
out:
  V += W->Value;
  delete W;
  return V;
}

void aliasThroughArrayElement() {
  Widget *W = new Widget;
  Widget *Ws[1] = {W};
  delete Ws[0];
}

void ifConstantDeleteThenUse() {
  Widget *W = new Widget;
  if (1)
    delete W; // expect-note: ownership-use-after-free {{freed here}}
  W->poke(); // expect: ownership-use-after-free {{'W' used after}}
}

void ifConstantDeleteAfterUse() {
  Widget *W = new Widget;
  if (1)
    W->poke();
  delete W;
}

void arrayIndexAfterDeleteArray() {
  int *A = new int[4];
  delete[] A; // expect-note: ownership-use-after-free {{freed here}}
  A[1] = 2; // expect: ownership-use-after-free {{'A' used after}}
}

void arrayIndexBeforeDeleteArray() {
  int *A = new int[4];
  A[1] = 2;
  delete[] A;
}

void aliasUsedAfterDelete() {
  Widget *W = new Widget;
  Widget *V = W;
  delete W; // expect-note: ownership-use-after-free {{freed here}}
  V->poke(); // expect: ownership-use-after-free {{'V' used after}}
}

void aliasReassignedBeforeUse() {
  Widget *W = new Widget;
  Widget *V = W;
  delete W;
  V = new Widget;
  V->poke();
  delete V;
}

void whileDeleteThenUse() {
  Widget *W = new Widget;
  while (readInput()) {
    if (W->Value > 3) // expect: ownership-use-after-free
      delete W; // expect-note: ownership-use-after-free {{freed here, in a previous iteration of the loop}} expect: ownership-double-free
  }
} // expect: ownership-leak {{may be leaked}}
