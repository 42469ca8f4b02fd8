//===- KeptByResult.h - Parameters a function keeps only for some results -===//
//
// Part of ownership-checker, under the MIT license.
//
// A part of the heap summary of a function with an integer or bool result: the pointer
// parameters it keeps (stores, passes on, releases) on the paths that return some values
// and leaves alone on the paths that return the others, as `bool add(T *p)` does when it
// stores p and returns true, or returns false without touching it. A caller that branches
// on the result then knows, on each branch, whether it still owns the argument. Derived
// from the function's heap states at the end of each block that returns a constant.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_ANALYSIS_KEPTBYRESULT_H
#define OWNERSHIP_CHECKER_ANALYSIS_KEPTBYRESULT_H

#include "checker/model/Summary.h"

namespace ownership::analysis {

class FunctionAnalysis;

/// The parameters of \p Def whose effect \p Params says is Escapes and that every return
/// of \p Def separates: each return gives back an integer constant, and one value (or all
/// values but one) is returned on every path that may keep the parameter and on none that
/// leaves it alone. Empty when a return is not a constant, or \p FA has no heap states.
llvm::SmallVector<model::KeptByResult, 1>
keptByResult(const clang::FunctionDecl *Def, const FunctionAnalysis &FA,
             llvm::ArrayRef<model::PointerParamEffect> Params);

} // namespace ownership::analysis

#endif // OWNERSHIP_CHECKER_ANALYSIS_KEPTBYRESULT_H
