//===- CallEffects.cpp - What a call does to ownership: one model ---------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/model/CallEffects.h"

#include "checker/model/CLibrary.h"
#include "checker/model/StdModel.h"
#include "checker/support/ClangCompat.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace ownership::model {
namespace {

/// The `ownership_takes` or `ownership_holds` attribute that names parameter \p I of \p FD.
const OwnershipAttr *ownershipOfParam(const FunctionDecl *FD, unsigned I) {
  for (const OwnershipAttr *A : FD->specific_attrs<OwnershipAttr>()) {
    if (A->getOwnKind() == OwnershipAttr::Returns)
      continue;
    for (const ParamIdx &Idx : A->args())
      if (Idx.getASTIndex() == I)
        return A;
  }
  return nullptr;
}

AllocFamily ownershipFamily(const OwnershipAttr *A) {
  return A->getModule() && A->getModule()->getName() == "malloc" ? AllocFamily::Malloc
                                                                 : AllocFamily::Unknown;
}

/// The std smart pointers that adopt a raw pointer in their constructors and `reset()`
/// (through stdClassName, which knows libstdc++'s base `__shared_ptr`, where shared_ptr's
/// reset() is declared).
bool isAdoptingSmartPointer(QualType T) {
  llvm::StringRef Name = stdClassName(T);
  return Name == "unique_ptr" || Name == "shared_ptr";
}

/// When \p Site hands argument 0 to a std smart pointer that adopts it: how the user
/// spells the adoption (`adopted` for a constructor, `reset`).
std::optional<llvm::StringRef> adoption(const CallSite &Site) {
  if (const auto *Construct = llvm::dyn_cast_or_null<CXXConstructExpr>(Site.E))
    if (isAdoptingSmartPointer(Construct->getType()))
      return llvm::StringRef("adopted");
  if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(Site.Callee))
    if (M->getIdentifier() && M->getName() == "reset" &&
        isAdoptingSmartPointer(compat::tagType(M->getParent())))
      return llvm::StringRef("reset");
  return std::nullopt;
}

/// True when parameter \p I of \p Callee was declared as a forwarding reference (`T&&`
/// or `auto&&` with T deduced), so that an lvalue reference parameter in the
/// instantiation only means "any argument", not "out-parameter".
bool isForwardingReferenceParam(const FunctionDecl *Callee, unsigned I) {
  if (!Callee)
    return false;
  const FunctionDecl *Pattern = Callee->getTemplateInstantiationPattern();
  if (!Pattern)
    return false;
  unsigned NumPattern = Pattern->getNumParams(), NumInst = Callee->getNumParams();
  for (unsigned K = 0; K < NumPattern; ++K) {
    const ParmVarDecl *P = Pattern->getParamDecl(K);
    // A parameter pack stands for all the instantiated parameters the others leave over.
    unsigned Width = P->isParameterPack() ? NumInst + 1 - NumPattern : 1;
    if (I >= Width) {
      I -= Width;
      continue;
    }
    QualType T = P->getType();
    if (const auto *Pack = T->getAs<PackExpansionType>())
      T = Pack->getPattern();
    const auto *RRef = T->getAs<RValueReferenceType>();
    if (!RRef)
      return false;
    QualType Pointee = RRef->getPointeeType();
    return !Pointee.hasQualifiers() && Pointee->getAs<TemplateTypeParmType>();
  }
  return false;
}

/// True when \p E is the constant 0 or a null pointer constant.
bool isZeroConstant(const Expr *E, ASTContext &Ctx) {
  if (E->isValueDependent())
    return false;
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull)
    return true;
  Expr::EvalResult R;
  return E->getType()->isIntegralOrEnumerationType() && E->EvaluateAsInt(R, Ctx) &&
         R.Val.getInt().isZero();
}

bool isVirtualMethod(const FunctionDecl *FD) {
  const auto *M = dyn_cast<CXXMethodDecl>(FD);
  return M && M->isVirtual();
}

