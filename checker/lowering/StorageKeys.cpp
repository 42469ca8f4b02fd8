//===- StorageKeys.cpp - Heap storage below arrays and pointer parameters -===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/StorageKeys.h"

#include "checker/model/CallEffects.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// Arrays with more elements are not followed: their initializer alone would give every
/// element a fact.
constexpr uint64_t MaxFollowedElements = 64;

/// Collects the uses of the candidate arrays and parameters that keep them from being
/// followed.
class UseFinder : public RecursiveASTVisitor<UseFinder> {
public:
  UseFinder(llvm::function_ref<void(const DeclRefExpr *)> Visit) : Visit(Visit) {}
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    Visit(Ref);
    return true;
  }

private:
  llvm::function_ref<void(const DeclRefExpr *)> Visit;
};

bool isPointerToRecord(QualType T) {
  return T->isPointerType() && T->getPointeeType()->isRecordType();
}

} // namespace

void StorageKeys::begin(const FunctionDecl *FD) {
  if (!FD || !FD->getBody())
    return;
  for (const ParmVarDecl *P : FD->parameters())
    if (isPointerToRecord(P->getType()))
      Params.insert(P);
  llvm::DenseSet<const VarDecl *> Unseen;
  UseFinder([&](const DeclRefExpr *Ref) {
    if (const auto *P = dyn_cast<ParmVarDecl>(Ref->getDecl())) {
      if (Params.count(P) && !paramUseSeen(Ref))
        Unseen.insert(P);
      return;
    }
    const VarDecl *VD = localArray(Ref);
    if (!VD || !isDataPointer(Ctx.getAsConstantArrayType(VD->getType())->getElementType()))
      return;
    Arrays.insert(VD);
    if (!arrayUseSeen(Ref))
      Unseen.insert(VD);
  }).TraverseStmt(FD->getBody());
  for (const VarDecl *VD : Unseen) {
    if (const auto *P = dyn_cast<ParmVarDecl>(VD))
      Params.erase(P);
    else
      Arrays.erase(VD);
  }
}

std::optional<int64_t> StorageKeys::constantIndex(const Expr *Idx, uint64_t Size) const {
  if (Idx->isValueDependent() || Idx->isTypeDependent())
    return std::nullopt;
  // An integer literal, an enumerator, a constexpr variable.
  std::optional<llvm::APSInt> V = Idx->getIntegerConstantExpr(Ctx);
  if (!V || (V->isSigned() && V->isNegative()) || V->getActiveBits() > 62 ||
      V->getZExtValue() >= Size)
    return std::nullopt;
  return static_cast<int64_t>(V->getZExtValue());
}

const VarDecl *StorageKeys::localArray(const Expr *E) const {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!VD || isa<ParmVarDecl>(VD) || !VD->hasLocalStorage())
    return nullptr;
  const ConstantArrayType *CAT = Ctx.getAsConstantArrayType(VD->getType());
  if (!CAT || CAT->getSize().getActiveBits() > 32 ||
      CAT->getSize().getZExtValue() > MaxFollowedElements)
    return nullptr;
  return VD;
}

const ParmVarDecl *StorageKeys::followedParam(const Expr *E) const {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *P = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  return P && Params.count(P) ? P : nullptr;
}

bool StorageKeys::usedInPlace(const Expr *Top) const {
  const Stmt *P = Parents.getParentIgnoreParens(const_cast<Expr *>(Top));
  if (!P)
    return true;
  if (const auto *UO = dyn_cast<UnaryOperator>(P); UO && UO->getOpcode() == UO_AddrOf) {
    // `f(&ptrs[0])` is an out-argument, lowered as a reassignment; an address kept
    // anywhere else lets code we do not follow write the storage.
    const Stmt *Outer = Parents.getParentIgnoreParenImpCasts(const_cast<UnaryOperator *>(UO));
    return Outer && (isa<CallExpr>(Outer) || isa<CXXConstructExpr>(Outer));
  }
  if (const auto *DS = dyn_cast<DeclStmt>(P))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getType()->isReferenceType())
        return false;
  // `s->inner = t;` in C overwrites the fields inside without naming them.
  if (const auto *BO = dyn_cast<BinaryOperator>(P);
      BO && BO->isAssignmentOp() && BO->getLHS()->IgnoreParens() == Top &&
      Top->getType()->isRecordType())
    return false;
  return !isa<LambdaExpr>(P);
}

bool StorageKeys::arrayUseSeen(const DeclRefExpr *Ref) const {
  if (Ref->refersToEnclosingVariableOrCapture())
    return false;
  const Stmt *P = Parents.getParentIgnoreParenImpCasts(const_cast<DeclRefExpr *>(Ref));
  if (isa_and_nonnull<UnaryExprOrTypeTraitExpr>(P))
    return true; // `sizeof ptrs`
  const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(P);
  if (!AS || AS->getBase()->IgnoreParenImpCasts() != Ref)
    return false;
  const ConstantArrayType *CAT = Ctx.getAsConstantArrayType(Ref->getDecl()->getType());
  return constantIndex(AS->getIdx(), CAT->getSize().getZExtValue()) && usedInPlace(AS);
}

