//===- BorrowSources.cpp - What an expression borrows from ----------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/BorrowSources.h"

#include "checker/model/StdContainers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// Expressions nest deeper than this only in generated code; we stop following them.
constexpr unsigned MaxDepth = 32;

} // namespace

void BorrowSourceFinder::addLoan(ObjectID Owner, LoanClass C, const Expr *Where,
                                 BorrowSources &Out) {
  Out.push_back({false, Owner, C, Where});
}

// Longer than 80 lines: one short case per kind of glvalue a reference can be
// bound to, as a StmtVisitor would have; splitting it would scatter the dispatch.
void BorrowSourceFinder::referent(const Expr *E, LoanClass C, BorrowSources &Out, unsigned Depth) {
  if (!E || ++Depth > MaxDepth)
    return;
  E = E->IgnoreParens();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    return referent(EWC->getSubExpr(), C, Out, Depth);
  if (const auto *Cast = dyn_cast<CastExpr>(E)) {
    switch (Cast->getCastKind()) {
    case CK_NoOp:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
    case CK_BaseToDerived:
    case CK_LValueBitCast:
      return referent(Cast->getSubExpr(), C, Out, Depth);
    default:
      return;
    }
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = DRE->getDecl();
    if (!isa<VarDecl>(D) && !isa<BindingDecl>(D))
      return;
    if (!isFunctionLocalStorage(D))
      return; // globals and static locals outlive every borrow
    std::optional<ObjectID> Obj = Objects.objectOf(DRE);
    if (!Obj)
      return;
    const StorageNode &N = Objects.node(*Obj);
    // A local reference that is not another name for tracked storage borrows what it
    // was bound to: binding to it borrows the same.
    if (N.K == StorageNode::Kind::Local && N.Decl && N.Decl->getType()->isReferenceType()) {
      Out.push_back({true, *Obj, C, DRE});
      return;
    }
    addLoan(*Obj, C, DRE, Out);
    return;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F)
      return; // a static data member
    // A reference member refers to storage the enclosing object does not own.
    if (F->getType()->isReferenceType())
      return;
    if (std::optional<ObjectID> Obj = Objects.objectOf(ME)) {
      addLoan(*Obj, C, ME, Out);
      return;
    }
    if (ME->isArrow())
      return value(ME->getBase(), Out, Depth);
    return referent(ME->getBase(), C, Out, Depth);
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    switch (UO->getOpcode()) {
    case UO_Deref:
      return value(UO->getSubExpr(), Out, Depth);
    case UO_PreInc:
    case UO_PreDec:
      return referent(UO->getSubExpr(), C, Out, Depth);
    default:
      return;
    }
  }
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E))
    return value(ASE->getBase(), Out, Depth);
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
    if (const ValueDecl *Ext = MTE->getExtendingDecl()) {
      // A lifetime-extended temporary lives as long as the reference that extends it.
      const auto *VD = dyn_cast<VarDecl>(Ext);
      if (!VD || !VD->hasLocalStorage())
        return;
    }
    addLoan(Objects.getTemporary(MTE), C, MTE, Out);
    // A reference bound to a temporary view or iterator also borrows what it views; one
    // bound to an object that borrows (mayHoldBorrows()), what the object borrows.
    QualType Held = MTE->getSubExpr()->getType();
    if (isBorrowerType(Held) || mayHoldBorrows(Held))
      value(MTE->getSubExpr(), Out, Depth);
    return;
  }
  if (isa<CallExpr>(E))
    return call(E, /*ValueMode=*/false, Out, Depth);
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    referent(CO->getTrueExpr(), C, Out, Depth);
    referent(CO->getFalseExpr(), C, Out, Depth);
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Comma)
      return referent(BO->getRHS(), C, Out, Depth);
    if (BO->isAssignmentOp())
      return referent(BO->getLHS(), C, Out, Depth);
    return;
  }
  if (const auto *OVE = dyn_cast<OpaqueValueExpr>(E))
    return referent(OVE->getSourceExpr(), C, Out, Depth);
}