/// Visits the releases of forEachRelease().
class ReleaseVisitor : public RecursiveASTVisitor<ReleaseVisitor> {
public:
  using Callback = llvm::function_ref<void(const Expr *, AllocFamily)>;
  ReleaseVisitor(const CallEffectsModel &Model, Callback Found) : Model(Model), Found(Found) {}

  bool VisitCXXDeleteExpr(CXXDeleteExpr *Del) {
    Found(Del->getArgument(), Del->isArrayForm() ? AllocFamily::NewArray : AllocFamily::New);
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    std::optional<CallSite> Site = getCallSite(Call);
    if (!Site)
      return true;
    CallEffects Effects = Model.effectsOf(*Site);
    for (unsigned I = 0; I < Site->Args.size() && I < Effects.Args.size(); ++I)
      if (Effects.Args[I].Heap == HeapEffect::Releases)
        Found(Site->Args[I], Effects.Args[I].Family);
    return true;
  }
  // A lambda's body runs when it is called, which we do not follow.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

private:
  const CallEffectsModel &Model;
  Callback Found;
};

/// The family with which the body of \p FD releases its first parameter, if it does.
std::optional<AllocFamily> firstParamReleaseFamily(const CallEffectsModel &Model,
                                                   const FunctionDecl *FD) {
  const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
  if (!Def || !Def->getBody() || Def->getNumParams() < 1)
    return std::nullopt;
  const ParmVarDecl *Param = Def->getParamDecl(0);
  std::optional<AllocFamily> Family;
  bool Mixed = false;
  forEachRelease(Def->getBody(), Model, [&](const Expr *Released, AllocFamily F) {
    const auto *DRE = dyn_cast<DeclRefExpr>(Released->IgnoreParenCasts());
    if (!DRE || DRE->getDecl() != Param)
      return;
    Mixed |= Family && *Family != F;
    Family = F;
  });
  if (Mixed || !Family || *Family == AllocFamily::Unknown)
    return std::nullopt;
  return Family;
}

} // namespace

void forEachRelease(const Stmt *S, const CallEffectsModel &Model,
                    llvm::function_ref<void(const Expr *, AllocFamily)> Found) {
  if (S)
    ReleaseVisitor(Model, Found).TraverseStmt(const_cast<Stmt *>(S));
}

bool isDataPointer(QualType T) {
  T = T.getNonReferenceType();
  return !T.isNull() && T->isPointerType() && !T->getPointeeType()->isFunctionType();
}

/// `__attribute__((noescape))` on parameter \p I: the callee uses the pointer only during
/// the call, so it reads the memory and keeps nothing.
bool isNoEscapeParam(const FunctionDecl *FD, unsigned I) {
  return FD && I < FD->getNumParams() && FD->getParamDecl(I)->hasAttr<NoEscapeAttr>();
}

bool isImplicitObjectLifetimebound(const FunctionDecl *FD) {
  for (const FunctionDecl *Redecl : FD->redecls()) {
    const TypeSourceInfo *TSI = Redecl->getTypeSourceInfo();
    if (!TSI)
      continue;
    TypeLoc TL = TSI->getTypeLoc();
    while (auto ATL = TL.getAsAdjusted<AttributedTypeLoc>()) {
      if (ATL.getAttrAs<LifetimeBoundAttr>())
        return true;
      TL = ATL.getModifiedLoc();
    }
  }
  return false;
}

const FunctionSummary *CallEffectsModel::summaryOf(const FunctionDecl *Callee) const {
  if (!Summaries)
    return nullptr;
  const FunctionDecl *Def = summarizableDefinition(Callee);
  return Def ? Summaries->summaryOf(Def) : nullptr;
}

