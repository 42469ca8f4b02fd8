//===- ConditionLowering.cpp - What a branch condition stands for ---------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/ConditionLowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ownership::lowering {
namespace {

/// Strips parentheses and the implicit conversions that keep a value's truth: a read, a
/// qualification change, a pointer or integer tested against zero.
const Expr *stripTruthCasts(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E)) {
      E = EWC->getSubExpr();
      continue;
    }
    const auto *C = dyn_cast<ImplicitCastExpr>(E);
    if (!C)
      return E;
    switch (C->getCastKind()) {
    case CK_LValueToRValue:
    case CK_NoOp:
    case CK_PointerToBoolean:
    case CK_IntegralToBoolean:
    case CK_MemberPointerToBoolean:
      E = C->getSubExpr();
      continue;
    default:
      return E;
    }
  }
}

/// The construction an object was made by, through temporaries, functional casts and
/// copies of a temporary (before C++17's guaranteed elision).
const CXXConstructExpr *constructionOf(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MT->getSubExpr();
    else if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BT->getSubExpr();
    else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
      E = FC->getSubExpr();
    else if (const auto *IC = dyn_cast<ImplicitCastExpr>(E);
             IC && (IC->getCastKind() == CK_NoOp || IC->getCastKind() == CK_ConstructorConversion))
      E = IC->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      const CXXConstructorDecl *Ctor = CE->getConstructor();
      if (Ctor && Ctor->isCopyOrMoveConstructor() && CE->getNumArgs() >= 1)
        E = CE->getArg(0);
      else
        return CE;
    } else
      return nullptr;
  }
  return nullptr;
}

/// True when the parent of \p R (through parentheses) only reads its value.
bool isRead(const DeclRefExpr *R, const ParentMap &PM) {
  // A const object cannot be changed through any use (its mutable members aside).
  if (R->getType().isConstQualified())
    return true;
  const Stmt *P = PM.getParentIgnoreParens(const_cast<DeclRefExpr *>(R));
  const auto *C = dyn_cast_or_null<ImplicitCastExpr>(P);
  return C && C->getCastKind() == CK_LValueToRValue;
}

/// True when \p R is the target of an assignment or an increment: a write at its place.
/// Other uses that are not reads (its address, a reference to it) may write it anywhere.
bool isPlainWrite(const DeclRefExpr *R, const ParentMap &PM) {
  const Stmt *P = PM.getParentIgnoreParens(const_cast<DeclRefExpr *>(R));
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    return BO->isAssignmentOp() && BO->getLHS()->IgnoreParens() == R;
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P))
    return UO->isIncrementDecrementOp();
  return false;
}

/// Records where the locals of one body may be written, and where its loops are.
class WriteFinder : public RecursiveASTVisitor<WriteFinder> {
public:
  using WriteMap =
      llvm::DenseMap<const VarDecl *, llvm::SmallVector<SourceLocation, 2>>;
  WriteFinder(const ParentMap &PM, WriteMap &Out) : PM(PM), Out(Out) {}

  bool VisitDeclRefExpr(DeclRefExpr *R) {
    const auto *V = dyn_cast<VarDecl>(R->getDecl());
    if (!V || isRead(R, PM))
      return true;
    Out[V].push_back(isPlainWrite(R, PM) ? R->getBeginLoc() : SourceLocation());
    return true;
  }
  /// The source ranges of the loops (lambdas' included: a range is only compared with
  /// the places of this body's locals); HasGoto when the body jumps by `goto`.
  llvm::SmallVector<SourceRange, 4> Loops;
  bool HasGoto = false;
  bool VisitStmt(Stmt *S) {
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S))
      Loops.push_back(S->getSourceRange());
    HasGoto |= isa<GotoStmt, IndirectGotoStmt>(S);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    // Called later, from anywhere: a by-reference capture may be written at any time.
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
        if (const auto *V = dyn_cast_or_null<VarDecl>(C.getCapturedVar()))
          Out[V].push_back(SourceLocation());
    return true;
  }

private:
  const ParentMap &PM;
  WriteMap &Out;
};

