//===- BorrowLowering.cpp - Lowering borrows, invalidations and temporaries ===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/BorrowLowering.h"
#include "checker/lowering/PresentKeys.h"

#include "checker/model/StdContainers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

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

/// True when a loan of class \p C on an owner of type \p T is of storage the owner keeps
/// on the heap, which a move hands to the new owner: the pointee of a smart pointer, the
/// elements of a container ([container.reqmts]: moving a container other than std::array
/// keeps its elements where they are). std::array and std::optional hold their element
/// inline; a std::string may too (the small-string buffer), but then the loan still
/// points into the moved-from string, which is as far as we can say: either way the
/// moved-from owner's end is not the loan's end. The object itself (LoanClass::Object)
/// stays where it is.
bool movesWithOwner(QualType T, LoanClass C) {
  if (C == LoanClass::Object || !isOwnerType(T))
    return false;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  const IdentifierInfo *II = RD->getIdentifier();
  return !(RD->isInStdNamespace() && II && (II->isStr("array") || II->isStr("optional")));
}

} // namespace

//===----------------------------------------------------------------------===//
// BorrowLowering
//===----------------------------------------------------------------------===//

BorrowedValue BorrowLowering::allocate(const BorrowSources &Sources) {
  llvm::SmallVector<const Loan *, 4> Loans;
  llvm::SmallVector<ObjectID, 4> Copies;
  for (const BorrowSource &S : Sources) {
    if (S.IsCopy) {
      if (!llvm::is_contained(Copies, S.Obj))
        Copies.push_back(S.Obj);
      continue;
    }
    Loans.push_back(Facts.create<Loan>(S.Obj, S.Class, S.Where,
                                       movesWithOwner(Objects.node(S.Obj).Type, S.Class),
                                       S.Element));
  }
  return {Facts.copyArray<const Loan *>(Loans), Facts.copyArray<ObjectID>(Copies)};
}

BorrowSources BorrowLowering::sourcesOf(const Expr *E, bool IsRef) {
  BorrowSources Sources;
  if (IsRef)
    Finder.referent(E, LoanClass::Object, Sources);
  else
    Finder.value(E, Sources);
  return Sources;
}

void BorrowLowering::assign(const CFGBlock &B, ObjectID Target, const Expr *Init, bool IsRef,
                            const Stmt *S) {
  BorrowSources Sources = sourcesOf(Init, IsRef);
  if (Sources.empty())
    return;
  Facts.append(B, Facts.create<BorrowFact>(Target, allocate(Sources), S));
}

void BorrowLowering::lowerElement(const CFGBlock &B, const CFGElement &E, const LoweredCall *Call) {
  if (auto S = E.getAs<CFGStmt>()) {
    lowerStmt(B, S->getStmt(), Call);
    endFullExpression(B, S->getStmt());
    return;
  }
  if (auto L = E.getAs<CFGLifetimeEnds>()) {
    // A temporary extended by a local reference dies with the reference.
    const VarDecl *VD = L->getVarDecl();
    if (!VD->getType()->isReferenceType() || !VD->getInit())
      return;
    // Only the cleanups wrap the temporary: IgnoreImplicit() would strip the
    // MaterializeTemporaryExpr itself.
    const Expr *Init = VD->getInit()->IgnoreParens();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(Init))
      Init = EWC->getSubExpr()->IgnoreParens();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Init))
      if (MTE->getExtendingDecl() == VD)
        Facts.append(B, Facts.create<ScopeEndFact>(Objects.getTemporary(MTE), L->getTriggerStmt()));
    return;
  }
  if (auto I = E.getAs<CFGInitializer>()) {
    // `S(std::string s) : view_(s) {}`: a member that borrows.
    const CXXCtorInitializer *Init = I->getInitializer();
    const FieldDecl *F = Init->getMember();
    if (!F || !Init->getInit() || !carriesLoans(F->getType()))
      return;
    ObjectID Field = Objects.getField(Objects.getThis(), F);
    assign(B, Field, Init->getInit(), F->getType()->isReferenceType(), Init->getInit());
    if (outsideFrame(Field))
      store(B, {Field, true, nullptr}, Init->getInit(), F->getType()->isReferenceType(),
            Init->getInit());
  }
}