std::optional<Allocator> CallEffectsModel::allocatorOf(const Expr *E) const {
  if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
    const FunctionDecl *Op = New->getOperatorNew();
    // Placement new constructs in storage someone else owns; a class-specific operator
    // new has its own pool.
    if (!Op || !Op->isReplaceableGlobalAllocationFunction())
      return std::nullopt;
    if (New->isArray())
      return Allocator{AllocFamily::NewArray, "new[]", true};
    return Allocator{AllocFamily::New, "new", true};
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call || !isDataPointer(Call->getType()))
    return std::nullopt;
  if (const FunctionModel *M = cCallModel(Options.Libraries, Call, Ctx)) {
    llvm::StringRef CName = cCallName(Call, Ctx);
    if (M->Reallocates)
      return Allocator{M->Reallocates->Family, CName, true};
    if (M->Allocates) {
      // `realpath(path, buf)` returns buf; only `realpath(path, NULL)` allocates.
      if (M->AllocatesIfNull &&
          (*M->AllocatesIfNull >= Call->getNumArgs() ||
           Call->getArg(*M->AllocatesIfNull)
                   ->IgnoreParenImpCasts()
                   ->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) ==
               Expr::NPCK_NotNull))
        return std::nullopt;
      return Allocator{*M->Allocates, CName, true};
    }
  }
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return std::nullopt;
  llvm::StringRef Spelled = Callee->getIdentifier() ? Callee->getName() : "allocator";
  for (const OwnershipAttr *A : Callee->specific_attrs<OwnershipAttr>())
    if (A->getOwnKind() == OwnershipAttr::Returns)
      return Allocator{ownershipFamily(A), Spelled};
  if (Callee->hasAttr<RestrictAttr>())
    return Allocator{AllocFamily::Unknown, Spelled};
  if (!isVirtualMethod(Callee))
    if (const FunctionSummary *S = summaryOf(Callee); S && S->ReturnsFresh) {
      // `xrealloc(p, 0)`: a 0 argument that makes the helper return null allocates nothing.
      for (unsigned I = 0; I < S->ReturnsNullWhenZero.size() && I < Call->getNumArgs(); ++I)
        if (S->ReturnsNullWhenZero.test(I) && !isa<CXXOperatorCallExpr>(Call) &&
            isZeroConstant(Call->getArg(I), Ctx))
          return std::nullopt;
      return Allocator{*S->ReturnsFresh, Spelled, false, S->ReturnsHandedOver};
    }
  return std::nullopt;
}

bool CallEffectsModel::isKnownNonOwning(const FunctionDecl *Callee) const {
  if (!Callee)
    return false;
  if (Callee->isInStdNamespace() && !isa<CXXMethodDecl>(Callee) && !isa<CXXConstructorDecl>(Callee))
    return true;
  const FunctionModel *M = cFunctionModel(Options.Libraries, Callee);
  return M && M->ReadsOnly;
}

std::optional<unsigned> CallEffectsModel::resultPointsInto(const CallExpr *Call) const {
  const FunctionModel *M = cCallModel(Options.Libraries, Call, Ctx);
  if (!M || !M->ReturnsBorrowed || *M->ReturnsBorrowed >= Call->getNumArgs())
    return std::nullopt;
  return M->ReturnsBorrowed;
}

bool CallEffectsModel::allocatesOnStack(const CallExpr &Call) const {
  const FunctionModel *M = cCallModel(Options.Libraries, &Call, Ctx);
  return M && M->AllocatesOnStack;
}

bool CallEffectsModel::addsOwner(const FunctionDecl *Callee, unsigned I) const {
  const FunctionModel *M = cFunctionModel(Options.Libraries, Callee);
  return M && llvm::is_contained(M->Shares, I);
}

