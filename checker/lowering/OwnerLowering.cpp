//===- OwnerLowering.cpp - Owner objects: what they adopt and release -----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/OwnerLowering.h"

#include "checker/model/StdModel.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// Collects the local variables and the mentions of them in a body.
class OwnerMentions : public RecursiveASTVisitor<OwnerMentions> {
public:
  llvm::SmallVector<const VarDecl *, 4> Vars;
  llvm::SmallVector<const DeclRefExpr *, 8> Refs;
  llvm::SmallVector<const ValueDecl *, 2> Captured;

  bool VisitVarDecl(VarDecl *VD) {
    if (VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) && !VD->getType()->isReferenceType())
      Vars.push_back(VD);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    Refs.push_back(DRE);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable())
        Captured.push_back(C.getCapturedVar());
    return true;
  }
};

/// \p E through the nodes that build an object from a construction: temporaries,
/// conversions, the elidable copy of a temporary (before C++17).
const Expr *throughTemporaries(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
             Cast && (Cast->getCastKind() == CK_NoOp ||
                      Cast->getCastKind() == CK_ConstructorConversion))
      E = Cast->getSubExpr();
    else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
      E = FC->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E); C && C->isElidable() && C->getNumArgs())
      E = C->getArg(0);
    else
      return E;
  }
  return E;
}

bool isNullPointer(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreParenImpCasts();
  if (isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E))
    return true;
  return !E->isValueDependent() && E->getType()->isPointerType() &&
         E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
}

} // namespace

void OwnerLowering::begin() {
  if (!FD || !FD->getBody())
    return;
  OwnerMentions M;
  M.TraverseStmt(FD->getBody());
  // A deleter argument decides over the type's default (`std::shared_ptr<T>(p, d)`).
  for (const VarDecl *VD : M.Vars)
    if (std::optional<OwnerRelease> ByArgument = releaseByDeleterArgument(VD))
      Followed.try_emplace(VD, *ByArgument);
    else if (std::optional<OwnerRelease> R = Model.ownerRelease(VD->getType()))
      Followed.try_emplace(VD, *R);
  if (Followed.empty())
    return;
  // A lambda may run when the owner has changed, or after it is gone.
  for (const ValueDecl *V : M.Captured)
    if (const auto *VD = dyn_cast_or_null<VarDecl>(V))
      Followed.erase(VD);
  for (const DeclRefExpr *Ref : M.Refs) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || !Followed.count(VD))
      continue;
    Use U = classifyUse(Ref);
    // A shared_ptr whose copies we do not see may not be the last owner when it dies.
    bool Shared = isStdSharedPtr(VD->getType());
    if (U == Use::Escapes || (Shared && (U == Use::Unknown || U == Use::Copied)))
      Followed.erase(VD);
  }
}

std::optional<OwnerRelease> OwnerLowering::releaseByDeleterArgument(const VarDecl *VD) const {
  // `std::unique_ptr<FILE, decltype(&fclose)> f(fopen(name, "r"), &fclose)`,
  // `std::shared_ptr<int> p(new int[4], [](int *q) { delete[] q; })`: the deleter the
  // owner is constructed with decides how it releases.
  llvm::StringRef Class = stdClassName(VD->getType());
  if (Class != "unique_ptr" && Class != "shared_ptr")
    return std::nullopt;
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(throughTemporaries(VD->getInit()));
  if (!Construct || Construct->getNumArgs() < 2 || isa<CXXDefaultArgExpr>(Construct->getArg(1)))
    return std::nullopt;
  std::optional<AllocFamily> F = Model.deleterFamily(Construct->getArg(1));
  if (!F)
    return std::nullopt;
  return OwnerRelease{*F, Class == "unique_ptr" ? "~unique_ptr" : "~shared_ptr"};
}

const VarDecl *OwnerLowering::followedOwner(const Expr *E) const {
  if (!E)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && Followed.count(VD) ? VD : nullptr;
}

bool OwnerLowering::initializesFollowedOwner(const Stmt *Construct) const {
  const Stmt *Cur = Construct;
  const Stmt *P = Parents.getParent(Cur);
  while (P && (isa<ExprWithCleanups>(P) || isa<CXXBindTemporaryExpr>(P) ||
               isa<MaterializeTemporaryExpr>(P) || isa<ImplicitCastExpr>(P) ||
               isa<CXXFunctionalCastExpr>(P) || isa<ParenExpr>(P) ||
               (isa<CXXConstructExpr>(P) && cast<CXXConstructExpr>(P)->isElidable()))) {
    Cur = P;
    P = Parents.getParent(Cur);
  }
  const auto *DS = dyn_cast_or_null<DeclStmt>(P);
  if (!DS)
    return false;
  for (const Decl *D : DS->decls())
    if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == Cur)
      return Followed.count(VD);
  return false;
}

