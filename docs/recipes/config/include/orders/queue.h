// A header of the example project: its findings are reported because its path matches
// HeaderFilterRegex.
#pragma once

inline void dropSlots(int *slots) {
  delete[] slots;
  delete[] slots;
}