std::optional<ArgumentEffect> CallEffectsModel::modelledEffect(const CallSite &Site,
                                                               unsigned I) const {
  const auto *Call = llvm::dyn_cast_or_null<CallExpr>(Site.E);
  const FunctionModel *M = Call ? cCallModel(Options.Libraries, Call, Ctx)
                                : cFunctionModel(Options.Libraries, Site.Callee);
  if (!M)
    return std::nullopt;
  llvm::StringRef Name = Call ? cCallName(Call, Ctx) : cLibraryName(Site.Callee);
  if (M->Releases && M->Releases->Argument == I)
    return ArgumentEffect{HeapEffect::Releases, M->Releases->Family, Name};
  if (M->Reallocates && M->Reallocates->Argument == I)
    return ArgumentEffect{HeapEffect::Reallocs, M->Reallocates->Family, Name};
  if (llvm::is_contained(M->Takes, I))
    return ArgumentEffect{HeapEffect::Keeps};
  if (M->AllocatesInto && M->AllocatesInto->Argument == I) {
    // The old value of `*argument` is handed over (it may be reallocated, as getline
    // does), and the new one is fresh: the lowering of the out-pointer does both.
    ArgumentEffect Out;
    Out.Into = Allocator{M->AllocatesInto->Family, Name, true};
    return Out;
  }
  // Kept by the library but still the caller's to release, an owner added, or the
  // argument whose memory the result points into: for the caller's ownership, a read.
  if (llvm::is_contained(M->Keeps, I) || llvm::is_contained(M->Shares, I) ||
      M->ReturnsBorrowed == I || M->ReadsOnly)
    return ArgumentEffect{HeapEffect::Reads};
  return std::nullopt;
}

namespace {

/// True when \p Callee is a standard stream's `operator<<` that takes \p PT, a pointer
/// to const void: it prints the address, not what is there.
bool printsAddress(const FunctionDecl *Callee, QualType PT) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!M || M->getOverloadedOperator() != OO_LessLess || PT.isNull() || !PT->isPointerType() ||
      !PT->getPointeeType()->isVoidType())
    return false;
  const CXXRecordDecl *Stream = M->getParent();
  return Stream->isInStdNamespace() && Stream->getIdentifier() &&
         Stream->getName() == "basic_ostream";
}

} // namespace

ArgumentEffect CallEffectsModel::heapEffect(const CallSite &Site, unsigned I,
                                            const FunctionSummary *Sum) const {
  ArgumentEffect Out;
  const FunctionDecl *Callee = Site.Callee;
  if (std::optional<ArgumentEffect> Modelled = modelledEffect(Site, I))
    return *Modelled;
  if (I == 0 && isDataPointer(Site.Args[0]->getType()))
    if (std::optional<llvm::StringRef> How = adoption(Site))
      return {HeapEffect::Adopts, AllocFamily::New, *How};
  if (std::optional<AllocFamily> F = adoptedByConstructor(Site, I, Sum))
    return {HeapEffect::Adopts, *F, ownerRelease(Site.E->getType())->Releaser};
  if (std::optional<ArgumentEffect> Flagged = adoptedUnderFlag(Site, I, Sum))
    return *Flagged;
  if (Callee)
    if (const OwnershipAttr *A = ownershipOfParam(Callee, I)) {
      if (A->getOwnKind() != OwnershipAttr::Takes)
        return {HeapEffect::Keeps};
      // The family of the last `ownership_takes` decides, as Clang's MallocChecker reads it.
      AllocFamily F = AllocFamily::Unknown;
      for (const OwnershipAttr *T : Callee->specific_attrs<OwnershipAttr>())
        if (T->getOwnKind() == OwnershipAttr::Takes)
          F = ownershipFamily(T);
      return {HeapEffect::Releases, F, Callee->getName()};
    }
  QualType PT = Site.paramType(I);
  if (printsAddress(Callee, PT)) {
    Out.Heap = HeapEffect::Reads;
    Out.ValueOnly = true;
    return Out;
  }
  bool StdFree = Callee && Callee->isInStdNamespace() && !isa<CXXMethodDecl>(Callee) &&
                 !isa<CXXConstructorDecl>(Callee);
  // What the callee's body does, when the unit has it (C varargs are not parameters).
  if (Sum && Sum->HasHeap && !StdFree && !PT.isNull() && I < Sum->PointerParams.size()) {
    Out.FromSummary = true;
    switch (Sum->PointerParams[I]) {
    case PointerParamEffect::Frees:
      Out.Heap = HeapEffect::Releases;
      Out.Family = Sum->FreeFamilies[I];
      Out.Releaser = Callee->getName();
      return Out;
    case PointerParamEffect::None:
      Out.Heap = HeapEffect::Reads;
      return Out;
    case PointerParamEffect::Escapes:
      Out.Heap = HeapEffect::Keeps;
      for (const KeptByResult &K : Sum->KeptByResults)
        if (K.Param == I)
          Out.KeptWhen = K;
      return Out;
    }
  }
  // Pointer-to-const, the C library's non-owning functions, std algorithms and printf's
  // variadic arguments read the memory but do not take it.
  bool ConstPointee = !PT.isNull() && isDataPointer(PT) &&
                      PT.getNonReferenceType()->getPointeeType().isConstQualified();
  bool Variadic = Callee ? Callee->isVariadic() : (Site.Proto && Site.Proto->isVariadic());
  bool FormatVararg = PT.isNull() && Variadic && Callee && Callee->hasAttr<FormatAttr>();
  bool KnownNonOwning = isKnownNonOwning(Callee);
  if (ConstPointee && Options.ConstPointerArgumentsEscape && Callee && !KnownNonOwning) {
    // A system header's body that the parser skipped is still a visible definition.
    const FunctionDecl *Def = Callee->getDefinition();
    if (!Def || (!Def->hasBody() && !Def->hasSkippedBody()))
      return {HeapEffect::Keeps};
  }
  if (ConstPointee || KnownNonOwning || FormatVararg || isNoEscapeParam(Callee, I))
    Out.Heap = HeapEffect::Reads;
  return Out;
}

