//===- MoveLowering.cpp - Lowering moves, uses and scope ends -------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/MoveLowering.h"

#include "checker/lowering/HeapValues.h"
#include "checker/lowering/Sequencing.h"
#include "checker/model/CallSite.h"
#include "checker/model/StdModel.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

constexpr llvm::StringLiteral TestPointPrefix = "__ownership_point_";


} // namespace

bool MoveLowering::isMovableType(QualType T) const {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isDependentType() || !T->isRecordType())
    return false;
  return !T.isTriviallyCopyableType(Ctx);
}

const Stmt *MoveLowering::parentSkippingImplicit(const Stmt *S) const {
  // ParentMap's API is not const-correct; it does not modify the statement.
  return Parents.getParentIgnoreParenImpCasts(const_cast<Stmt *>(S));
}

void MoveLowering::begin() {
  collectDeclarations();
  collectNonNullBranches();
  Elements.begin();
}

void MoveLowering::enterBlock(const CFGBlock &B) {
  // A full-expression split over blocks (`c ? s.size() : 0` in an argument) is ordered
  // only within each block.
  FullExpr = nullptr;
  FullExprUses.clear();
  FullExprMoves.clear();
  // The loop that moved every element of a container has just been left.
  for (const ElementMoves::WholeMove &M : Elements.movesOnEntry(B))
    emit<MoveFact>(B, M.Elements, M.MoveCall, M.Consumer);
  for (const auto &[Reinit, Loop] : Elements.reinitsOnEntry(B))
    emit<ReinitFact>(B, Reinit, Loop);
  auto Known = NonNullOnEntry.find(B.getBlockID());
  if (Known != NonNullOnEntry.end())
    for (const auto &[Obj, Cond] : Known->second)
      emit<ReinitFact>(B, Obj, Cond);
}

void MoveLowering::lowerElement(const CFGBlock &B, const CFGElement &E, const LoweredCall *Call) {
  if (auto S = E.getAs<CFGStmt>()) {
    lowerStmt(B, S->getStmt(), Call);
  } else if (auto L = E.getAs<CFGLifetimeEnds>()) {
    const VarDecl *VD = L->getVarDecl();
    // A reference's lifetime ending does not end the lifetime of what it names.
    if (!VD->getType()->isReferenceType() && isFunctionLocalStorage(VD))
      emit<ScopeEndFact>(B, Objects.getVar(VD), L->getTriggerStmt());
  } else if (auto I = E.getAs<CFGInitializer>()) {
    const CXXCtorInitializer *Init = I->getInitializer();
    if (const FieldDecl *F = Init->getAnyMember())
      if (isa<FieldDecl>(F) && Init->getInit())
        emit<ReinitFact>(B, Objects.getField(Objects.getThis(), F), Init->getInit());
  }
}

