//===- HeapLowering.cpp - Lowering heap operations to ownership facts -----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/HeapLowering.h"

#include "checker/lowering/HeapValues.h"
#include "checker/lowering/OwnerLowering.h"
#include "checker/model/CLibrary.h"

#include "checker/model/StdModel.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// Strips parentheses and the casts that keep a pointer value (not a conversion to an
/// integer or to bool).
const Expr *stripPointerCasts(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *C = dyn_cast<CastExpr>(E)) {
      switch (C->getCastKind()) {
      case CK_NoOp:
      case CK_BitCast:
      case CK_LValueToRValue:
      case CK_DerivedToBase:
      case CK_UncheckedDerivedToBase:
      case CK_BaseToDerived:
      case CK_Dynamic:
        if (C->getCastKind() == CK_LValueToRValue)
          return E; // the read itself: callers look through it
        E = C->getSubExpr();
        continue;
      default:
        return E;
      }
    }
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E)) {
      E = EWC->getSubExpr();
      continue;
    }
    return E;
  }
}

/// Finds the pointer variables whose address leaves our sight: `&p` outside a call
/// argument, a by-reference lambda capture, a non-const reference bound to it.
class AddressTakenFinder : public RecursiveASTVisitor<AddressTakenFinder> {
public:
  AddressTakenFinder(const ParentMap &Parents, llvm::DenseSet<const ValueDecl *> &Out)
      : Parents(Parents), Out(Out) {}

  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->getOpcode() != UO_AddrOf)
      return true;
    const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens());
    if (!DRE || !isDataPointer(DRE->getType()))
      return true;
    // `f(&p)` is an out-parameter: lowered as a reassignment of p. Anything else (a
    // pointer to p kept in a variable, a field, ...) lets code we do not follow write p.
    const Stmt *P = Parents.getParentIgnoreParenImpCasts(UO);
    if (P && (isa<CallExpr>(P) || isa<CXXConstructExpr>(P)))
      return true;
    Out.insert(DRE->getDecl());
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
        if (const ValueDecl *V = C.getCapturedVar(); V && isDataPointer(V->getType()))
          Out.insert(V);
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    // `T *&r = p;` is handled as an alias by the object table; a reference to a pointer
    // bound any other way (a member, a conditional) is not followed.
    if (VD->getType()->isLValueReferenceType() && isDataPointer(VD->getType()) && VD->getInit())
      if (const auto *C = dyn_cast<ConditionalOperator>(VD->getInit()->IgnoreParens()))
        for (const Expr *Arm : {C->getTrueExpr(), C->getFalseExpr()})
          if (const auto *DRE = dyn_cast<DeclRefExpr>(Arm->IgnoreParens()))
            Out.insert(DRE->getDecl());
    return true;
  }

private:
  const ParentMap &Parents;
  llvm::DenseSet<const ValueDecl *> &Out;
};

/// Finds the pointer variables handed to a call that adds an owner to their memory
/// (`X509_up_ref(x)`): the memory is then released once per owner, which one pointer's
/// releases cannot tell apart from a double free, so such pointers are not followed.
class SharedOwnerFinder : public RecursiveASTVisitor<SharedOwnerFinder> {
public:
  SharedOwnerFinder(const CallEffectsModel &Model, llvm::DenseSet<const ValueDecl *> &Out)
      : Model(Model), Out(Out) {}

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (Model.addsOwner(Callee, I))
        if (const auto *DRE = dyn_cast<DeclRefExpr>(Call->getArg(I)->IgnoreParenImpCasts()))
          Out.insert(DRE->getDecl());
    return true;
  }

private:
  const CallEffectsModel &Model;
  llvm::DenseSet<const ValueDecl *> &Out;
};

} // namespace

void HeapLowering::begin() {
  if (FD && FD->getBody()) {
    AddressTakenFinder(Parents, Untracked).TraverseStmt(FD->getBody());
    SharedOwnerFinder(Model, Untracked).TraverseStmt(FD->getBody());
    Keeps.begin();
    Keys.begin(FD);
  }
  if (!FD)
    return;
  if (deletesThis(FD))
    ThisPointer = Objects.getThis();
  // Prepended in reverse so that the entry block lists them in parameter order.
  for (const ParmVarDecl *P : llvm::reverse(FD->parameters())) {
    if (!isDataPointer(P->getType()) || P->getType()->isReferenceType() || Untracked.count(P))
      continue;
    ObjectID Id = Objects.getVar(P);
    TrackedPointers.insert(Id.Value);
    PointerParams.insert(PointerParams.begin(), Id);
    Facts.prepend(Cfg.getEntry(),
                  Facts.create<PointerAssignFact>(Id, PointerAssignFact::From::Entry, std::nullopt,
                                                  FD->getBody()));
  }
}

void HeapLowering::finish() {
  // A branch condition is evaluated last in its block; its null test ends the block's
  // facts, where the dataflow's edge refinement looks for it.
  for (const CFGBlock *B : Cfg)
    if (B->succ_size() == 2)
      if (const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition())) {
        if (const Expr *Tested = branchCondition(*B); Tested && Keeps.lower(*B, Tested, Facts))
          continue;
        size_t Before = Facts.factsOf(*B).size();
        lowerCondition(*B, Cond);
        if (Facts.factsOf(*B).size() == Before)
          lowerValueTest(*B, Cond);
      }
  // Parameters have no lifetime-end element in the CFG; their storage ends on return.
  for (ObjectID P : PointerParams)
    Facts.append(Cfg.getExit(), Facts.create<ScopeEndFact>(P, FD->getBody()));
}

