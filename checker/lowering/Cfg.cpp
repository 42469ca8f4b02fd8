//===- Cfg.cpp - The one place that builds a function's CFG ---------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/Cfg.h"

using namespace clang;

namespace ownership::lowering {

std::unique_ptr<CFG> buildFunctionCfg(const Decl *D, Stmt *Body, ASTContext &Ctx) {
  CFG::BuildOptions Opts;
  // Every subexpression becomes an element, in evaluation order. Facts are then lowered
  // from one node at a time, and "before" and "after" inside a statement
  // (`f(std::move(s), s.size())`) fall out of the element order.
  Opts.setAllAlwaysAdd();
  // Member initializers of constructors are code too: `: a_(std::move(s)), b_(s)`.
  Opts.AddInitializers = true;
  // Destructors of locals and of temporaries, so that `[[noreturn]]` destructors (as in
  // some assert macros) end paths, and so that owners die where C++ says they do.
  Opts.AddImplicitDtors = true;
  Opts.AddTemporaryDtors = true;
  // Where each variable's lifetime ends: the scope-end events of the ownership graph.
  Opts.AddLifetime = true;
  Opts.AddScopes = true;
  // Keep `if (false)` branches out, as the compiler would.
  Opts.PruneTriviallyFalseEdges = true;
  return CFG::buildCFG(D, Body, &Ctx, Opts);
}

} // namespace ownership::lowering