void MoveLowering::collectNonNullBranches() {
  for (const CFGBlock *B : Cfg) {
    const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    if (!Cond || B->succ_size() != 2)
      continue;
    // Which way the branch goes when the pointer is non-null: `p`, `!p`, `p != nullptr`,
    // `nullptr == p`, ...
    bool NonNullWhenTrue = true;
    const Expr *E = Cond->IgnoreParenImpCasts();
    while (const auto *Not = dyn_cast<UnaryOperator>(E)) {
      if (Not->getOpcode() != UO_LNot)
        break;
      NonNullWhenTrue = !NonNullWhenTrue;
      E = Not->getSubExpr()->IgnoreParenImpCasts();
    }
    const Expr *Ptr = nullptr;
    if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(E)) {
      // C++20 spells `p != nullptr` and `nullptr == p` through operator== rewrites.
      CXXRewrittenBinaryOperator::DecomposedForm D = Rewritten->getDecomposedForm();
      if (D.Opcode == BO_EQ || D.Opcode == BO_NE) {
        if (isNullPointerExpr(D.RHS, Ctx))
          Ptr = D.LHS;
        else if (isNullPointerExpr(D.LHS, Ctx))
          Ptr = D.RHS;
        if (D.Opcode == BO_EQ)
          NonNullWhenTrue = !NonNullWhenTrue;
      }
    } else if (const auto *Conv = dyn_cast<CXXMemberCallExpr>(E)) {
      if (isa_and_nonnull<CXXConversionDecl>(Conv->getMethodDecl()))
        Ptr = Conv->getImplicitObjectArgument();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      OverloadedOperatorKind K = Op->getOperator();
      if ((K == OO_EqualEqual || K == OO_ExclaimEqual) && Op->getNumArgs() == 2) {
        if (isNullPointerExpr(Op->getArg(1), Ctx))
          Ptr = Op->getArg(0);
        else if (isNullPointerExpr(Op->getArg(0), Ctx))
          Ptr = Op->getArg(1);
        if (K == OO_EqualEqual)
          NonNullWhenTrue = !NonNullWhenTrue;
      }
    }
    if (!Ptr || !isStdSmartPointer(Ptr->getType()))
      continue;
    std::optional<ObjectID> Obj = Objects.objectOf(Ptr);
    if (!Obj)
      continue;
    // A moved-from std::unique_ptr or std::shared_ptr is empty, so on the side where the
    // pointer is known to be non-null it holds an object: it was not moved from, or was
    // given a value since. Recording that as a reinitialization at the entry of that
    // side keeps `if (p) p->f();` after `take(std::move(p))` silent: the body cannot
    // run.
    const CFGBlock *Side = *(B->succ_begin() + (NonNullWhenTrue ? 0 : 1));
    const CFGBlock *NullSide = *(B->succ_begin() + (NonNullWhenTrue ? 1 : 0));
    if (!Side || Side == NullSide)
      continue;
    // `if (!p) p = make();` joins the non-null side with a null side that gives p a value:
    // p holds an object after the join too. Any other predecessor of the join could bring
    // a moved-from p, and then nothing is learned.
    bool OnlyRefilled = llvm::all_of(Side->preds(), [&](const CFGBlock *Pred) {
      return !Pred || Pred == B ||
             (Pred == NullSide && Pred->pred_size() == 1 && assignsInBlock(*Pred, *Obj));
    });
    if (OnlyRefilled)
      NonNullOnEntry[Side->getBlockID()].push_back({*Obj, Cond});
  }
}

bool MoveLowering::assignsInBlock(const CFGBlock &B, ObjectID Obj) {
  for (const CFGElement &E : B) {
    auto S = E.getAs<CFGStmt>();
    if (!S)
      continue;
    const Expr *Target = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(S->getStmt())) {
      if (BO->getOpcode() == BO_Assign)
        Target = BO->getLHS();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S->getStmt())) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        Target = Op->getArg(0);
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S->getStmt())) {
      if (isReinitializingMethod(MC->getMethodDecl()))
        Target = MC->getImplicitObjectArgument();
    }
    if (Target && Objects.objectOf(Target) == Obj)
      return true;
  }
  return false;
}

void MoveLowering::collectDeclarations() {
  for (const CFGBlock *B : Cfg)
    for (const CFGElement &E : *B) {
      auto S = E.getAs<CFGStmt>();
      if (!S)
        continue;
      const auto *DS = dyn_cast<DeclStmt>(S->getStmt());
      if (!DS)
        continue;
      for (const Decl *D : DS->decls()) {
        const auto *VD = dyn_cast<VarDecl>(D);
        if (!VD || !VD->hasLocalStorage() || !VD->getInit())
          continue;
        const Expr *Init = VD->getInit();
        if (VD->getType()->isReferenceType()) {
          // `T &r = s;` and `T &&r = std::move(s);` name s; they never rebind.
          if (const Expr *Moved = getMovedOperand(Init))
            Init = Moved;
          if (std::optional<ObjectID> Target = Objects.objectOf(Init)) {
            ObjectID Self = Objects.getVar(VD);
            if (Self != *Target)
              Objects.addAlias(Self, *Target);
          }
        } else if (VD->getType()->isPointerType()) {
          if (const auto *Addr = dyn_cast<UnaryOperator>(Init->IgnoreParenImpCasts()))
            if (Addr->getOpcode() == UO_AddrOf)
              if (std::optional<ObjectID> Target = Objects.objectOf(Addr->getSubExpr()))
                Objects.addBorrow(Objects.getVar(VD), *Target);
        }
      }
    }
}

