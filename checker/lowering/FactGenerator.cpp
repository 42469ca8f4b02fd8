//===- FactGenerator.cpp - Lowering one function body to facts ------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/FactGenerator.h"

#include "checker/lowering/BorrowLowering.h"
#include "checker/lowering/HeapLowering.h"
#include "checker/lowering/MoveLowering.h"
#include "checker/lowering/OwnerLowering.h"
#include "checker/lowering/SharedLowering.h"

#include "clang/AST/ExprCXX.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

bool endsPath(const CFGElement &E, const LoweredCall *Call) {
  if (Call)
    return Call->Effects.NoReturn;
  std::optional<CFGStmt> S = E.getAs<CFGStmt>();
  return S && isa<CXXThrowExpr>(S->getStmt());
}

} // namespace

void generateFacts(ASTContext &Ctx, const CFG &Cfg, const ParentMap &Parents,
                   const FunctionDecl *FD, const CallEffectsModel &Model, ObjectTable &Objects,
                   FactManager &Facts) {
  MoveLowering Moves(Ctx, Cfg, Parents, Objects, Facts, Model);
  HeapLowering Heap(Ctx, Cfg, Parents, Objects, Facts, FD, Model);
  BorrowLowering Borrows(FD, Parents, Objects, Facts, Model);
  SharedLowering Shared(Objects, Facts);
  OwnerLowering Owners(Parents, Objects, Facts, FD, Model, Heap);
  Heap.setOwners(&Owners);
  Heap.begin();
  Owners.begin();
  Moves.begin();
  for (const CFGBlock *B : Cfg) {
    Moves.enterBlock(*B);
    for (const CFGElement &E : *B) {
      // The facts of one element stay in evaluation order: moves and uses first (a
      // declaration's Reinit before its Borrow), then the heap, then borrows.
      std::optional<LoweredCall> Call;
      if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
        if (std::optional<CallSite> Site = getCallSite(S->getStmt()))
          Call = LoweredCall{*Site, Model.effectsOf(*Site)};
      const LoweredCall *C = Call ? &*Call : nullptr;
      Moves.lowerElement(*B, E, C);
      Heap.lowerElement(*B, E, C);
      Owners.lowerElement(*B, E, C);
      Borrows.lowerElement(*B, E, C);
      Shared.lowerElement(*B, E);
      // A call that does not return (by the model: the CFG ends only those declared
      // noreturn) or a throw ends the path: what the block does afterwards never happens.
      if (endsPath(E, C)) {
        Facts.endPath(*B);
        break;
      }
    }
  }
  Heap.finish();
}

} // namespace ownership::lowering
