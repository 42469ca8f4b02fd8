//===- KeepTests.cpp - Branches that tell whether a callee kept a pointer -===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/KeepTests.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// True when `V Op C` holds.
bool holds(int64_t V, BinaryOperatorKind Op, int64_t C) {
  switch (Op) {
  case BO_EQ:
    return V == C;
  case BO_NE:
    return V != C;
  case BO_LT:
    return V < C;
  case BO_LE:
    return V <= C;
  case BO_GT:
    return V > C;
  case BO_GE:
    return V >= C;
  default:
    return true;
  }
}

/// True when the call may have kept the argument, knowing that on this edge
/// `result Op C` holds, and that the callee keeps it as \p K says.
bool mayBeKept(const KeptByResult &K, BinaryOperatorKind Op, int64_t C, bool BoolResult) {
  auto Kept = [&](int64_t V) { return (V == K.Value) == K.KeptIfEqual; };
  // A bool has two values: try both.
  if (BoolResult)
    return (holds(0, Op, C) && Kept(0)) || (holds(1, Op, C) && Kept(1));
  // Kept for one value only: may be kept when that value passes the test.
  if (K.KeptIfEqual)
    return holds(K.Value, Op, C);
  // Kept for every value but one: only `result == C` can rule every other value out.
  return Op != BO_EQ || C != K.Value;
}

/// True when \p Call is an element of block \p B.
bool inBlock(const CFGBlock &B, const Expr *Call) {
  for (const CFGElement &E : B)
    if (std::optional<CFGStmt> S = E.getAs<CFGStmt>(); S && S->getStmt() == Call)
      return true;
  return false;
}

} // namespace

const Expr *branchCondition(const CFGBlock &B) {
  if (B.succ_size() != 2)
    return nullptr;
  const auto *E = dyn_cast_or_null<Expr>(B.getTerminatorCondition());
  while (E)
    if (const auto *L = dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts()); L && L->isLogicalOp())
      E = L->getRHS();
    else
      break;
  return E;
}

void KeepTests::begin() {
  // A branch in the call's own block: no path leaves between the call and the test, so
  // every path past the call learns whether the callee kept the pointer.
  llvm::DenseMap<const CallExpr *, llvm::SmallPtrSet<const CFGBlock *, 2>> Later;
  for (const CFGBlock *B : Cfg)
    if (const Expr *Cond = branchCondition(*B))
      if (std::optional<ConditionSources::ResultTest> T = Conditions.resultTest(Cond)) {
        if (inBlock(*B, T->Call))
          TestedCalls.insert(T->Call);
        else
          Later[T->Call].insert(B);
      }
  // A result stored and tested in a later block (`bool ok = add(p); log(); if (!ok)`).
  for (const auto &[Call, Tests] : Later)
    if (!TestedCalls.count(Call) && testedOnEveryPath(Call, Tests) && argumentsStable(Call))
      TestedCalls.insert(Call);
}

const CFGBlock *KeepTests::blockOf(const Expr *Call) const {
  for (const CFGBlock *B : Cfg)
    if (B && inBlock(*B, Call))
      return B;
  return nullptr;
}

bool KeepTests::testedOnEveryPath(const Expr *Call,
                                  const llvm::SmallPtrSetImpl<const CFGBlock *> &Tests) const {
  const CFGBlock *From = blockOf(Call);
  if (!From)
    return false;
  // Every path from the call reaches a test before the exit, and before the call again.
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen;
  llvm::SmallVector<const CFGBlock *, 16> Work(From->succ_begin(), From->succ_end());
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (!B || Tests.count(B) || !Seen.insert(B).second)
      continue;
    if (B == From || B == &Cfg.getExit())
      return false;
    Work.append(B->succ_begin(), B->succ_end());
  }
  return true;
}

bool KeepTests::argumentsStable(const CallExpr *Call) {
  // The test hands over what the argument's pointer points to then: it must still point
  // to what the call was given.
  for (const Expr *Arg : Call->arguments()) {
    if (!Arg->getType()->isPointerType())
      continue;
    const Expr *E = Arg->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V || !V->hasLocalStorage() || Conditions.writtenAfter(V, Call->getEndLoc()))
        return false;
      continue;
    }
    if (!E->isPRValue())
      return false; // a member, an element: not followed
  }
  return true;
}

bool KeepTests::defer(const Expr *Call, ObjectID Ptr, const KeptByResult &K) {
  if (!TestedCalls.count(Call))
    return false;
  Deferred[Call].push_back({Ptr, K});
  return true;
}

bool KeepTests::lower(const CFGBlock &B, const Expr *Cond, FactManager &Facts) {
  if (Deferred.empty())
    return false;
  std::optional<ConditionSources::ResultTest> T = Conditions.resultTest(Cond);
  if (!T)
    return false;
  auto It = Deferred.find(T->Call);
  if (It == Deferred.end())
    return false;
  bool BoolResult = T->Call->getType()->isBooleanType();
  BinaryOperatorKind Negated = BinaryOperator::negateComparisonOp(T->Op);
  for (const auto &[Ptr, K] : It->second)
    Facts.append(B, Facts.create<KeepTestFact>(Ptr, mayBeKept(K, T->Op, T->Value, BoolResult),
                                               mayBeKept(K, Negated, T->Value, BoolResult),
                                               Cond));
  return true;
}

} // namespace ownership::lowering