void MoveLowering::lowerStmt(const CFGBlock &B, const Stmt *S, const LoweredCall *Call) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    if (isFunctionLocalStorage(DRE->getDecl()))
      lowerAccess(B, DRE);
    return;
  }
  if (const auto *This = dyn_cast<CXXThisExpr>(S)) {
    const auto *ME = dyn_cast_or_null<MemberExpr>(parentSkippingImplicit(This));
    if (ME && ME->isArrow() && isa<FieldDecl>(ME->getMemberDecl()))
      lowerAccess(B, This);
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->hasLocalStorage())
        continue;
      // A declaration gives the variable a fresh value, every time control reaches it
      // (a loop body's locals, a range-for variable). A reference names new storage each
      // time too (`for (auto &x : v)`: the next element), unless it is an alias of
      // tracked storage, whose state binding a name to it does not change.
      ObjectID Self = Objects.getVar(VD);
      if (!VD->getType()->isReferenceType() || Objects.resolveAlias(Self) == Self)
        emit<ReinitFact>(B, Self, DS);
      // `for (std::string s : v)` copies an element of v.
      if (std::optional<ObjectID> Copied = Elements.elementsCopiedBy(Self))
        if (VD->getInit())
          emitUse(B, *Copied, VD->getInit());
      if (const auto *DD = dyn_cast<DecompositionDecl>(VD))
        for (const BindingDecl *BD : DD->bindings())
          emit<ReinitFact>(B, Objects.getVar(BD), DS);
    }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign)
      if (std::optional<ObjectID> Target = Objects.objectOf(BO->getLHS())) {
        emit<ReinitFact>(B, *Target, BO);
        // `int &r = v[0]; r = 5;` writes to what r refers to, which must still exist: a
        // use of the reference. It comes after the Reinit, so that what r refers to has
        // its new value when the use is seen (a moved-from referent is not reported).
        const StorageNode &N = Objects.node(*Target);
        if (N.K == StorageNode::Kind::Local && N.Decl && N.Decl->getType()->isReferenceType())
          emit<UseFact>(B, *Target, BO->getLHS());
      }
    return;
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(S)) {
    if (Cast->getType()->isVoidType())
      if (const auto *Lit = dyn_cast<StringLiteral>(Cast->getSubExpr()->IgnoreParenImpCasts()))
        if (Lit->getCharByteWidth() == 1 && Lit->getString().starts_with(TestPointPrefix))
          emit<TestPointFact>(B, Lit->getString().drop_front(TestPointPrefix.size()), Cast);
    return;
  }
  if (!Call)
    return;
  // `std::move(v.begin(), v.end(), out)` moves every element of v.
  if (std::optional<ObjectID> Moved = Elements.movedByAlgorithm(Call->Site.E))
    emitMove(B, *Moved, Call->Site.E, Call->Site.E);
  lowerCall(B, *Call);
}

void MoveLowering::lowerAccess(const CFGBlock &B, const Expr *Root) {
  // Climb to the longest access path that starts at Root: `p` in `p.a.b` is `p.a.b`.
  const Expr *Top = Root;
  while (const Stmt *P = Parents.getParent(Top)) {
    if (isa<ParenExpr>(P)) {
      Top = cast<Expr>(P);
      continue;
    }
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P)) {
      CastKind CK = ICE->getCastKind();
      if (CK == CK_NoOp || CK == CK_DerivedToBase || CK == CK_UncheckedDerivedToBase) {
        Top = ICE;
        continue;
      }
      break;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (!isa<FieldDecl>(ME->getMemberDecl()))
        break;
      // Through `->` only from `this`: other pointees are not this function's storage.
      if (ME->isArrow() && !isa<CXXThisExpr>(Top->IgnoreParenImpCasts()))
        break;
      Top = ME;
      continue;
    }
    break;
  }
  std::optional<ObjectID> Obj = Objects.objectOf(Top);
  if (!Obj || lowerElementAccess(B, Root, Top, *Obj) || isNonUseContext(Top))
    return;
  emitUse(B, *Obj, Top);
}

