// ownership-free-nonheap in C++: delete and free of storage that is not on the heap, in
// the control-flow shapes of the other heap rules, with look-alikes that are fine.
#include <cstdlib>

struct Item {
  int Value = 0;
};

int globalFlag;
int readInput();
Item globalItem;
static int staticTable[8];

// ===== Straight-line code =====

void deleteLocal() {
  Item I; // expect-note: ownership-free-nonheap {{'I' declared here}}
  delete &I; // expect: ownership-free-nonheap {{'delete' releases local variable 'I', which is not heap memory}}
}

void deleteHeap() {
  Item *I = new Item;
  delete I;
}

void deletePointerToLocal() {
  Item I;
  Item *P = &I;
  delete P; // expect: ownership-free-nonheap {{'delete' releases 'P', which points to local variable 'I', not to heap memory}}
}

void deletePointerReassignedToHeap() {
  Item I;
  Item *P = &I;
  P = new Item;
  delete P;
}

void deleteGlobal() {
  delete &globalItem; // expect: ownership-free-nonheap {{global variable 'globalItem'}}
}

void deleteArrayOfLocalArray() {
  int Buf[4] = {};
  int *P = Buf;
  delete[] P; // expect: ownership-free-nonheap {{points to local array 'Buf'}}
}

void deleteArrayOfHeapArray() {
  int *Buf = new int[4];
  delete[] Buf;
}

void freeStaticTable() {
  std::free(staticTable); // expect: ownership-free-nonheap {{global array 'staticTable'}}
}

void freeStringLiteral() {
  const char *S = "text";
  std::free(const_cast<char *>(S)); // expect: ownership-free-nonheap {{a string literal}}
}

void freeMallocString() {
  char *S = static_cast<char *>(std::malloc(5));
  std::free(S);
}

// ===== Control flow =====

void ifElseBothLocal(bool C) {
  Item A, B;
  Item *P = C ? &A : &B;
  (void)P;
  Item *Q;
  if (C)
    Q = &A;
  else
    Q = &B;
  delete Q; // expect: ownership-free-nonheap
}

void ifGlobalLocalOrHeap() {
  Item Local;
  Item *P = &Local;
  if (globalFlag)
    P = new Item;
  if (P != &Local)
    delete P;
}

void ifFunctionResultLocalOrHeap() {
  Item Local;
  Item *P = readInput() ? new Item : &Local;
  (void)P;
}

void switchLocal(int K) {
  Item A;
  Item *P = nullptr;
  switch (K) {
  case 0:
    P = &A;
    break;
  default:
    break;
  }
  delete P; // expect: ownership-free-nonheap
}

void switchHeap(int K) {
  Item *P = nullptr;
  switch (K) {
  case 0:
    P = new Item;
    break;
  default:
    break;
  }
  delete P;
}

void loopLocal(int N) {
  for (int I = 0; I < N; ++I) {
    Item Local;
    Item *P = &Local;
    delete P; // expect: ownership-free-nonheap
  }
}

void loopHeap(int N) {
  for (int I = 0; I < N; ++I) {
    Item *P = new Item;
    delete P;
  }
}

// ===== Helpers, fields, arrays, goto =====

static void release(Item *P) { delete P; }

void helperReleasesLocal() {
  Item Local;
  release(&Local); // expect: ownership-free-nonheap {{'release' (which releases with 'delete') releases local variable 'Local'}}
}

void helperReleasesHeap() {
  release(new Item);
}

struct Pair {
  Item *First;
  Item *Second;
};

void fieldPointsToLocal() {
  Item Local;
  Pair P;
  P.First = &Local;
  delete P.First; // expect: ownership-free-nonheap
}

void fieldPointsToHeap() {
  Pair P;
  P.First = new Item;
  delete P.First;
}

void arrayElementHeap() {
  Item *Items[2] = {new Item, new Item};
  delete Items[0];
  delete Items[1];
}

int gotoReleasesLocal() {
  Item Local;
  Item *P = &Local;
  if (readInput())
    goto out;
  return 0;
out:
  delete P; // expect: ownership-free-nonheap
  return 1;
}

int gotoReleasesHeap() {
  Item *P = new Item;
  if (readInput())
    goto out;
  delete P;
  return 0;
out:
  delete P;
  return 1;
}