OwnerLowering::Use OwnerLowering::classifyUse(const DeclRefExpr *Ref) const {
  const Stmt *Cur = Ref;
  const Stmt *P = Parents.getParent(Cur);
  while (P && (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P))) {
    Cur = P;
    P = Parents.getParent(Cur);
  }
  if (!P)
    return Use::Unknown;
  if (const auto *UO = dyn_cast<UnaryOperator>(P); UO && UO->getOpcode() == UO_AddrOf)
    return Use::Escapes;
  if (isa<DeclStmt>(P))
    return Use::Escapes; // a reference bound to it (owners themselves are constructed)
  if (const auto *ME = dyn_cast<MemberExpr>(P)) {
    const Stmt *Call = Parents.getParent(ME);
    if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(Call); MC && MC->getCallee() == ME)
      return Use::Handled;
    return Use::Unknown;
  }
  // `std::move(u)`: what matters is where the moved value goes.
  if (const auto *Call = dyn_cast<CallExpr>(P); Call && getMovedOperand(Call)) {
    Cur = P;
    P = Parents.getParent(Cur);
    while (P && (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P) || isa<MaterializeTemporaryExpr>(P))) {
      Cur = P;
      P = Parents.getParent(Cur);
    }
    Use U = classifyCallUse(cast<Expr>(Cur), P);
    return U == Use::Copied ? Use::Handled : U; // a move, not a copy
  }
  return classifyCallUse(cast<Expr>(Cur), P);
}

OwnerLowering::Use OwnerLowering::classifyCallUse(const Expr *Cur, const Stmt *P) const {
  if (!P)
    return Use::Unknown;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(P)) {
    if (!initializesFollowedOwner(Construct))
      return Use::Unknown;
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (Ctor && Ctor->isCopyOrMoveConstructor() && Model.sharesOwnedPointer(Ctor))
      return Use::Handled; // both objects hold the pointer: lowered at the declaration
    return Ctor && Ctor->isCopyConstructor() ? Use::Copied : Use::Handled;
  }
  std::optional<CallSite> Site = isa<CallExpr>(P) ? getCallSite(P) : std::nullopt;
  if (!Site)
    return Use::Unknown;
  if (Site->Object && Site->Object->IgnoreParenImpCasts() == Cur->IgnoreParenImpCasts())
    return Use::Handled;
  for (unsigned I = 0; I < Site->Args.size(); ++I) {
    if (Site->Args[I]->IgnoreParenImpCasts() != Cur->IgnoreParenImpCasts())
      continue;
    const auto *Op = dyn_cast_or_null<CXXMethodDecl>(Site->Callee);
    if (Op && Op->getOverloadedOperator() == OO_Equal && followedOwner(Site->Object))
      return Op->isCopyAssignmentOperator() ? Use::Copied : Use::Handled;
    // A `const std::unique_ptr<T> &` lets the callee reach the memory, not change the
    // owner; a `const std::shared_ptr<T> &` also lets it take a share, except in the
    // standard's free functions (comparisons).
    QualType PT = Site->paramType(I);
    if (!PT.isNull() && PT->isLValueReferenceType() && PT->getPointeeType().isConstQualified() &&
        (!isStdSharedPtr(PT) || Model.isKnownNonOwning(Site->Callee)))
      return Use::Reads;
    return Use::Unknown;
  }
  return Use::Unknown;
}

std::optional<ObjectID> OwnerLowering::heldBy(const Expr *E) const {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(E->IgnoreParens());
  if (!MC)
    return std::nullopt;
  const VarDecl *Owner = followedOwner(MC->getImplicitObjectArgument());
  if (!Owner)
    return std::nullopt;
  std::optional<CallSite> Site = getCallSite(MC);
  if (!Site || Model.effectsOf(*Site).OnOwner != OwnerEffect::Lends)
    return std::nullopt;
  return Objects.getVar(Owner);
}

std::optional<Allocator> OwnerLowering::handedOver(const Expr *E) const {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(E->IgnoreParens());
  const VarDecl *Owner = MC ? followedOwner(MC->getImplicitObjectArgument()) : nullptr;
  if (!Owner)
    return std::nullopt;
  std::optional<CallSite> Site = getCallSite(MC);
  if (!Site || Model.effectsOf(*Site).OnOwner != OwnerEffect::Gives)
    return std::nullopt;
  const OwnerRelease &R = Followed.find(Owner)->second;
  return Allocator{R.Family, "release", /*WellKnown=*/false, /*HandsOver=*/true};
}

