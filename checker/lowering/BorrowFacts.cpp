//===- BorrowFacts.cpp - Lowering borrows, invalidations and temporaries --===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/BorrowFacts.h"

#include "checker/lowering/Lifetimebound.h"
#include "checker/model/StdContainers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// Expressions nest deeper than this only in generated code; we stop following them.
constexpr unsigned MaxDepth = 32;

/// The implicit object and the arguments of a call, as the callee's parameters see them.
struct CallParts {
  const FunctionDecl *Callee = nullptr;
  const Expr *Object = nullptr;
  llvm::SmallVector<const Expr *, 4> Args;
};

std::optional<CallParts> callParts(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return std::nullopt;
  CallParts P;
  P.Callee = Call->getDirectCallee();
  if (!P.Callee)
    return std::nullopt;
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    P.Object = Member->getImplicitObjectArgument();
  } else if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(P.Callee) &&
             !cast<CXXMethodDecl>(P.Callee)->isStatic() && !Args.empty()) {
    P.Object = Args.front();
    Args = Args.drop_front();
  }
  P.Args.append(Args.begin(), Args.end());
  return P;
}

/// Strips what a by-value iterator argument is wrapped in (`erase(it)` converts `it` to a
/// const_iterator) down to the variable it names.
const Expr *underlyingArgument(const Expr *E) {
  for (int I = 0; I < 8 && E; ++I) {
    E = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BTE->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E); CE && CE->getNumArgs() == 1)
      E = CE->getArg(0);
    else
      return E;
  }
  return E;
}

} // namespace

void BorrowSourceFinder::addLoan(ObjectID Owner, LoanClass C, const Expr *Where,
                                 BorrowSources &Out) {
  Out.push_back({false, Owner, C, Where});
}