std::optional<ObjectID> HeapLowering::trackedPointer(const Expr *LValue) {
  if (!LValue || !LValue->isGLValue() || !isDataPointer(LValue->getType()))
    return std::nullopt;
  const Expr *E = LValue->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (Untracked.count(DRE->getDecl()))
      return std::nullopt;
  std::optional<ObjectID> O = Objects.objectOf(LValue);
  if (!O)
    O = Keys.keyOf(LValue); // `ptrs[0]`, `s->buf`
  if (!O || !isDataPointer(Objects.node(*O).Type))
    return std::nullopt;
  // A reference the object table could not resolve (`for (auto &p : ptrs)`) names a
  // different pointer each time it is bound: not one we can follow.
  if (const auto *VD = dyn_cast_or_null<VarDecl>(Objects.node(*O).Decl);
      VD && VD->getType()->isReferenceType())
    return std::nullopt;
  if (const ValueDecl *D = Objects.node(*O).Decl; D && Untracked.count(D))
    return std::nullopt;
  TrackedPointers.insert(O->Value);
  return O;
}

std::optional<ObjectID> HeapLowering::nonHeapStorage(const Expr *LValue) {
  const Expr *E = LValue->IgnoreParens();
  if (const auto *Lit = dyn_cast<StringLiteral>(E))
    return Objects.getStatic(nullptr, Lit);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return std::nullopt;
    if (VD->hasGlobalStorage())
      return Objects.getStatic(VD);
    if (VD->getType()->isReferenceType())
      return std::nullopt; // a reference may name heap memory
  }
  std::optional<ObjectID> O = Objects.objectOf(E);
  if (!O)
    O = Keys.elementStorage(E); // `buf[2]`
  if (!O)
    return std::nullopt;
  // Storage below `*this` may itself be on the heap.
  if (isBelowThis(*O))
    return std::nullopt;
  // A parameter of array type is a pointer; its storage is the caller's.
  if (Objects.node(*O).K == StorageNode::Kind::Param)
    return std::nullopt;
  return O;
}

HeapLowering::Value HeapLowering::classify(const Expr *E) {
  Value V;
  E = stripPointerCasts(E);
  if (isNullPointerExpr(E, Ctx)) {
    V.K = Value::Kind::Null;
    return V;
  }
  if (isa<CXXThisExpr>(E) && ThisPointer) {
    V.K = Value::Kind::Tracked;
    V.Obj = *ThisPointer;
    return V;
  }
  if (const auto *Read = dyn_cast<ImplicitCastExpr>(E);
      Read && Read->getCastKind() == CK_LValueToRValue) {
    if (std::optional<ObjectID> P = trackedPointer(Read->getSubExpr())) {
      V.K = Value::Kind::Tracked;
      V.Obj = *P;
    }
    return V;
  }
  if (const auto *Decay = dyn_cast<ImplicitCastExpr>(E);
      Decay && Decay->getCastKind() == CK_ArrayToPointerDecay) {
    if (std::optional<ObjectID> S = nonHeapStorage(Decay->getSubExpr())) {
      V.K = Value::Kind::Address;
      V.Obj = *S;
    } else if (std::optional<ObjectID> P = interiorOf(Decay->getSubExpr())) {
      V.K = Value::Kind::Tracked;
      V.Obj = *P;
    }
    return V;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf) {
    if (std::optional<ObjectID> S = nonHeapStorage(UO->getSubExpr())) {
      V.K = Value::Kind::Address;
      V.Obj = *S;
    } else if (std::optional<ObjectID> P = interiorOf(UO->getSubExpr())) {
      V.K = Value::Kind::Tracked;
      V.Obj = *P;
    }
    return V;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E); Call && Model.allocatesOnStack(*Call)) {
    V.K = Value::Kind::Address; // `alloca(n)`: storage of this frame, named by the call
    V.Obj = Objects.getHeapSite(E);
    return V;
  }
  if (std::optional<ObjectID> Owner = Owners ? Owners->heldBy(E) : std::nullopt) {
    V.K = Value::Kind::Tracked; // `u.get()`: what the owner u holds
    V.Obj = *Owner;
    return V;
  }
  // `new (buf) T` allocates nothing: it constructs in buf's storage and evaluates to buf,
  // owned by whoever owns buf (so that deleting it is checked against buf's allocator).
  if (const Expr *Storage = placementStorage(E))
    return classify(Storage);
  if (Model.allocatorOf(E)) {
    V.K = Value::Kind::Alloc;
    V.E = E;
    return V;
  }
  // `xmlDocGetRootElement(doc)` points into the memory doc points to: an alias of doc
  // for the heap, so that it dangles when that memory is released.
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (std::optional<unsigned> K = Model.resultPointsInto(Call))
      if (Value Arg = classify(Call->getArg(*K)); Arg.K == Value::Kind::Tracked)
        return Arg;
  return V;
}