bool MoveLowering::lowerElementAccess(const CFGBlock &B, const Expr *Root, const Expr *Top,
                                      ObjectID Obj) {
  // `for (auto &e : v)`: e is one of v's elements. Giving it a value (or letting a callee
  // do so) makes "every element is moved-from" unknown.
  if (std::optional<ObjectID> Named = Elements.elementsNamedBy(Obj)) {
    if (isNonUseContext(Top)) {
      emit<ReinitFact>(B, *Named, Top);
    } else {
      emitUse(B, Obj, Top);
      emitUse(B, *Named, Top);
    }
    return true;
  }
  std::optional<ObjectID> Named = Elements.elementsOf(Obj);
  if (!Named)
    return false;
  // The loop's own `__range.begin()` reads nothing; the loop variable does.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Root))
    if (Objects.rangeForPart(Objects.getVar(Ref->getDecl())) != ObjectTable::RangeForPart::None)
      return false;
  // A reference bound to the container (a range-for's `__range`) is an alias of it:
  // what is done through it is seen as done to the container.
  const Stmt *P = parentSkippingImplicit(Top);
  if (isa_and_nonnull<DeclStmt>(P))
    return false;
  // The member called on the container, if any: `v[0]`, `v.front()`, `v.size()`.
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(P))
    P = Parents.getParentIgnoreParens(ME);
  std::optional<CallSite> Site = P ? getCallSite(P) : std::nullopt;
  const auto *M = Site && Site->Object && Site->Object->IgnoreParenImpCasts() ==
                                              Top->IgnoreParenImpCasts()
                      ? dyn_cast_or_null<CXXMethodDecl>(Site->Callee)
                      : nullptr;
  switch (M ? elementUseOf(M) : ElementUse::Other) {
  case ElementUse::Reads:
    // `v[0] = x`, `v.front().clear()`, `T &r = v[0]`: an element gets a value, or may.
    if (isNonUseContext(Site->E))
      emit<ReinitFact>(B, *Named, Site->E);
    else
      emitUse(B, *Named, Top);
    return true;
  case ElementUse::None:
    return false;
  case ElementUse::Other:
    // Inserts, erases, iterators that may write, a callee that gets the container: what
    // the elements hold is not known any more.
    emit<ReinitFact>(B, *Named, Top);
    return false;
  }
  llvm_unreachable("unknown element use");
}

void MoveLowering::enterFullExpression(const Stmt *S) {
  const Stmt *Root = S;
  while (const Stmt *P = Parents.getParent(Root)) {
    if (!isa<Expr>(P))
      break;
    Root = P;
  }
  if (Root == FullExpr)
    return;
  FullExpr = Root;
  FullExprUses.clear();
  FullExprMoves.clear();
}