void BorrowLowering::lowerStmt(const CFGBlock &B, const Stmt *S, const LoweredCall *Call) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->hasLocalStorage() || !VD->getInit() || isa<DecompositionDecl>(VD) ||
          !carriesLoans(VD->getType()))
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
        carriesLoans(Op->getArg(0)->getType().getNonReferenceType()) &&
        !Op->getArg(0)->getType()->isPointerType()) {
      if (std::optional<ObjectID> Target = Objects.objectOf(Op->getArg(0)))
        if (carriesLoans(Objects.node(*Target).Type))
          assign(B, *Target, Op->getArg(1), /*IsRef=*/false, Op);
      if (std::optional<StorePlace> P = placeOf(Op->getArg(0)))
        store(B, *P, Op->getArg(1), /*IsRef=*/false, Op);
      return;
    }
  }
  if (!Call || !isa<CallExpr>(S) || !Call->Site.Callee)
    return;
  if (isa<CXXMemberCallExpr>(S) || isa<CXXOperatorCallExpr>(S)) {
    lowerContainerCall(B, *Call);
    lowerContainerStore(B, *Call);
  }
  lowerCalleeInvalidations(B, *Call);
  lowerCapturedArguments(B, *Call);
}

void BorrowLowering::lowerCalleeInvalidations(const CFGBlock &B, const LoweredCall &Call) {
  // `pool.add(x)` whose summary grows `pool.items_`.
  if (const Expr *Object = Call.Site.Object) {
    llvm::ArrayRef<std::pair<const FieldDecl *, unsigned>> Members =
        Finder.model().memberInvalidations(Call.Site.Callee);
    std::optional<ObjectID> Owner;
    if (!Members.empty() && isa<CXXThisExpr>(Object->IgnoreParenImpCasts()))
      Owner = Objects.getThis();
    else if (!Members.empty() && !Object->getType()->isPointerType())
      Owner = Objects.objectOf(Object);
    if (Owner)
      for (const auto &[F, Mask] : Members)
        Facts.append(B, Facts.create<InvalidateFact>(Objects.getField(*Owner, F), Mask,
                                                     std::nullopt, nullptr, Call.Site.E));
  }
  for (unsigned I = 0; I < Call.Site.Args.size(); ++I) {
    unsigned Mask = Call.Effects.Args[I].Invalidates;
    if (!Mask)
      continue;
    // `grow(v)` for a reference parameter, `grow(&v)` for a pointer parameter.
    const Expr *Arg = Call.Site.Args[I]->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg); UO && UO->getOpcode() == UO_AddrOf)
      Arg = UO->getSubExpr();
    else if (Arg->getType()->isPointerType())
      continue; // a pointer variable: which container it points to is not followed
    if (std::optional<ObjectID> Owner = Objects.objectOf(Arg))
      Facts.append(B,
                   Facts.create<InvalidateFact>(*Owner, Mask, std::nullopt, nullptr, Call.Site.E));
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

bool BorrowLowering::outsideFrame(ObjectID O) const {
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

std::optional<BorrowLowering::StorePlace> BorrowLowering::placeOf(const Expr *E, bool Exact) {
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
        storedTypes(Op->getArg(0)->getType(), &Finder.model().containers()).empty())
      return std::nullopt;
    if (std::optional<StorePlace> Inner = containerPlace(Op->getArg(0)))
      return StorePlace{Inner->Place, false, Written};
  }
  return std::nullopt;
}