ArgumentEffect CallEffectsModel::objectEffect(const CallSite &Site,
                                              const FunctionSummary *Sum) const {
  ArgumentEffect Out;
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Site.Callee);
  if (!Site.Object || !M)
    return Out;
  // An explicit destructor call ends the object's life but frees nothing; the standard
  // library's classes never `delete this`.
  if (isa<CXXDestructorDecl>(M) || M->isInStdNamespace() || M->getParent()->isInStdNamespace()) {
    Out.Heap = HeapEffect::Reads;
    return Out;
  }
  // No body, a virtual method or a call cycle: it may release the object or keep it
  // (intrusive reference counting): Unknown.
  if (!Sum || !Sum->HasThis)
    return Out;
  Out.FromSummary = true;
  switch (Sum->ThisEffect) {
  case PointerParamEffect::None:
    Out.Heap = HeapEffect::Reads;
    break;
  case PointerParamEffect::Frees:
    Out.Heap = HeapEffect::Releases;
    Out.Family = Sum->ThisFamily;
    Out.Releaser = M->getIdentifier() ? M->getName() : llvm::StringRef("operator");
    break;
  case PointerParamEffect::Escapes:
    Out.Heap = HeapEffect::Keeps;
    break;
  }
  return Out;
}

std::optional<OwnerRelease> CallEffectsModel::ownerRelease(QualType T) const {
  if (T.isNull() || T->isReferenceType())
    return std::nullopt;
  llvm::StringRef Class = stdClassName(T);
  if (Class != "unique_ptr" && Class != "shared_ptr") {
    // A class of the user's: what its destructor's body releases.
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD || !RD->hasDefinition() || !RD->getIdentifier() || RD->isInStdNamespace())
      return std::nullopt;
    const CXXDestructorDecl *Dtor = RD->getDestructor();
    const FunctionSummary *S = Dtor && Dtor->isUserProvided() ? summaryOf(Dtor) : nullptr;
    if (!S || S->FreedFields.size() != 1)
      return std::nullopt;
    return OwnerRelease{S->FreedFields[0].second, Names.save("~" + RD->getName().str()),
                        S->FreedFields[0].first};
  }
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getCanonicalType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return std::nullopt;
  if (Class == "unique_ptr") {
    // A deleter of the user's releases as its `operator()` body says, or is unknown.
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() < 2 || Args[1].getKind() != TemplateArgument::Type)
      return std::nullopt;
    if (stdClassName(Args[1].getAsType()) != "default_delete") {
      if (std::optional<AllocFamily> F = deleterTypeFamily(Args[1].getAsType()))
        return OwnerRelease{*F, "~unique_ptr"};
      return std::nullopt;
    }
  }
  bool Array = Spec->getTemplateArgs()[0].getAsType()->isArrayType();
  return OwnerRelease{Array ? AllocFamily::NewArray : AllocFamily::New,
                      Class == "unique_ptr" ? "~unique_ptr" : "~shared_ptr"};
}