std::optional<ObjectID> HeapLowering::interiorOf(const Expr *LValue) {
  // Down the member accesses and subscripts to the pointer the storage is reached through:
  // `p` in `p->handle`, `p->buf`, `(*p).a.b`, `p[i]`.
  const Expr *E = LValue->IgnoreParens();
  while (true) {
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (ME->isArrow())
        break;
      E = ME->getBase()->IgnoreParens();
      continue;
    }
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
        Cast && (Cast->getCastKind() == CK_NoOp || Cast->getCastKind() == CK_DerivedToBase ||
                 Cast->getCastKind() == CK_UncheckedDerivedToBase)) {
      E = Cast->getSubExpr()->IgnoreParens();
      continue;
    }
    break;
  }
  const Expr *Ptr = nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(E); ME && ME->isArrow())
    Ptr = ME->getBase();
  else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    Ptr = AS->getBase();
  else if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref)
    Ptr = UO->getSubExpr();
  if (!Ptr || !isDataPointer(Ptr->getType()))
    return std::nullopt;
  Value Base = classify(Ptr);
  if (Base.K != Value::Kind::Tracked)
    return std::nullopt;
  return Base.Obj;
}

const Stmt *HeapLowering::consumer(const Expr *E, const Expr **Top) const {
  const Stmt *Cur = E;
  const Stmt *P = Parents.getParent(Cur);
  while (P && (isa<ParenExpr>(P) || isa<ExprWithCleanups>(P) ||
               (isa<CastExpr>(P) && !cast<CastExpr>(P)->getType()->isVoidType() &&
                cast<CastExpr>(P)->getCastKind() != CK_LValueToRValue &&
                cast<CastExpr>(P)->getCastKind() != CK_PointerToIntegral &&
                cast<CastExpr>(P)->getCastKind() != CK_PointerToBoolean))) {
    Cur = P;
    P = Parents.getParent(Cur);
  }
  if (Top)
    *Top = cast<Expr>(Cur);
  return P;
}

bool HeapLowering::isBelowThis(ObjectID O) const {
  for (std::optional<ObjectID> Cur = O; Cur; Cur = Objects.node(*Cur).Parent)
    if (Objects.node(*Cur).K == StorageNode::Kind::ThisObject)
      return true;
  return false;
}

bool HeapLowering::holdsPointers(ObjectID O) const {
  // Only an object with parts can hold a tracked pointer other than itself; checking
  // that first keeps a function with thousands of pointers linear.
  if (Objects.hasParts(O))
    for (uint32_t P : TrackedPointers)
      if (P != O.Value && Objects.contains(O, ObjectID(P)))
        return true;
  const StorageNode &N = Objects.node(O);
  // Pointer fields that have not been seen yet still count: `use(s)` before `s.p`.
  if (const auto *RD = N.Type.isNull() ? nullptr : N.Type->getAsRecordDecl())
    for (const FieldDecl *F : RD->fields())
      if (isDataPointer(F->getType()))
        return true;
  return false;
}

void HeapLowering::lowerElement(const CFGBlock &B, const CFGElement &E, const LoweredCall *Call) {
  if (auto S = E.getAs<CFGStmt>())
    lowerStmt(B, S->getStmt(), Call);
  else if (auto I = E.getAs<CFGInitializer>())
    lowerMemberInit(B, I->getInitializer());
}

void HeapLowering::lowerMemberInit(const CFGBlock &B, const CXXCtorInitializer *Init) {
  // `Table(Rep *r) : rep_(r) {}`: the object keeps the pointer, as `rep_ = r;` in the
  // body would; the constructor's summary then says it keeps its argument.
  const FieldDecl *F = Init->getAnyMember();
  const Expr *Stored = Init->getInit();
  if (!F || !Stored || !isDataPointer(F->getType()))
    return;
  if (Value V = classify(Stored); V.K == Value::Kind::Tracked) {
    // The field holds it now (the constructor's summary tells which field).
    emit<PointerAssignFact>(B, Objects.getField(Objects.getThis(), F),
                            PointerAssignFact::From::Copy, V.Obj, Stored);
    emit<EscapeFact>(B, V.Obj, std::nullopt, EscapeFact::Via::Store, Stored);
  }
}

void HeapLowering::lowerStmt(const CFGBlock &B, const Stmt *S, const LoweredCall *Call) {
  if (const auto *E = dyn_cast<Expr>(S))
    if (std::optional<Allocator> A = Call ? Call->Effects.Returns : Model.allocatorOf(E)) {
      // realloc's release of its argument comes first.
      if (Call)
        lowerCall(B, *Call);
      lowerAllocation(B, E, *A);
      return;
    }
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    return lowerDeclaration(B, DS);
  if (std::optional<PointerStep> Update = pointerUpdate(S, Ctx))
    return lowerAdvance(B, *Update, S);
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    return lowerAssignment(B, BO);
  if (const auto *Ret = dyn_cast<ReturnStmt>(S))
    return lowerReturn(B, Ret);
  if (const auto *Del = dyn_cast<CXXDeleteExpr>(S))
    return lowerDelete(B, Del);
  if (Call)
    return lowerCall(B, *Call);
  if (const auto *L = dyn_cast<LambdaExpr>(S))
    return lowerCaptures(B, L);
  if (const auto *Read = dyn_cast<ImplicitCastExpr>(S)) {
    if (Read->getCastKind() == CK_LValueToRValue)
      if (std::optional<ObjectID> P = trackedPointer(Read->getSubExpr()))
        lowerRead(B, Read, *P);
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    return lowerAggregateRead(B, DRE);
  if (const auto *This = dyn_cast<CXXThisExpr>(S))
    lowerThis(B, This);
}

void HeapLowering::lowerAdvance(const CFGBlock &B, const PointerStep &Step, const Stmt *S) {
  // `p++`, `p -= 2`: p still points into its block, some elements further.
  if (std::optional<ObjectID> P = trackedPointer(Step.Base))
    emit<PointerAssignFact>(B, *P, PointerAssignFact::From::Advance, std::nullopt, S, Step.Delta);
}

void HeapLowering::lowerThis(const CFGBlock &B, const CXXThisExpr *This) {
  // In a member function that deletes its own object: `Count`, `this->f()` read through
  // `this`.
  if (!ThisPointer)
    return;
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(consumer(This)); ME && ME->isArrow())
    emit<AccessFact>(B, *ThisPointer, This);
}

