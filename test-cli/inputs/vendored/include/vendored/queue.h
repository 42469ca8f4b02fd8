// A header-only library whose include directory a project gives with -isystem (CMake's
// SYSTEM include directories): its double free (line 9) is found only with
// --system-headers.
#pragma once

inline void releaseTwice() {
  int *P = new int(1);
  delete P;
  delete P;
}
