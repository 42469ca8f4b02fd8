// The C example of docs/memory-management.rst: the program asks for memory with
// malloc() and hands it back with free(). Nothing checks that it does either at the
// right time, or at all.
#include <stdlib.h>

typedef struct Foo {
  int id;
  double amount;
} Foo;

double makeAndReadFoo(void) {
  Foo *foo = (Foo *)malloc(sizeof(Foo));
  if (!foo)
    return 0.0;
  foo->id = 1;
  foo->amount = 9.5;
  double amount = foo->amount;
  free(foo);
  return amount;
}
