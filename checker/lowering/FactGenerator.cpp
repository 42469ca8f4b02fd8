//===- FactGenerator.cpp - Lowering one function body to facts ------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/FactGenerator.h"

#include "checker/lowering/BorrowLowering.h"
#include "checker/lowering/CaptureLowering.h"
#include "checker/lowering/HeapLowering.h"
#include "checker/lowering/MoveLowering.h"
#include "checker/lowering/OwnerLowering.h"
#include "checker/lowering/SharedLowering.h"

#include "clang/AST/ExprCXX.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// True when element \p E of block \p B ends its path: a call that does not return, or a
/// throw that leaves the function (inside a try block it goes to the handlers).
bool endsPath(const CFG &Cfg, const CFGBlock &B, const CFGElement &E, const LoweredCall *Call) {
  if (Call)
    return Call->Effects.NoReturn;
  std::optional<CFGStmt> S = E.getAs<CFGStmt>();
  return S && isa<CXXThrowExpr>(S->getStmt()) && B.succ_size() == 1 &&
         *B.succ_begin() == &Cfg.getExit();
}

} // namespace

void generateFacts(ASTContext &Ctx, const CFG &Cfg, const ParentMap &Parents,
                   const FunctionDecl *FD, const CallEffectsModel &Model, ObjectTable &Objects,
                   FactManager &Facts) {
  MoveLowering Moves(Ctx, Cfg, Parents, Objects, Facts, Model);
  HeapLowering Heap(Ctx, Cfg, Parents, Objects, Facts, FD, Model);
  BorrowLowering Borrows(FD, Parents, Objects, Facts, Model);
  CaptureLowering Captures(Borrows, Objects, Facts);
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
      Captures.lowerElement(*B, E, C);
      Shared.lowerElement(*B, E);
      // A call that does not return (by the model: the CFG ends only those declared
      // noreturn) or a throw out of the function ends the path: what the block does
      // afterwards never happens.
      if (endsPath(Cfg, *B, E, C)) {
        Facts.endPath(*B);
        break;
      }
    }
  }
  Heap.finish();
}

} // namespace ownership::lowering