void MoveLowering::emitUse(const CFGBlock &B, ObjectID Obj, const Expr *UseExpr) {
  // What is never moved (an `int`, a raw pointer) needs no order.
  if (!isMovableType(Objects.node(Obj).Type)) {
    emit<UseFact>(B, Obj, UseExpr);
    return;
  }
  enterFullExpression(UseExpr);
  UseOrder Order = UseOrder::Listed;
  const Stmt *Consumer = nullptr;
  // The latest move of the object (or of one containing it) whose order with the use
  // C++ says decides: listed before the use, it may still come after it.
  for (const MoveFact *M : llvm::reverse(FullExprMoves)) {
    if (!Objects.contains(M->getObject(), Obj))
      continue;
    Sequence S = sequenceOf(UseExpr, M->getStmt(), Parents, Ctx.getLangOpts());
    if (S == Sequence::Unknown)
      continue;
    if (S == Sequence::Before)
      Order = UseOrder::UseFirst;
    else if (S == Sequence::Unsequenced)
      Order = UseOrder::Unsequenced;
    else if (S == Sequence::CalleeReads)
      Order = UseOrder::CalleeReads;
    if (Order != UseOrder::Listed)
      Consumer = M->getStmt();
    break;
  }
  const auto *U = Facts.create<UseFact>(Obj, UseExpr, Order, Consumer);
  Facts.append(B, U);
  FullExprUses.push_back(U);
}

void MoveLowering::emitMove(const CFGBlock &B, ObjectID Obj, const Expr *MoveCall,
                            const Stmt *Consumer) {
  enterFullExpression(Consumer);
  const auto *M = Facts.create<MoveFact>(Obj, MoveCall, Consumer);
  Facts.append(B, M);
  FullExprMoves.push_back(M);
  // `f(s.size(), std::move(s))`, `g(s, std::move(s))` with a by-value second parameter:
  // the use was lowered first, but C++ leaves the order open, or reads the use later.
  // Repeating it after the move lets the moved-from pass see it there; the repeat is not
  // a use of its own for later moves.
  llvm::SmallVector<const UseFact *, 2> Repeats;
  for (const UseFact *U : FullExprUses) {
    if (U->getOrder() != UseOrder::Listed || !Objects.contains(Obj, U->getObject()))
      continue;
    UseOrder Order;
    switch (sequenceOf(U->getUseExpr(), Consumer, Parents, Ctx.getLangOpts())) {
    case Sequence::Unsequenced:
      Order = UseOrder::Unsequenced;
      break;
    case Sequence::CalleeReads:
      Order = UseOrder::CalleeReads;
      break;
    case Sequence::After:
      Order = UseOrder::MoveFirst;
      break;
    case Sequence::Before:
    case Sequence::Unknown:
      continue;
    }
    Repeats.push_back(Facts.create<UseFact>(U->getObject(), U->getUseExpr(), Order, Consumer));
  }
  for (const UseFact *U : Repeats)
    Facts.append(B, U);
}

bool MoveLowering::isNonUseContext(const Expr *Top) const {
  const Stmt *P = parentSkippingImplicit(Top);
  if (!P)
    return false;
  // Top may end in a no-op or derived-to-base cast (`const T &` binding); compare the
  // storage expressions underneath.
  const Expr *Bare = Top->IgnoreParenImpCasts();
  auto Is = [Bare](const Expr *E) { return E && E->IgnoreParenImpCasts() == Bare; };

  // `x.clear()`, `p.get()`: the object of a member call.
  if (const auto *ME = dyn_cast<MemberExpr>(P)) {
    const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Parents.getParentIgnoreParens(ME));
    if (!Call || Call->getCallee()->IgnoreParens() != ME)
      return false;
    const CXXMethodDecl *M = Call->getMethodDecl();
    return isReinitializingMethod(M) || isValidOnMovedFrom(M);
  }
  // `x = y` on a trivially copyable type.
  if (const auto *BO = dyn_cast<BinaryOperator>(P))
    return BO->getOpcode() == BO_Assign && Is(BO->getLHS());
  // `T &r = x;` binds a name; using r later is the use.
  if (const auto *DS = dyn_cast<DeclStmt>(P)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (VD->getType()->isReferenceType() && Is(VD->getInit()))
          return true;
    return false;
  }
  // `[&x] { ... }` reads nothing until the lambda runs.
  if (const auto *Lambda = dyn_cast<LambdaExpr>(P)) {
    auto Init = Lambda->capture_init_begin();
    for (const LambdaCapture &C : Lambda->captures()) {
      if (Init == Lambda->capture_init_end())
        break;
      if (Is(*Init) && C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
        return true;
      ++Init;
    }
    return false;
  }
  // `&x` handed to a `T*` parameter is an out-argument.
  bool ThroughAddress = false;
  const Stmt *CallStmt = P;
  const Expr *Arg = Top;
  if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
    if (UO->getOpcode() != UO_AddrOf)
      return false;
    ThroughAddress = true;
    Arg = UO;
    CallStmt = parentSkippingImplicit(UO);
    if (!CallStmt)
      return false;
  }
  return isNonUseArgument(Top, Arg, CallStmt, ThroughAddress);
}

