// RUN-ARGS: -std=c11 -D_POSIX_C_SOURCE=200809L
// ownership-leak in C: memory owned by an element of a local array is lost when the array
// goes out of scope; memory stored in a field behind a pointer parameter belongs to the
// caller's object and is not leaked by the function.
#include <stdlib.h>
#include <string.h>

struct Record {
  char *Name;
};

void elementLeaked(void) {
  char *Ptrs[2];
  Ptrs[1] = malloc(4); // expect-note: ownership-leak {{allocated here}}
} // expect: ownership-leak {{owned by 'Ptrs[1]' is leaked when 'Ptrs' goes out of scope}}

void elementOverwritten(void) {
  char *Ptrs[2];
  Ptrs[0] = malloc(4); // expect-note: ownership-leak {{allocated here}}
  Ptrs[0] = NULL; // expect: ownership-leak {{owned by 'Ptrs[0]' is leaked when 'Ptrs[0]' is overwritten}}
}

void elementReleased(void) {
  char *Ptrs[2];
  Ptrs[1] = malloc(4);
  free(Ptrs[1]);
}

void elementHandedOn(char **Out) {
  char *Ptrs[2];
  Ptrs[0] = malloc(4);
  *Out = Ptrs[0];
}

void parameterFieldSet(struct Record *R) { R->Name = strdup("x"); }

void parameterFieldReplaced(struct Record *R) {
  free(R->Name);
  R->Name = malloc(8);
}