void HeapLowering::lowerDeclaration(const CFGBlock &B, const DeclStmt *DS) {
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (VD)
      lowerElementInits(B, VD, DS);
    if (!VD || !VD->hasLocalStorage() || VD->getType()->isReferenceType() ||
        !isDataPointer(VD->getType()) || Untracked.count(VD))
      continue;
    ObjectID P = Objects.getVar(VD);
    TrackedPointers.insert(P.Value);
    if (const Expr *Init = VD->getInit())
      lowerAssign(B, P, Init, DS);
    else
      emit<PointerAssignFact>(B, P, PointerAssignFact::From::Opaque, std::nullopt, DS);
  }
}

void HeapLowering::lowerElementInits(const CFGBlock &B, const VarDecl *VD, const DeclStmt *DS) {
  // `char *ptrs[2] = {p};`: the elements the list leaves out are null.
  for (auto [Element, Init] : Keys.initialValues(VD)) {
    TrackedPointers.insert(Element.Value);
    if (Init)
      lowerAssign(B, Element, Init, DS);
    else
      emit<PointerAssignFact>(B, Element, PointerAssignFact::From::Null, std::nullopt, DS);
  }
}

void HeapLowering::lowerAssignment(const CFGBlock &B, const BinaryOperator *BO) {
  if (BO->getOpcode() != BO_Assign || !isDataPointer(BO->getLHS()->getType()))
    return;
  if (std::optional<ObjectID> P = trackedPointer(BO->getLHS())) {
    lowerAssign(B, *P, BO->getRHS(), BO);
    // A field of `*this` outlives the call: what it points to is the object's now.
    if (isBelowThis(*P))
      emit<EscapeFact>(B, *P, std::nullopt, EscapeFact::Via::Store, BO);
    else if (Objects.node(Objects.root(*P)).K == StorageNode::Kind::ParamPointee)
      lowerCallersStore(B, *P, BO);
    return;
  }
  // Stored where we do not follow (a global, `*out`, `node->next`, `a[i]`).
  Value V = classify(BO->getRHS());
  if (V.K == Value::Kind::Tracked)
    emit<EscapeFact>(B, V.Obj, std::nullopt, EscapeFact::Via::Store, BO);
}

void HeapLowering::lowerCallersStore(const CFGBlock &B, ObjectID Field, const BinaryOperator *BO) {
  // `r->name = p`: the caller's object holds it now. The stored pointer is named, as
  // for any store we do not follow; a fresh allocation is named by the field.
  Value V = classify(BO->getRHS());
  if (V.K == Value::Kind::Tracked)
    emit<EscapeFact>(B, V.Obj, std::nullopt, EscapeFact::Via::Store, BO);
  else
    emit<EscapeFact>(B, Field, std::nullopt, EscapeFact::Via::Store, BO);
}

void HeapLowering::lowerReturn(const CFGBlock &B, const ReturnStmt *Ret) {
  const Expr *RV = Ret->getRetValue();
  if (!RV || !isDataPointer(RV->getType()))
    return;
  Value V = classify(RV);
  switch (V.K) {
  case Value::Kind::Tracked:
    emit<EscapeFact>(B, V.Obj, std::nullopt, EscapeFact::Via::Return, Ret);
    return;
  case Value::Kind::Null:
    emit<EscapeFact>(B, std::nullopt, Pointee::null(), EscapeFact::Via::Return, Ret);
    return;
  case Value::Kind::Address:
    emit<EscapeFact>(B, std::nullopt, Pointee{Pointee::Kind::NonHeap, V.Obj},
                     EscapeFact::Via::Return, Ret);
    return;
  case Value::Kind::Alloc:
    return; // lowerAllocation emitted the escape
  case Value::Kind::Opaque:
    emit<EscapeFact>(B, std::nullopt, Pointee::unknown(), EscapeFact::Via::Return, Ret);
    return;
  }
}

void HeapLowering::lowerCaptures(const CFGBlock &B, const LambdaExpr *L) {
  // A lambda may run after this function returns: what it captures is handed over.
  for (const LambdaCapture &C : L->captures()) {
    if (!C.capturesVariable())
      continue;
    const auto *V = dyn_cast_or_null<VarDecl>(C.getCapturedVar());
    if (!V || !isFunctionLocalStorage(V))
      continue;
    ObjectID O = Objects.getVar(V);
    if ((isDataPointer(V->getType()) && !Untracked.count(V)) || holdsPointers(O))
      emit<EscapeFact>(B, O, std::nullopt, EscapeFact::Via::Capture, L);
  }
}

