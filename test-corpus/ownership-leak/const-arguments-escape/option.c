// RUN-ARGS: -std=c11
// With ownership-leak.ConstPointerArgumentsEscape set (.ownership-checker.yaml next to
// this file), memory given to a pointer-to-const parameter of an unknown function is
// handed over; known C library functions still keep nothing.
#include <stdlib.h>
#include <string.h>

void intern(const char *S); // not visible: may keep S

void passedToUnknownConstParameter(void) {
  char *P = malloc(8);
  strcpy(P, "x");
  intern(P);
}

void passedToStrlenOnly(void) {
  char *P = malloc(8); // expect-note: ownership-leak {{allocated here}}
  strcpy(P, "x");
  (void)strlen(P);
} // expect: ownership-leak {{owned by 'P' is leaked when 'P' goes out of scope}}