/// Collects the return statements of a body, not of its lambdas.
class ReturnCollector : public RecursiveASTVisitor<ReturnCollector> {
public:
  llvm::SmallVector<const ReturnStmt *, 4> Returns;
  bool VisitReturnStmt(ReturnStmt *R) {
    Returns.push_back(R);
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
};

/// True when \p Body mentions field \p F.
bool mentionsField(const Stmt *Body, const FieldDecl *F) {
  if (!Body)
    return false;
  if (const auto *ME = dyn_cast<MemberExpr>(Body); ME && ME->getMemberDecl() == F)
    return true;
  for (const Stmt *Child : Body->children())
    if (Child && mentionsField(Child, F))
      return true;
  return false;
}

/// The field that a conversion to bool returns: `operator bool() const { return ok_; }`.
const FieldDecl *returnedField(const CXXConversionDecl *Conv) {
  if (!Conv->getConversionType()->isBooleanType() || Conv->isVirtual())
    return nullptr;
  const FunctionDecl *Def = Conv->getDefinition();
  const auto *Body = Def ? dyn_cast_or_null<CompoundStmt>(Def->getBody()) : nullptr;
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Ret || !Ret->getRetValue())
    return nullptr;
  const auto *ME = dyn_cast<MemberExpr>(stripTruthCasts(Ret->getRetValue()));
  if (!ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
  return F && !F->isMutable() ? F : nullptr;
}

/// GoogleTest's `testing::AssertionResult`, known by name: its bodies are in a system
/// header, whose bodies the checker does not parse. Its constructor from a value keeps the
/// value's truth, which its `operator bool` returns, as its bodies say.
bool isGtestAssertionResult(const CXXRecordDecl *RD) {
  if (!RD || !RD->getIdentifier() || RD->getName() != "AssertionResult")
    return false;
  const auto *NS = dyn_cast<NamespaceDecl>(RD->getDeclContext());
  return NS && NS->getIdentifier() && NS->getName() == "testing" &&
         NS->getParent()->getRedeclContext()->isTranslationUnit();
}

/// The argument \p E passes for parameter \p I, unless it is a default argument.
const Expr *argumentFor(llvm::ArrayRef<const Expr *> Args, unsigned I) {
  if (I >= Args.size() || isa<CXXDefaultArgExpr>(Args[I]))
    return nullptr;
  return Args[I];
}

} // namespace

std::optional<unsigned> returnedBoolParam(const FunctionDecl *Def) {
  if (!Def || !Def->getBody() || !Def->getReturnType()->isBooleanType())
    return std::nullopt;
  ReturnCollector Finder;
  Finder.TraverseStmt(Def->getBody());
  std::optional<unsigned> Index;
  const ParmVarDecl *Param = nullptr;
  for (const ReturnStmt *R : Finder.Returns) {
    const auto *DRE = R->getRetValue()
                          ? dyn_cast<DeclRefExpr>(stripTruthCasts(R->getRetValue()))
                          : nullptr;
    const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    if (!P || P->getDeclContext() != Def || !P->getType()->isBooleanType() ||
        (Param && Param != P))
      return std::nullopt;
    Param = P;
    Index = P->getFunctionScopeIndex();
  }
  if (!Param)
    return std::nullopt;
  // The body must give back the value it received.
  ParentMap PM(Def->getBody());
  WriteFinder::WriteMap Writes;
  WriteFinder(PM, Writes).TraverseStmt(Def->getBody());
  if (Writes.count(Param))
    return std::nullopt;
  return Index;
}

void ConditionSources::indexWrites() {
  Indexed = true;
  ParentMap PM(FD->getBody());
  WriteFinder Finder(PM, Writes);
  Finder.TraverseStmt(FD->getBody());
  Loops = std::move(Finder.Loops);
  HasGoto = Finder.HasGoto;
}

bool ConditionSources::declaredOncePerCall(const VarDecl *V) {
  if (isa<ParmVarDecl>(V))
    return true;
  if (!Indexed)
    indexWrites();
  if (HasGoto)
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation At = SM.getExpansionLoc(V->getLocation());
  return llvm::none_of(Loops, [&](SourceRange R) {
    SourceLocation B = SM.getExpansionLoc(R.getBegin()), E = SM.getExpansionLoc(R.getEnd());
    return !SM.isBeforeInTranslationUnit(At, B) && !SM.isBeforeInTranslationUnit(E, At);
  });
}

bool ConditionSources::writtenAfter(const VarDecl *V, SourceLocation After) {
  if (!Indexed)
    indexWrites();
  auto It = Writes.find(V);
  if (It == Writes.end())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Mark = SM.getExpansionLoc(After);
  for (SourceLocation L : It->second) {
    // Not strictly before the mark (the same macro expansion included): maybe after.
    if (L.isInvalid() || !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(L), Mark))
      return true;
  }
  return false;
}