void HeapLowering::lowerAllocation(const CFGBlock &B, const Expr *Alloc, const Allocator &A) {
  const Expr *Top = nullptr;
  const Stmt *P = consumer(Alloc, &Top);
  // `p = malloc(n)` and `T *p = new T;` are lowered by the assignment and the
  // declaration, which come later in evaluation order.
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    if (BO->getOpcode() == BO_Assign && BO->getRHS()->IgnoreParens() == Top &&
        trackedPointer(BO->getLHS()))
      return;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (VD->getInit() && VD->getInit()->IgnoreParens() == Top && VD->hasLocalStorage() &&
            isDataPointer(VD->getType()) && !VD->getType()->isReferenceType() &&
            !Untracked.count(VD))
          return;
  ObjectID Site = Objects.getHeapSite(Alloc);
  // A statement of its own, or cast to void: nobody will ever release it.
  // (No parent: a member initializer, which stores it in the object.)
  bool Discarded = P && (isa<CompoundStmt>(P) || isa<LabelStmt>(P) || isa<SwitchCase>(P));
  if (const auto *C = dyn_cast_or_null<CastExpr>(P); C && C->getType()->isVoidType()) {
    const Stmt *Outer = Parents.getParentIgnoreParens(const_cast<CastExpr *>(C));
    Discarded =
        !Outer || isa<CompoundStmt>(Outer) || isa<LabelStmt>(Outer) || isa<SwitchCase>(Outer);
  }
  emit<AcquireFact>(B, std::nullopt, Site, A, Discarded, Alloc);
  if (isa_and_nonnull<ReturnStmt>(P))
    emit<EscapeFact>(B, std::nullopt, Pointee{Pointee::Kind::Heap, Site}, EscapeFact::Via::Return,
                     P);
}

void HeapLowering::lowerAssign(const CFGBlock &B, ObjectID Dest, const Expr *RHS, const Stmt *S) {
  // `q = p + 1`: a copy of p, advanced.
  if (std::optional<PointerStep> Step = pointerStep(RHS, Ctx))
    if (Value Base = classify(Step->Base); Base.K == Value::Kind::Tracked) {
      emit<PointerAssignFact>(B, Dest, PointerAssignFact::From::Copy, Base.Obj, S);
      emit<PointerAssignFact>(B, Dest, PointerAssignFact::From::Advance, std::nullopt, S,
                              Step->Delta);
      return;
    }
  // `T *p = u.release();`: p owns what u held (the owner lowering empties u).
  if (const Expr *Call = stripPointerCasts(RHS); Owners)
    if (std::optional<Allocator> A = Owners->handedOver(Call)) {
      ObjectID Site = Objects.getHeapSite(Call);
      Objects.addOwns(Dest, Site);
      emit<AcquireFact>(B, Dest, Site, *A, false, Call);
      return;
    }
  Value V = classify(RHS);
  switch (V.K) {
  case Value::Kind::Null:
    emit<PointerAssignFact>(B, Dest, PointerAssignFact::From::Null, std::nullopt, S);
    return;
  case Value::Kind::Tracked:
    emit<PointerAssignFact>(B, Dest, PointerAssignFact::From::Copy, V.Obj, S);
    return;
  case Value::Kind::Address:
    emit<PointerAssignFact>(B, Dest, PointerAssignFact::From::Address, V.Obj, S);
    return;
  case Value::Kind::Alloc: {
    std::optional<Allocator> A = Model.allocatorOf(V.E);
    ObjectID Site = Objects.getHeapSite(V.E);
    Objects.addOwns(Dest, Site);
    emit<AcquireFact>(B, Dest, Site, *A, false, V.E);
    return;
  }
  case Value::Kind::Opaque:
    emit<PointerAssignFact>(B, Dest, PointerAssignFact::From::Opaque, std::nullopt, S);
    return;
  }
}

void HeapLowering::release(const CFGBlock &B, const Expr *Arg, AllocFamily Family,
                           ReleaseFact::Mode M, llvm::StringRef Releaser, const Stmt *S) {
  // `free(p + 1)`: p's block, released past its start (a step that is not a constant may
  // be 0: the argument stays unknown).
  if (std::optional<PointerStep> Step = pointerStep(Arg, Ctx); Step && Step->Delta)
    if (Value Base = classify(Step->Base); Base.K == Value::Kind::Tracked) {
      emit<ReleaseFact>(B, Base.Obj, std::nullopt, Family, M, Releaser, Arg, S, *Step->Delta);
      return;
    }
  Value V = classify(Arg);
  switch (V.K) {
  case Value::Kind::Null:
    return; // `delete nullptr` and `free(NULL)` do nothing
  case Value::Kind::Tracked:
    emit<ReleaseFact>(B, V.Obj, std::nullopt, Family, M, Releaser, Arg, S);
    return;
  case Value::Kind::Address:
    emit<ReleaseFact>(B, std::nullopt, Pointee{Pointee::Kind::NonHeap, V.Obj}, Family, M, Releaser,
                      Arg, S);
    return;
  case Value::Kind::Alloc:
    emit<ReleaseFact>(B, std::nullopt, Pointee{Pointee::Kind::Heap, Objects.getHeapSite(V.E)},
                      Family, M, Releaser, Arg, S);
    return;
  case Value::Kind::Opaque:
    return;
  }
}

void HeapLowering::lowerDelete(const CFGBlock &B, const CXXDeleteExpr *Del) {
  const FunctionDecl *Op = Del->getOperatorDelete();
  // A class-specific operator delete pairs with its own operator new.
  if (Op && !Op->isReplaceableGlobalAllocationFunction())
    return;
  bool Array = Del->isArrayForm();
  release(B, Del->getArgument(), Array ? AllocFamily::NewArray : AllocFamily::New,
          ReleaseFact::Mode::Now, Array ? "delete[]" : "delete", Del);
}

void HeapLowering::lowerCall(const CFGBlock &B, const LoweredCall &Call) {
  for (unsigned I = 0; I < Call.Site.Args.size(); ++I)
    lowerArgument(B, Call, I);
  lowerObject(B, Call);
  lowerReachedParams(B, Call);
}

