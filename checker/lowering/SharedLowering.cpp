//===- SharedLowering.cpp - Lowering stores that make shared objects own others -===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/SharedLowering.h"

#include "checker/model/StdModel.h"

#include "clang/AST/ExprCXX.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// Strips what stands between a stored value and the expression the user wrote:
/// conversions to std::function or to a base shared_ptr, temporaries, std::move.
const Expr *strip(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E); C && C->getNumArgs() >= 1 &&
                                                            !isa<CXXTemporaryObjectExpr>(C))
      E = C->getArg(0);
    else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
      E = FC->getSubExpr();
    else if (const Expr *Moved = getMovedOperand(E))
      E = Moved;
    else if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else
      return E;
  }
  return E;
}

/// A handle: a local shared_ptr variable, or `this` (Var null).
struct Handle {
  const ValueDecl *Var = nullptr;
  bool Valid = false;
};

Handle sharedFromThis(const Expr *E, unsigned Depth = 0);

/// The handle or call whose value initializer \p Init copies; null for a move (the
/// moved-from handle is empty from then on: the new one is the object's only name).
const Expr *copiedHandle(const Expr *Init) {
  for (int I = 0; I < 8 && Init; ++I) {
    Init = Init->IgnoreParenImpCasts();
    if (getMovedOperand(Init))
      return nullptr;
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Init))
      Init = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Init))
      Init = B->getSubExpr();
    else if (const auto *EWC = dyn_cast<ExprWithCleanups>(Init))
      Init = EWC->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(Init);
             C && C->getNumArgs() == 1 && !isa<CXXTemporaryObjectExpr>(C))
      Init = C->getArg(0);
    else
      return Init;
  }
  return nullptr;
}

/// A local std::shared_ptr. One initialized with another handle's object (`auto self =
/// shared_from_this();`, `auto copy = obj;`; not a move, which leaves the other name empty)
/// names that object: storing it where that object keeps it closes the same cycle.
/// Reassigning it reassigns that handle, which forgets the cycles through it (a false
/// negative, never a false cycle).
Handle localSharedPtr(const Expr *E, unsigned Depth = 0) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  if (!DRE || !isFunctionLocalStorage(DRE->getDecl()) || !isStdSharedPtr(DRE->getType()))
    return {};
  const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
  if (VD && Depth < 4 && !VD->getType()->isReferenceType() && !isa<ParmVarDecl>(VD))
    if (const Expr *Init = copiedHandle(VD->getInit())) {
      Handle Same = localSharedPtr(Init, Depth + 1);
      if (!Same.Valid)
        Same = sharedFromThis(Init, Depth + 1);
      if (Same.Valid && Same.Var != VD)
        return Same;
    }
  return {DRE->getDecl(), true};
}

/// The object a `shared_from_this()` call shares: `this`, or the handle it is called on.
Handle sharedFromThis(const Expr *E, unsigned Depth) {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E);
  if (!Call || !Call->getMethodDecl() || !Call->getMethodDecl()->getIdentifier() ||
      Call->getMethodDecl()->getName() != "shared_from_this")
    return {};
  const Expr *Obj = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Obj))
    return {nullptr, true};
  if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Obj);
      Arrow && Arrow->getOperator() == OO_Arrow)
    return localSharedPtr(Arrow->getArg(0), Depth);
  return {};
}

/// The handle whose object a member access `h->f`, `(*h).f` or `this->f` goes through.
Handle ownerOf(const MemberExpr *ME) {
  const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Base))
    return {nullptr, true};
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Base))
    if (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star)
      return localSharedPtr(Op->getArg(0));
  return {};
}

bool isStrongHolder(QualType T) {
  llvm::StringRef Std = stdClassName(T.getNonReferenceType());
  return Std != "weak_ptr" && !T->isPointerType();
}

} // namespace

ObjectID SharedLowering::handle(const ValueDecl *Var) {
  return Var ? Objects.getVar(Var) : Objects.getThis();
}

void SharedLowering::emit(const CFGBlock &B, SharedStoreFact::Action A, const ValueDecl *Owner,
                          std::optional<const ValueDecl *> Owned, const FieldDecl *Field,
                          const LambdaExpr *Via, const Expr *Store) {
  std::optional<ObjectID> OwnedId;
  if (Owned)
    OwnedId = handle(*Owned);
  Facts.append(B, Facts.create<SharedStoreFact>(A, handle(Owner), OwnedId, Field, Via, Store));
}

