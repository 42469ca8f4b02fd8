//===- CaptureLowering.cpp - Lowering what threads keep of a function's locals -===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/CaptureLowering.h"

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
  bool Closures = llvm::any_of(Stored, [](QualType T) {
    return isBorrowerType(T) && !T->isPointerType() && !T->isReferenceType() &&
           !isPointerLikeClass(T);
  });
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
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && VD->hasLocalStorage() && VD->getInit() && isStdThread(VD->getType()) &&
          !VD->getType()->isReferenceType())
        lowerThreadValue(B, nullptr, Objects.getVar(VD), VD->getInit(), DS);
    return;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
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

} // namespace ownership::lowering
