//===- FactGenerator.h - Lowering one function body to facts --------------===//
//
// Part of ownership-checker, under the MIT license.
//
// The one road from the AST to the facts: the generator walks each CFG block's elements in
// evaluation order, asks the call-effects model once for each call it meets, and hands
// every element to the parts of the lowering (moves, heap, borrows, shared ownership),
// which append their facts to the block. Nothing else walks a function's CFG to find
// ownership events.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_FACTGENERATOR_H
#define OWNERSHIP_CHECKER_LOWERING_FACTGENERATOR_H

#include "checker/model/CallEffects.h"
#include "checker/model/Facts.h"

#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"

namespace ownership::lowering {

/// Fills \p Objects (aliases, heap sites, temporaries) and \p Facts for the body of
/// \p FD, whose CFG is \p Cfg. Call once per function.
void generateFacts(clang::ASTContext &Ctx, const clang::CFG &Cfg, const clang::ParentMap &Parents,
                   const clang::FunctionDecl *FD, const model::CallEffectsModel &Model,
                   model::ObjectTable &Objects, model::FactManager &Facts);

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_FACTGENERATOR_H