std::optional<AllocFamily> CallEffectsModel::deleterTypeFamily(QualType D) const {
  const CXXRecordDecl *RD = D.isNull() ? nullptr : D->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || RD->isInStdNamespace())
    return std::nullopt;
  // One `operator()` that is not a template: what it releases is what the owner does.
  const CXXMethodDecl *Call = nullptr;
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getOverloadedOperator() == OO_Call) {
      if (Call)
        return std::nullopt;
      Call = M;
    }
  return Call ? firstParamReleaseFamily(*this, Call) : std::nullopt;
}

std::optional<AllocFamily> CallEffectsModel::deleterFamily(const Expr *Deleter) const {
  if (!Deleter)
    return std::nullopt;
  const Expr *E = Deleter->IgnoreParenImpCasts();
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    E = MTE->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *FD = DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
  if (!FD)
    return deleterTypeFamily(E->getType());
  // `free`, `&fclose`: the C library's model; a function of the unit: its body.
  if (const FunctionModel *M = cFunctionModel(Options.Libraries, FD))
    return M->Releases && M->Releases->Argument == 0 ? std::optional(M->Releases->Family)
                                                       : std::nullopt;
  return firstParamReleaseFamily(*this, FD);
}

std::optional<ArgumentEffect>
CallEffectsModel::adoptedUnderFlag(const CallSite &Site, unsigned I,
                                   const FunctionSummary *Sum) const {
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Site.E);
  if (!Sum || !Construct || I >= Sum->StoredInField.size() || !Sum->StoredInField[I])
    return std::nullopt;
  const CXXRecordDecl *RD = Construct->getConstructor()->getParent();
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  const FunctionSummary *DtorSum = Dtor && Dtor->isUserProvided() ? summaryOf(Dtor) : nullptr;
  if (!DtorSum)
    return std::nullopt;
  for (const FlagRelease &R : DtorSum->FlagReleases) {
    if (R.Field != Sum->StoredInField[I])
      continue;
    // The argument the constructor keeps in the flag, given as a constant.
    for (unsigned J = 0; J < Sum->StoredFlags.size() && J < Site.Args.size(); ++J) {
      if (Sum->StoredFlags[J] != R.Flag)
        continue;
      const Expr *Arg = Site.Args[J];
      if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(Arg->IgnoreParenImpCasts()))
        Arg = Default->getExpr();
      bool Value = false;
      if (Arg->isValueDependent() || !Arg->EvaluateAsBooleanCondition(Value, Ctx))
        return std::nullopt;
      if (!Value)
        return ArgumentEffect{HeapEffect::Reads};
      return ArgumentEffect{HeapEffect::Adopts, R.Family,
                            Names.save("~" + RD->getNameAsString())};
    }
  }
  return std::nullopt;
}

OwnerEffect CallEffectsModel::ownerEffect(const CallSite &Site) const {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Site.Callee);
  // What a std smart pointer's members do does not depend on its deleter.
  if (!M || !Site.Object ||
      (!isAdoptingSmartPointer(Site.Object->getType()) && !ownerRelease(Site.Object->getType())))
    return OwnerEffect::Unknown;
  if (isa<CXXDestructorDecl>(M))
    return OwnerEffect::Destroys;
  if (!M->getParent()->isInStdNamespace() && !stdClassName(Site.Object->getType()).size())
    // A class of the user's: a const member cannot let go of what it owns.
    return M->isConst() ? OwnerEffect::Reads : OwnerEffect::Unknown;
  if (isa<CXXConversionDecl>(M))
    return OwnerEffect::Reads; // explicit operator bool
  switch (M->getOverloadedOperator()) {
  case OO_Arrow:
  case OO_Star:
  case OO_Subscript:
    return OwnerEffect::Accesses;
  case OO_Equal:
    return OwnerEffect::Assigns;
  case OO_None:
    break;
  default:
    return OwnerEffect::Unknown;
  }
  if (!M->getIdentifier())
    return OwnerEffect::Unknown;
  return llvm::StringSwitch<OwnerEffect>(M->getName())
      .Case("get", OwnerEffect::Lends)
      .Case("release", OwnerEffect::Gives)
      .Case("reset", OwnerEffect::Resets)
      .Cases("use_count", "unique", "owner_before", OwnerEffect::Reads)
      .Default(OwnerEffect::Unknown);
}

