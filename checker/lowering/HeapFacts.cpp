//===- HeapFacts.cpp - Lowering heap operations to ownership facts --------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/model/CallSite.h"
#include "checker/lowering/HeapFacts.h"

#include "checker/analysis/HeapSummaries.h"
#include "checker/model/StdModel.h"
#include "checker/support/ClangCompat.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

using namespace ownership::analysis;
using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// True for a pointer to data (not to a function): the pointers we track.
bool isDataPointer(QualType T) {
  T = T.getNonReferenceType();
  return !T.isNull() && T->isPointerType() && !T->getPointeeType()->isFunctionType();
}

/// The C library function \p FD stands for, by name, when it is one (a global or `std::`
/// function with C linkage or a builtin).
llvm::StringRef cLibraryName(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier())
    return {};
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  if (!DC->isTranslationUnit() && !FD->isInStdNamespace() && !FD->isExternC())
    return {};
  if (isa<CXXMethodDecl>(FD))
    return {};
  return FD->getName();
}

/// Allocator functions of the C library, all of the malloc family.
bool isCAllocator(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("malloc", "calloc", "realloc", "reallocarray", "strdup", "strndup", true)
      .Cases("aligned_alloc", "valloc", "pvalloc", "memalign", "wcsdup", true)
      .Cases("__builtin_malloc", "__builtin_calloc", "__builtin_realloc", "__builtin_strdup",
             "__builtin_strndup", true)
      .Default(false);
}

/// C library functions that read or write through their pointer arguments but never keep
/// or release them: passing a pointer to one is an access, not a hand-over.
bool isNonOwningCFunction(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("memcpy", "memmove", "memset", "memcmp", "memchr", "bzero", true)
      .Cases("strcpy", "strncpy", "strcat", "strncat", "strcmp", "strncmp", true)
      .Cases("strlen", "strnlen", "strchr", "strrchr", "strstr", "strspn", "strcspn", true)
      .Cases("strcasecmp", "strncasecmp", "strcoll", "strxfrm", "strpbrk", true)
      .Cases("sprintf", "snprintf", "vsprintf", "vsnprintf", "sscanf", "vsscanf", true)
      .Cases("printf", "fprintf", "vprintf", "vfprintf", "puts", "fputs", "fgets", true)
      .Cases("fread", "fwrite", "read", "write", "recv", "send", "pread", "pwrite", true)
      .Cases("atoi", "atol", "atoll", "atof", "strtol", "strtoul", "strtoll", true)
      .Cases("strtoull", "strtod", "strtof", "qsort", "bsearch", true)
      .Cases("wcslen", "wcscpy", "wcsncpy", "wmemcpy", "wmemset", "wcscmp", "wprintf", true)
      .Cases("__builtin_memcpy", "__builtin_memset", "__builtin_memmove", "__builtin_strlen",
             true)
      .Default(false);
}

/// True for functions marked `ownership_takes(malloc, ...)` and similar: index \p I is
/// taken (released) or held (stored) by \p FD.
std::optional<OwnershipAttr::OwnershipKind> ownershipOfParam(const FunctionDecl *FD,
                                                             unsigned I) {
  for (const OwnershipAttr *A : FD->specific_attrs<OwnershipAttr>()) {
    if (A->getOwnKind() == OwnershipAttr::Returns)
      continue;
    for (const ParamIdx &Idx : A->args())
      if (Idx.getASTIndex() == I)
        return A->getOwnKind();
  }
  return std::nullopt;
}

AllocFamily ownershipFamily(const OwnershipAttr *A) {
  return A->getModule() && A->getModule()->getName() == "malloc" ? AllocFamily::Malloc
                                                                  : AllocFamily::Unknown;
}

/// The std smart pointers that adopt a raw pointer in their constructors and `reset()`.
bool isAdoptingSmartPointer(QualType T) {
  const auto *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return false;
  return RD->getName() == "unique_ptr" || RD->getName() == "shared_ptr";
}

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

