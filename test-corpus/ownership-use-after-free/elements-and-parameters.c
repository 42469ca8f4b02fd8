// RUN-ARGS: -std=c11 -D_POSIX_C_SOURCE=200809L
// ownership-use-after-free in C: elements of local arrays at constant indices, and fields
// reached through a pointer parameter, used after their memory was freed.
#include <stdlib.h>
#include <string.h>

struct Record {
  char *Name;
  int Count;
};

void printLine(const char *S);
void touchRecord(struct Record *R);

void elementUsedAfterFree(void) {
  char *Ptrs[3];
  Ptrs[2] = malloc(4);
  free(Ptrs[2]); // expect-note: ownership-use-after-free {{freed here}}
  Ptrs[2][0] = 'x'; // expect: ownership-use-after-free {{'Ptrs[2]' used after}}
}

void elementReplacedBeforeUse(void) {
  char *Ptrs[3];
  Ptrs[2] = malloc(4);
  free(Ptrs[2]);
  Ptrs[2] = malloc(4);
  Ptrs[2][0] = 'x';
  free(Ptrs[2]);
}

void otherElementUsed(void) {
  char *Ptrs[3];
  Ptrs[0] = malloc(4);
  Ptrs[1] = malloc(4);
  free(Ptrs[0]);
  Ptrs[1][0] = 'x';
  free(Ptrs[1]);
}

void parameterFieldUsedAfterFree(struct Record *R) {
  free(R->Name); // expect-note: ownership-use-after-free {{freed here}}
  printLine(R->Name); // expect: ownership-use-after-free {{'R->Name' used after}}
}

void parameterFieldReplacedBeforeUse(struct Record *R) {
  free(R->Name);
  R->Name = strdup("fresh");
  printLine(R->Name);
}

void parameterOtherFieldUsed(struct Record *R) {
  free(R->Name);
  R->Name = NULL;
  R->Count = 0;
}

void parameterTouchedByCall(struct Record *R) {
  free(R->Name);
  touchRecord(R);
  printLine(R->Name);
}
