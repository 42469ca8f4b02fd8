//===- HeapValues.cpp - Uses of a pointer's value that the heap lowering adds =//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/HeapValues.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

#include <cstdint>
#include <utility>

using namespace clang;

namespace ownership::lowering {
namespace {

/// Finds `delete this` in a body, not in the bodies of lambdas or local classes (their
/// `this` is another object).
class DeleteThisFinder : public RecursiveASTVisitor<DeleteThisFinder> {
public:
  bool Found = false;
  bool VisitCXXDeleteExpr(CXXDeleteExpr *Del) {
    if (isa<CXXThisExpr>(Del->getArgument()->IgnoreParenImpCasts()))
      Found = true;
    return !Found;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
};

std::optional<int64_t> constantOf(const Expr *E, ASTContext &Ctx) {
  Expr::EvalResult R;
  if (E->isValueDependent() || !E->EvaluateAsInt(R, Ctx) ||
      R.Val.getInt().getSignificantBits() > 64)
    return std::nullopt;
  return R.Val.getInt().getExtValue();
}

} // namespace

/// The storage argument of a placement new that constructs one object in it
/// (`new (buf) T`, with the standard's `operator new(size_t, void *)`), or null. An array
/// placement new may put a cookie before the elements: not the same address.
const Expr *placementStorage(const Expr *E) {
  const auto *New = dyn_cast<CXXNewExpr>(E);
  if (!New || New->isArray() || New->getNumPlacementArgs() != 1 || !New->getOperatorNew() ||
      !New->getOperatorNew()->isReservedGlobalPlacementOperator())
    return nullptr;
  return New->getPlacementArg(0);
}

bool isNullPointerExpr(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreParenImpCasts();
  if (isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E))
    return true;
  return !E->isValueDependent() &&
         E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
}

std::optional<PointerStep> pointerStep(const Expr *E, ASTContext &Ctx) {
  const auto *BO = dyn_cast<BinaryOperator>(E->IgnoreParenCasts());
  if (!BO || !BO->getType()->isPointerType() ||
      (BO->getOpcode() != BO_Add && BO->getOpcode() != BO_Sub))
    return std::nullopt;
  const Expr *Ptr = BO->getLHS();
  const Expr *Step = BO->getRHS();
  if (!Ptr->getType()->isPointerType())
    std::swap(Ptr, Step); // `1 + p`
  if (!Ptr->getType()->isPointerType() || !Step->getType()->isIntegerType())
    return std::nullopt;
  std::optional<int64_t> Delta = constantOf(Step, Ctx);
  if (Delta && BO->getOpcode() == BO_Sub)
    Delta = -*Delta;
  return PointerStep{Ptr, Delta};
}

std::optional<PointerStep> pointerUpdate(const Stmt *S, ASTContext &Ctx) {
  if (const auto *UO = dyn_cast<UnaryOperator>(S);
      UO && UO->isIncrementDecrementOp() && UO->getSubExpr()->getType()->isPointerType())
    return PointerStep{UO->getSubExpr(), UO->isIncrementOp() ? 1 : -1};
  const auto *CA = dyn_cast<CompoundAssignOperator>(S);
  if (!CA || !CA->getLHS()->getType()->isPointerType() ||
      (CA->getOpcode() != BO_AddAssign && CA->getOpcode() != BO_SubAssign))
    return std::nullopt;
  std::optional<int64_t> Delta = constantOf(CA->getRHS(), Ctx);
  if (Delta && CA->getOpcode() == BO_SubAssign)
    Delta = -*Delta;
  return PointerStep{CA->getLHS(), Delta};
}

bool comparesWithPointer(const BinaryOperator &Cmp, const Expr *Operand, ASTContext &Ctx) {
  if (!Cmp.isComparisonOp())
    return false;
  const Expr *Mine = Operand->IgnoreParenImpCasts();
  const Expr *Other = Cmp.getLHS()->IgnoreParenImpCasts() == Mine ? Cmp.getRHS() : Cmp.getLHS();
  return Other->getType()->isPointerType() && !isNullPointerExpr(Other, Ctx);
}

bool constructsInto(const Stmt *Consumer, const Expr *Operand) {
  const auto *New = dyn_cast_or_null<CXXNewExpr>(Consumer);
  if (!New || New->getNumPlacementArgs() != 1 || !New->getOperatorNew() ||
      !New->getOperatorNew()->isReservedGlobalPlacementOperator())
    return false;
  return New->getPlacementArg(0)->IgnoreParenCasts() == Operand->IgnoreParenCasts();
}

bool deletesThis(const FunctionDecl *FD) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
  if (!MD || !MD->isInstance() || !MD->getBody() || isa<CXXDestructorDecl>(MD))
    return false;
  DeleteThisFinder Finder;
  Finder.TraverseStmt(MD->getBody());
  return Finder.Found;
}

} // namespace ownership::lowering