bool MoveLowering::isNonUseArgument(const Expr *Top, const Expr *Arg, const Stmt *CallStmt,
                                    bool ThroughAddress) const {
  std::optional<CallSite> Site = getCallSite(CallStmt);
  if (!Site)
    return false;
  const Expr *BareArg = Arg->IgnoreParenImpCasts();
  auto IsArg = [BareArg](const Expr *E) { return E && E->IgnoreParenImpCasts() == BareArg; };
  // `p == nullptr`, `nullptr == p`, `p != nullptr` on a smart pointer, with the member or
  // the free comparison operators: \p Other is the operand that is not p.
  auto ComparesWithNull = [&](const Expr *Other) {
    const auto *Op = dyn_cast<CXXOperatorCallExpr>(CallStmt);
    return Op &&
           (Op->getOperator() == OO_EqualEqual || Op->getOperator() == OO_ExclaimEqual) &&
           isStdSmartPointer(Top->getType()) && isNullPointerExpr(Other, Ctx);
  };
  if (!ThroughAddress && IsArg(Site->Object)) {
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(Site->Callee);
    if (!M)
      return false;
    return isReinitializingMethod(M) || isValidOnMovedFrom(M) ||
           (Site->Args.size() == 1 && ComparesWithNull(Site->Args[0]));
  }
  for (unsigned I = 0; I < Site->Args.size(); ++I) {
    if (!IsArg(Site->Args[I]))
      continue;
    return Model.isOutArgument(*Site, I, ThroughAddress) ||
           (Site->Args.size() == 2 && ComparesWithNull(Site->Args[1 - I]));
  }
  return false;
}

const CXXRecordDecl *MoveLowering::movedBaseClass(const Expr *Arg) const {
  // `Base(std::move(derived))`: the xvalue is converted to the base class before it is
  // bound to the parameter.
  const Expr *E = Arg->IgnoreParens();
  while (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
    if (Cast->getCastKind() == CK_DerivedToBase ||
        Cast->getCastKind() == CK_UncheckedDerivedToBase)
      return Cast->getType()->getAsCXXRecordDecl();
    E = Cast->getSubExpr()->IgnoreParens();
  }
  return nullptr;
}

void MoveLowering::emitBaseMoves(const CFGBlock &B, ObjectID Obj, const CXXRecordDecl *Base,
                                 const Expr *MoveCall, const Stmt *CallStmt) {
  // A base class's move constructor or assignment moves only the base subobject: the
  // fields the derived class declares keep their values (`Derived(Derived &&o) :
  // Base(std::move(o)), indent(o.indent) {}`). The base part is the base's fields, and
  // those of its own bases (moving an `int` copies it); an empty base moves nothing.
  if (!Base || !Base->hasDefinition())
    return;
  for (const FieldDecl *F : Base->fields())
    if (!F->isUnnamedBitField() && isMovableType(F->getType()))
      emit<MoveFact>(B, Objects.getField(Obj, F), MoveCall, CallStmt);
  for (const CXXBaseSpecifier &Spec : Base->bases())
    if (const CXXRecordDecl *Inner = Spec.getType()->getAsCXXRecordDecl())
      emitBaseMoves(B, Obj, Inner, MoveCall, CallStmt);
}

