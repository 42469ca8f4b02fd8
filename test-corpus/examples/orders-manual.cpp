// The lecture's orders example (shared/seeds/lecture-memory-management.txt), with the
// heap array managed by hand as C and pre-2011 C++ do it. docs/memory-management.rst
// shows this file and what the checker reports on it (orders-manual.expected).
#include <cstdint>

int64_t finish(int64_t totalOrders);

// Released after its last use, on the only path: correct.
int64_t getFinalOrders() {
  int64_t *orders = new int64_t[4]{1, 2, 3, 4};
  int64_t totalOrders = 0;
  for (int i = 0; i < 4; ++i)
    totalOrders += orders[i];
  delete[] orders;
  return finish(totalOrders);
}

// Never released: every call leaks 32 bytes.
int64_t getFinalOrdersLeak() {
  int64_t *orders = new int64_t[4]{1, 2, 3, 4}; // expect-note: ownership-leak {{allocated here}}
  int64_t totalOrders = 0;
  for (int i = 0; i < 4; ++i)
    totalOrders += orders[i];
  return finish(totalOrders); // expect: ownership-leak {{memory allocated by 'new[]' and owned by 'orders' is leaked when 'orders' goes out of scope at this return}}
}

// Released before the loop reads it: use after free.
int64_t getFinalOrdersUseAfterFree() {
  int64_t *orders = new int64_t[4]{1, 2, 3, 4};
  int64_t totalOrders = 0;
  delete[] orders; // expect-note: ownership-use-after-free {{freed here}}
  for (int i = 0; i < 4; ++i)
    totalOrders += orders[i]; // expect: ownership-use-after-free {{'orders' used after the memory it points to was freed}}
  return finish(totalOrders);
}

// Released twice: the second delete[] may free memory that finish() was given since.
int64_t getFinalOrdersDoubleFree() {
  int64_t *orders = new int64_t[4]{1, 2, 3, 4};
  int64_t totalOrders = 0;
  for (int i = 0; i < 4; ++i)
    totalOrders += orders[i];
  delete[] orders;
  int64_t result = finish(totalOrders);
  delete[] orders; // expect: ownership-double-free {{memory owned by 'orders' is released twice}}
  return result;
}
