//===- CaptureLowering.cpp - Lowering what threads keep of a function's locals -===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/CaptureLowering.h"

#include "checker/model/CallSite.h"
#include "checker/model/StdContainers.h"
#include "checker/model/StdModel.h"

#include "clang/AST/ExprCXX.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// Strips what stands between a thread (or an argument of its constructor) and the
/// expression written: temporaries, cleanups, conversions, functional casts.
const Expr *strip(const Expr *E) {
  for (int I = 0; I < 16 && E; ++I) {
    E = E->IgnoreParenImpCasts();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BTE->getSubExpr();
    else if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
      E = FC->getSubExpr();
    else
      return E;
  }
  return E;
}

/// True for the types of closures: std::function and lambda classes (borrowers that are
/// neither pointers, references nor pointer-like classes).
bool isClosureType(QualType T) {
  return isBorrowerType(T) && !T->isPointerType() && !T->isReferenceType() &&
         !isPointerLikeClass(T);
}

/// The container an element access `c[k]` or `a[i]` is into, as written.
const Expr *subscriptedContainer(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
    return Op->getArg(0);
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E))
    return ASE->getBase()->IgnoreParenImpCasts();
  return nullptr;
}

} // namespace

void CaptureLowering::argumentSources(llvm::ArrayRef<const Expr *> Args, BorrowSources &Out) {
  // std::thread decay-copies its callable and arguments ([thread.thread.constr]): a copy
  // of an owner borrows nothing, a closure, pointer, view or reference_wrapper keeps what
  // it borrows.
  for (const Expr *Arg : Args) {
    const Expr *A = strip(Arg);
    if (A && (isa<LambdaExpr>(A) || isBorrowerType(A->getType().getNonReferenceType())))
      Borrows.Finder.value(A, Out);
  }
}

void CaptureLowering::threadSources(const Expr *E, BorrowSources &Out) {
  E = strip(E);
  if (!E)
    return;
  if (const Expr *Moved = getMovedOperand(E))
    return threadSources(Moved, Out);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    if (CE->getConstructor()->isCopyOrMoveConstructor()) {
      if (CE->getNumArgs() >= 1)
        threadSources(CE->getArg(0), Out);
      return;
    }
    argumentSources(llvm::ArrayRef(CE->getArgs(), CE->getNumArgs()), Out);
    return;
  }
  // A thread object: whatever it holds.
  if (std::optional<ObjectID> O = Objects.objectOf(E))
    Out.push_back({/*IsCopy=*/true, *O, LoanClass::Object, E, {}});
}

void CaptureLowering::emitEscape(const CFGBlock &B, const BorrowSources &Sources,
                                 BorrowEscapeFact::Into How, ObjectID Place, const Expr *Written,
                                 const Stmt *S) {
  Facts.append(B, Facts.create<BorrowEscapeFact>(Borrows.allocate(Sources), S, How, Place, Written));
}

void CaptureLowering::lowerThreadValue(const CFGBlock &B, const Expr *Target,
                                       std::optional<ObjectID> Local, const Expr *Value,
                                       const Stmt *S) {
  BorrowSources Sources;
  threadSources(Value, Sources);
  if (Local) {
    // The new thread replaces the old one (which was joined or detached, or the
    // assignment terminates the program): an empty value clears what it held.
    Facts.append(B, Facts.create<BorrowFact>(*Local, Borrows.allocate(Sources), S));
    return;
  }
  if (!Target)
    return;
  std::optional<BorrowLowering::StorePlace> P = Borrows.placeOf(Target);
  if (!P || (Sources.empty() && !P->Exact))
    return;
  emitEscape(B, Sources, P->Exact ? BorrowEscapeFact::Into::Replace : BorrowEscapeFact::Into::Add,
             P->Place, P->Written, S);
}