bool isNullPointerExpr(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreParenImpCasts();
  if (isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E))
    return true;
  return !E->isValueDependent() &&
         E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
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

} // namespace

bool familiesMatch(AllocFamily Allocated, AllocFamily Released) {
  return Allocated == AllocFamily::Unknown || Released == AllocFamily::Unknown ||
         Allocated == Released;
}

llvm::StringRef familyName(AllocFamily F) {
  switch (F) {
  case AllocFamily::Unknown:
    return "a user allocator";
  case AllocFamily::New:
    return "'new'";
  case AllocFamily::NewArray:
    return "'new[]'";
  case AllocFamily::Malloc:
    return "'malloc'";
  }
  llvm_unreachable("unknown family");
}

bool isKnownNonOwning(const FunctionDecl *Callee) {
  if (!Callee)
    return false;
  if (Callee->isInStdNamespace() && !isa<CXXMethodDecl>(Callee) &&
      !isa<CXXConstructorDecl>(Callee))
    return true;
  llvm::StringRef Name = cLibraryName(Callee);
  Name.consume_front("__builtin_");
  return !Name.empty() && isNonOwningCFunction(Name);
}

void HeapFactsBuilder::begin() {
  if (FD && FD->getBody())
    AddressTakenFinder(Parents, Untracked).TraverseStmt(FD->getBody());
  if (!FD)
    return;
  // Prepended in reverse so that the entry block lists them in parameter order.
  for (const ParmVarDecl *P : llvm::reverse(FD->parameters())) {
    if (!isDataPointer(P->getType()) || P->getType()->isReferenceType() || Untracked.count(P))
      continue;
    ObjectID Id = Objects.getVar(P);
    TrackedPointers.insert(Id.Value);
    PointerParams.insert(PointerParams.begin(), Id);
    Facts.prepend(Cfg.getEntry(),
                  Facts.create<PointerAssignFact>(Id, PointerAssignFact::From::Entry,
                                                  std::nullopt, FD->getBody()));
  }
}

void HeapFactsBuilder::finish() {
  // A branch condition is evaluated last in its block; its null test ends the block's
  // facts, where the dataflow's edge refinement looks for it.
  for (const CFGBlock *B : Cfg)
    if (B->succ_size() == 2)
      if (const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition()))
        lowerCondition(*B, Cond);
  // Parameters have no lifetime-end element in the CFG; their storage ends on return.
  for (ObjectID P : PointerParams)
    Facts.append(Cfg.getExit(), Facts.create<ScopeEndFact>(P, FD->getBody()));
}

std::optional<ObjectID> HeapFactsBuilder::trackedPointer(const Expr *LValue) {
  if (!LValue || !LValue->isGLValue() || !isDataPointer(LValue->getType()))
    return std::nullopt;
  const Expr *E = LValue->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (Untracked.count(DRE->getDecl()))
      return std::nullopt;
  std::optional<ObjectID> O = Objects.objectOf(LValue);
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

std::optional<ObjectID> HeapFactsBuilder::nonHeapStorage(const Expr *LValue) {
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
    return std::nullopt;
  // Storage below `*this` may itself be on the heap.
  if (isBelowThis(*O))
    return std::nullopt;
  // A parameter of array type is a pointer; its storage is the caller's.
  if (Objects.node(*O).K == StorageNode::Kind::Param)
    return std::nullopt;
  return O;
}

std::optional<AllocatorInfo> HeapFactsBuilder::allocation(const Expr *E) {
  if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
    const FunctionDecl *Op = New->getOperatorNew();
    // Placement new constructs in storage someone else owns; a class-specific operator
    // new has its own pool.
    if (!Op || !Op->isReplaceableGlobalAllocationFunction())
      return std::nullopt;
    if (New->isArray())
      return AllocatorInfo{AllocFamily::NewArray, "new[]"};
    return AllocatorInfo{AllocFamily::New, "new"};
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call || !isDataPointer(Call->getType()))
    return std::nullopt;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return std::nullopt;
  llvm::StringRef Name = cLibraryName(Callee);
  if (!Name.empty() && isCAllocator(Name))
    return AllocatorInfo{AllocFamily::Malloc, Name.starts_with("__builtin_")
                                                  ? Name.drop_front(10)
                                                  : Name};
  llvm::StringRef Spelled = Callee->getIdentifier() ? Callee->getName() : "allocator";
  for (const OwnershipAttr *A : Callee->specific_attrs<OwnershipAttr>())
    if (A->getOwnKind() == OwnershipAttr::Returns)
      return AllocatorInfo{ownershipFamily(A), Spelled};
  if (Callee->hasAttr<RestrictAttr>())
    return AllocatorInfo{AllocFamily::Unknown, Spelled};
  if (Summaries)
    if (const HeapSummary *S = Summaries->get(Callee))
      if (S->ReturnsFresh)
        return AllocatorInfo{*S->ReturnsFresh, Spelled};
  return std::nullopt;
}

