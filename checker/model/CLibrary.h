//===- CLibrary.h - C functions known by name, through the library models --===//
//
// Part of ownership-checker, under the MIT license.
//
// Which C function a declaration stands for, and its model: the allocators, releasers
// and functions that only read or write through their pointer arguments of the C
// library, POSIX and common C libraries, as the model files say (LibraryModels.h;
// models/*.yaml and the user's). The call-effects model asks here; nothing else matches
// C function names.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_MODEL_CLIBRARY_H
#define OWNERSHIP_CHECKER_MODEL_CLIBRARY_H

#include "checker/model/LibraryModels.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"

namespace ownership::model {

/// The C library function \p FD stands for, by name, with any `__builtin_` prefix dropped,
/// when it is one: a global or `std::` function with C linkage, or a builtin. Empty
/// otherwise (methods, functions in other namespaces).
llvm::StringRef cLibraryName(const clang::FunctionDecl *FD);

/// The model \p Libraries has of the C function \p FD stands for (see cLibraryName());
/// null when there is none, or \p Libraries is null.
const FunctionModel *cFunctionModel(const LibraryModels *Libraries, const clang::FunctionDecl *FD);

/// The name a model knows the function \p Call calls by: cLibraryName() of its callee,
/// or for a call through a pointer, the global variable's name (`xmlFree(p)` where
/// xmlFree is a function pointer) or the name of the macro the callee was spelled with
/// (`xmlFree(p)` expanding to `(*(__xmlFree()))(p)`). Empty when there is none.
llvm::StringRef cCallName(const clang::CallExpr *Call, const clang::ASTContext &Ctx);

/// The model \p Libraries has of what \p Call calls (see cCallName()); null when none.
const FunctionModel *cCallModel(const LibraryModels *Libraries, const clang::CallExpr *Call,
                                const clang::ASTContext &Ctx);

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_CLIBRARY_H
