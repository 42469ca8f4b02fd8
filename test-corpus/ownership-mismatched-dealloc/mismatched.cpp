// ownership-mismatched-dealloc: memory released by a deallocator of another family than
// the allocator that produced it. Bad cases and clean look-alikes side by side.
#include <cstdlib>
#include <cstring>
#include <memory>

int globalFlag;
int readInput();
bool globalReturnsTrue() { return true; }

struct Widget {
  int Id = 0;
};

// ===== Straight-line code =====

void newArrayDelete() {
  int *Data = new int[10]; // expect-note: ownership-mismatched-dealloc {{allocated here}}
  Data[0] = 1;
  delete Data; // expect: ownership-mismatched-dealloc {{'Data' was allocated with 'new[]' but is released with 'delete'}}
}

void newArrayDeleteArray() {
  int *Data = new int[10];
  Data[0] = 1;
  delete[] Data;
}

void newDeleteArray() {
  Widget *W = new Widget; // expect-note: ownership-mismatched-dealloc {{allocated here}}
  delete[] W; // expect: ownership-mismatched-dealloc {{allocated with 'new' but is released with 'delete[]'}}
}

void newDelete() {
  Widget *W = new Widget;
  delete W;
}

void newFree() {
  long *L = new long(5);
  std::free(L); // expect: ownership-mismatched-dealloc {{allocated with 'new' but is released with 'free'}}
}

void mallocDelete() {
  char *Buf = static_cast<char *>(std::malloc(16));
  delete Buf; // expect: ownership-mismatched-dealloc {{allocated with 'malloc' but is released with 'delete'}}
}

void mallocFree() {
  char *Buf = static_cast<char *>(std::malloc(16));
  std::free(Buf);
}

void callocDeleteArray() {
  int *V = static_cast<int *>(std::calloc(4, sizeof(int)));
  delete[] V; // expect: ownership-mismatched-dealloc {{allocated with 'calloc' but is released with 'delete[]'}}
}

void callocFree() {
  int *V = static_cast<int *>(std::calloc(4, sizeof(int)));
  std::free(V);
}

void strdupDelete(const char *S) {
  char *Copy = strdup(S);
  delete[] Copy; // expect: ownership-mismatched-dealloc {{'strdup'}}
}

void strdupFree(const char *S) {
  char *Copy = strdup(S);
  free(Copy);
}

void newArrayFree() {
  double *D = new double[3];
  free(D); // expect: ownership-mismatched-dealloc {{'new[]' but is released with 'free'}}
}

void reallocOfNew() {
  int *P = new int[4];
  int *Q = static_cast<int *>(realloc(P, 64)); // expect: ownership-mismatched-dealloc {{released with 'realloc'}}
  free(Q);
}

void reallocOfMalloc() {
  int *P = static_cast<int *>(malloc(16));
  int *Q = static_cast<int *>(realloc(P, 64));
  if (Q)
    free(Q);
  else
    free(P);
}

void copiedPointerMismatch() {
  int *A = new int[8];
  int *B = A;
  delete B; // expect: ownership-mismatched-dealloc {{'B' was allocated with 'new[]'}}
}

void copiedPointerMatch() {
  int *A = new int[8];
  int *B = A;
  delete[] B;
}

void reassignedBeforeRelease() {
  int *P = new int[8];
  delete[] P;
  P = new int(1);
  delete P; // P now holds a single object
}

// ===== Control flow =====

void ifElseOnGlobal() {
  int *P;
  if (globalFlag)
    P = new int[2];
  else
    P = new int[3];
  delete P; // expect: ownership-mismatched-dealloc
}

void ifElseMixedFamilies() {
  // One branch matches: without path conditions we cannot say which block reaches.
  int *P;
  if (globalFlag)
    P = new int[2];
  else
    P = new int(3);
  if (globalFlag)
    delete[] P;
  else
    delete P;
}

void ifOnFunctionResult() {
  char *P = new char[10];
  if (globalReturnsTrue()) {
    free(P); // expect: ownership-mismatched-dealloc
    return;
  }
  delete[] P;
}

void ifOnFunctionResultClean() {
  char *P = new char[10];
  if (globalReturnsTrue()) {
    delete[] P;
    return;
  }
  delete[] P;
}

void constantCondition() {
  int *P = new int[4];
  if (1)
    delete P; // expect: ownership-mismatched-dealloc
  else
    delete[] P;
}

void constantConditionClean() {
  int *P = new int[4];
  if (0)
    delete P; // pruned: never runs
  else
    delete[] P;
}

