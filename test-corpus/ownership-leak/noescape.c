// RUN-ARGS: -std=c11
// ownership-leak and __attribute__((noescape)): a parameter so marked is used only during
// the call, so passing a pointer there hands nothing on; without the attribute a callee
// with no visible body may keep the pointer, and nothing is reported.
#include <stdlib.h>

void fill(char *Buffer __attribute__((noescape)), int Size);
void keep(char *Buffer, int Size); // not visible, no attribute: may keep Buffer

void filledThenLost(void) {
  char *P = malloc(16); // expect-note: ownership-leak {{allocated here}}
  fill(P, 16);
} // expect: ownership-leak {{memory allocated by 'malloc' and owned by 'P' is leaked when 'P' goes out of scope}}

void filledThenFreed(void) {
  char *P = malloc(16);
  fill(P, 16);
  free(P);
}

void handedToAnUnknownCallee(void) {
  char *P = malloc(16);
  keep(P, 16);
}