void OwnerLowering::lowerElement(const CFGBlock &B, const CFGElement &E, const LoweredCall *Call) {
  if (auto Dtor = E.getAs<CFGAutomaticObjDtor>()) {
    if (Followed.count(Dtor->getVarDecl()))
      release(B, Dtor->getVarDecl(), Followed.find(Dtor->getVarDecl())->second.Releaser,
              Dtor->getTriggerStmt());
    return;
  }
  auto S = E.getAs<CFGStmt>();
  if (!S)
    return;
  if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt()))
    return lowerDeclaration(B, DS);
  if (Call && followedOwner(Call->Site.Object))
    return lowerCall(B, *Call);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S->getStmt()))
    if (const VarDecl *Owner = followedOwner(Ref))
      if (Use U = classifyUse(Ref); U == Use::Unknown || U == Use::Copied)
        assign(B, Objects.getVar(Owner), PointerAssignFact::From::Disown, std::nullopt, Ref);
}

void OwnerLowering::lowerDeclaration(const CFGBlock &B, const DeclStmt *DS) {
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || !Followed.count(VD))
      continue;
    ObjectID O = Objects.getVar(VD);
    const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(throughTemporaries(VD->getInit()));
    if (!Construct) {
      // A factory's result (`std::make_unique<T>()`): memory no one else points to.
      assign(B, O, PointerAssignFact::From::Opaque, std::nullopt, DS);
      continue;
    }
    lowerConstruction(B, O, Construct, DS);
  }
}

void OwnerLowering::lowerConstruction(const CFGBlock &B, ObjectID O, const CXXConstructExpr *C,
                                      const Stmt *S) {
  std::optional<CallSite> Site = getCallSite(C);
  CallEffects Effects = Model.effectsOf(*Site);
  bool Std = !stdClassName(C->getType()).empty();
  // The argument the new owner adopts (`std::unique_ptr<T> u(p)`, `Holder h(p)`). A
  // second argument of a std owner is a deleter of the user's (`std::shared_ptr<T>(p, d)`).
  for (unsigned I = 0; I < Effects.Args.size(); ++I) {
    if (Effects.Args[I].Heap != HeapEffect::Adopts)
      continue;
    if (Std && C->getNumArgs() > 1 && !isa<CXXDefaultArgExpr>(C->getArg(1)) &&
        !Model.deleterFamily(C->getArg(1)))
      break;
    takeValue(B, O, C->getArg(I), S);
    return;
  }
  const CXXConstructorDecl *Ctor = C->getConstructor();
  if (Std && C->getNumArgs() == 0) {
    assign(B, O, PointerAssignFact::From::Null, std::nullopt, S);
    return;
  }
  if (Ctor && Ctor->isCopyOrMoveConstructor() && C->getNumArgs() >= 1) {
    // The implicit copy of a class whose destructor releases a pointer field copies the
    // pointer: both objects will release it.
    if (const VarDecl *From = followedOwner(C->getArg(0)); From && Model.sharesOwnedPointer(Ctor)) {
      assign(B, O, PointerAssignFact::From::Own, Objects.getVar(From), C);
      return;
    }
    if (Std) {
      takeValue(B, O, C->getArg(0), S);
      return;
    }
  }
  // A constructor that makes its own memory, or anything else: a value no one else has.
  assign(B, O, PointerAssignFact::From::Opaque, std::nullopt, S);
}

void OwnerLowering::takeValue(const CFGBlock &B, ObjectID O, const Expr *Src, const Stmt *S) {
  ASTContext &Ctx = Model.context();
  // `reset(pointer p = pointer())`: the default argument, a value-initialized pointer.
  if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(Src->IgnoreParenImpCasts()))
    Src = Default->getExpr();
  if (isNullPointer(Src, Ctx) || Src->IgnoreParenImpCasts()->getType()->isNullPtrType() ||
      isa<CXXScalarValueInitExpr>(Src->IgnoreParenImpCasts()) ||
      isa<ImplicitValueInitExpr>(Src->IgnoreParenImpCasts())) {
    assign(B, O, PointerAssignFact::From::Null, std::nullopt, S);
    return;
  }
  if (const Expr *Moved = getMovedOperand(Src)) {
    if (const VarDecl *From = followedOwner(Moved)) {
      ObjectID F = Objects.getVar(From);
      assign(B, O, PointerAssignFact::From::Own, F, S);
      assign(B, F, PointerAssignFact::From::Null, std::nullopt, S);
      return;
    }
    assign(B, O, PointerAssignFact::From::Opaque, std::nullopt, S);
    return;
  }
  if (const VarDecl *From = followedOwner(Src)) {
    // A copy shares the memory: neither copy alone releases it.
    assign(B, O, PointerAssignFact::From::Opaque, std::nullopt, S);
    assign(B, Objects.getVar(From), PointerAssignFact::From::Opaque, std::nullopt, S);
    return;
  }
  if (!isDataPointer(Src->getType())) {
    assign(B, O, PointerAssignFact::From::Opaque, std::nullopt, S);
    return;
  }
  HeapLowering::Value V = Heap.classify(Src);
  switch (V.K) {
  case HeapLowering::Value::Kind::Tracked:
    assign(B, O, PointerAssignFact::From::Own, V.Obj, S);
    return;
  case HeapLowering::Value::Kind::Alloc:
    assign(B, O, PointerAssignFact::From::Own, Objects.getHeapSite(V.E), S);
    return;
  case HeapLowering::Value::Kind::Null:
    assign(B, O, PointerAssignFact::From::Null, std::nullopt, S);
    return;
  case HeapLowering::Value::Kind::Address:
    // `std::unique_ptr<T> u(&local)`: its destruction will delete the local.
    assign(B, O, PointerAssignFact::From::Address, V.Obj, S);
    return;
  case HeapLowering::Value::Kind::Opaque:
    assign(B, O, PointerAssignFact::From::Opaque, std::nullopt, S);
    return;
  }
}