void BorrowSourceFinder::storedValue(const Expr *E, BorrowSources &Out, unsigned Depth) {
  if (!E || ++Depth > MaxDepth)
    return;
  E = E->IgnoreParens();
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
    switch (Cast->getCastKind()) {
    case CK_NoOp:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
      return storedValue(Cast->getSubExpr(), Out, Depth);
    default:
      return;
    }
  }
  if (isa<DeclRefExpr>(E) || isa<MemberExpr>(E)) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (!isFunctionLocalStorage(DRE->getDecl()))
        return;
    std::optional<ObjectID> Obj = Objects.objectOf(E);
    if (!Obj)
      return;
    const StorageNode &N = Objects.node(*Obj);
    // What a reference that is not an alias refers to holds a value we do not track.
    if (N.Decl && N.Decl->getType()->isReferenceType())
      return;
    Out.push_back({true, *Obj, LoanClass::Object, E});
    return;
  }
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    return value(MTE->getSubExpr(), Out, Depth);
  if (isa<CallExpr>(E))
    return call(E, /*ValueMode=*/true, Out, Depth);
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    storedValue(CO->getTrueExpr(), Out, Depth);
    storedValue(CO->getFalseExpr(), Out, Depth);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_PreInc || UO->getOpcode() == UO_PreDec)
      return storedValue(UO->getSubExpr(), Out, Depth);
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Comma)
      return storedValue(BO->getRHS(), Out, Depth);
    if (BO->getOpcode() == BO_Assign)
      return value(BO->getRHS(), Out, Depth);
  }
  if (const auto *OVE = dyn_cast<OpaqueValueExpr>(E))
    return storedValue(OVE->getSourceExpr(), Out, Depth);
}

// Longer than 80 lines: one short case per kind of expression a borrower value
// can be, as a StmtVisitor would have; splitting it would scatter the dispatch.
void BorrowSourceFinder::value(const Expr *E, BorrowSources &Out, unsigned Depth) {
  if (!E || ++Depth > MaxDepth)
    return;
  E = E->IgnoreParens();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    return value(EWC->getSubExpr(), Out, Depth);
  if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E))
    return value(BTE->getSubExpr(), Out, Depth);
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    return value(MTE->getSubExpr(), Out, Depth);
  if (const auto *Cast = dyn_cast<CastExpr>(E)) {
    switch (Cast->getCastKind()) {
    case CK_LValueToRValue:
      return storedValue(Cast->getSubExpr(), Out, Depth);
    case CK_ArrayToPointerDecay:
      return referent(Cast->getSubExpr(), LoanClass::ElementRef, Out, Depth);
    case CK_NoOp:
    case CK_BitCast:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
    case CK_BaseToDerived:
    case CK_ConstructorConversion:
    case CK_UserDefinedConversion:
      return value(Cast->getSubExpr(), Out, Depth);
    default:
      return;
    }
  }
  if (E->isGLValue())
    return storedValue(E, Out, Depth);
  if (isa<CXXThisExpr>(E)) {
    addLoan(Objects.getThis(), LoanClass::Object, E, Out);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    switch (UO->getOpcode()) {
    case UO_AddrOf:
      return referent(UO->getSubExpr(), LoanClass::Object, Out, Depth);
    case UO_PostInc:
    case UO_PostDec:
      return storedValue(UO->getSubExpr(), Out, Depth);
    default:
      return;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    switch (BO->getOpcode()) {
    case BO_Add:
    case BO_Sub:
      // Pointer arithmetic stays inside the same object.
      if (BO->getLHS()->getType()->isPointerType())
        return value(BO->getLHS(), Out, Depth);
      if (BO->getRHS()->getType()->isPointerType())
        return value(BO->getRHS(), Out, Depth);
      return;
    case BO_Comma:
      return value(BO->getRHS(), Out, Depth);
    default:
      return;
    }
  }
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    value(CO->getTrueExpr(), Out, Depth);
    value(CO->getFalseExpr(), Out, Depth);
    return;
  }
  if (isa<CallExpr>(E))
    return call(E, /*ValueMode=*/true, Out, Depth);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (!isBorrowerType(Construct->getType()))
      return constructed(Construct, Out, Depth);
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (Ctor->isCopyOrMoveConstructor()) {
      if (Construct->getNumArgs() >= 1)
        value(Construct->getArg(0), Out, Depth);
      return;
    }
    // A view built from a container borrows its elements (`std::span<int> s(v)`); one
    // built from pointers or other views borrows what they borrow.
    for (unsigned I = 0; I < Construct->getNumArgs() && I < Ctor->getNumParams(); ++I) {
      const Expr *Arg = Construct->getArg(I);
      QualType PT = Ctor->getParamDecl(I)->getType();
      if (PT->isReferenceType() && isOwnerType(Arg->getType(), &Model.containers()))
        referent(Arg, LoanClass::ElementRef, Out, Depth);
      else if (isBorrowerType(PT.getNonReferenceType()) ||
               (isBorrowerType(Arg->getType()) && !Arg->getType()->isReferenceType()))
        value(Arg, Out, Depth);
    }
    return;
  }
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    auto Init = Lambda->capture_init_begin();
    for (const LambdaCapture &Capture : Lambda->captures()) {
      if (Init == Lambda->capture_init_end())
        break;
      const Expr *CaptureInit = *Init++;
      // `[this]` (and `[&]` using a member) borrows the object: a lambda returned by a
      // member function borrows the object it was called on. `[*this]` copies it.
      if (Capture.capturesThis() && Capture.getCaptureKind() != LCK_StarThis) {
        addLoan(Objects.getThis(), LoanClass::Object, CaptureInit ? CaptureInit : E, Out);
        continue;
      }
      if (!Capture.capturesVariable() || !CaptureInit)
        continue;
      if (Capture.getCaptureKind() == LCK_ByRef)
        referent(CaptureInit, LoanClass::Object, Out, Depth);
      else if (isBorrowerType(Capture.getCapturedVar()->getType().getNonReferenceType()))
        value(CaptureInit, Out, Depth);
    }
    return;
  }
  if (const auto *OVE = dyn_cast<OpaqueValueExpr>(E))
    return value(OVE->getSourceExpr(), Out, Depth);
}

