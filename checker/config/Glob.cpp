//===- Glob.cpp - clang-tidy's check globs --------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/config/Glob.h"

namespace ownership::config {

bool globMatches(llvm::StringRef Glob, llvm::StringRef Name) {
  // Wildcard matching that backtracks to the last '*' seen.
  size_t G = 0, N = 0, Star = llvm::StringRef::npos, Mark = 0;
  while (N < Name.size()) {
    if (G < Glob.size() && Glob[G] == '*') {
      Star = G++;
      Mark = N;
    } else if (G < Glob.size() && Glob[G] == Name[N]) {
      ++G;
      ++N;
    } else if (Star != llvm::StringRef::npos) {
      G = Star + 1;
      N = ++Mark;
    } else {
      return false;
    }
  }
  while (G < Glob.size() && Glob[G] == '*')
    ++G;
  return G == Glob.size();
}

} // namespace ownership::config
