// RUN-ARGS: -std=c11 -D_POSIX_C_SOURCE=200809L
// ownership-double-free in C: elements of local arrays at constant indices, and fields
// reached through a pointer parameter, released twice. Bad cases and clean look-alikes.
#include <stdlib.h>
#include <string.h>

enum Slot { First, Second, SlotCount };

struct Inner {
  char *Buf;
};

struct Record {
  char *Name;
  int *Values;
  struct Inner In;
};

struct Node {
  char *Buf;
  struct Node *Next;
};

void refillAll(char **Ptrs);
void reopen(char **Slot);
void resetRecord(struct Record *R);
void resetInner(struct Inner *In);

// ===== Elements of local arrays =====

void elementByEnumerator(void) {
  char *Ptrs[SlotCount];
  Ptrs[Second] = malloc(4);
  free(Ptrs[Second]); // expect-note: ownership-double-free {{first released here}}
  free(Ptrs[Second]); // expect: ownership-double-free {{'Ptrs[1]' is released twice}}
}

void elementsOnceEach(void) {
  char *Ptrs[SlotCount];
  Ptrs[First] = malloc(4);
  Ptrs[Second] = malloc(4);
  free(Ptrs[First]);
  free(Ptrs[Second]);
}

void elementFromInitializer(void) {
  char *Ptrs[2] = {malloc(4)};
  free(Ptrs[0]); // expect-note: ownership-double-free {{first released here}}
  free(Ptrs[0]); // expect: ownership-double-free {{'Ptrs[0]' is released twice}}
}

void elementsZeroInitialized(void) {
  char *Ptrs[2] = {0};
  free(Ptrs[1]);
  free(Ptrs[1]);
}

void elementReassignedBetween(void) {
  char *Ptrs[2];
  Ptrs[0] = malloc(4);
  free(Ptrs[0]);
  Ptrs[0] = malloc(8);
  free(Ptrs[0]);
}

void elementNulledBetween(void) {
  char *Ptrs[2];
  Ptrs[1] = strdup("x");
  free(Ptrs[1]);
  Ptrs[1] = NULL;
  free(Ptrs[1]);
}

void loopFreesThenConstantIndex(void) {
  char *Ptrs[2];
  Ptrs[0] = malloc(4);
  Ptrs[1] = malloc(4);
  for (int I = 0; I < 2; ++I) {
    free(Ptrs[I]);
    Ptrs[I] = NULL;
  }
  free(Ptrs[0]);
}

void arrayRefilledByCall(void) {
  char *Ptrs[2];
  Ptrs[0] = malloc(4);
  free(Ptrs[0]);
  refillAll(Ptrs);
  free(Ptrs[0]);
}

void elementReopenedByCall(void) {
  char *Ptrs[2];
  Ptrs[0] = malloc(4);
  free(Ptrs[0]);
  reopen(&Ptrs[0]);
  free(Ptrs[0]);
}

// ===== Fields reached through a pointer parameter =====

void parameterFieldThroughDeref(struct Record *R) {
  free((*R).Name); // expect-note: ownership-double-free {{first released here}}
  free((*R).Name); // expect: ownership-double-free {{'R->Name' is released twice}}
}

void parameterNestedField(struct Record *R) {
  free(R->In.Buf); // expect-note: ownership-double-free {{first released here}}
  free(R->In.Buf); // expect: ownership-double-free {{'R->In.Buf' is released twice}}
}

void parameterFieldCopiedThenFreed(struct Record *R) {
  char *Name = R->Name;
  free(Name); // expect-note: ownership-double-free {{first released here}}
  free(R->Name); // expect: ownership-double-free {{'R->Name' is released twice}}
}

void parameterFieldsOnceEach(struct Record *R) {
  free(R->Name);
  free(R->Values);
  free(R->In.Buf);
}

void parameterFieldNulledBetween(struct Record *R) {
  free(R->Name);
  R->Name = NULL;
  free(R->Name);
}

void parameterFieldReallocatedBetween(struct Record *R) {
  free(R->Name);
  R->Name = strdup("fresh");
  free(R->Name);
  R->Name = NULL;
}

void parameterResetByCall(struct Record *R) {
  free(R->Name);
  resetRecord(R);
  free(R->Name);
}

void innerResetByCall(struct Record *R) {
  free(R->In.Buf);
  resetInner(&R->In);
  free(R->In.Buf);
}

static void renameRecord(struct Record *R) { R->Name = strdup("renamed"); }

void parameterRenamedByHelper(struct Record *R) {
  free(R->Name);
  renameRecord(R);
  free(R->Name);
}

void twoParameters(struct Record *A, struct Record *B) {
  free(A->Name);
  free(B->Name);
}

void parameterReassigned(struct Node *N) {
  free(N->Buf);
  N = N->Next;
  free(N->Buf);
}

void parameterCopied(struct Record *R) {
  struct Record *Alias = R;
  free(R->Name);
  Alias->Name = NULL;
  free(R->Name);
}