HeapFactsBuilder::Value HeapFactsBuilder::classify(const Expr *E) {
  Value V;
  E = stripPointerCasts(E);
  if (isNullPointerExpr(E, Ctx)) {
    V.K = Value::Kind::Null;
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
    }
    return V;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf) {
    if (std::optional<ObjectID> S = nonHeapStorage(UO->getSubExpr())) {
      V.K = Value::Kind::Address;
      V.Obj = *S;
    }
    return V;
  }
  if (allocation(E)) {
    V.K = Value::Kind::Alloc;
    V.E = E;
  }
  return V;
}

const Stmt *HeapFactsBuilder::consumer(const Expr *E, const Expr **Top) const {
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

bool HeapFactsBuilder::isBelowThis(ObjectID O) const {
  for (std::optional<ObjectID> Cur = O; Cur; Cur = Objects.node(*Cur).Parent)
    if (Objects.node(*Cur).K == StorageNode::Kind::ThisObject)
      return true;
  return false;
}

bool HeapFactsBuilder::holdsPointers(ObjectID O) const {
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

void HeapFactsBuilder::lowerElement(const CFGBlock &B, const CFGElement &E) {
  if (auto S = E.getAs<CFGStmt>())
    lowerStmt(B, S->getStmt());
}

void HeapFactsBuilder::lowerStmt(const CFGBlock &B, const Stmt *S) {
  if (const auto *E = dyn_cast<Expr>(S))
    if (std::optional<AllocatorInfo> Info = allocation(E)) {
      // realloc's release of its argument comes first; lowerCall emits it.
      if (isa<CallExpr>(E))
        lowerCall(B, E);
      lowerAllocation(B, E, *Info);
      return;
    }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
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
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() != BO_Assign || !isDataPointer(BO->getLHS()->getType()))
      return;
    if (std::optional<ObjectID> P = trackedPointer(BO->getLHS())) {
      lowerAssign(B, *P, BO->getRHS(), BO);
      // A field of `*this` outlives the call: what it points to is the object's now.
      if (isBelowThis(*P))
        emit<EscapeFact>(B, *P, std::nullopt, EscapeFact::Via::Store, BO);
      return;
    }
    // Stored where we do not follow (a global, `*out`, `node->next`, `a[i]`).
    Value V = classify(BO->getRHS());
    if (V.K == Value::Kind::Tracked)
      emit<EscapeFact>(B, V.Obj, std::nullopt, EscapeFact::Via::Store, BO);
    return;
  }
  if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
    const Expr *RV = Ret->getRetValue();
    if (!RV)
      return;
    if (isDataPointer(RV->getType())) {
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
    return;
  }
  if (const auto *Del = dyn_cast<CXXDeleteExpr>(S)) {
    lowerDelete(B, Del);
    return;
  }
  if (isa<CallExpr>(S) || isa<CXXConstructExpr>(S)) {
    lowerCall(B, S);
    return;
  }
  if (const auto *L = dyn_cast<LambdaExpr>(S)) {
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
    return;
  }
  if (const auto *Read = dyn_cast<ImplicitCastExpr>(S)) {
    if (Read->getCastKind() == CK_LValueToRValue)
      if (std::optional<ObjectID> P = trackedPointer(Read->getSubExpr()))
        lowerRead(B, Read, *P);
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    lowerAggregateRead(B, DRE);
    return;
  }
}

