// RUN-ARGS: -std=c11
// A project's own functions that end the process, named NoReturn in a model file
// (die.yaml): nothing after them runs, so what they leave allocated is not a leak and a
// release before them is not followed by the release after the branch. A function the
// model does not name (warn) returns, and the same code is then wrong.
#include <stdlib.h>

void die(const char *message);
void fatal_error(int code, const char *message);
void warn(const char *message);
int fill(char *buffer) { return buffer[0] = 1; }

int releasesThenDies(void) {
  char *buffer = malloc(64);
  if (!buffer)
    return -1;
  if (fill(buffer) < 0) {
    free(buffer);
    die("cannot fill");
  }
  int first = buffer[0];
  free(buffer);
  return first;
}

int releasesThenWarns(void) {
  char *buffer = malloc(64);
  if (!buffer)
    return -1;
  if (fill(buffer) < 0) {
    free(buffer);
    warn("cannot fill");
  }
  int first = buffer[0]; // expect: ownership-use-after-free
  free(buffer); // expect: ownership-double-free
  return first;
}

int leavesAllocatedAndDies(int code) {
  char *buffer = malloc(64);
  if (!buffer)
    return -1;
  if (fill(buffer) < 0) {
    fatal_error(code, "cannot fill");
    return -1;
  }
  int first = buffer[0];
  free(buffer);
  return first;
}

int leavesAllocatedAndWarns(void) {
  char *buffer = malloc(64); // expect-note: ownership-leak {{allocated here}}
  if (!buffer)
    return -1;
  if (fill(buffer) < 0) {
    warn("cannot fill");
    return -1; // expect: ownership-leak {{owned by 'buffer' is leaked}}
  }
  int first = buffer[0];
  free(buffer);
  return first;
}

int leavesAllocatedAndExits(void) {
  char *buffer = malloc(64);
  if (!buffer)
    return -1;
  if (fill(buffer) < 0) {
    exit(1);
    return -1;
  }
  int first = buffer[0];
  free(buffer);
  return first;
}