void CaptureLowering::lowerMemberCall(const CFGBlock &B, const LoweredCall &Call) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Call.Site.Callee);
  const Expr *Obj = Call.Site.Object;
  if (!M || !Obj)
    return;
  if (lowerLocalClosureCall(B, Call))
    return;
  if (isThreadDetach(M)) {
    BorrowSources Sources;
    threadSources(Obj, Sources);

    if (Sources.empty())
      return;
    // The detached thread is a place that nothing clears (the object is left empty and
    // may be given another thread): what it holds is held when the function returns.
    std::optional<ObjectID> Place = Objects.objectOf(Obj);
    // `std::thread(...).detach()`: the call site's object is the construction; the
    // member call's own object is the temporary it materializes.
    const auto *MC = dyn_cast<CXXMemberCallExpr>(Call.Site.E);
    const Expr *Raw = MC ? MC->getImplicitObjectArgument()->IgnoreParens() : nullptr;
    if (const auto *MTE = dyn_cast_or_null<MaterializeTemporaryExpr>(Raw); !Place && MTE)
      Place = Objects.getTemporary(MTE);
    if (Place)
      emitEscape(B, Sources, BorrowEscapeFact::Into::Detach, *Place, Obj, Call.Site.E);
    return;
  }
  // `workers_.push_back(std::move(t))`, `workers_.emplace_back([&] {...})`,
  // `handlers_.emplace_back([&] {...})` into a container that outlives the frame.
  const ContainerModels *Models = &Borrows.Finder.model().containers();
  if (storeKindOf(M, Models) != StoreKind::Insert)
    return;
  QualType ContainerT = containerObjectType(Obj);
  if (ContainerT->isPointerType())
    ContainerT = ContainerT->getPointeeType();
  llvm::SmallVector<QualType, 2> Stored = storedTypes(ContainerT, Models);
  bool Threads = llvm::any_of(Stored, [](QualType T) { return isStdThread(T); });
  // A closure type (std::function): BorrowLowering follows the arguments of that very
  // type; a lambda converted to it in place (`emplace_back([&] {...})`) is followed here.
  bool Closures = llvm::any_of(Stored, isClosureType);
  if (!Threads && !Closures)
    return;
  std::optional<BorrowLowering::StorePlace> Place = Borrows.containerPlace(Obj);
  if (!Place)
    return;
  BorrowSources Sources;
  if (Threads) {
    bool InsertsThread = false;
    for (const Expr *Arg : Call.Site.Args)
      if (isStdThread(Arg->getType())) {
        InsertsThread = true;
        threadSources(Arg, Sources);
      }
    // No thread among the arguments: they construct one in place (emplace).
    if (!InsertsThread)
      argumentSources(Call.Site.Args, Sources);
  } else {
    for (const Expr *Arg : Call.Site.Args)
      if (const Expr *A = strip(Arg); A && A->getType()->getAsCXXRecordDecl() &&
                                        A->getType()->getAsCXXRecordDecl()->isLambda())
        Borrows.Finder.value(A, Sources);
  }
  if (!Sources.empty())
    emitEscape(B, Sources, BorrowEscapeFact::Into::Add, Place->Place, Place->Written, Call.Site.E);
}

void CaptureLowering::lowerElement(const CFGBlock &B, const CFGElement &E, const LoweredCall *Call) {
  std::optional<CFGStmt> CS = E.getAs<CFGStmt>();
  if (!CS)
    return;
  const Stmt *S = CS->getStmt();
  lowerClosureUse(B, S);
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && VD->hasLocalStorage() && VD->getInit() && isStdThread(VD->getType()) &&
          !VD->getType()->isReferenceType())
        lowerThreadValue(B, nullptr, Objects.getVar(VD), VD->getInit(), DS);
    return;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (lowerClosureElementAssign(B, Op))
      return;
    if (Op->getOperator() != OO_Equal || Op->getNumArgs() != 2 ||
        !isStdThread(Op->getArg(0)->getType()))
      return;
    std::optional<ObjectID> Local = Objects.objectOf(Op->getArg(0));
    if (Local && Borrows.outsideFrame(*Local))
      Local.reset();
    lowerThreadValue(B, Op->getArg(0), Local, Op->getArg(1), Op);
    return;
  }
  if (Call && isa<CXXMemberCallExpr>(S))
    lowerMemberCall(B, *Call);
}

//===----------------------------------------------------------------------===//
// Local containers of closures
//===----------------------------------------------------------------------===//

std::optional<ObjectID> CaptureLowering::localClosureContainer(const Expr *Obj) {
  if (!Obj || Obj->getType()->isPointerType())
    return std::nullopt;
  std::optional<ObjectID> C = Objects.objectOf(Obj);
  if (!C || Borrows.outsideFrame(*C))
    return std::nullopt;
  QualType T = Objects.node(*C).Type;
  if (T.isNull())
    return std::nullopt;
  if (const ArrayType *AT = T->getAsArrayTypeUnsafe())
    return isClosureType(AT->getElementType()) ? C : std::nullopt;
  if (llvm::any_of(storedTypes(T, &Borrows.Finder.model().containers()), isClosureType))
    return C;
  return std::nullopt;
}

