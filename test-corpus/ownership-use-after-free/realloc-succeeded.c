// RUN-ARGS: -std=c11
// realloc frees the block it is given when it succeeds and returns another one. After a
// test that its result is not null, the old pointer dangles; where the result is null,
// the old block is still the caller's. Without a test of the result nothing is known.
#include <stdlib.h>
#include <string.h>

char *growAndUseOld(char *Buf, size_t N) {
  char *Bigger = realloc(Buf, N); // expect-note: ownership-use-after-free {{by 'realloc', which succeeded and moved the memory}}
  if (Bigger == NULL)
    return Buf;
  Buf[0] = 'x'; // expect: ownership-use-after-free {{'Buf' used after the memory it points to was freed}}
  return Bigger;
}

void growThenFreeOld(char *Buf, size_t N) {
  char *Bigger = realloc(Buf, N); // expect-note: ownership-double-free {{by 'realloc', which succeeded}}
  if (!Bigger)
    return;
  free(Buf); // expect: ownership-double-free {{released twice}}
  free(Bigger);
}

// Look-alikes.

char *growAndKeepNew(char *Buf, size_t N) {
  char *Bigger = realloc(Buf, N);
  if (Bigger == NULL) {
    free(Buf);
    return NULL;
  }
  Buf = Bigger;
  Buf[0] = 'x';
  return Buf;
}

char *growOldOnFailure(char *Buf, size_t N) {
  char *Bigger = realloc(Buf, N);
  if (Bigger != NULL)
    return Bigger;
  Buf[0] = 'x';
  return Buf;
}

char *growInPlaceSpelling(char *Buf, size_t N) {
  char *Old = Buf;
  Buf = realloc(Buf, N);
  if (!Buf)
    return Old;
  Buf[0] = 'y';
  return Buf;
}

char *growUntested(char *Buf, size_t N) {
  char *Bigger = realloc(Buf, N);
  memcpy(Bigger, Buf, 1); // nothing known: realloc may have failed
  return Bigger;
}

char *growInLoop(char *Buf, size_t N) {
  for (size_t I = 1; I < N; I *= 2) {
    char *Bigger = realloc(Buf, I);
    if (!Bigger)
      break;
    Buf = Bigger;
  }
  return Buf;
}
