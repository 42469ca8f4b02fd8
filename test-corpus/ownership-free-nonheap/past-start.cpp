// ownership-free-nonheap in C++: `delete`/`delete[]` of a pointer advanced past the start
// of what `new` returned.
#include <cstddef>

void fill(int *Values, std::size_t N);

void deletedPlusOne() {
  int *Q = new int[4]; // expect-note: ownership-free-nonheap {{allocated here}}
  fill(Q, 4);
  delete[] (Q + 1); // expect: ownership-free-nonheap {{'delete[]' releases 'Q', which points 1 element past the start of the block allocated with 'new[]'}}
}

void deletedAfterIncrement() {
  int *Q = new int[4]; // expect-note: ownership-free-nonheap {{allocated here}}
  ++Q;
  delete[] Q; // expect: ownership-free-nonheap {{'Q', which points 1 element past}}
}

// ===== Clean look-alikes =====

void deletedPlusUnknown(std::size_t N) {
  int *Q = new int[4];
  delete[] (Q + N); // N may be 0: not reported
}

void deletedAfterRoundTrip() {
  int *Q = new int[4];
  ++Q;
  --Q;
  delete[] Q;
}

void cursorAdvancedOriginalDeleted() {
  int *Q = new int[4];
  for (int *End = Q + 4, *C = Q; C != End; ++C)
    *C = 0;
  delete[] Q;
}