void HeapLowering::lowerReachedParams(const CFGBlock &B, const LoweredCall &Call) {
  // Whatever the callee is known to do with the pointer, it may also write the fields
  // behind it (`memset(s, 0, n)`, `s->buf = NULL` in a helper): they become unknown.
  llvm::SmallVector<ObjectID, 2> Reached;
  for (const Expr *Arg : Call.Site.Args)
    if (std::optional<ObjectID> P = Keys.reachedBy(Arg))
      Reached.push_back(*P);
  if (std::optional<ObjectID> P = Keys.reachedBy(Call.Site.Object))
    Reached.push_back(*P);
  llvm::sort(Reached);
  Reached.erase(std::unique(Reached.begin(), Reached.end()), Reached.end());
  for (ObjectID P : Reached)
    emit<ReinitFact>(B, P, Call.Site.E);
}

void HeapLowering::lowerObject(const CFGBlock &B, const LoweredCall &Call) {
  const Expr *Obj = Call.Site.Object;
  const ArgumentEffect &Effect = Call.Effects.Object;
  if (!Obj || Effect.Heap == HeapEffect::Reads)
    return;
  // The pointer the object is reached through: `p` in `p->f()`, `(*p).f()`, `*p == q`.
  const Expr *Ptr = nullptr;
  if (isDataPointer(Obj->getType()))
    Ptr = Obj;
  else if (const auto *UO = dyn_cast<UnaryOperator>(Obj->IgnoreParenImpCasts());
           UO && UO->getOpcode() == UO_Deref)
    Ptr = UO->getSubExpr();
  if (!Ptr)
    return;
  if (Effect.Heap == HeapEffect::Releases) {
    // `delete this` on every path of the method's body.
    release(B, Ptr, Effect.Family, ReleaseFact::Mode::Now, Effect.Releaser, Call.Site.E);
    return;
  }
  // The method may `delete this` (intrusive reference counting: `p->unref()`) or hand
  // `this` to an owner, or nobody knows (no body, a virtual method): the object's memory
  // is no longer this function's to release, and no use of it is reported.
  if (Value V = classify(Ptr); V.K == Value::Kind::Tracked)
    emit<EscapeFact>(B, V.Obj, std::nullopt, EscapeFact::Via::Call, Call.Site.E);
}

bool HeapLowering::lowerOutPointer(const CFGBlock &B, const LoweredCall &Call, unsigned I) {
  // `f(&p)` and `f(p)` with `T *&` parameters: the callee may replace p.
  const Expr *Arg = Call.Site.Args[I];
  QualType PT = Call.Site.paramType(I);
  const Expr *Stripped = Arg->IgnoreParenImpCasts();
  std::optional<ObjectID> OutPtr;
  if (const auto *UO = dyn_cast<UnaryOperator>(Stripped); UO && UO->getOpcode() == UO_AddrOf) {
    if (!PT.isNull() && PT->isPointerType() && PT->getPointeeType().isConstQualified())
      return true;
    OutPtr = trackedPointer(UO->getSubExpr());
  } else if (!PT.isNull() && PT->isReferenceType() &&
             !PT.getNonReferenceType().isConstQualified() && Arg->isGLValue()) {
    OutPtr = trackedPointer(Arg);
  }
  if (!OutPtr)
    return false;
  emit<EscapeFact>(B, *OutPtr, std::nullopt, EscapeFact::Via::Call, Call.Site.E);
  // A library model may say the callee stores fresh memory there (`sqlite3_open`).
  if (const std::optional<Allocator> &Into = Call.Effects.Args[I].Into) {
    ObjectID Site = Objects.getHeapSite(Call.Site.E);
    Objects.addOwns(*OutPtr, Site);
    emit<AcquireFact>(B, *OutPtr, Site, *Into, false, Call.Site.E);
    return true;
  }
  emit<PointerAssignFact>(B, *OutPtr, PointerAssignFact::From::Opaque, std::nullopt, Call.Site.E);
  return true;
}

bool HeapLowering::lowerAggregateArgument(const CFGBlock &B, const LoweredCall &Call, unsigned I) {
  // An aggregate holding pointers, passed in any way: its pointers may be taken.
  const Expr *Stripped = Call.Site.Args[I]->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Stripped))
    if (!isDataPointer(DRE->getType()) && isFunctionLocalStorage(DRE->getDecl())) {
      ObjectID O = Objects.getVar(DRE->getDecl());
      if (holdsPointers(O))
        emit<EscapeFact>(B, O, std::nullopt, EscapeFact::Via::Call, Call.Site.E);
      return true;
    }
  if (const auto *UO = dyn_cast<UnaryOperator>(Stripped); UO && UO->getOpcode() == UO_AddrOf)
    if (std::optional<ObjectID> O = Objects.objectOf(UO->getSubExpr()))
      if (!isDataPointer(Objects.node(*O).Type) && holdsPointers(*O)) {
        emit<EscapeFact>(B, *O, std::nullopt, EscapeFact::Via::Call, Call.Site.E);
        return true;
      }
  return false;
}