std::optional<BorrowLowering::StorePlace> BorrowLowering::containerPlace(const Expr *Obj) {
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

void BorrowLowering::store(const CFGBlock &B, const StorePlace &P, const Expr *Value, bool IsRef,
                           const Stmt *S) {
  BorrowSources Sources = sourcesOf(Value, IsRef);
  // A value that borrows nothing still replaces what the place held
  // (`g_current = saved;`, `g_current = nullptr;`).
  if (Sources.empty() && !P.Exact)
    return;
  Facts.append(B, Facts.create<BorrowEscapeFact>(allocate(Sources), S,
                                                 P.Exact ? BorrowEscapeFact::Into::Replace
                                                         : BorrowEscapeFact::Into::Add,
                                                 P.Place, P.Written));
}

void BorrowLowering::lowerContainerStore(const CFGBlock &B, const LoweredCall &Call) {
  const CallSite *P = &Call.Site;
  if (!P->Object)
    return;
  StoreKind K = storeKindOf(dyn_cast<CXXMethodDecl>(P->Callee), &Finder.model().containers());
  if (K == StoreKind::None)
    return;
  std::optional<StorePlace> Place = containerPlace(P->Object);
  if (!Place)
    return;
  if (K == StoreKind::Remove) {
    Facts.append(B, Facts.create<BorrowEscapeFact>(BorrowedValue{}, Call.Site.E,
                                                   BorrowEscapeFact::Into::Clear, Place->Place,
                                                   Place->Written));
    return;
  }
  QualType ContainerT = containerObjectType(P->Object);
  if (ContainerT->isPointerType())
    ContainerT = ContainerT->getPointeeType();
  // Only an argument that becomes an element as it is borrows into the container: an
  // element of an owner type (`std::string`) is a copy, and the iterators of a range
  // insert (`insert(pos, first, last)`) are not stored.
  llvm::SmallVector<QualType, 2> Stored = storedTypes(ContainerT, &Finder.model().containers());
  BorrowSources Sources;
  for (const Expr *Arg : P->Args) {
    QualType AT = Arg->getType().getNonReferenceType().getCanonicalType().getUnqualifiedType();
    if (llvm::any_of(Stored, [&](QualType T) {
          return carriesLoans(T) && T.getCanonicalType().getUnqualifiedType() == AT;
        }))
      Finder.value(Arg, Sources);
  }
  if (Sources.empty())
    return;
  Facts.append(B, Facts.create<BorrowEscapeFact>(allocate(Sources), Call.Site.E,
                                                 BorrowEscapeFact::Into::Add, Place->Place,
                                                 Place->Written));
}

void BorrowLowering::lowerReturn(const CFGBlock &B, const ReturnStmt *R) {
  const Expr *RV = R->getRetValue();
  if (!RV || !FD)
    return;
  QualType RT = FD->getReturnType();
  if (!carriesLoans(RT))
    return;
  BorrowSources Sources = sourcesOf(RV, RT->isReferenceType());
  if (!Sources.empty())
    Facts.append(B, Facts.create<BorrowEscapeFact>(allocate(Sources), R));
}

void BorrowLowering::lowerContainerCall(const CFGBlock &B, const LoweredCall &Call) {
  const CallSite *P = &Call.Site;
  if (!P->Object)
    return;
  const auto *M = dyn_cast<CXXMethodDecl>(P->Callee);
  std::optional<Invalidation> Inv =
      invalidationOf(M, &Finder.model().containers(), containerObjectType(P->Object));
  if (!Inv)
    return;
  // `m[k]` of a key already in m inserts nothing.
  if (M->getOverloadedOperator() == OO_Subscript && P->Args.size() == 1 &&
      subscriptKeyIsPresent(P->E, P->Object, P->Args[0], Parents))
    return;
  std::optional<ObjectID> Owner;
  if (isa<CXXThisExpr>(P->Object->IgnoreParenImpCasts()))
    Owner = Objects.getThis();
  else if (!P->Object->getType()->isPointerType())
    Owner = Objects.objectOf(P->Object);
  if (!Owner || lowerElementInvalidation(B, Call, *Owner, *Inv))
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
    const Loan *Erased = Facts.create<Loan>(*Owner, LoanClass::ElementIter, Call.Site.E);
    Facts.append(B, Facts.create<InvalidateFact>(*Owner, 0, *Borrower, Erased, Call.Site.E));
    return;
  }
  Facts.append(B,
               Facts.create<InvalidateFact>(*Owner, Inv->Mask, std::nullopt, nullptr, Call.Site.E));
}

void BorrowLowering::endFullExpression(const CFGBlock &B, const Stmt *S) {
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
