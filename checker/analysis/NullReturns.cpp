//===- NullReturns.cpp - Parameters whose zero makes a function return null ===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/analysis/NullReturns.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/BitVector.h"

#include <optional>

using namespace clang;

namespace ownership::analysis {
namespace {

/// True when the body may change \p P after entry: an assignment, an increment, its
/// address taken or a non-const reference bound to it.
class ParamWriteFinder : public RecursiveASTVisitor<ParamWriteFinder> {
public:
  explicit ParamWriteFinder(const ParmVarDecl *P) : P(P) {}
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp() && names(BO->getLHS()))
      Found = true;
    return !Found;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if ((UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf) && names(UO->getSubExpr()))
      Found = true;
    return !Found;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable() && C.getCapturedVar() == P && C.getCaptureKind() == LCK_ByRef)
        Found = true;
    return !Found;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (VD->getType()->isReferenceType() && !VD->getType().getNonReferenceType().isConstQualified() &&
        VD->getInit() && names(VD->getInit()))
      Found = true;
    return !Found;
  }
  bool Found = false;

private:
  bool names(const Expr *E) const {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParens());
    return DRE && DRE->getDecl() == P;
  }
  const ParmVarDecl *P;
};

/// The value of \p E when parameter \p P is 0 (or null), if the expression is built from
/// P, constants, comparisons and `!` only.
std::optional<llvm::APSInt> valueWhenZero(const Expr *E, const ParmVarDecl *P,
                                          const ASTContext &Ctx) {
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E); DRE && DRE->getDecl() == P)
    return llvm::APSInt::get(0);
  if (!E->isValueDependent() && E->getType()->isPointerType() &&
      E->isNullPointerConstant(const_cast<ASTContext &>(Ctx), Expr::NPC_ValueDependentIsNotNull))
    return llvm::APSInt::get(0);
  Expr::EvalResult R;
  if (!E->isValueDependent() && E->getType()->isIntegralOrEnumerationType() &&
      E->EvaluateAsInt(R, Ctx))
    return R.Val.getInt();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
    std::optional<llvm::APSInt> V = valueWhenZero(UO->getSubExpr(), P, Ctx);
    if (!V)
      return std::nullopt;
    return llvm::APSInt::get(V->isZero() ? 1 : 0);
  }
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (!BO || !BO->isComparisonOp())
    return std::nullopt;
  std::optional<llvm::APSInt> L = valueWhenZero(BO->getLHS(), P, Ctx);
  std::optional<llvm::APSInt> R2 = valueWhenZero(BO->getRHS(), P, Ctx);
  if (!L || !R2)
    return std::nullopt;
  // Compare as wide signed values: `n <= 0`, `n == 0`, `n > 0` with small constants.
  int64_t A = L->getExtValue(), B = R2->getExtValue();
  bool Result;
  switch (BO->getOpcode()) {
  case BO_EQ: Result = A == B; break;
  case BO_NE: Result = A != B; break;
  case BO_LT: Result = A < B; break;
  case BO_GT: Result = A > B; break;
  case BO_LE: Result = A <= B; break;
  case BO_GE: Result = A >= B; break;
  default:
    return std::nullopt;
  }
  return llvm::APSInt::get(Result ? 1 : 0);
}

/// The branch a block takes when \p P is 0: 0 (true), 1 (false) or none (unknown).
std::optional<unsigned> branchWhenZero(const CFGBlock &B, const ParmVarDecl *P,
                                       const ASTContext &Ctx) {
  if (B.succ_size() != 2)
    return std::nullopt;
  const auto *Cond = dyn_cast_or_null<Expr>(B.getTerminatorCondition());
  if (!Cond)
    return std::nullopt;
  // `if (a || b)`: the block that ends with the `if` evaluates b (as HeapLowering's null
  // tests read it); the block that evaluates a ends with the `||`, whose condition is a.
  if (!isa<BinaryOperator>(B.getTerminatorStmt()) || !cast<BinaryOperator>(B.getTerminatorStmt())->isLogicalOp())
    while (const auto *L = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts())) {
      if (!L->isLogicalOp())
        break;
      Cond = L->getRHS();
    }
  std::optional<llvm::APSInt> V = valueWhenZero(Cond, P, Ctx);
  if (!V)
    return std::nullopt;
  return V->isZero() ? 1u : 0u;
}

/// True when every return that \p Cfg reaches with \p P zero returns a null pointer
/// constant, and one does.
bool returnsNullWhenZero(const CFG &Cfg, const ParmVarDecl *P, const ASTContext &Ctx) {
  llvm::BitVector Seen(Cfg.getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> Work = {&Cfg.getEntry()};
  Seen.set(Cfg.getEntry().getBlockID());
  bool AnyReturn = false;
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    for (const CFGElement &E : *B)
      if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
        if (const auto *Ret = dyn_cast<ReturnStmt>(S->getStmt())) {
          const Expr *V = Ret->getRetValue();
          if (!V || V->isValueDependent() ||
              !V->IgnoreParenImpCasts()->isNullPointerConstant(
                  const_cast<ASTContext &>(Ctx), Expr::NPC_ValueDependentIsNotNull))
            return false;
          AnyReturn = true;
        }
    std::optional<unsigned> Only = branchWhenZero(*B, P, Ctx);
    unsigned I = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      const CFGBlock *S = Succ.getReachableBlock();
      if (S && (!Only || *Only == I) && !Seen.test(S->getBlockID())) {
        Seen.set(S->getBlockID());
        Work.push_back(S);
      }
      ++I;
    }
  }
  return AnyReturn;
}

} // namespace

llvm::SmallBitVector nullReturnsWhenZero(const FunctionDecl *Def, const CFG &Cfg) {
  llvm::SmallBitVector Bits(Def->getNumParams());
  const ASTContext &Ctx = Def->getASTContext();
  for (const ParmVarDecl *P : Def->parameters()) {
    QualType T = P->getType();
    if (T->isReferenceType() || !(T->isIntegerType() || T->isPointerType()))
      continue;
    ParamWriteFinder Writes(P);
    Writes.TraverseStmt(Def->getBody());
    if (!Writes.Found && returnsNullWhenZero(Cfg, P, Ctx))
      Bits.set(P->getFunctionScopeIndex());
  }
  return Bits;
}

} // namespace ownership::analysis