bool ConditionSources::stableSince(const Expr *Source, SourceLocation After) {
  // Fields and globals may change in any call between; only this body's locals are
  // followed.
  llvm::SmallVector<const Stmt *, 8> Work{Source};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (isa<MemberExpr>(S) || isa<CXXThisExpr>(S))
      return false;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
        if (!V->hasLocalStorage() || V->getType()->isReferenceType() ||
            DRE->refersToEnclosingVariableOrCapture() || writtenAfter(V, After))
          return false;
      } else if (!isa<EnumConstantDecl>(DRE->getDecl()) && !isa<FunctionDecl>(DRE->getDecl())) {
        return false;
      }
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return true;
}

const Expr *ConditionSources::throughLocal(const DeclRefExpr *Ref) {
  const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
  if (!V || isa<ParmVarDecl>(V) || !V->hasLocalStorage() || !V->getInit() ||
      Ref->refersToEnclosingVariableOrCapture())
    return nullptr;
  QualType T = V->getType();
  if (T->isReferenceType())
    return nullptr;
  SourceLocation After = V->getEndLoc();
  if (T->isBooleanType()) {
    // `bool ok = p != nullptr;`, never written again.
    if (writtenAfter(V, V->getBeginLoc()) || !stableSince(V->getInit(), After))
      return nullptr;
    return V->getInit();
  }
  return nullptr;
}

const Expr *ConditionSources::storedArgument(const CXXConstructExpr *Construct,
                                             const FieldDecl *Field) {
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  const FunctionDecl *DefFD = Ctor ? Ctor->getDefinition() : nullptr;
  const auto *Def = dyn_cast_or_null<CXXConstructorDecl>(DefFD);
  if (!Def || !Def->getBody() || mentionsField(Def->getBody(), Field))
    return nullptr;
  for (const CXXCtorInitializer *Init : Def->inits()) {
    if (Init->getAnyMember() != Field || !Init->getInit())
      continue;
    const auto *DRE = dyn_cast<DeclRefExpr>(stripTruthCasts(Init->getInit()));
    const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    if (!P || P->getDeclContext() != Def)
      return nullptr;
    llvm::ArrayRef<const Expr *> Args(Construct->getArgs(), Construct->getNumArgs());
    return argumentFor(Args, P->getFunctionScopeIndex());
  }
  return nullptr;
}

const Expr *ConditionSources::throughConversion(const CXXMemberCallExpr *Call) {
  const auto *Conv = dyn_cast_or_null<CXXConversionDecl>(Call->getMethodDecl());
  if (!Conv)
    return nullptr;
  const FieldDecl *Field = returnedField(Conv);
  bool Gtest = isGtestAssertionResult(Conv->getParent());
  if (!Field && !Gtest)
    return nullptr;
  const Expr *Object = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
  SourceLocation After;
  const CXXConstructExpr *Construct = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Object)) {
    // `if (const Result r = Result(p != nullptr))`: a const local, so that nothing changes
    // the member between its construction and the test.
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V || !V->hasLocalStorage() || V->getType()->isReferenceType() ||
        !V->getType().isConstQualified() || !V->getInit() ||
        DRE->refersToEnclosingVariableOrCapture())
      return nullptr;
    Construct = constructionOf(V->getInit());
    After = V->getEndLoc();
  } else {
    // `if (Result(p != nullptr))`: a temporary, tested where it is made.
    Construct = constructionOf(Object);
    After = Object->getEndLoc();
  }
  const Expr *Arg = nullptr;
  if (Construct && Field)
    Arg = storedArgument(Construct, Field);
  else if (Construct && Gtest && Construct->getNumArgs() >= 1)
    Arg = argumentFor({Construct->getArgs(), Construct->getNumArgs()}, 0);
  if (!Arg || !stableSince(Arg, After))
    return nullptr;
  return Arg;
}

/// True when \p E, a bool argument, is the null test of a pointer: `p`, `!p`, `p != nullptr`,
/// `static_cast<bool>(p)`.
static bool isPointerTest(const Expr *E) {
  E = E->IgnoreParens();
  while (true) {
    if (const auto *C = dyn_cast<CastExpr>(E)) {
      if (C->getCastKind() == CK_PointerToBoolean)
        return true;
      E = C->getSubExpr()->IgnoreParens();
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
      E = UO->getSubExpr()->IgnoreParens();
      continue;
    }
    break;
  }
  const auto *BO = dyn_cast<BinaryOperator>(E);
  return BO && BO->isEqualityOp() &&
         (BO->getLHS()->getType()->isAnyPointerType() ||
          BO->getRHS()->getType()->isAnyPointerType());
}

