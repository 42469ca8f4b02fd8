//===- Glob.h - clang-tidy's check globs ----------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// The `*` wildcards of check lists, as clang-tidy reads them in `--checks`, the `Checks:`
// key and NOLINT comments: the one matcher for all of them.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_CONFIG_GLOB_H
#define OWNERSHIP_CHECKER_CONFIG_GLOB_H

#include "llvm/ADT/StringRef.h"

namespace ownership::config {

/// True when \p Name matches \p Glob, in which `*` stands for any run of characters.
bool globMatches(llvm::StringRef Glob, llvm::StringRef Name);

} // namespace ownership::config

#endif // OWNERSHIP_CHECKER_CONFIG_GLOB_H