void BorrowSourceFinder::referent(const Expr *E, LoanClass C, BorrowSources &Out,
                                  unsigned Depth) {
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
    // A reference bound to a temporary view or iterator also borrows what it views.
    if (isBorrowerType(MTE->getSubExpr()->getType()))
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
      return;
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
      if (PT->isReferenceType() && isOwnerType(Arg->getType()))
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

void BorrowSourceFinder::object(const Expr *Obj, LoanClass C, BorrowSources &Out,
                                unsigned Depth) {
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

void BorrowSourceFinder::call(const Expr *E, bool ValueMode, BorrowSources &Out,
                              unsigned Depth) {
  std::optional<CallParts> P = callParts(E);
  if (!P)
    return;
  const FunctionDecl *FD = P->Callee;
  bool ReturnsRef = FD->getReturnType()->isReferenceType();
  // Either the argument itself (a reference result) or the value it holds.
  auto Input = [&](const Expr *Arg, LoanClass C) {
    if (ValueMode)
      value(Arg, Out, Depth);
    else
      referent(Arg, C, Out, Depth);
  };

  switch (stdBorrowKind(FD)) {
  case StdBorrowKind::Passthrough:
    if (P->Args.empty())
      return;
    if (FD->getName() == "addressof")
      return referent(P->Args[0], LoanClass::Object, Out, Depth);
    return Input(P->Args[0], LoanClass::Object);
  case StdBorrowKind::AnyArgument:
    // Only the arguments bound to `const T&` parameters can be returned; the comparator
    // of the four-argument overloads cannot.
    for (unsigned I = 0; I < P->Args.size() && I < FD->getNumParams(); ++I)
      if (FD->getParamDecl(I)->getType()->isReferenceType() &&
          FD->getParamDecl(I)->getType().getNonReferenceType().getCanonicalType()
                  .getUnqualifiedType() == FD->getReturnType()
                                               .getNonReferenceType()
                                               .getCanonicalType()
                                               .getUnqualifiedType())
        Input(P->Args[I], LoanClass::Object);
    return;
  case StdBorrowKind::ContainerAccess: {
    if (P->Args.empty())
      return;
    const Expr *Arg = P->Args[0];
    QualType T = Arg->getType();
    LoanClass C = FD->getName() == "data" ? LoanClass::ElementRef : LoanClass::ElementIter;
    if (T->isArrayType() || isOwnerType(T))
      return referent(Arg, C, Out, Depth);
    if (isPointerLikeClass(T))
      return value(Arg, Out, Depth);
    return;
  }
  case StdBorrowKind::Advance:
    if (!P->Args.empty())
      value(P->Args[0], Out, Depth);
    return;
  case StdBorrowKind::None:
    break;
  }

  // Reading a value out of a returned reference borrows nothing we know of
  // (`int *p = ptrs[0];`).
  if (ValueMode && ReturnsRef)
    return;

  const auto *M = dyn_cast<CXXMethodDecl>(FD);
  if (P->Object && M) {
    QualType ObjT = P->Object->getType();
    if (ObjT->isPointerType())
      ObjT = ObjT->getPointeeType();
    if (isOwnerType(ObjT)) {
      if (std::optional<LoanClass> C = ownerAccessorLoan(M))
        return object(P->Object, *C, Out, Depth);
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

  const ReturnBorrows *RB = Lifetimes.of(FD);
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

//===----------------------------------------------------------------------===//
// BorrowFactsBuilder
//===----------------------------------------------------------------------===//

BorrowedValue BorrowFactsBuilder::allocate(const BorrowSources &Sources) {
  llvm::SmallVector<const Loan *, 4> Loans;
  llvm::SmallVector<ObjectID, 4> Copies;
  for (const BorrowSource &S : Sources) {
    if (S.IsCopy) {
      if (!llvm::is_contained(Copies, S.Obj))
        Copies.push_back(S.Obj);
      continue;
    }
    Loans.push_back(Facts.create<Loan>(S.Obj, S.Class, S.Where));
  }
  return {Facts.copyArray<const Loan *>(Loans), Facts.copyArray<ObjectID>(Copies)};
}

BorrowSources BorrowFactsBuilder::sourcesOf(const Expr *E, bool IsRef) {
  BorrowSources Sources;
  if (IsRef)
    Finder.referent(E, LoanClass::Object, Sources);
  else
    Finder.value(E, Sources);
  return Sources;
}

void BorrowFactsBuilder::assign(const CFGBlock &B, ObjectID Target, const Expr *Init,
                                bool IsRef, const Stmt *S) {
  BorrowSources Sources = sourcesOf(Init, IsRef);
  if (Sources.empty())
    return;
  Facts.append(B, Facts.create<BorrowFact>(Target, allocate(Sources), S));
}

void BorrowFactsBuilder::lowerElement(const CFGBlock &B, const CFGElement &E) {
  if (auto S = E.getAs<CFGStmt>()) {
    lowerStmt(B, S->getStmt());
    endFullExpression(B, S->getStmt());
    return;
  }
  if (auto L = E.getAs<CFGLifetimeEnds>()) {
    // A temporary extended by a local reference dies with the reference.
    const VarDecl *VD = L->getVarDecl();
    if (!VD->getType()->isReferenceType() || !VD->getInit())
      return;
    const Expr *Init = VD->getInit()->IgnoreImplicit();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Init))
      if (MTE->getExtendingDecl() == VD)
        Facts.append(B, Facts.create<ScopeEndFact>(Objects.getTemporary(MTE),
                                                   L->getTriggerStmt()));
    return;
  }
  if (auto I = E.getAs<CFGInitializer>()) {
    // `S(std::string s) : view_(s) {}`: a member that borrows.
    const CXXCtorInitializer *Init = I->getInitializer();
    const FieldDecl *F = Init->getMember();
    if (!F || !Init->getInit() || !isBorrowerType(F->getType()))
      return;
    ObjectID Field = Objects.getField(Objects.getThis(), F);
    assign(B, Field, Init->getInit(), F->getType()->isReferenceType(), Init->getInit());
    if (outsideFrame(Field))
      store(B, {Field, true, nullptr}, Init->getInit(), F->getType()->isReferenceType(),
            Init->getInit());
  }
}

void BorrowFactsBuilder::lowerStmt(const CFGBlock &B, const Stmt *S) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->hasLocalStorage() || !VD->getInit() || isa<DecompositionDecl>(VD) ||
          !isBorrowerType(VD->getType()))
        continue;
      ObjectID Var = Objects.getVar(VD);
      // A reference that is another name for tracked storage borrows nothing itself.
      if (Objects.resolveAlias(Var) != Var)
        continue;
      assign(B, Var, VD->getInit(), VD->getType()->isReferenceType(), DS);
    }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() != BO_Assign || !isBorrowerType(BO->getLHS()->getType()))
      return;
    if (std::optional<ObjectID> Target = Objects.objectOf(BO->getLHS()))
      assign(B, *Target, BO->getRHS(), /*IsRef=*/false, BO);
    if (std::optional<StorePlace> P = placeOf(BO->getLHS()))
      store(B, *P, BO->getRHS(), /*IsRef=*/false, BO);
    return;
  }
  if (const auto *R = dyn_cast<ReturnStmt>(S))
    return lowerReturn(B, R);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        isBorrowerType(Op->getArg(0)->getType().getNonReferenceType()) &&
        !Op->getArg(0)->getType()->isPointerType()) {
      if (std::optional<ObjectID> Target = Objects.objectOf(Op->getArg(0)))
        if (isBorrowerType(Objects.node(*Target).Type))
          assign(B, *Target, Op->getArg(1), /*IsRef=*/false, Op);
      if (std::optional<StorePlace> P = placeOf(Op->getArg(0)))
        store(B, *P, Op->getArg(1), /*IsRef=*/false, Op);
      return;
    }
  }
  if (isa<CXXMemberCallExpr>(S) || isa<CXXOperatorCallExpr>(S)) {
    lowerContainerCall(B, cast<Expr>(S));
    lowerContainerStore(B, cast<Expr>(S));
  }
  if (const auto *Call = dyn_cast<CallExpr>(S))
    lowerCalleeInvalidations(B, Call);
}

