//===- KeepTests.cpp - Branches that tell whether a callee kept a pointer -===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/KeepTests.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// True when the call may have kept the argument, knowing that on this edge
/// `(result == C) == Equal`, and that the callee keeps it as \p K says.
bool mayBeKept(const KeptByResult &K, int64_t C, bool Equal, bool BoolResult) {
  // A bool that is not C is the other bool.
  if (!Equal && BoolResult && (C == 0 || C == 1)) {
    C = 1 - C;
    Equal = true;
  }
  if (Equal)
    return (C == K.Value) == K.KeptIfEqual;
  // `result != C` says something only of the value the summary separates on.
  if (C == K.Value)
    return !K.KeptIfEqual;
  return true;
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
  // Only a branch in the call's own block: no path leaves between the call and the test,
  // so every path past the call learns whether the callee kept the pointer.
  for (const CFGBlock *B : Cfg)
    if (const Expr *Cond = branchCondition(*B))
      if (std::optional<ConditionSources::ResultTest> T = Conditions.resultTest(Cond))
        if (inBlock(*B, T->Call))
          TestedCalls.insert(T->Call);
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
  for (const auto &[Ptr, K] : It->second)
    Facts.append(B, Facts.create<KeepTestFact>(
                        Ptr, mayBeKept(K, T->Value, T->EqualOnTrue, BoolResult),
                        mayBeKept(K, T->Value, !T->EqualOnTrue, BoolResult), Cond));
  return true;
}

} // namespace ownership::lowering