void HeapLowering::lowerArgument(const CFGBlock &B, const LoweredCall &Call, unsigned I) {
  const Expr *Arg = Call.Site.Args[I];
  const ArgumentEffect &Effect = Call.Effects.Args[I];
  switch (Effect.Heap) {
  case HeapEffect::Releases:
    if (Effect.FromSummary)
      break; // a helper's release takes a pointer value: below
    release(B, Arg, Effect.Family, ReleaseFact::Mode::Now, Effect.Releaser, Call.Site.E);
    return;
  case HeapEffect::Reallocs:
    release(B, Arg, Effect.Family, ReleaseFact::Mode::Realloc, Effect.Releaser, Call.Site.E);
    return;
  case HeapEffect::Adopts:
    release(B, Arg, Effect.Family, ReleaseFact::Mode::Adopt, Effect.Releaser, Call.Site.E);
    return;
  case HeapEffect::Keeps:
    if (Effect.FromSummary)
      break;
    // `ownership_holds`: the callee keeps the pointer.
    if (Value V = classify(Arg); V.K == Value::Kind::Tracked)
      emit<EscapeFact>(B, V.Obj, std::nullopt, EscapeFact::Via::Call, Call.Site.E);
    return;
  case HeapEffect::Reads:
  case HeapEffect::Unknown:
    break;
  }
  // The callee uses the pointer's value only: neither an access nor a hand-over.
  if (Effect.ValueOnly)
    return;
  if (lowerOutPointer(B, Call, I) || lowerAggregateArgument(B, Call, I))
    return;
  Value V = classify(Arg);
  // A pointer bound to a `T *const &` parameter is passed by reference, without a read.
  if (V.K == Value::Kind::Opaque && Arg->isGLValue())
    if (std::optional<ObjectID> P = trackedPointer(Arg)) {
      V.K = Value::Kind::Tracked;
      V.Obj = *P;
    }
  if (V.K == Value::Kind::Null || V.K == Value::Kind::Opaque)
    return;
  if (Effect.Heap == HeapEffect::Releases) {
    release(B, Arg, Effect.Family, ReleaseFact::Mode::Now, Effect.Releaser, Call.Site.E);
    return;
  }
  if (V.K != Value::Kind::Tracked)
    return;
  emit<AccessFact>(B, V.Obj, Arg);
  // A callee that keeps it only for some results, tested by the branch of this block:
  // the branch hands it over, on the edges where the callee may have kept it.
  if (Effect.KeptWhen && Keeps.defer(Call.Site.E, V.Obj, *Effect.KeptWhen))
    return;
  // What the callee does with the pointer it receives: reads through it, or (unknown,
  // or as its summary says) may keep it.
  if (Effect.Heap != HeapEffect::Reads)
    emit<EscapeFact>(B, V.Obj, std::nullopt, EscapeFact::Via::Call, Call.Site.E);
}

void HeapLowering::lowerRead(const CFGBlock &B, const ImplicitCastExpr *Read, ObjectID Ptr) {
  const Expr *Top = nullptr;
  const Stmt *P = consumer(Read, &Top);
  if (!P)
    return;
  // Through the pointer: an access to the memory.
  if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
    switch (UO->getOpcode()) {
    case UO_Deref:
      emit<AccessFact>(B, Ptr, Read->getSubExpr());
      return;
    case UO_LNot:
      return;
    default:
      break;
    }
  }
  if (const auto *ME = dyn_cast<MemberExpr>(P); ME && ME->isArrow()) {
    emit<AccessFact>(B, Ptr, Read->getSubExpr());
    return;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P);
      AS && AS->getBase()->IgnoreParenImpCasts() == Top->IgnoreParenImpCasts()) {
    emit<AccessFact>(B, Ptr, Read->getSubExpr());
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
    if (BO->isComparisonOp() || BO->isLogicalOp()) {
      // Comparing a pointer reads only its value, which matters only when the other
      // side is a pointer too (a test against null does not ask which block).
      if (comparesWithPointer(*BO, Top, Ctx))
        emit<AccessFact>(B, Ptr, Read->getSubExpr(), /*ValueOnly=*/true);
      return;
    }
    if (BO->getOpcode() == BO_Assign && BO->getRHS()->IgnoreParens() == Top)
      return; // lowered with the assignment
    if (BO->isAdditiveOp()) {
      // `*(p + i)`: an access; `end = p + n`: a derived pointer we do not follow.
      const Stmt *Outer = consumer(BO);
      if (const auto *D = dyn_cast_or_null<UnaryOperator>(Outer); D && D->getOpcode() == UO_Deref)
        emit<AccessFact>(B, Ptr, Read->getSubExpr());
      else if (!isa_and_nonnull<BinaryOperator>(Outer) ||
               !cast<BinaryOperator>(Outer)->isComparisonOp())
        emit<EscapeFact>(B, Ptr, std::nullopt, EscapeFact::Via::Other, BO);
      return;
    }
  }
  if (const auto *C = dyn_cast<CastExpr>(P)) {
    if (C->getCastKind() == CK_PointerToBoolean || C->getType()->isVoidType())
      return;
  }
  // `new (buf) T` writes the new object into buf's memory; buf keeps owning it.
  if (constructsInto(P, Top)) {
    emit<AccessFact>(B, Ptr, Read->getSubExpr());
    return;
  }
  // Lowered elsewhere: declarations, returns, calls, deletes, captures, conditions.
  if (isa<DeclStmt>(P) || isa<ReturnStmt>(P) || isa<CallExpr>(P) || isa<CXXConstructExpr>(P) ||
      isa<CXXDeleteExpr>(P) || isa<LambdaExpr>(P) || isa<IfStmt>(P) || isa<WhileStmt>(P) ||
      isa<DoStmt>(P) || isa<ForStmt>(P))
    return;
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P);
      CO && CO->getCond()->IgnoreParenImpCasts() == Top->IgnoreParenImpCasts())
    return;
  // Anything else (a conditional's arm, an initializer list, a cast to an integer) may
  // keep the pointer somewhere we do not follow.
  emit<EscapeFact>(B, Ptr, std::nullopt, EscapeFact::Via::Other, P);
}