void BorrowFactsBuilder::lowerCalleeInvalidations(const CFGBlock &B, const CallExpr *Call) {
  std::optional<CallParts> P = callParts(Call);
  if (!P)
    return;
  const llvm::SmallVector<unsigned, 4> *Masks = Lifetimes.invalidations(P->Callee);
  if (!Masks)
    return;
  for (unsigned I = 0; I < P->Args.size() && I < Masks->size(); ++I) {
    if (!(*Masks)[I])
      continue;
    // `grow(v)` for a reference parameter, `grow(&v)` for a pointer parameter.
    const Expr *Arg = P->Args[I]->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg); UO && UO->getOpcode() == UO_AddrOf)
      Arg = UO->getSubExpr();
    else if (Arg->getType()->isPointerType())
      continue; // a pointer variable: which container it points to is not followed
    if (std::optional<ObjectID> Owner = Objects.objectOf(Arg))
      Facts.append(B, Facts.create<InvalidateFact>(*Owner, (*Masks)[I], std::nullopt, nullptr,
                                                   Call));
  }
}

namespace {

/// The pointer parameter \p E names, if it names one.
const ParmVarDecl *pointerParam(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  return P && P->getType()->isPointerType() ? P : nullptr;
}

} // namespace

bool BorrowFactsBuilder::outsideFrame(ObjectID O) const {
  while (Objects.node(O).Parent)
    O = *Objects.node(O).Parent;
  const StorageNode &Root = Objects.node(O);
  switch (Root.K) {
  case StorageNode::Kind::ThisObject:
    // A destructor's object dies with it.
    return !isa_and_nonnull<CXXDestructorDecl>(FD);
  case StorageNode::Kind::Param:
    return Root.Decl && Root.Decl->getType()->isReferenceType();
  case StorageNode::Kind::Static:
    return true;
  default:
    return false;
  }
}