std::optional<unsigned> opaqueCheckParam(const FunctionDecl *Callee,
                                         llvm::ArrayRef<const Expr *> Args) {
  if (!Callee->getReturnType()->isBooleanType())
    return std::nullopt;
  std::optional<unsigned> Bool;
  for (unsigned I = 0; I < Callee->getNumParams(); ++I)
    if (Callee->getParamDecl(I)->getType()->isBooleanType()) {
      if (Bool)
        return std::nullopt; // two bool parameters: which one would it return?
      Bool = I;
    }
  if (!Bool || *Bool >= Args.size() || !isPointerTest(Args[*Bool]))
    return std::nullopt;
  return Bool;
}

const Expr *ConditionSources::throughCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return nullptr;
  if (const auto *M = dyn_cast<CXXMethodDecl>(Callee); M && M->isVirtual())
    return nullptr; // another override may return something else
  // A member operator's object is its first argument, not a parameter.
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee))
    Args = Args.drop_front();
  std::optional<unsigned> I = returnedBoolParam(Callee->getDefinition());
  if (!I && !Callee->getDefinition())
    I = opaqueCheckParam(Callee, Args);
  if (!I)
    return nullptr;
  // The argument is evaluated right before the branch: nothing changes it in between.
  return argumentFor(Args, *I);
}

const VarDecl *ConditionSources::valueReadOf(const Expr *E) {
  // Down to the variable, through parentheses and conversions that keep every value
  // (a promotion, a read); a narrowing or sign-changing conversion would make `y == c`
  // about another value than y's.
  while (true) {
    E = E->IgnoreParens();
    const auto *C = dyn_cast<ImplicitCastExpr>(E);
    if (!C)
      break;
    QualType To = C->getType(), From = C->getSubExpr()->getType();
    if (C->getCastKind() == CK_IntegralCast) {
      uint64_t WTo = Ctx.getTypeSize(To), WFrom = Ctx.getTypeSize(From);
      bool SignedTo = To->isSignedIntegerOrEnumerationType();
      bool SignedFrom = From->isSignedIntegerOrEnumerationType();
      bool Keeps = SignedTo ? (SignedFrom ? WTo >= WFrom : WTo > WFrom)
                            : (!SignedFrom && WTo >= WFrom);
      if (!Keeps)
        return nullptr;
    } else if (C->getCastKind() != CK_LValueToRValue && C->getCastKind() != CK_NoOp) {
      return nullptr;
    }
    E = C->getSubExpr();
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage() || DRE->refersToEnclosingVariableOrCapture())
    return nullptr;
  QualType T = V->getType();
  if (T->isReferenceType() || T.isVolatileQualified() || !T->isIntegralOrEnumerationType())
    return nullptr;
  // Uninitialized locals have no value to compare; parameters have the caller's.
  if (!isa<ParmVarDecl>(V) && !V->getInit())
    return nullptr;
  if (writtenAfter(V, V->getBeginLoc()))
    return nullptr;
  return V;
}

/// The value of \p E, an integer constant expression, when it fits 64 bits.
static std::optional<int64_t> constantOf(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult R;
  if (E->isValueDependent() || !E->EvaluateAsInt(R, Ctx) ||
      R.Val.getInt().getSignificantBits() > 64)
    return std::nullopt;
  return R.Val.getInt().getExtValue();
}

