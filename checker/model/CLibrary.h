//===- CLibrary.h - What the checker knows about the C library by name ----===//
//
// Part of ownership-checker, under the MIT license.
//
// The C library's allocators, releasers and functions that only read or write through
// their pointer arguments, known by name: the one list of them. The call-effects model
// asks here; nothing else matches C function names.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_MODEL_CLIBRARY_H
#define OWNERSHIP_CHECKER_MODEL_CLIBRARY_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringRef.h"

namespace ownership::model {

/// The C library function \p FD stands for, by name, with any `__builtin_` prefix dropped,
/// when it is one: a global or `std::` function with C linkage, or a builtin. Empty
/// otherwise (methods, functions in other namespaces).
llvm::StringRef cLibraryName(const clang::FunctionDecl *FD);

/// How the C library function named \p Name (as cLibraryName() gives it) treats memory.
enum class CFunctionKind {
  Other,     ///< Not one the checker knows.
  Allocator, ///< Returns fresh memory of the malloc family (`malloc`, `strdup`, ...).
  Free,      ///< Releases every pointer argument (`free`).
  Realloc,   ///< Releases its first argument when it succeeds and returns a new block.
  NonOwning, ///< Reads or writes through its pointer arguments, keeps none (`memcpy`).
  StackAllocator, ///< Returns memory in the caller's stack frame (`alloca`): never freed.
};
CFunctionKind classifyCFunction(llvm::StringRef Name);

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_CLIBRARY_H