void SharedLowering::lowerStored(const CFGBlock &B, const ValueDecl *Owner, const FieldDecl *Field,
                                 const Expr *Value, const Expr *Store) {
  const Expr *V = strip(Value);
  if (!V)
    return;
  if (Handle H = localSharedPtr(V); H.Valid)
    return emit(B, SharedStoreFact::Action::Store, Owner, H.Var, Field, nullptr, Store);
  if (Handle H = sharedFromThis(V); H.Valid)
    return emit(B, SharedStoreFact::Action::Store, Owner, H.Var, Field, nullptr, Store);
  if (isa<CXXNullPtrLiteralExpr>(V) || isa<InitListExpr>(V) || isa<CXXScalarValueInitExpr>(V))
    return emit(B, SharedStoreFact::Action::Reset, Owner, std::nullopt, Field, nullptr, Store);
  const auto *Lambda = dyn_cast<LambdaExpr>(V);
  if (!Lambda)
    return;
  auto Init = Lambda->capture_init_begin();
  for (const LambdaCapture &C : Lambda->captures()) {
    const Expr *CaptureInit = Init != Lambda->capture_init_end() ? *Init++ : nullptr;
    if (C.getCaptureKind() != LCK_ByCopy || !CaptureInit)
      continue;
    const Expr *Held = strip(CaptureInit);
    Handle H = localSharedPtr(Held);
    if (!H.Valid)
      H = sharedFromThis(Held);
    if (H.Valid)
      emit(B, SharedStoreFact::Action::Store, Owner, H.Var, Field, Lambda, Store);
  }
}

void SharedLowering::lowerAssignment(const CFGBlock &B, const CXXOperatorCallExpr *Op) {
  if (Op->getOperator() != OO_Equal || Op->getNumArgs() != 2)
    return;
  const Expr *LHS = Op->getArg(0)->IgnoreParenImpCasts();
  if (Handle H = localSharedPtr(LHS); H.Valid)
    return emit(B, SharedStoreFact::Action::Reassign, H.Var, std::nullopt, nullptr, nullptr, Op);
  const auto *ME = dyn_cast<MemberExpr>(LHS);
  const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!F || !isStrongHolder(F->getType()))
    return;
  if (Handle Owner = ownerOf(ME); Owner.Valid)
    lowerStored(B, Owner.Var, F, Op->getArg(1), Op);
}

void SharedLowering::lowerMemberCall(const CFGBlock &B, const CXXMemberCallExpr *Call) {
  if (!Call->getMethodDecl() || !Call->getMethodDecl()->getIdentifier())
    return;
  llvm::StringRef Name = Call->getMethodDecl()->getName();
  const Expr *Obj = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (Handle H = localSharedPtr(Obj); H.Valid) {
    if (Name == "reset" || Name == "swap")
      emit(B, SharedStoreFact::Action::Reassign, H.Var, std::nullopt, nullptr, nullptr, Call);
    return;
  }
  const auto *ME = dyn_cast<MemberExpr>(Obj);
  const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!F || !isStrongHolder(F->getType()))
    return;
  Handle Owner = ownerOf(ME);
  if (!Owner.Valid)
    return;
  if (Name == "reset" || Name == "clear")
    return emit(B, SharedStoreFact::Action::Reset, Owner.Var, std::nullopt, F, nullptr, Call);
  if (Name == "push_back" || Name == "emplace_back" || Name == "push_front" ||
      Name == "emplace_front" || Name == "insert" || Name == "emplace" || Name == "push")
    for (const Expr *Arg : Call->arguments())
      lowerStored(B, Owner.Var, F, Arg, Call);
}

void SharedLowering::lowerElement(const CFGBlock &B, const CFGElement &E) {
  std::optional<CFGStmt> S = E.getAs<CFGStmt>();
  if (!S)
    return;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S->getStmt()))
    lowerAssignment(B, Op);
  else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S->getStmt()))
    lowerMemberCall(B, Call);
}

} // namespace ownership::lowering