void BorrowSourceFinder::constructed(const CXXConstructExpr *Construct, BorrowSources &Out,
                                     unsigned Depth) {
  if (!mayHoldBorrows(Construct->getType()))
    return;
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  // A copy borrows what its source borrows.
  if (Ctor->isCopyOrMoveConstructor()) {
    if (Construct->getNumArgs() >= 1)
      value(Construct->getArg(0), Out, Depth);
    return;
  }
  std::optional<llvm::SmallBitVector> Kept = Model.constructedBorrows(Ctor);
  if (!Kept)
    return;
  for (unsigned I = 0; I < Construct->getNumArgs() && I < Kept->size(); ++I) {
    if (!Kept->test(I))
      continue;
    if (Ctor->getParamDecl(I)->getType()->isReferenceType())
      referent(Construct->getArg(I), LoanClass::Object, Out, Depth);
    else
      value(Construct->getArg(I), Out, Depth);
  }
}

void BorrowSourceFinder::object(const Expr *Obj, LoanClass C, BorrowSources &Out, unsigned Depth) {
  const Expr *Bare = Obj->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Bare)) {
    addLoan(Objects.getThis(), C, Bare, Out);
    return;
  }
  if (Obj->getType()->isPointerType())
    return value(Obj, Out, Depth);
  size_t First = Out.size();
  referent(Obj, C, Out, Depth);
  // `vv[0].data()`: a borrow of an element's own buffer. Growing the outer container
  // moves the element, and a moved vector keeps its buffer ([container.reqmts]), so only
  // the outer container's destruction ends this loan.
  if (!Objects.lookup(Obj) && !isa<MaterializeTemporaryExpr>(Obj->IgnoreParenImpCasts()))
    for (size_t I = First; I < Out.size(); ++I)
      if (!Out[I].IsCopy)
        Out[I].Class = LoanClass::Object;
}

bool BorrowSourceFinder::stdCall(const CallSite &P, bool ValueMode, BorrowSources &Out,
                                 unsigned Depth) {
  const FunctionDecl *FD = P.Callee;
  // Either the argument itself (a reference result) or the value it holds.
  auto Input = [&](const Expr *Arg, LoanClass C) {
    if (ValueMode)
      value(Arg, Out, Depth);
    else
      referent(Arg, C, Out, Depth);
  };
  switch (stdBorrowKind(FD)) {
  case StdBorrowKind::Passthrough:
    if (P.Args.empty())
      return true;
    if (FD->getName() == "addressof")
      referent(P.Args[0], LoanClass::Object, Out, Depth);
    else
      Input(P.Args[0], LoanClass::Object);
    return true;
  case StdBorrowKind::AnyArgument: {
    // Only the arguments bound to `const T&` parameters can be returned; the comparator
    // of the four-argument overloads cannot.
    QualType Result = FD->getReturnType().getNonReferenceType().getCanonicalType();
    for (unsigned I = 0; I < P.Args.size() && I < FD->getNumParams(); ++I) {
      QualType PT = FD->getParamDecl(I)->getType();
      if (PT->isReferenceType() &&
          PT.getNonReferenceType().getCanonicalType().getUnqualifiedType() ==
              Result.getUnqualifiedType())
        Input(P.Args[I], LoanClass::Object);
    }
    return true;
  }
  case StdBorrowKind::ContainerAccess: {
    if (P.Args.empty())
      return true;
    const Expr *Arg = P.Args[0];
    QualType T = Arg->getType();
    LoanClass C = FD->getName() == "data" ? LoanClass::ElementRef : LoanClass::ElementIter;
    if (T->isArrayType() || isOwnerType(T, &Model.containers()))
      referent(Arg, C, Out, Depth);
    else if (isPointerLikeClass(T))
      value(Arg, Out, Depth);
    return true;
  }
  case StdBorrowKind::Advance:
    if (!P.Args.empty())
      value(P.Args[0], Out, Depth);
    return true;
  case StdBorrowKind::None:
    return false;
  }
  llvm_unreachable("unknown std borrow kind");
}