void HeapFactsBuilder::lowerAllocation(const CFGBlock &B, const Expr *Alloc,
                                       AllocatorInfo Info) {
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
    Discarded = !Outer || isa<CompoundStmt>(Outer) || isa<LabelStmt>(Outer) ||
                isa<SwitchCase>(Outer);
  }
  emit<AcquireFact>(B, std::nullopt, Site, Info.Family, Discarded, Info.Name, Alloc);
  if (isa_and_nonnull<ReturnStmt>(P))
    emit<EscapeFact>(B, std::nullopt, Pointee{Pointee::Kind::Heap, Site},
                     EscapeFact::Via::Return, P);
}

void HeapFactsBuilder::lowerAssign(const CFGBlock &B, ObjectID Dest, const Expr *RHS,
                                   const Stmt *S) {
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
    std::optional<AllocatorInfo> Info = allocation(V.E);
    ObjectID Site = Objects.getHeapSite(V.E);
    Objects.addOwns(Dest, Site);
    emit<AcquireFact>(B, Dest, Site, Info->Family, false, Info->Name, V.E);
    return;
  }
  case Value::Kind::Opaque:
    emit<PointerAssignFact>(B, Dest, PointerAssignFact::From::Opaque, std::nullopt, S);
    return;
  }
}

void HeapFactsBuilder::release(const CFGBlock &B, const Expr *Arg, AllocFamily Family,
                               ReleaseFact::Mode M, llvm::StringRef Releaser, const Stmt *S) {
  Value V = classify(Arg);
  switch (V.K) {
  case Value::Kind::Null:
    return; // `delete nullptr` and `free(NULL)` do nothing
  case Value::Kind::Tracked:
    emit<ReleaseFact>(B, V.Obj, std::nullopt, Family, M, Releaser, Arg, S);
    return;
  case Value::Kind::Address:
    emit<ReleaseFact>(B, std::nullopt, Pointee{Pointee::Kind::NonHeap, V.Obj}, Family, M,
                      Releaser, Arg, S);
    return;
  case Value::Kind::Alloc:
    emit<ReleaseFact>(B, std::nullopt, Pointee{Pointee::Kind::Heap, Objects.getHeapSite(V.E)},
                      Family, M, Releaser, Arg, S);
    return;
  case Value::Kind::Opaque:
    return;
  }
}

void HeapFactsBuilder::lowerDelete(const CFGBlock &B, const CXXDeleteExpr *Del) {
  const FunctionDecl *Op = Del->getOperatorDelete();
  // A class-specific operator delete pairs with its own operator new.
  if (Op && !Op->isReplaceableGlobalAllocationFunction())
    return;
  bool Array = Del->isArrayForm();
  release(B, Del->getArgument(), Array ? AllocFamily::NewArray : AllocFamily::New,
          ReleaseFact::Mode::Now, Array ? "delete[]" : "delete", Del);
}

