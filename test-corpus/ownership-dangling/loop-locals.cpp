// ownership-dangling: borrows of a loop body's locals. Each iteration declares the local
// and the pointer to it again, so no use sees a previous iteration's local; a pointer
// declared outside the loop does.
#include <string>
#include <vector>

void consumeInt(int);

//===----------------------------------------------------------------------===//
// Declared together in the loop body
//===----------------------------------------------------------------------===//

void pointerIntoLoopLocalRedeclared(const std::vector<std::string> &words,
                                    std::vector<unsigned> &packed) {
  for (const std::string &w : words) {
    unsigned value = 0;
    char *cursor = reinterpret_cast<char *>(&value);
    for (char c : w) {
      *(cursor++) = c;
      if (c == ' ') {
        packed.push_back(value);
        cursor = reinterpret_cast<char *>(&value); // re-pointed at this iteration's local
      }
    }
  }
}

void pointerIntoLoopLocalRedeclaredIndexed(int n) {
  for (int i = 0; i < n; ++i) {
    int slot = i;
    int *p = &slot;
    do {
      consumeInt(*p);
      p = &slot;
    } while (*p > 10);
  }
}

//===----------------------------------------------------------------------===//
// Declared outside the loop
//===----------------------------------------------------------------------===//

void pointerOutsideKeepsPreviousIterationsLocal(int n) {
  int *p = nullptr;
  for (int i = 0; i < n; ++i) {
    if (p) // expect: ownership-dangling {{'p' may be used after 'slot', which it borrows from, was destroyed}}
      consumeInt(*p);
    int slot = i;
    p = &slot; // expect-note: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'slot' goes out of scope here}}
}
