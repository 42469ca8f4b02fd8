//===- NullReturns.h - Parameters whose zero makes a function return null -===//
//
// Part of ownership-checker, under the MIT license.
//
// A part of a pointer-returning function's summary: the parameters that, when the caller
// passes 0 (or null), make the function return null on every path, as a realloc-style
// helper does with size 0 (`if (n == 0) { free(p); return NULL; }`). A call with such an
// argument then returns no memory, and discarding its result leaks nothing. Derived from
// the function's CFG with the branches that test the parameter against constants decided.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_ANALYSIS_NULLRETURNS_H
#define OWNERSHIP_CHECKER_ANALYSIS_NULLRETURNS_H

#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallBitVector.h"

namespace ownership::analysis {

/// Bit I when \p Def, given 0 (or null) for parameter I, returns a null pointer constant
/// on every path that returns (and some path returns). \p Cfg is Def's CFG.
llvm::SmallBitVector nullReturnsWhenZero(const clang::FunctionDecl *Def, const clang::CFG &Cfg);

} // namespace ownership::analysis

#endif // OWNERSHIP_CHECKER_ANALYSIS_NULLRETURNS_H