void CaptureLowering::addToContainer(const CFGBlock &B, ObjectID C, const Expr *Obj,
                                     BorrowSources Sources, const Stmt *S) {
  if (Sources.empty())
    return;
  // The elements, not the container, borrow: inserting, counting or clearing calls no
  // closure. They keep what the other elements borrow: their value copies itself.
  ObjectID Elements = Objects.getElements(C);
  Sources.push_back({/*IsCopy=*/true, Elements, LoanClass::Object, Obj, {}});
  Facts.append(B, Facts.create<BorrowFact>(Elements, Borrows.allocate(Sources), S));
}

bool CaptureLowering::lowerLocalClosureCall(const CFGBlock &B, const LoweredCall &Call) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Call.Site.Callee);
  std::optional<ObjectID> C = localClosureContainer(Call.Site.Object);
  if (!M || !C)
    return false;
  switch (storeKindOf(M, &Borrows.Finder.model().containers())) {
  case StoreKind::None:
    return false;
  case StoreKind::Remove:
    // `clear()` empties it; `pop_back()`, `erase(k)` drop an element we do not tell
    // apart from the others: forgetting every loan can only miss findings.
    Facts.append(B, Facts.create<BorrowFact>(Objects.getElements(*C), BorrowedValue{},
                                             Call.Site.E));
    return true;
  case StoreKind::Insert:
    break;
  }
  // `push_back([&i] {...})` converts the lambda to a std::function temporary;
  // `emplace_back([&i] {...})` and `emplace(k, [&i] {...})` hand the lambda itself; a
  // std::function variable is copied with what it borrows.
  BorrowSources Sources;
  for (const Expr *Arg : Call.Site.Args)
    if (const Expr *A = strip(Arg); A && isClosureType(A->getType().getNonReferenceType()))
      Borrows.Finder.value(A, Sources);
  addToContainer(B, *C, Call.Site.Object, std::move(Sources), Call.Site.E);
  return true;
}

bool CaptureLowering::isAssignedTo(const Expr *E) const {
  const Stmt *P = Borrows.Parents.getParentIgnoreParenImpCasts(const_cast<Expr *>(E));
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(P))
    return Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
           Op->getArg(0)->IgnoreParenImpCasts() == E;
  return false;
}

void CaptureLowering::lowerClosureUse(const CFGBlock &B, const Stmt *S) {
  // What may call a closure of the container: iterating over it, or reaching one element
  // (`fs.front()`, `fs[i]`, `m.at(k)`, `slots[i]`) other than to assign it.
  const Expr *Container = nullptr;
  const Expr *At = nullptr;
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    // The loop's `auto &&__range = fs;` (asking the ParentMap creates no node for a
    // variable the function does not own).
    const auto *Loop = dyn_cast_or_null<CXXForRangeStmt>(
        Borrows.Parents.getParent(const_cast<DeclStmt *>(DS)));
    const auto *VD = Loop && Loop->getRangeStmt() == DS && DS->isSingleDecl()
                         ? dyn_cast<VarDecl>(DS->getSingleDecl())
                         : nullptr;
    if (VD && VD->getInit())
      Container = At = VD->getInit();
  } else if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(S)) {
    if (!isAssignedTo(ASE)) {
      Container = ASE->getBase()->IgnoreParenImpCasts();
      At = ASE;
    }
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    std::optional<CallSite> Site = getCallSite(Call);
    const auto *M = Site ? dyn_cast_or_null<CXXMethodDecl>(Site->Callee) : nullptr;
    // `emplace_back` returns a reference too, to the element it inserts.
    if (M && M->getReturnType()->isReferenceType() && !isAssignedTo(Call) &&
        storeKindOf(M, &Borrows.Finder.model().containers()) == StoreKind::None) {
      Container = Site->Object;
      At = Call;
    }
  }
  if (std::optional<ObjectID> C = localClosureContainer(Container))
    Facts.append(B, Facts.create<UseFact>(Objects.getElements(*C), At));
}

bool CaptureLowering::lowerClosureElementAssign(const CFGBlock &B, const CXXOperatorCallExpr *Op) {
  if (Op->getOperator() != OO_Equal || Op->getNumArgs() != 2 ||
      !isClosureType(Op->getArg(0)->getType().getNonReferenceType()))
    return false;
  const Expr *Container = subscriptedContainer(Op->getArg(0));
  std::optional<ObjectID> C = localClosureContainer(Container);
  if (!C)
    return false;
  // The element replaced may have been the only one that borrowed something; which one
  // it was is not followed, so the container keeps what it held.
  BorrowSources Sources;
  Borrows.Finder.value(Op->getArg(1), Sources);
  addToContainer(B, *C, Container, std::move(Sources), Op);
  return true;
}

} // namespace ownership::lowering
