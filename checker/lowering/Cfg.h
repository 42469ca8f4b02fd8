//===- Cfg.h - The one place that builds a function's CFG -----------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Every analysis of a function runs on the CFG built here, so all rules agree on what
// the elements are and in which order they are evaluated.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_CFG_H
#define OWNERSHIP_CHECKER_LOWERING_CFG_H

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"

#include <memory>

namespace ownership::lowering {

/// Builds the CFG of \p Body, the body of \p D. Returns null when Clang cannot build one
/// (for example for some invalid code).
std::unique_ptr<clang::CFG> buildFunctionCfg(const clang::Decl *D, clang::Stmt *Body,
                                             clang::ASTContext &Ctx);

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_CFG_H