std::optional<ConditionSources::ValueTest> ConditionSources::valueTest(const Expr *Cond) {
  if (!FD || !FD->getBody())
    return std::nullopt;
  bool Flip = false;
  const Expr *E = Cond->IgnoreParenImpCasts();
  while (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() != UO_LNot)
      break;
    Flip = !Flip;
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  }
  const VarDecl *V = nullptr;
  int64_t Value = 0;
  bool EqualOnTrue = false;
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    for (auto [VarSide, ConstSide] :
         {std::pair(BO->getLHS(), BO->getRHS()), std::pair(BO->getRHS(), BO->getLHS())}) {
      std::optional<int64_t> C = constantOf(ConstSide, Ctx);
      if (C && (V = valueReadOf(VarSide))) {
        Value = *C;
        break;
      }
    }
    EqualOnTrue = BO->getOpcode() == BO_EQ;
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    // `if (y)`: taken when y != 0; the conversion to bool keeps the truth of any integer.
    V = valueReadOf(DRE);
    Value = 0;
    EqualOnTrue = false;
  }
  if (!V)
    return std::nullopt;
  // A local initialised with a constant and never written: its value is known. Only
  // signed integers whose type holds the constant as it is.
  std::optional<int64_t> Known;
  if (!isa<ParmVarDecl>(V) && V->getType()->isSignedIntegerType())
    if (std::optional<int64_t> Init = constantOf(V->getInit(), Ctx)) {
      uint64_t Width = Ctx.getTypeSize(V->getType());
      if (Width >= 64 || (*Init >= -(int64_t(1) << (Width - 1)) &&
                          *Init < (int64_t(1) << (Width - 1))))
        Known = *Init;
    }
  return ValueTest{V, Value, EqualOnTrue != Flip, Known, declaredOncePerCall(V)};
}

const CallExpr *ConditionSources::resultLocal(const Expr *E) {
  // Unlike lookThrough(), what the call read may change afterwards: its result does not.
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!V || isa<ParmVarDecl>(V) || !V->hasLocalStorage() || !V->getInit() ||
      Ref->refersToEnclosingVariableOrCapture() || V->getType()->isReferenceType())
    return nullptr;
  const auto *Call = dyn_cast<CallExpr>(V->getInit()->IgnoreParenImpCasts());
  if (!Call || !Ctx.hasSameUnqualifiedType(Call->getType(), V->getType()) ||
      writtenAfter(V, V->getBeginLoc()))
    return nullptr;
  return Call;
}

std::optional<ConditionSources::ResultTest>
ConditionSources::comparedResult(const BinaryOperator *BO, bool Flip) {
  // Integer promotions keep the result's value: `f() == 0` with a bool f.
  for (bool CallOnLeft : {true, false}) {
    const Expr *CallSide = CallOnLeft ? BO->getLHS() : BO->getRHS();
    const Expr *ConstSide = CallOnLeft ? BO->getRHS() : BO->getLHS();
    const auto *Call = dyn_cast<CallExpr>(CallSide->IgnoreParenImpCasts());
    if (!Call)
      Call = resultLocal(CallSide->IgnoreParenImpCasts()); // `int rc = f(); if (rc < 0)`
    std::optional<int64_t> C = constantOf(ConstSide, Ctx);
    if (!Call || !C || !Call->getType()->isIntegralOrEnumerationType())
      continue;
    BinaryOperatorKind Op = BO->getOpcode();
    // An ordering says what it says of the values only for signed and bool results
    // (an unsigned -1 is the largest value).
    if (BO->isRelationalOp() && !Call->getType()->isSignedIntegerType() &&
        !Call->getType()->isBooleanType())
      return std::nullopt;
    if (!CallOnLeft && BO->isRelationalOp()) // `0 > f()` is `f() < 0`
      Op = BinaryOperator::reverseComparisonOp(Op);
    if (Flip)
      Op = BinaryOperator::negateComparisonOp(Op);
    return ResultTest{Call, *C, Op};
  }
  return std::nullopt;
}

std::optional<ConditionSources::ResultTest> ConditionSources::resultTest(const Expr *Cond) {
  if (!FD || !FD->getBody())
    return std::nullopt;
  bool Flip = false;
  const Expr *E = Cond;
  for (unsigned Hops = 0; Hops < 8; ++Hops) {
    E = stripTruthCasts(E);
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
      Flip = !Flip;
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && (BO->isEqualityOp() || BO->isRelationalOp()))
      return comparedResult(BO, Flip);
    if (const CallExpr *Call = resultLocal(E)) {
      E = Call;
      continue;
    }
    if (const Expr *Source = lookThrough(E)) {
      E = Source;
      continue;
    }
    // `if (f())`: taken when the result is not 0.
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->getType()->isIntegralOrEnumerationType())
      return ResultTest{Call, 0, Flip ? BO_EQ : BO_NE};
    return std::nullopt;
  }
  return std::nullopt;
}

const Expr *ConditionSources::lookThrough(const Expr *E) {
  if (!FD || !FD->getBody())
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return throughLocal(DRE);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()))
      return throughConversion(MC);
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return throughCall(Call);
  return nullptr;
}

} // namespace ownership::lowering