void HeapLowering::lowerAggregateRead(const CFGBlock &B, const DeclRefExpr *Ref) {
  if (isDataPointer(Ref->getType()) || !isFunctionLocalStorage(Ref->getDecl()))
    return;
  QualType T = Ref->getType().getNonReferenceType();
  if (!T->isRecordType())
    return;
  ObjectID O = Objects.getVar(Ref->getDecl());
  if (!holdsPointers(O))
    return;
  // `s.p` is the field, lowered on its own; `s` copied, returned or stored whole hands
  // its pointers on. Calls are lowered by lowerCall.
  const Stmt *P = Parents.getParentIgnoreParenImpCasts(const_cast<DeclRefExpr *>(Ref));
  if (!P || isa<MemberExpr>(P) || isa<CallExpr>(P) || isa<CXXConstructExpr>(P) ||
      isa<CXXMemberCallExpr>(P) || isa<LambdaExpr>(P))
    return;
  if (const auto *UO = dyn_cast<UnaryOperator>(P); UO && UO->getOpcode() == UO_AddrOf) {
    const Stmt *Outer = Parents.getParentIgnoreParenImpCasts(const_cast<UnaryOperator *>(UO));
    if (Outer && (isa<CallExpr>(Outer) || isa<CXXConstructExpr>(Outer)))
      return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(P);
      BO && BO->getOpcode() == BO_Assign && BO->getLHS()->IgnoreParenImpCasts() == Ref)
    return; // the target of `s = t`: FactsBuilder's Reinit
  if (const auto *DS = dyn_cast<DeclStmt>(P))
    if (DS->isSingleDecl() && DS->getSingleDecl() == Ref->getDecl())
      return;
  EscapeFact::Via How = isa<ReturnStmt>(P) ? EscapeFact::Via::Return : EscapeFact::Via::Other;
  emit<EscapeFact>(B, O, std::nullopt, How, P);
}

void HeapLowering::lowerValueTest(const CFGBlock &B, const Expr *Cond) {
  // `if (a || y == 0)`: as for null tests, the block that ends with the `if` tests the
  // right-hand side.
  const Expr *E = Cond;
  while (const auto *L = dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts())) {
    if (!L->isLogicalOp())
      break;
    E = L->getRHS();
  }
  if (std::optional<ConditionSources::ValueTest> T = Conditions.valueTest(E))
    emit<ValueTestFact>(B, Objects.getVar(T->Var), T->Value, T->EqualOnTrue, T->Known,
                        T->OncePerCall, Cond);
}

void HeapLowering::lowerCondition(const CFGBlock &B, const Expr *Cond) {
  bool NullOnTrue = false;
  std::optional<ObjectID> Storage;
  const Expr *E = Cond;
  // `if (!a || !b)`: the block that ends with the `if` evaluates `!b` and branches on it
  // (the block that evaluates `!a` ends with the `||` itself, whose condition is `!a`).
  while (const auto *L = dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts())) {
    if (!L->isLogicalOp())
      break;
    E = L->getRHS();
  }
  // `bool ok = p != nullptr; if (!ok)`, `if (const Result r = Result(p))`, `if (!Check(p))`:
  // the test the value stands for, a few values deep.
  unsigned LookThroughs = 0;
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (LookThroughs < 4)
      if (const Expr *Source = Conditions.lookThrough(E)) {
        ++LookThroughs;
        E = Source;
        continue;
      }
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
      NullOnTrue = !NullOnTrue;
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
      const Expr *Other = nullptr;
      if (isNullPointerExpr(BO->getRHS(), Ctx) && isDataPointer(BO->getLHS()->getType()))
        Other = BO->getLHS();
      else if (isNullPointerExpr(BO->getLHS(), Ctx) && isDataPointer(BO->getRHS()->getType()))
        Other = BO->getRHS();
      if (!Other && !Storage) {
        // `p != buf`, `p == &x`: a comparison with non-heap storage.
        for (auto [Ptr, Addr] :
             {std::pair(BO->getLHS(), BO->getRHS()), std::pair(BO->getRHS(), BO->getLHS())}) {
          Value V = classify(Addr);
          if (V.K == Value::Kind::Address && isDataPointer(Ptr->getType()) &&
              classify(Ptr).K == Value::Kind::Tracked) {
            Storage = V.Obj;
            Other = Ptr;
            break;
          }
        }
      }
      if (!Other)
        return;
      if (BO->getOpcode() == BO_EQ)
        NullOnTrue = !NullOnTrue;
      E = Other;
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->getOpcode() == BO_Assign) {
      E = BO->getLHS();
      continue;
    }
    // `static_cast<bool>(p)`, `(bool)p`: the explicit form of `if (p)`.
    if (const auto *C = dyn_cast<ExplicitCastExpr>(E);
        C && C->getType()->isBooleanType() &&
        (C->getCastKind() == CK_PointerToBoolean || C->getCastKind() == CK_NoOp)) {
      E = C->getSubExpr();
      continue;
    }
    break;
  }
  if (!isDataPointer(E->getType()))
    return;
  if (std::optional<ObjectID> P = trackedPointer(E))
    emit<NullTestFact>(B, *P, NullOnTrue, Cond, Storage);
}

} // namespace ownership::lowering