void OwnerLowering::lowerCall(const CFGBlock &B, const LoweredCall &Call) {
  const VarDecl *Owner = followedOwner(Call.Site.Object);
  ObjectID O = Objects.getVar(Owner);
  const Stmt *S = Call.Site.E;
  switch (Call.Effects.OnOwner) {
  case OwnerEffect::Reads:
  case OwnerEffect::Lends:
    return;
  case OwnerEffect::Accesses:
    Facts.append(B, Facts.create<AccessFact>(O, Call.Site.E));
    return;
  case OwnerEffect::Gives:
    // The caller holds the memory through the result now; the owner is empty.
    lowerDiscardedRelease(B, Owner, Call.Site.E);
    assign(B, O, PointerAssignFact::From::Disown, std::nullopt, S);
    assign(B, O, PointerAssignFact::From::Null, std::nullopt, S);
    return;
  case OwnerEffect::Resets:
    release(B, Owner, "reset", S);
    if (Call.Site.Args.empty())
      assign(B, O, PointerAssignFact::From::Null, std::nullopt, S);
    else
      takeValue(B, O, Call.Site.Args[0], S);
    return;
  case OwnerEffect::Assigns:
    release(B, Owner, "operator=", S);
    if (Call.Site.Args.empty())
      assign(B, O, PointerAssignFact::From::Opaque, std::nullopt, S);
    else
      takeValue(B, O, throughTemporaries(Call.Site.Args[0]), S);
    return;
  case OwnerEffect::Destroys:
    // Its life ended by hand: what it held is released, and nothing is left to release.
    release(B, Owner, Followed.find(Owner)->second.Releaser, S);
    return;
  case OwnerEffect::Unknown:
    // The call may let go of the memory (`h.detach()`): no longer counted as adopted.
    assign(B, O, PointerAssignFact::From::Disown, std::nullopt, S);
    return;
  }
}

void OwnerLowering::lowerDiscardedRelease(const CFGBlock &B, const VarDecl *Owner,
                                          const Expr *Call) {
  // `u.release();` as a statement of its own, or cast to void: nobody gets the memory, as
  // if the call had allocated it and its result were thrown away.
  const Stmt *P = Parents.getParentIgnoreParenImpCasts(const_cast<Expr *>(Call));
  if (const auto *Void = dyn_cast_or_null<CastExpr>(P); Void && Void->getType()->isVoidType())
    P = Parents.getParentIgnoreParenImpCasts(const_cast<CastExpr *>(Void));
  if (!P || !(isa<CompoundStmt>(P) || isa<LabelStmt>(P) || isa<SwitchCase>(P)))
    return;
  const OwnerRelease &R = Followed.find(Owner)->second;
  Allocator Handed{R.Family, "release", /*WellKnown=*/false, /*HandsOver=*/true};
  Facts.append(B, Facts.create<AcquireFact>(std::nullopt, Objects.getHeapSite(Call), Handed,
                                            /*Discarded=*/true, Call));
}

void OwnerLowering::release(const CFGBlock &B, const VarDecl *Owner, llvm::StringRef Releaser,
                            const Stmt *S) {
  const OwnerRelease &R = Followed.find(Owner)->second;
  Facts.append(B, Facts.create<ReleaseFact>(Objects.getVar(Owner), std::nullopt, R.Family,
                                            ReleaseFact::Mode::Now, Releaser, nullptr, S));
}

void OwnerLowering::assign(const CFGBlock &B, ObjectID O, PointerAssignFact::From From,
                           std::optional<ObjectID> Source, const Stmt *S) {
  Facts.append(B, Facts.create<PointerAssignFact>(O, From, Source, S));
}

} // namespace ownership::lowering