void HeapFactsBuilder::lowerCall(const CFGBlock &B, const Stmt *Call) {
  std::optional<CallSite> Site = getCallSite(Call);
  if (!Site)
    return;
  const FunctionDecl *Callee = Site->Callee;
  llvm::StringRef CName = cLibraryName(Callee);
  CName.consume_front("__builtin_");
  const auto *Construct = dyn_cast<CXXConstructExpr>(Call);
  bool Adopts = false;
  if (Construct && isAdoptingSmartPointer(Construct->getType()))
    Adopts = true;
  if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee))
    if (M->getIdentifier() && M->getName() == "reset" &&
        isAdoptingSmartPointer(compat::tagType(M->getParent())))
      Adopts = true;
  bool Variadic = Callee ? Callee->isVariadic() : (Site->Proto && Site->Proto->isVariadic());
  bool StdFree = Callee && Callee->isInStdNamespace() && !isa<CXXMethodDecl>(Callee) &&
                 !isa<CXXConstructorDecl>(Callee);
  bool KnownNonOwning = isKnownNonOwning(Callee);
  bool Visible = Callee && Callee->getDefinition() && Callee->getDefinition()->hasBody();
  const HeapSummary *Summary = nullptr;

  for (unsigned I = 0; I < Site->Args.size(); ++I) {
    const Expr *Arg = Site->Args[I];
    QualType PT = Site->paramType(I);

    // Releases and adoptions.
    if (CName == "free" || CName == "cfree") {
      release(B, Arg, AllocFamily::Malloc, ReleaseFact::Mode::Now, "free", Call);
      continue;
    }
    if ((CName == "realloc" || CName == "reallocarray") && I == 0) {
      release(B, Arg, AllocFamily::Malloc, ReleaseFact::Mode::Realloc, CName, Call);
      continue;
    }
    if (Adopts && I == 0 && isDataPointer(Arg->getType())) {
      release(B, Arg, AllocFamily::New, ReleaseFact::Mode::Adopt,
              Construct ? "adopted" : "reset", Call);
      continue;
    }
    if (Callee)
      if (std::optional<OwnershipAttr::OwnershipKind> K = ownershipOfParam(Callee, I)) {
        if (*K == OwnershipAttr::Takes) {
          AllocFamily F = AllocFamily::Unknown;
          for (const OwnershipAttr *A : Callee->specific_attrs<OwnershipAttr>())
            if (A->getOwnKind() == OwnershipAttr::Takes)
              F = ownershipFamily(A);
          release(B, Arg, F, ReleaseFact::Mode::Now, Callee->getName(), Call);
          continue;
        }
        Value V = classify(Arg);
        if (V.K == Value::Kind::Tracked)
          emit<EscapeFact>(B, V.Obj, std::nullopt, EscapeFact::Via::Call, Call);
        continue;
      }

    // `f(&p)` and `f(p)` with `T *&` parameters: the callee may replace p.
    const Expr *Stripped = Arg->IgnoreParenImpCasts();
    std::optional<ObjectID> OutPtr;
    if (const auto *UO = dyn_cast<UnaryOperator>(Stripped);
        UO && UO->getOpcode() == UO_AddrOf) {
      if (!PT.isNull() && PT->isPointerType() && PT->getPointeeType().isConstQualified())
        continue;
      OutPtr = trackedPointer(UO->getSubExpr());
    } else if (!PT.isNull() && PT->isReferenceType() &&
               !PT.getNonReferenceType().isConstQualified() && Arg->isGLValue()) {
      OutPtr = trackedPointer(Arg);
    }
    if (OutPtr) {
      emit<EscapeFact>(B, *OutPtr, std::nullopt, EscapeFact::Via::Call, Call);
      emit<PointerAssignFact>(B, *OutPtr, PointerAssignFact::From::Opaque, std::nullopt, Call);
      continue;
    }

    // An aggregate holding pointers, passed in any way: its pointers may be taken.
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Stripped))
      if (!isDataPointer(DRE->getType()) && isFunctionLocalStorage(DRE->getDecl())) {
        ObjectID O = Objects.getVar(DRE->getDecl());
        if (holdsPointers(O))
          emit<EscapeFact>(B, O, std::nullopt, EscapeFact::Via::Call, Call);
        continue;
      }
    if (const auto *UO = dyn_cast<UnaryOperator>(Stripped);
        UO && UO->getOpcode() == UO_AddrOf)
      if (std::optional<ObjectID> O = Objects.objectOf(UO->getSubExpr()))
        if (!isDataPointer(Objects.node(*O).Type) && holdsPointers(*O)) {
          emit<EscapeFact>(B, *O, std::nullopt, EscapeFact::Via::Call, Call);
          continue;
        }

    Value V = classify(Arg);
    // A pointer bound to a `T *const &` parameter is passed by reference, without a read.
    if (V.K == Value::Kind::Opaque && Arg->isGLValue())
      if (std::optional<ObjectID> P = trackedPointer(Arg)) {
        V.K = Value::Kind::Tracked;
        V.Obj = *P;
      }
    if (V.K == Value::Kind::Null || V.K == Value::Kind::Opaque)
      continue;
    bool IsVariadicArg = PT.isNull();
    // What the callee does with the pointer it receives.
    if (Visible && !StdFree && !IsVariadicArg) {
      if (!Summary && Summaries)
        Summary = Summaries->get(Callee);
      if (Summary && I < Summary->Params.size() &&
          Summary->Params[I] == HeapSummary::ParamEffect::Frees) {
        release(B, Arg, Summary->ParamFamilies[I], ReleaseFact::Mode::Now, Callee->getName(),
                Call);
        continue;
      }
      if (V.K != Value::Kind::Tracked)
        continue;
      if (Summary && I < Summary->Params.size()) {
        switch (Summary->Params[I]) {
        case HeapSummary::ParamEffect::Frees:
          continue;
        case HeapSummary::ParamEffect::None:
          emit<AccessFact>(B, V.Obj, Arg);
          continue;
        case HeapSummary::ParamEffect::Escapes:
          emit<AccessFact>(B, V.Obj, Arg);
          emit<EscapeFact>(B, V.Obj, std::nullopt, EscapeFact::Via::Call, Call);
          continue;
        }
      }
    }
    if (V.K != Value::Kind::Tracked)
      continue;
    emit<AccessFact>(B, V.Obj, Arg);
    // Pointer-to-const, the C library's non-owning functions, std algorithms and printf's
    // variadic arguments read the memory but do not take it.
    bool ConstPointee = !PT.isNull() && isDataPointer(PT) &&
                        PT.getNonReferenceType()->getPointeeType().isConstQualified();
    bool NonOwning = ConstPointee || KnownNonOwning || (IsVariadicArg && Variadic && Callee &&
                                 Callee->hasAttr<FormatAttr>());
    if (!NonOwning)
      emit<EscapeFact>(B, V.Obj, std::nullopt, EscapeFact::Via::Call, Call);
  }
}