std::optional<BorrowFactsBuilder::StorePlace> BorrowFactsBuilder::placeOf(const Expr *E,
                                                                          bool Exact) {
  const Expr *Written = E;
  E = E->IgnoreParens();
  while (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
    if (Cast->getCastKind() != CK_NoOp && Cast->getCastKind() != CK_DerivedToBase &&
        Cast->getCastKind() != CK_UncheckedDerivedToBase)
      return std::nullopt;
    E = Cast->getSubExpr()->IgnoreParens();
  }
  if (std::optional<ObjectID> Obj = Objects.objectOf(E)) {
    if (!outsideFrame(*Obj))
      return std::nullopt;
    return StorePlace{*Obj, Exact, Written};
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || !VD->hasGlobalStorage())
      return std::nullopt;
    return StorePlace{Objects.getStatic(VD), Exact, Written};
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl()))
      return StorePlace{Objects.getStatic(VD), Exact, Written}; // a static data member
    if (ME->isArrow()) {
      if (const ParmVarDecl *P = pointerParam(ME->getBase()))
        return StorePlace{Objects.getVar(P), false, Written};
      return std::nullopt;
    }
    if (std::optional<StorePlace> Inner = placeOf(ME->getBase(), false))
      return StorePlace{Inner->Place, false, Written};
    return std::nullopt;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() != UO_Deref)
      return std::nullopt;
    if (const ParmVarDecl *P = pointerParam(UO->getSubExpr()))
      return StorePlace{Objects.getVar(P), Exact, Written};
    return std::nullopt;
  }
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    if (const ParmVarDecl *P = pointerParam(ASE->getBase()))
      return StorePlace{Objects.getVar(P), false, Written};
    return std::nullopt;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    // `m[k] = &x;`: an element of a container that outlives the frame.
    if (Op->getOperator() != OO_Subscript || Op->getNumArgs() != 2 ||
        storedTypes(Op->getArg(0)->getType()).empty())
      return std::nullopt;
    if (std::optional<StorePlace> Inner = containerPlace(Op->getArg(0)))
      return StorePlace{Inner->Place, false, Written};
  }
  return std::nullopt;
}

std::optional<BorrowFactsBuilder::StorePlace>
BorrowFactsBuilder::containerPlace(const Expr *Obj) {
  if (Obj->getType()->isPointerType()) {
    if (const ParmVarDecl *P = pointerParam(Obj))
      return StorePlace{Objects.getVar(P), false, Obj};
    return std::nullopt;
  }
  std::optional<StorePlace> P = placeOf(Obj, false);
  if (P)
    P->Written = Obj;
  return P;
}

void BorrowFactsBuilder::store(const CFGBlock &B, const StorePlace &P, const Expr *Value,
                               bool IsRef, const Stmt *S) {
  BorrowSources Sources = sourcesOf(Value, IsRef);
  // A value that borrows nothing still replaces what the place held
  // (`g_current = saved;`, `g_current = nullptr;`).
  if (Sources.empty() && !P.Exact)
    return;
  Facts.append(B, Facts.create<BorrowEscapeFact>(
                      allocate(Sources), S,
                      P.Exact ? BorrowEscapeFact::Into::Replace : BorrowEscapeFact::Into::Add,
                      P.Place, P.Written));
}

void BorrowFactsBuilder::lowerContainerStore(const CFGBlock &B, const Expr *Call) {
  std::optional<CallParts> P = callParts(Call);
  if (!P || !P->Object)
    return;
  StoreKind K = storeKindOf(dyn_cast<CXXMethodDecl>(P->Callee));
  if (K == StoreKind::None)
    return;
  std::optional<StorePlace> Place = containerPlace(P->Object);
  if (!Place)
    return;
  if (K == StoreKind::Remove) {
    Facts.append(B, Facts.create<BorrowEscapeFact>(BorrowedValue{}, Call,
                                                   BorrowEscapeFact::Into::Clear, Place->Place,
                                                   Place->Written));
    return;
  }
  QualType ContainerT = P->Object->getType();
  if (ContainerT->isPointerType())
    ContainerT = ContainerT->getPointeeType();
  // Only an argument that becomes an element as it is borrows into the container: an
  // element of an owner type (`std::string`) is a copy, and the iterators of a range
  // insert (`insert(pos, first, last)`) are not stored.
  llvm::SmallVector<QualType, 2> Stored = storedTypes(ContainerT);
  BorrowSources Sources;
  for (const Expr *Arg : P->Args) {
    QualType AT = Arg->getType().getNonReferenceType().getCanonicalType().getUnqualifiedType();
    if (llvm::any_of(Stored, [&](QualType T) {
          return isBorrowerType(T) && T.getCanonicalType().getUnqualifiedType() == AT;
        }))
      Finder.value(Arg, Sources);
  }
  if (Sources.empty())
    return;
  Facts.append(B, Facts.create<BorrowEscapeFact>(allocate(Sources), Call,
                                                 BorrowEscapeFact::Into::Add, Place->Place,
                                                 Place->Written));
}