void MoveLowering::lowerCall(const CFGBlock &B, const LoweredCall &Call) {
  const CallSite *Site = &Call.Site;
  const Stmt *CallStmt = Call.Site.E;
  // Moves first: the callee takes its arguments, then the call's effects on the object
  // and on out-arguments happen.
  for (unsigned I = 0; I < Site->Args.size(); ++I) {
    const Expr *Arg = Site->Args[I];
    const Expr *Operand = getMovedOperand(Arg);
    if (!Operand)
      continue;
    // `std::move(x)` bound to `const T&`, or to a `T&&` the callee never moves from,
    // moves nothing.
    if (!Call.Effects.Args[I].Consumes)
      continue;
    std::optional<ObjectID> Obj = Objects.objectOf(Operand);
    if (!Obj || !isMovableType(Operand->getType()))
      continue;
    if (const CXXRecordDecl *Base = movedBaseClass(Arg)) {
      emitBaseMoves(B, *Obj, Base, Arg->IgnoreParenImpCasts(), CallStmt);
      continue;
    }
    emitMove(B, *Obj, Arg->IgnoreParenImpCasts(), CallStmt);
  }
  for (unsigned I = 0; I < Site->Args.size(); ++I) {
    const Expr *Arg = Site->Args[I]->IgnoreParenImpCasts();
    bool ThroughAddress = false;
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg))
      if (UO->getOpcode() == UO_AddrOf) {
        ThroughAddress = true;
        Arg = UO->getSubExpr();
      }
    if (!Model.isOutArgument(*Site, I, ThroughAddress))
      continue;
    if (std::optional<ObjectID> Obj = Objects.objectOf(Arg))
      emit<ReinitFact>(B, *Obj, CallStmt);
  }
  // `this` or `*this` handed to a function that may modify it: like a non-const member
  // call on `this` (below), any field may be assigned where we do not look.
  for (unsigned I = 0; I < Site->Args.size(); ++I) {
    const Expr *Arg = Site->Args[I]->IgnoreParenImpCasts();
    bool ThroughAddress = isa<CXXThisExpr>(Arg);
    if (const auto *Deref = dyn_cast<UnaryOperator>(Arg))
      if (Deref->getOpcode() == UO_Deref &&
          isa<CXXThisExpr>(Deref->getSubExpr()->IgnoreParenImpCasts()))
        Arg = Deref;
    if ((ThroughAddress || isa<UnaryOperator>(Arg)) &&
        Model.isOutArgument(*Site, I, ThroughAddress))
      emit<ReinitFact>(B, Objects.getThis(), CallStmt);
  }
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Site->Callee);
  if (!Site->Object || !M)
    return;
  // Calling a lambda runs a body that is analysed on its own and not followed here: the
  // variables it captured by reference, and the fields of a captured `this`, may be
  // assigned in it, so they count as reinitialized (as after a non-const member call on
  // `this`). The price is a missed finding when the body moves them instead.
  if (M->getParent()->isLambda() && M->getOverloadedOperator() == OO_Call) {
    for (const LambdaCapture &C : M->getParent()->captures()) {
      if (C.capturesThis() && C.getCaptureKind() != LCK_StarThis) {
        emit<ReinitFact>(B, Objects.getThis(), CallStmt);
      } else if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef) {
        const ValueDecl *V = C.getCapturedVar();
        if (isFunctionLocalStorage(V))
          emit<ReinitFact>(B, Objects.resolveAlias(Objects.getVar(V)), CallStmt);
      }
    }
    return;
  }
  if (isReinitializingMethod(M)) {
    if (std::optional<ObjectID> Obj = Objects.objectOf(Site->Object))
      emit<ReinitFact>(B, *Obj, CallStmt);
    return;
  }
  // A non-const member function called on `this` may assign any field; we do not look
  // inside it, so its fields count as reinitialized.
  if (isa<CXXThisExpr>(Site->Object->IgnoreParenImpCasts()) && !M->isConst() && !M->isStatic())
    emit<ReinitFact>(B, Objects.getThis(), CallStmt);
}

} // namespace ownership::lowering