bool CallEffectsModel::sharesOwnedPointer(const CXXConstructorDecl *Ctor) const {
  if (!Ctor || !Ctor->isCopyOrMoveConstructor())
    return false;
  std::optional<OwnerRelease> R = ownerRelease(compat::tagType(Ctor->getParent()));
  if (!R || !R->Field)
    return false;
  const FunctionSummary *S = summaryOf(Ctor);
  return S && llvm::is_contained(S->CopiedFields, R->Field);
}

std::optional<AllocFamily>
CallEffectsModel::adoptedByConstructor(const CallSite &Site, unsigned I,
                                       const FunctionSummary *Sum) const {
  if (!Sum || !isa_and_nonnull<CXXConstructExpr>(Site.E) || I >= Sum->StoredInField.size() ||
      !Sum->StoredInField[I])
    return std::nullopt;
  std::optional<OwnerRelease> R = ownerRelease(Site.E->getType());
  if (!R || R->Field != Sum->StoredInField[I])
    return std::nullopt;
  return R->Family;
}

CallEffects CallEffectsModel::effectsOf(const CallSite &Site) const {
  CallEffects Out;
  Out.Callee = Site.Callee;
  const FunctionSummary *Sum = nullptr;
  if (Site.Callee && !isVirtualMethod(Site.Callee))
    Sum = summaryOf(Site.Callee);
  std::optional<ReturnBorrows> RB;
  llvm::ArrayRef<unsigned> Inv;
  std::optional<llvm::SmallBitVector> Made;
  if (Site.Callee) {
    RB = returnBorrows(Site.Callee);
    Inv = paramInvalidations(Site.Callee);
    if (isa_and_nonnull<CXXConstructExpr>(Site.E))
      Made = constructedBorrows(dyn_cast<CXXConstructorDecl>(Site.Callee));
  }
  for (unsigned I = 0; I < Site.Args.size(); ++I) {
    ArgumentEffect A = heapEffect(Site, I, Sum);
    QualType PT = Site.paramType(I);
    A.Consumes = !PT.isNull() && PT->isRValueReferenceType() &&
                 !PT->getPointeeType().isConstQualified() && mayConsume(Site.Callee, I) &&
                 !leavesArgumentsWhenPresent(dyn_cast_or_null<CXXMethodDecl>(Site.Callee),
                                             &Options.Containers,
                                             containerObjectType(Site.Object));
    A.ResultBorrows = (RB && I < RB->Params.size() && RB->Params.test(I)) ||
                      (Made && I < Made->size() && Made->test(I));
    if (Site.Callee)
      A.CapturedBy = compat::lifetimeCaptureBy(Site.Callee, I);
    A.Invalidates = I < Inv.size() ? Inv[I] : 0;
    Out.Args.push_back(A);
  }
  Out.Object = objectEffect(Site, Sum);
  Out.Object.ResultBorrows = RB && RB->This;
  Out.OnOwner = ownerEffect(Site);
  if (const auto *Call = llvm::dyn_cast_or_null<CallExpr>(Site.E))
    Out.Returns = allocatorOf(Call);
  Out.NoReturn = neverReturns(Site.Callee);
  return Out;
}