void switchRelease(int Kind) {
  Widget *W = new Widget[3];
  switch (Kind) {
  case 0:
    delete[] W;
    break;
  case 1:
    delete W; // expect: ownership-mismatched-dealloc
    break;
  default:
    delete[] W;
  }
}

void switchReleaseClean(int Kind) {
  Widget *W = new Widget[3];
  switch (Kind) {
  case 0:
    delete[] W;
    break;
  default:
    delete[] W;
  }
}

void loopAllocRelease(int N) {
  for (int I = 0; I < N; ++I) {
    int *P = new int[I + 1];
    delete P; // expect: ownership-mismatched-dealloc
  }
}

void loopAllocReleaseClean(int N) {
  for (int I = 0; I < N; ++I) {
    int *P = new int[I + 1];
    delete[] P;
  }
}

void whileLoop() {
  int Left = readInput();
  while (Left-- > 0) {
    char *S = static_cast<char *>(malloc(8));
    delete S; // expect: ownership-mismatched-dealloc
  }
}

void whileLoopClean() {
  int Left = readInput();
  while (Left-- > 0) {
    char *S = static_cast<char *>(malloc(8));
    free(S);
  }
}

void gotoCleanup(int N) {
  int *Buf = new int[N];
  if (readInput() < 0)
    goto out;
  Buf[0] = 1;
out:
  delete Buf; // expect: ownership-mismatched-dealloc
}

void gotoCleanupClean(int N) {
  int *Buf = new int[N];
  if (readInput() < 0)
    goto out;
  Buf[0] = 1;
out:
  delete[] Buf;
}

void nullCheckedRelease() {
  int *P = static_cast<int *>(malloc(4));
  if (P != nullptr)
    delete P; // expect: ownership-mismatched-dealloc
}

void nullCheckedReleaseClean() {
  int *P = static_cast<int *>(malloc(4));
  if (P != nullptr)
    free(P);
}

// ===== Helpers in the same file =====

int *makeArray(int N) { return new int[N]; }
char *makeBuffer() {
  char *B = static_cast<char *>(malloc(32));
  if (!B)
    return nullptr;
  return B;
}
void destroyArray(int *P) { delete[] P; }
void releaseBuffer(char *B) { free(B); }

void helperAllocator() {
  int *P = makeArray(5); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  delete P; // expect: ownership-mismatched-dealloc {{'makeArray' (which allocates with 'new[]')}}
}

void helperAllocatorClean() {
  int *P = makeArray(5);
  delete[] P;
}

void helperAllocatorMalloc() {
  char *B = makeBuffer();
  delete[] B; // expect: ownership-mismatched-dealloc {{'makeBuffer' (which allocates with 'malloc')}}
}

void helperAllocatorMallocClean() {
  char *B = makeBuffer();
  free(B);
}

void helperDeallocator() {
  int *P = new int(3);
  destroyArray(P); // expect: ownership-mismatched-dealloc {{'destroyArray' (which releases with 'delete[]')}}
}

void helperDeallocatorClean() {
  int *P = new int[3];
  destroyArray(P);
}

void helperBoth() {
  char *B = makeBuffer();
  releaseBuffer(B);
}

// ===== Struct fields and arrays =====

struct Holder {
  int *Items;
  char *Name;
};

void structField() {
  Holder H;
  H.Items = new int[4];
  H.Name = static_cast<char *>(malloc(10));
  delete H.Items; // expect: ownership-mismatched-dealloc {{'H.Items'}}
  free(H.Name);
}

void structFieldClean() {
  Holder H;
  H.Items = new int[4];
  H.Name = static_cast<char *>(malloc(10));
  delete[] H.Items;
  free(H.Name);
}

void arrayOfPointers() {
  int *Ptrs[2];
  Ptrs[0] = new int[3];
  delete Ptrs[0]; // expect: ownership-mismatched-dealloc
}

// ===== Unknown origins stay silent =====

void releaseParameter(int *P) { delete P; }
void releaseUnknownResult(int *(*Get)()) {
  int *P = Get();
  delete[] P;
}
struct Pool {
  static void *operator new(size_t N);
  static void operator delete(void *P);
};
void classSpecificNew() {
  Pool *P = new Pool;
  delete P;
}
void smartPointerAdoption() {
  std::unique_ptr<int[]> U(new int[4]);
  U[0] = 1;
}
void directNewArrayDelete() {
  delete new int[2]; // expect: ownership-mismatched-dealloc {{memory was allocated with 'new[]'}}
}
