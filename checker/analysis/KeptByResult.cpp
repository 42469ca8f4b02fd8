//===- KeptByResult.cpp - Parameters a function keeps only for some results ===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/analysis/KeptByResult.h"

#include "checker/analysis/FunctionAnalysis.h"

#include "clang/AST/Expr.h"

#include <set>

using namespace ownership::model;
using namespace ownership::passes;

using namespace clang;

namespace ownership::analysis {
namespace {

/// The return statement of block \p B, if B has one.
const ReturnStmt *returnOf(const CFGBlock &B) {
  for (const CFGElement &E : B)
    if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
      if (const auto *R = dyn_cast<ReturnStmt>(S->getStmt()))
        return R;
  return nullptr;
}

/// One block that returns a constant, and the heap state when it leaves for the exit.
struct ConstantReturn {
  int64_t Value;
  HeapState End;
};

/// The blocks that return, each with its constant; std::nullopt when some reachable
/// return gives back something that is not a constant (or a path falls off the end).
std::optional<std::vector<ConstantReturn>> constantReturns(const FunctionAnalysis &FA,
                                                           const HeapAnalysis &H) {
  std::vector<ConstantReturn> Out;
  const CFG &Cfg = FA.cfg();
  ASTContext &Ctx = FA.context();
  for (const CFGBlock *Pred : Cfg.getExit().preds()) {
    if (!Pred || FA.facts().endsPath(*Pred))
      continue;
    const HeapState *In = H.stateAtEntry(*Pred);
    if (!In)
      continue; // unreachable
    const ReturnStmt *R = returnOf(*Pred);
    Expr::EvalResult Result;
    if (!R || !R->getRetValue() || R->getRetValue()->isValueDependent() ||
        !R->getRetValue()->EvaluateAsInt(Result, Ctx))
      return std::nullopt;
    // The state the block hands to the exit: its facts applied to its entry state.
    HeapState End = *In;
    auto &Pass = const_cast<HeapAnalysis &>(H);
    for (const Fact *F : FA.facts().factsOf(*Pred))
      End = Pass.applyFact(End, *F);
    Out.push_back({Result.Val.getInt().getExtValue(), End});
  }
  return Out;
}

/// How the returns of one parameter split: the values returned where it may be kept, and
/// where it is left alone.
std::optional<KeptByResult> separate(unsigned Param, const std::set<int64_t> &Kept,
                                     const std::set<int64_t> &Left) {
  if (Kept.empty() || Left.empty())
    return std::nullopt;
  for (int64_t V : Kept)
    if (Left.count(V))
      return std::nullopt; // the same result on both kinds of path
  if (Kept.size() == 1)
    return KeptByResult{Param, *Kept.begin(), /*KeptIfEqual=*/true};
  if (Left.size() == 1)
    return KeptByResult{Param, *Left.begin(), /*KeptIfEqual=*/false};
  return std::nullopt;
}

} // namespace

llvm::SmallVector<KeptByResult, 1> keptByResult(const FunctionDecl *Def,
                                                const FunctionAnalysis &FA,
                                                llvm::ArrayRef<PointerParamEffect> Params) {
  llvm::SmallVector<KeptByResult, 1> Out;
  const HeapAnalysis *H = FA.heap();
  if (!H || !Def->getReturnType()->isIntegralOrEnumerationType() ||
      llvm::none_of(Params, [](PointerParamEffect E) { return E == PointerParamEffect::Escapes; }))
    return Out;
  std::optional<std::vector<ConstantReturn>> Returns = constantReturns(FA, *H);
  if (!Returns || Returns->empty())
    return Out;
  // Tracked parameters got an Entry fact in the entry block.
  for (const Fact *F : FA.facts().factsOf(FA.cfg().getEntry())) {
    const auto *PA = llvm::dyn_cast<PointerAssignFact>(F);
    if (!PA || PA->getFrom() != PointerAssignFact::From::Entry)
      continue;
    const auto *P = llvm::dyn_cast_or_null<ParmVarDecl>(FA.objects().node(PA->getDest()).Decl);
    if (!P || P->getFunctionScopeIndex() >= Params.size() ||
        Params[P->getFunctionScopeIndex()] != PointerParamEffect::Escapes)
      continue;
    Pointee E{Pointee::Kind::Entry, PA->getDest()};
    std::set<int64_t> Kept, Left;
    for (const ConstantReturn &R : *Returns)
      (R.End.Freed.lookup(E) || R.End.Escaped.contains(E) ? Kept : Left).insert(R.Value);
    if (std::optional<KeptByResult> K = separate(P->getFunctionScopeIndex(), Kept, Left))
      Out.push_back(*K);
  }
  return Out;
}

} // namespace ownership::analysis
