// RUN-ARGS: -std=c11
// ownership-free-nonheap in C: addresses of the elements of local arrays, which are stack
// memory whatever their index.
#include <stdlib.h>

int readInput(void);

void freeConstantElementAddress(void) {
  char Buf[8];
  free(&Buf[2]); // expect: ownership-free-nonheap {{'free' releases element 'Buf[2]' of local array 'Buf', which is not heap memory}}
}

void freeVariableElementAddress(void) {
  char Buf[8];
  int I = readInput() & 7;
  free(&Buf[I]); // expect: ownership-free-nonheap {{local array 'Buf'}}
}

void freeElementAddressThroughPointer(void) {
  int Arr[4];
  int *P = &Arr[3];
  free(P); // expect: ownership-free-nonheap {{'P', which points to element 'Arr[3]' of local array 'Arr'}}
}

void freeHeapElementOfPointerArray(void) {
  char *Ptrs[2];
  Ptrs[0] = malloc(4);
  free(Ptrs[0]);
}

void freeParameterArrayElement(char Buf[8]) {
  // An array parameter is a pointer: the caller's storage, which may be on the heap.
  free(&Buf[0]);
}