bool StorageKeys::paramUseSeen(const DeclRefExpr *Ref) const {
  if (Ref->refersToEnclosingVariableOrCapture())
    return false;
  const Stmt *P = Parents.getParentIgnoreParenImpCasts(const_cast<DeclRefExpr *>(Ref));
  if (!P)
    return false;
  const Expr *Top = nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(P); ME && ME->isArrow())
    Top = ME;
  else if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
    if (UO->getOpcode() == UO_LNot)
      return true;
    const Stmt *Outer = Parents.getParentIgnoreParens(const_cast<UnaryOperator *>(UO));
    if (UO->getOpcode() == UO_Deref && isa_and_nonnull<UnaryExprOrTypeTraitExpr>(Outer))
      return true; // `sizeof(*r)`
    if (UO->getOpcode() != UO_Deref || !isa_and_nonnull<MemberExpr>(Outer))
      return false; // `*s = t`, `s++`, `&s`
    Top = cast<MemberExpr>(Outer);
  }
  if (!Top) {
    // A call receives it (reachedBy()), or only its value is tested.
    if (isa<CallExpr>(P) || isa<IfStmt>(P) || isa<WhileStmt>(P) || isa<DoStmt>(P) ||
        isa<ForStmt>(P) || isa<UnaryExprOrTypeTraitExpr>(P))
      return true;
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return BO->isComparisonOp() || BO->isLogicalOp();
    if (const auto *CO = dyn_cast<ConditionalOperator>(P))
      return CO->getCond()->IgnoreParenImpCasts() == Ref;
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(P))
      return Cast->getType()->isBooleanType(); // `assert(r)` in C++
    return false;
  }
  // Up the member chain `s->a.b` to the storage it names.
  while (const auto *Outer = dyn_cast_or_null<MemberExpr>(
             Parents.getParentIgnoreParenImpCasts(const_cast<Expr *>(Top)))) {
    if (Outer->isArrow() || Outer->getBase()->IgnoreParenImpCasts() != Top)
      break;
    Top = Outer;
  }
  // `s->close()`: a call that receives the object, lowered by reachedBy().
  if (!isa<FieldDecl>(cast<MemberExpr>(Top)->getMemberDecl()))
    return true;
  return usedInPlace(Top);
}

std::optional<ObjectID> StorageKeys::keyOf(const Expr *LValue) {
  const Expr *E = LValue->IgnoreParens();
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    const VarDecl *VD = localArray(AS->getBase());
    if (!VD || !Arrays.count(VD))
      return std::nullopt;
    const ConstantArrayType *CAT = Ctx.getAsConstantArrayType(VD->getType());
    std::optional<int64_t> Idx = constantIndex(AS->getIdx(), CAT->getSize().getZExtValue());
    if (!Idx)
      return std::nullopt;
    return Objects.getElement(Objects.getVar(VD), *Idx);
  }
  const auto *ME = dyn_cast<MemberExpr>(E);
  const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!F || Params.empty())
    return std::nullopt;
  std::optional<ObjectID> Base;
  const Expr *BaseE = ME->getBase()->IgnoreParenImpCasts();
  if (ME->isArrow()) {
    if (const ParmVarDecl *P = followedParam(BaseE))
      Base = Objects.getParamPointee(P);
  } else if (const auto *UO = dyn_cast<UnaryOperator>(BaseE); UO && UO->getOpcode() == UO_Deref) {
    if (const ParmVarDecl *P = followedParam(UO->getSubExpr()))
      Base = Objects.getParamPointee(P);
  } else if (isa<MemberExpr>(BaseE)) {
    Base = keyOf(BaseE);
  }
  if (!Base)
    return std::nullopt;
  return Objects.getField(*Base, F);
}

std::optional<ObjectID> StorageKeys::elementStorage(const Expr *LValue) {
  const auto *AS = dyn_cast<ArraySubscriptExpr>(LValue->IgnoreParens());
  const VarDecl *VD = AS ? localArray(AS->getBase()) : nullptr;
  if (!VD)
    return std::nullopt;
  ObjectID Array = Objects.getVar(VD);
  const ConstantArrayType *CAT = Ctx.getAsConstantArrayType(VD->getType());
  if (std::optional<int64_t> Idx = constantIndex(AS->getIdx(), CAT->getSize().getZExtValue()))
    return Objects.getElement(Array, *Idx);
  return Array;
}

llvm::SmallVector<std::pair<ObjectID, const Expr *>, 4>
StorageKeys::initialValues(const VarDecl *VD) {
  llvm::SmallVector<std::pair<ObjectID, const Expr *>, 4> Out;
  const auto *List = VD->getInit() ? dyn_cast<InitListExpr>(VD->getInit()->IgnoreParens()) : nullptr;
  if (!List || !Arrays.count(VD))
    return Out;
  uint64_t Size = Ctx.getAsConstantArrayType(VD->getType())->getSize().getZExtValue();
  ObjectID Array = Objects.getVar(VD);
  for (uint64_t I = 0; I < Size; ++I) {
    const Expr *Init = I < List->getNumInits() ? List->getInit(I) : List->getArrayFiller();
    if (Init && isa<ImplicitValueInitExpr>(Init))
      Init = nullptr;
    Out.push_back({Objects.getElement(Array, static_cast<int64_t>(I)), Init});
  }
  return Out;
}

std::optional<ObjectID> StorageKeys::reachedBy(const Expr *Arg) {
  if (Params.empty() || !Arg)
    return std::nullopt;
  QualType T = Arg->getType().getNonReferenceType();
  if (T->isScalarType() && !T->isPointerType())
    return std::nullopt; // `use(s->count)`
  // `free(s->buf)`: the field's value, lowered as a pointer of its own.
  if (std::optional<ObjectID> Key = keyOf(Arg->IgnoreParenCasts());
      Key && isDataPointer(Objects.node(*Key).Type))
    return std::nullopt;
  llvm::SmallVector<const Stmt *, 8> Work{Arg};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const auto *P = dyn_cast<ParmVarDecl>(Ref->getDecl()); P && Params.count(P))
        return Objects.getParamPointee(P);
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return std::nullopt;
}

} // namespace ownership::lowering