void HeapFactsBuilder::lowerRead(const CFGBlock &B, const ImplicitCastExpr *Read, ObjectID Ptr) {
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
    if (BO->isComparisonOp() || BO->isLogicalOp())
      return; // comparing a pointer reads only its value
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
  // Lowered elsewhere: declarations, returns, calls, deletes, captures, conditions.
  if (isa<DeclStmt>(P) || isa<ReturnStmt>(P) || isa<CallExpr>(P) ||
      isa<CXXConstructExpr>(P) || isa<CXXDeleteExpr>(P) || isa<LambdaExpr>(P) ||
      isa<IfStmt>(P) || isa<WhileStmt>(P) || isa<DoStmt>(P) || isa<ForStmt>(P))
    return;
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P);
      CO && CO->getCond()->IgnoreParenImpCasts() == Top->IgnoreParenImpCasts())
    return;
  // Anything else (a conditional's arm, an initializer list, a cast to an integer) may
  // keep the pointer somewhere we do not follow.
  emit<EscapeFact>(B, Ptr, std::nullopt, EscapeFact::Via::Other, P);
}

void HeapFactsBuilder::lowerAggregateRead(const CFGBlock &B, const DeclRefExpr *Ref) {
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

void HeapFactsBuilder::lowerCondition(const CFGBlock &B, const Expr *Cond) {
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
  while (true) {
    E = E->IgnoreParenImpCasts();
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
        for (auto [Ptr, Addr] : {std::pair(BO->getLHS(), BO->getRHS()),
                                 std::pair(BO->getRHS(), BO->getLHS())}) {
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
    break;
  }
  if (!isDataPointer(E->getType()))
    return;
  if (std::optional<ObjectID> P = trackedPointer(E))
    emit<NullTestFact>(B, *P, NullOnTrue, Cond, Storage);
}

} // namespace ownership::lowering