void BorrowSourceFinder::tagElement(const CallSite &P, size_t First, BorrowSources &Out) const {
  const auto *M = dyn_cast<CXXMethodDecl>(P.Callee);
  ElementSelector Element =
      accessedElement(M, P.Args.empty() ? nullptr : P.Args[0], &Model.containers(),
                      containerObjectType(P.Object));
  if (Element.empty())
    return;
  // Only a reference or pointer to the element itself: an iterator can be moved to
  // another element (`--v.end()`), a reference cannot.
  for (size_t I = First; I < Out.size(); ++I)
    if (!Out[I].IsCopy && Out[I].Class == LoanClass::ElementRef)
      Out[I].Element = Element;
}

void BorrowSourceFinder::call(const Expr *E, bool ValueMode, BorrowSources &Out, unsigned Depth) {
  std::optional<CallSite> P = getCallSite(E);
  if (!P || !P->Callee)
    return;
  const FunctionDecl *FD = P->Callee;
  bool ReturnsRef = FD->getReturnType()->isReferenceType();
  if (stdCall(*P, ValueMode, Out, Depth))
    return;

  // Reading a value out of a returned reference borrows nothing we know of
  // (`int *p = ptrs[0];`).
  if (ValueMode && ReturnsRef)
    return;

  const auto *M = dyn_cast<CXXMethodDecl>(FD);
  if (P->Object && M) {
    QualType ObjT = containerObjectType(P->Object);
    if (ObjT->isPointerType())
      ObjT = ObjT->getPointeeType();
    if (isOwnerType(ObjT, &Model.containers())) {
      if (std::optional<LoanClass> C = ownerAccessorLoan(M)) {
        size_t First = Out.size();
        object(P->Object, *C, Out, Depth);
        tagElement(*P, First, Out);
        return;
      }
      if (FD->isInStdNamespace())
        return;
    } else if (isPointerLikeClass(ObjT)) {
      if (isPointerLikeReborrow(M)) {
        if (P->Object->getType()->isPointerType())
          return; // through a pointer to a view: unusual, not modelled
        return value(P->Object, Out, Depth);
      }
      if (FD->isInStdNamespace())
        return;
    }
  }

  // `T &get(size_t i) { return items_[i]; }`: a loan on the member container of the
  // object, which the object's member functions that grow it end.
  if (P->Object)
    if (std::optional<std::pair<const FieldDecl *, LoanClass>> Element =
            Model.returnedElement(FD)) {
      size_t First = Out.size();
      object(P->Object, LoanClass::Object, Out, Depth);
      for (size_t I = First; I < Out.size(); ++I)
        if (!Out[I].IsCopy) {
          Out[I].Obj = Objects.getField(Out[I].Obj, Element->first);
          Out[I].Class = Element->second;
        }
      return;
    }
  std::optional<CallEffectsModel::ReturnBorrows> RB = Model.returnBorrows(FD);
  if (!RB)
    return;
  if (RB->This && P->Object)
    object(P->Object, LoanClass::Object, Out, Depth);
  for (unsigned I = 0; I < P->Args.size() && I < RB->Params.size(); ++I) {
    if (!RB->Params.test(I))
      continue;
    if (FD->getParamDecl(I)->getType()->isReferenceType())
      referent(P->Args[I], LoanClass::Object, Out, Depth);
    else
      value(P->Args[I], Out, Depth);
  }
}

} // namespace ownership::lowering