void BorrowFactsBuilder::lowerReturn(const CFGBlock &B, const ReturnStmt *R) {
  const Expr *RV = R->getRetValue();
  if (!RV || !FD)
    return;
  QualType RT = FD->getReturnType();
  if (!isBorrowerType(RT))
    return;
  BorrowSources Sources = sourcesOf(RV, RT->isReferenceType());
  if (!Sources.empty())
    Facts.append(B, Facts.create<BorrowEscapeFact>(allocate(Sources), R));
}

void BorrowFactsBuilder::lowerContainerCall(const CFGBlock &B, const Expr *Call) {
  std::optional<CallParts> P = callParts(Call);
  if (!P || !P->Object)
    return;
  const auto *M = dyn_cast<CXXMethodDecl>(P->Callee);
  std::optional<Invalidation> Inv = invalidationOf(M);
  if (!Inv)
    return;
  std::optional<ObjectID> Owner;
  if (isa<CXXThisExpr>(P->Object->IgnoreParenImpCasts()))
    Owner = Objects.getThis();
  else if (!P->Object->getType()->isPointerType())
    Owner = Objects.objectOf(P->Object);
  if (!Owner)
    return;
  if (Inv->ErasesArgument) {
    if (P->Args.empty())
      return;
    const Expr *Arg = underlyingArgument(P->Args[0]);
    if (!isa<DeclRefExpr>(Arg) && !isa<MemberExpr>(Arg))
      return;
    std::optional<ObjectID> Borrower = Objects.objectOf(Arg);
    if (!Borrower || !isPointerLikeClass(Objects.node(*Borrower).Type))
      return;
    const Loan *Erased = Facts.create<Loan>(*Owner, LoanClass::ElementIter, Call);
    Facts.append(B, Facts.create<InvalidateFact>(*Owner, 0, *Borrower, Erased, Call));
    return;
  }
  Facts.append(B, Facts.create<InvalidateFact>(*Owner, Inv->Mask, std::nullopt, nullptr, Call));
}

void BorrowFactsBuilder::endFullExpression(const CFGBlock &B, const Stmt *S) {
  llvm::SmallVector<const Stmt *, 2> Roots;
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (VD->getInit())
          Roots.push_back(VD->getInit());
  } else if (const auto *R = dyn_cast<ReturnStmt>(S)) {
    if (R->getRetValue())
      Roots.push_back(R->getRetValue());
  } else if (isa<Expr>(S)) {
    // Parentheses and cleanups are not CFG elements: look through them. ParentMap's API
    // is not const-correct; it does not modify the statement.
    const Stmt *Top = S;
    const Stmt *P = Parents.getParent(const_cast<Stmt *>(S));
    while (P && (isa<ParenExpr>(P) || isa<FullExpr>(P))) {
      Top = P;
      P = Parents.getParent(const_cast<Stmt *>(P));
    }
    if (P && (isa<Expr>(P) || isa<DeclStmt>(P) || isa<ReturnStmt>(P)))
      return; // not the end of a full-expression, or ended by its statement's element
    Roots.push_back(Top);
  }
  if (Roots.empty())
    return;
  // Every temporary materialized in the full-expression dies here unless a reference
  // extended its lifetime ([class.temporary]). Lambda bodies are separate functions.
  llvm::SmallVector<const Stmt *, 16> Work(Roots.begin(), Roots.end());
  while (!Work.empty()) {
    const Stmt *Cur = Work.pop_back_val();
    if (!Cur)
      continue;
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Cur))
      if (!MTE->getExtendingDecl())
        Facts.append(B, Facts.create<ScopeEndFact>(Objects.getTemporary(MTE), S));
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Cur)) {
      for (const Expr *Init : Lambda->capture_inits())
        Work.push_back(Init);
      continue;
    }
    if (isa<BlockExpr>(Cur) || isa<StmtExpr>(Cur))
      continue;
    for (const Stmt *Child : Cur->children())
      Work.push_back(Child);
  }
}

} // namespace ownership::lowering