bool CallEffectsModel::mayConsume(const FunctionDecl *Callee, unsigned I) const {
  if (!Callee)
    return true;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Callee); Ctor && Ctor->isMoveConstructor())
    return true;
  if (const auto *M = dyn_cast<CXXMethodDecl>(Callee); M && M->isMoveAssignmentOperator())
    return true;
  if (Callee->isInStdNamespace() ||
      Callee->getASTContext().getSourceManager().isInSystemHeader(Callee->getLocation()))
    return true;
  const FunctionDecl *Def = Callee->getDefinition();
  if (!Def || !Def->getBody())
    return true;
  // A body the unit has but has not summarised yet is part of a call cycle with the
  // function being lowered (recursion over a parameter, mutual recursion): it consumes the
  // argument only if some other use does, which the summary of that use says.
  const FunctionSummary *Sum = Summaries ? Summaries->summaryOf(Def) : nullptr;
  return Sum && I < Sum->ConsumedParams.size() && Sum->ConsumedParams.test(I);
}

bool CallEffectsModel::isOutArgument(const CallSite &Site, unsigned I, bool ThroughAddress) const {
  QualType PT = Site.paramType(I);
  if (PT.isNull())
    return false;
  if (ThroughAddress) {
    const auto *Ptr = PT->getAs<PointerType>();
    return Ptr && !Ptr->getPointeeType().isConstQualified();
  }
  const auto *Ref = PT->getAs<LValueReferenceType>();
  if (!Ref || Ref->getPointeeType().isConstQualified())
    return false;
  if (isStdFunction(Site.Callee, "move") || isStdFunction(Site.Callee, "forward") ||
      isStdAccessor(Site.Callee))
    return false;
  return !isForwardingReferenceParam(Site.Callee, I);
}

std::optional<CallEffectsModel::ReturnBorrows>
CallEffectsModel::returnBorrows(const FunctionDecl *Callee) const {
  QualType RT = Callee->getReturnType();
  if (!isBorrowerType(RT) && !mayHoldBorrows(RT))
    return std::nullopt;
  ReturnBorrows R;
  R.Params.resize(Callee->getNumParams());
  // What the declarations say.
  for (const FunctionDecl *Redecl : Callee->redecls())
    for (unsigned I = 0; I < Redecl->getNumParams() && I < R.Params.size(); ++I)
      if (Redecl->getParamDecl(I)->hasAttr<LifetimeBoundAttr>())
        R.Params.set(I);
  R.This = isImplicitObjectLifetimebound(Callee);
  // What the body does. A virtual function may be overridden by one that does otherwise.
  if (!isVirtualMethod(Callee))
    if (const FunctionSummary *S = summaryOf(Callee)) {
      for (unsigned I = 0; I < S->ReturnBorrowsParams.size() && I < R.Params.size(); ++I)
        if (S->ReturnBorrowsParams.test(I))
          R.Params.set(I);
      R.This |= S->ReturnBorrowsThis;
    }
  if (!R.This && R.Params.none())
    return std::nullopt;
  return R;
}

llvm::ArrayRef<unsigned> CallEffectsModel::paramInvalidations(const FunctionDecl *Callee) const {
  if (isVirtualMethod(Callee))
    return {};
  if (const FunctionSummary *S = summaryOf(Callee))
    return S->ParamInvalidations;
  return {};
}

llvm::ArrayRef<std::pair<const FieldDecl *, unsigned>>
CallEffectsModel::memberInvalidations(const FunctionDecl *Callee) const {
  if (isVirtualMethod(Callee))
    return {};
  if (const FunctionSummary *S = summaryOf(Callee))
    return S->MemberInvalidations;
  return {};
}

std::optional<std::pair<const FieldDecl *, LoanClass>>
CallEffectsModel::returnedElement(const FunctionDecl *Callee) const {
  if (isVirtualMethod(Callee))
    return std::nullopt;
  const FunctionSummary *S = summaryOf(Callee);
  if (!S || !S->ReturnsElementOf)
    return std::nullopt;
  return std::make_pair(S->ReturnsElementOf, S->ReturnsElementLoan);
}

} // namespace ownership::model
