// ownership-mismatched-dealloc through control flow, helpers, fields, arrays and goto,
// with clean look-alikes.
#include <cstdlib>

struct Widget {
  int Id = 0;
};

int globalFlag;
int readInput();

// ===== if/else, switch, loops =====

void ifGlobalNewArrayDelete() {
  int *A = new int[4]; // expect-note: ownership-mismatched-dealloc {{allocated here}}
  if (globalFlag)
    A[0] = 1;
  delete A; // expect: ownership-mismatched-dealloc {{'A' was allocated with 'new[]' but is released with 'delete'}}
}

void ifGlobalNewArrayDeleteArray() {
  int *A = new int[4];
  if (globalFlag)
    A[0] = 1;
  delete[] A;
}

void ifFunctionResultEitherFamily() {
  int *A = readInput() ? new int[4] : nullptr;
  delete[] A;
}

void switchMallocDelete(int K) {
  char *B = nullptr;
  switch (K) {
  case 0:
    B = static_cast<char *>(std::malloc(4));
    break;
  default:
    return;
  }
  delete B; // expect: ownership-mismatched-dealloc {{allocated with 'malloc' but is released with 'delete'}}
}

void switchMallocFree(int K) {
  char *B = nullptr;
  switch (K) {
  case 0:
    B = static_cast<char *>(std::malloc(4));
    break;
  default:
    return;
  }
  std::free(B);
}

void loopNewFree(int N) {
  for (int I = 0; I < N; ++I) {
    Widget *W = new Widget;
    std::free(W); // expect: ownership-mismatched-dealloc {{allocated with 'new' but is released with 'free'}}
  }
}

void loopNewDelete(int N) {
  for (int I = 0; I < N; ++I) {
    Widget *W = new Widget;
    delete W;
  }
}

void whileNewArrayDelete() {
  while (readInput()) {
    char *Line = new char[80];
    delete Line; // expect: ownership-mismatched-dealloc
  }
}

void whileNewArrayDeleteArray() {
  while (readInput()) {
    char *Line = new char[80];
    delete[] Line;
  }
}

// ===== Helpers in the same file =====

static int *makeInts(int N) { return new int[N]; }
static void freeBytes(void *P) { std::free(P); }
static void deleteWidget(Widget *W) { delete W; }

void helperNewArrayDelete() {
  int *A = makeInts(4);
  delete A; // expect: ownership-mismatched-dealloc {{'A' was allocated with 'makeInts' (which allocates with 'new[]') but is released with 'delete'}}
}

void helperNewArrayDeleteArray() {
  int *A = makeInts(4);
  delete[] A;
}

void helperFreesNew() {
  Widget *W = new Widget;
  freeBytes(W); // expect: ownership-mismatched-dealloc {{released with 'freeBytes' (which releases with 'free')}}
}

void helperDeletesNew() {
  Widget *W = new Widget;
  deleteWidget(W);
}

// ===== Struct fields, arrays, goto =====

struct Buffer {
  char *Bytes;
};

void fieldNewArrayFree() {
  Buffer B;
  B.Bytes = new char[16];
  std::free(B.Bytes); // expect: ownership-mismatched-dealloc {{allocated with 'new[]' but is released with 'free'}}
}

void fieldNewArrayDeleteArray() {
  Buffer B;
  B.Bytes = new char[16];
  delete[] B.Bytes;
}

void arrayOfNewArrays() {
  char *Rows[2];
  Rows[0] = new char[8];
  Rows[1] = new char[8];
  delete[] Rows[0];
  delete[] Rows[1];
}

int gotoNewDeleteArray() {
  Widget *W = new Widget;
  if (readInput())
    goto out;
  delete W;
  return 0;
out:
  delete[] W; // expect: ownership-mismatched-dealloc {{allocated with 'new' but is released with 'delete[]'}}
  return 1;
}

int gotoNewDelete() {
  Widget *W = new Widget;
  if (readInput())
    goto out;
  delete W;
  return 0;
out:
  delete W;
  return 1;
}
