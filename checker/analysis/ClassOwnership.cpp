//===- ClassOwnership.cpp - Which members of a class own what they point to ===//
//
// Part of ownership-checker, under the MIT license.
//
// The inference reads the class's own member functions (its destructor first): it is a
// property of the class, not of any one function's dataflow, and it asks the call-effects
// model what each call in them does, as the lowering would.
//===----------------------------------------------------------------------===//
#include "checker/analysis/ClassOwnership.h"

#include "checker/model/CallSite.h"
#include "checker/model/StdContainers.h"
#include "checker/support/ClangCompat.h"
#include "checker/support/MemberAccess.h"

#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace ownership::model;
using namespace clang;

namespace ownership::analysis {
namespace {

/// True when \p A and \p B name the same member of `*this` or the same variable.
bool sameStorage(const Expr *A, const Expr *B) {
  A = A->IgnoreParenImpCasts();
  B = B->IgnoreParenImpCasts();
  if (const FieldDecl *F = memberOfThis(A))
    return F == memberOfThis(B);
  const auto *DA = dyn_cast<DeclRefExpr>(A);
  const auto *DB = dyn_cast<DeclRefExpr>(B);
  return DA && DB && DA->getDecl() == DB->getDecl();
}

/// True when \p Cond tests \p Arg, and nothing else, for being non-null (`p_`,
/// `p_ != nullptr`, `nullptr != p_`): a release under it is still unconditional.
bool isNonNullTestOf(ASTContext &Ctx, const Expr *Cond, const Expr *Arg) {
  Cond = Cond->IgnoreParenImpCasts();
  if (sameStorage(Cond, Arg))
    return true;
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO || BO->getOpcode() != BO_NE)
    return false;
  auto IsNull = [&](const Expr *E) {
    return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
           Expr::NPCK_NotNull;
  };
  return (sameStorage(BO->getLHS(), Arg) && IsNull(BO->getRHS())) ||
         (sameStorage(BO->getRHS(), Arg) && IsNull(BO->getLHS()));
}

/// The range-for loop whose loop variable \p E names (`p` in `for (T *p : v_)`, or the
/// pair in `kv.second`), when the loop ranges over a member of `*this`.
const CXXForRangeStmt *loopOverMember(const Expr *E, const ParentMap &PM) {
  E = E->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !ME->isArrow())
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
        FD && FD->getName() == "second")
      E = ME->getBase()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  if (!DRE)
    return nullptr;
  for (const Stmt *S = DRE; S; S = PM.getParent(S))
    if (const auto *RF = dyn_cast<CXXForRangeStmt>(S))
      if (RF->getLoopVariable() == DRE->getDecl() && memberOfThis(RF->getRangeInit()))
        return RF;
  return nullptr;
}

/// The member container whose element \p E is (`v_[i]`), if it is one.
const FieldDecl *indexedMember(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return memberOfThis(AS->getBase());
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
      OC && OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2)
    return memberOfThis(OC->getArg(0));
  return nullptr;
}

/// One release of a member that a destructor (or a helper it calls) makes.
struct MemberRelease {
  const FieldDecl *Field;
  OwningMember::Shape S;
  /// Through `delete` (which needs evidence that the class allocates into the member),
  /// rather than through a deallocator the model knows.
  bool ByDelete;
  /// Under a condition other than the member's own null test: the class may own it only
  /// sometimes (a flag), so its ownership is unknown.
  bool Conditional;
  const Stmt *At;
  /// The body of the function the release is in (the destructor's, or a helper's).
  const Stmt *InBody;
};

/// Collects the releases of members of `*this` in a destructor's body and in the
/// non-virtual member functions it calls on `*this`.
class ReleaseCollector {
public:
  ReleaseCollector(const CallEffectsModel &Model, std::vector<MemberRelease> &Out)
      : Model(Model), Out(Out) {}

  void collect(const FunctionDecl *FD, bool UnderCondition, unsigned Depth) {
    const FunctionDecl *Def = nullptr;
    if (!FD->hasBody(Def) || !Def->getBody() || !Visited.insert(Def).second || Depth > 3)
      return;
    ParentMap PM(Def->getBody());
    Visitor V{*this, PM, Def->getBody(), UnderCondition, Depth};
    V.TraverseStmt(Def->getBody());
  }

private:
  struct Visitor : RecursiveASTVisitor<Visitor> {
    ReleaseCollector &C;
    ParentMap &PM;
    const Stmt *Body;
    bool UnderCondition;
    unsigned Depth;
    Visitor(ReleaseCollector &C, ParentMap &PM, const Stmt *Body, bool U, unsigned D)
        : C(C), PM(PM), Body(Body), UnderCondition(U), Depth(D) {}

    bool VisitCXXDeleteExpr(CXXDeleteExpr *DE) {
      C.release(DE->getArgument(), DE, /*ByDelete=*/true, *this);
      return true;
    }
    bool VisitCallExpr(CallExpr *CE) {
      std::optional<CallSite> Site = getCallSite(CE);
      if (!Site)
        return true;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
        const CXXMethodDecl *M = MC->getMethodDecl();
        if (M && !M->isVirtual() &&
            isa<CXXThisExpr>(MC->getImplicitObjectArgument()->IgnoreParenImpCasts())) {
          if (const FunctionDecl *Def = M->getDefinition())
            C.Calls.push_back({Def, CE});
          C.collect(M, UnderCondition || C.isConditional(CE, nullptr, PM, Body), Depth + 1);
        }
        return true;
      }
      CallEffects Effects = C.Model.effectsOf(*Site);
      for (unsigned I = 0; I < Site->Args.size() && I < Effects.Args.size(); ++I)
        if (Effects.Args[I].Heap == HeapEffect::Releases)
          C.release(Site->Args[I], CE, /*ByDelete=*/false, *this);
      return true;
    }
  };

  /// Records the release of \p Arg by \p At when Arg is a member or an element of one.
  void release(const Expr *Arg, const Stmt *At, bool ByDelete, Visitor &V) {
    if (!Arg)
      return;
    if (const FieldDecl *F = memberOfThis(Arg)) {
      if (isDataPointer(F->getType()))
        Out.push_back({F, OwningMember::Shape::Pointer, ByDelete,
                       V.UnderCondition || isConditional(At, Arg, V.PM, V.Body), At, V.Body});
      return;
    }
    const FieldDecl *F = nullptr;
    const Stmt *Loop = nullptr;
    if (const CXXForRangeStmt *RF = loopOverMember(Arg, V.PM)) {
      F = memberOfThis(RF->getRangeInit());
      Loop = RF;
    } else if ((F = indexedMember(Arg))) {
      for (const Stmt *S = V.PM.getParent(At); S && !Loop; S = V.PM.getParent(S))
        if (isa<ForStmt, WhileStmt>(S))
          Loop = S;
    }
    if (!F || !Loop)
      return;
    Out.push_back({F, OwningMember::Shape::Container, ByDelete,
                   V.UnderCondition || isConditional(At, Arg, V.PM, Loop) ||
                       isConditional(Loop, nullptr, V.PM, V.Body),
                   At, V.Body});
  }

  /// True when \p At runs only under a condition between it and \p Top (exclusive) other
  /// than a null test of \p Arg.
  bool isConditional(const Stmt *At, const Expr *Arg, const ParentMap &PM,
                     const Stmt *Top) const {
    const Stmt *Child = At;
    for (const Stmt *S = PM.getParent(At); S && S != Top; Child = S, S = PM.getParent(S)) {
      if (const auto *If = dyn_cast<IfStmt>(S)) {
        if (Child == If->getCond() || Child == If->getInit())
          continue;
        if (Child == If->getElse() || !Arg ||
            !isNonNullTestOf(Model.context(), If->getCond(), Arg))
          return true;
        continue;
      }
      if (isa<SwitchStmt, ConditionalOperator, BinaryConditionalOperator, ForStmt, WhileStmt,
              DoStmt, CXXForRangeStmt, CXXTryStmt, CXXCatchStmt>(S))
        return true;
      if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isLogicalOp())
        return true;
    }
    return false;
  }

public:
  /// The member functions called on `*this`, with their calls, in the order met.
  llvm::SmallVector<std::pair<const FunctionDecl *, const CallExpr *>, 2> Calls;

private:
  const CallEffectsModel &Model;
  std::vector<MemberRelease> &Out;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Visited;
};

/// What the class's own code stores into its pointer members.
struct Stores {
  llvm::SmallPtrSet<const FieldDecl *, 4> Allocated;
  llvm::SmallPtrSet<const FieldDecl *, 4> Adopted;
  /// The first allocation a constructor stores into each member.
  llvm::DenseMap<const FieldDecl *, const Expr *> ConstructorAllocation;
};

/// Records in \p Out that \p Value, stored into member \p F, is fresh memory or a
/// parameter.
/// A parameter counts only in a constructor: a setter that stores its parameter says less
/// about who owns it than a constructor that takes it and a destructor that deletes it.
void classifyStore(const CallEffectsModel &Model, const FieldDecl *F, const Expr *Value,
                   bool InConstructor, Stores &Out) {
  if (!F || !Value)
    return;
  const Expr *V = Value->IgnoreParenCasts();
  if (Model.allocatorOf(V) || Model.allocatorOf(Value->IgnoreParenImpCasts())) {
    Out.Allocated.insert(F);
    if (InConstructor)
      Out.ConstructorAllocation.try_emplace(F, V);
  }
  else if (const auto *DRE = dyn_cast<DeclRefExpr>(V);
           DRE && InConstructor && isa<ParmVarDecl>(DRE->getDecl()))
    Out.Adopted.insert(F);
}

/// The stores into members of `*this` made by \p RD's constructors (initializers
/// included), member functions and default member initializers; not its destructor.
Stores collectStores(const CallEffectsModel &Model, const CXXRecordDecl *RD) {
  Stores Out;
  for (const FieldDecl *F : RD->fields())
    if (const Expr *Init = F->getInClassInitializer())
      classifyStore(Model, F, Init, /*InConstructor=*/false, Out);
  struct Visitor : RecursiveASTVisitor<Visitor> {
    const CallEffectsModel &Model;
    Stores &Out;
    bool InConstructor = false;
    Visitor(const CallEffectsModel &M, Stores &O) : Model(M), Out(O) {}
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->getOpcode() == BO_Assign)
        classifyStore(Model, memberOfThis(BO->getLHS()), BO->getRHS(), InConstructor, Out);
      return true;
    }
  } V(Model, Out);
  for (const CXXMethodDecl *M : RD->methods()) {
    const FunctionDecl *Def = nullptr;
    if (isa<CXXDestructorDecl>(M) || !M->hasBody(Def) || !Def->getBody())
      continue;
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def);
    if (Ctor)
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten())
          classifyStore(Model, Init->getMember(), Init->getInit(), /*InConstructor=*/true, Out);
    V.InConstructor = Ctor != nullptr;
    V.TraverseStmt(Def->getBody());
  }
  return Out;
}

/// True when every use of member \p F in \p RD's member functions only stores into it,
/// reads or writes through it, or compares it: the memory it points to never leaves the
/// class, so only the class could release it.
bool staysInClass(const CXXRecordDecl *RD, const FieldDecl *F) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    const FieldDecl *F;
    ParentMap *PM = nullptr;
    bool Leaves = false;
    explicit Visitor(const FieldDecl *F) : F(F) {}
    bool VisitMemberExpr(MemberExpr *ME) {
      if (ME->getMemberDecl() != F || !PM)
        return true;
      const Stmt *Child = ME;
      const Stmt *P = PM->getParent(ME);
      while (P && (isa<ParenExpr>(P) ||
                   (isa<ImplicitCastExpr>(P) &&
                    cast<ImplicitCastExpr>(P)->getCastKind() != CK_PointerToBoolean))) {
        Child = P;
        P = PM->getParent(P);
      }
      if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P)) {
        if ((BO->getOpcode() == BO_Assign && BO->getLHS() == Child) ||
            BO->isEqualityOp())
          return true;
      } else if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P)) {
        if (UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_LNot)
          return true;
      } else if (const auto *Outer = dyn_cast_or_null<MemberExpr>(P)) {
        if (Outer->isArrow())
          return true;
      } else if (isa_and_nonnull<ArraySubscriptExpr, ImplicitCastExpr>(P)) {
        return true; // an element, or a test for null
      }
      Leaves = true;
      return false;
    }
  } V(F);
  for (const CXXMethodDecl *M : RD->methods()) {
    const FunctionDecl *Def = nullptr;
    if (!M->hasBody(Def) || !Def->getBody())
      continue;
    ParentMap PM(const_cast<Stmt *>(Def->getBody()));
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten() && Init->getInit())
          PM.addStmt(Init->getInit());
    V.PM = &PM;
    V.TraverseStmt(Def->getBody());
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten() && Init->getInit())
          V.TraverseStmt(Init->getInit());
    if (V.Leaves)
      return false;
  }
  return true;
}

/// True when \p F is declared `gsl::owner<T*>`.
bool isGslOwner(const FieldDecl *F) {
  QualType T = F->getType();
  for (unsigned Steps = 0; Steps < 16; ++Steps) {
    if (const auto *TST = dyn_cast<TemplateSpecializationType>(T.getTypePtr()))
      if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
        if (compat::qualifiedName(TD) == "gsl::owner")
          return true;
    if (const auto *TT = dyn_cast<TypedefType>(T.getTypePtr()))
      if (compat::qualifiedName(TT->getDecl()) == "gsl::owner")
        return true;
    QualType Next = T->getLocallyUnqualifiedSingleStepDesugaredType();
    if (Next == T)
      return false;
    T = Next;
  }
  return false;
}

} // namespace

const OwningMember *ClassInfo::find(const FieldDecl *F) const {
  for (const OwningMember &M : Members)
    if (M.Field == F)
      return &M;
  return nullptr;
}

const CallExpr *ClassInfo::destructorCallOf(const FunctionDecl *FD) const {
  const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
  for (const auto &[Callee, Call] : DestructorCalls)
    if (Callee == Def)
      return Call;
  return nullptr;
}

ClassOwnership::ClassOwnership(const CallEffectsModel &Model) : Model(Model) {
  for (const std::string &Glob : Model.options().OwningMembers)
    if (llvm::Expected<llvm::GlobPattern> P = llvm::GlobPattern::create(Glob))
      OptionGlobs.push_back(std::move(*P));
    else
      llvm::consumeError(P.takeError()); // the rule diagnosed it when it read the option
}

ClassOwnership::~ClassOwnership() = default;

const ClassInfo &ClassOwnership::of(const CXXRecordDecl *RD) const {
  RD = RD ? RD->getDefinition() : nullptr;
  if (auto It = Cache.find(RD); It != Cache.end())
    return *It->second;
  // infer() may ask for the bases' answers first: insert only afterwards.
  auto Info = std::make_unique<ClassInfo>(infer(RD));
  return *Cache.try_emplace(RD, std::move(Info)).first->second;
}

const OwningMember *ClassOwnership::owningMember(const FieldDecl *F) const {
  return F ? of(dyn_cast<CXXRecordDecl>(F->getParent())).find(F) : nullptr;
}

bool ClassOwnership::namedByOption(const FieldDecl *F) const {
  if (OptionGlobs.empty())
    return false;
  std::string Name = compat::qualifiedName(F->getParent()) + "::" + F->getNameAsString();
  for (const llvm::GlobPattern &G : OptionGlobs)
    if (G.match(Name))
      return true;
  return false;
}

namespace {

/// True when \p Body assigns member \p F of `*this` (`p_ = nullptr;` after its release
/// makes a later release harmless).
bool assignsMember(const Stmt *Body, const FieldDecl *F) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    const FieldDecl *F;
    bool Found = false;
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->isAssignmentOp() && memberOfThis(BO->getLHS()) == F)
        Found = true;
      return !Found;
    }
  } V;
  V.F = F;
  V.TraverseStmt(const_cast<Stmt *>(Body));
  return V.Found;
}

/// Records in \p Info the releases among \p Releases (by \p RD's destructor) of owning
/// members of a base class that the base's destructor releases too.
void addBaseMemberReleases(const ClassOwnership &Classes, const CXXRecordDecl *RD,
                           llvm::ArrayRef<MemberRelease> Releases, ClassInfo &Info) {
  for (const MemberRelease &R : Releases) {
    const auto *Base = dyn_cast<CXXRecordDecl>(R.Field->getParent());
    if (R.Conditional || R.S != OwningMember::Shape::Pointer || !Base || Base == RD ||
        !RD->isDerivedFrom(Base) || assignsMember(R.InBody, R.Field))
      continue;
    const ClassInfo &BaseInfo = Classes.of(Base);
    const OwningMember *M = BaseInfo.find(R.Field);
    if (M && M->ReleasedAt && BaseInfo.ReleasingDestructor)
      Info.BaseMemberReleases.push_back({R.At, M, BaseInfo.ReleasingDestructor});
  }
}

} // namespace

ClassInfo ClassOwnership::infer(const CXXRecordDecl *RD) const {
  ClassInfo Info;
  if (!RD || RD->isDependentContext() ||
      Model.context().getSourceManager().isInSystemHeader(RD->getLocation()))
    return Info;
  std::vector<MemberRelease> Releases;
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  if (Dtor && Dtor->isUserProvided()) {
    ReleaseCollector Collector(Model, Releases);
    Collector.collect(Dtor, /*UnderCondition=*/false, 0);
    Info.DestructorCalls = std::move(Collector.Calls);
  }
  // A member released under a flag anywhere is owned only sometimes: unknown.
  llvm::SmallPtrSet<const FieldDecl *, 4> Conditional;
  for (const MemberRelease &R : Releases)
    if (R.Conditional)
      Conditional.insert(R.Field);
  Stores S = collectStores(Model, RD);
  for (const FieldDecl *F : RD->fields()) {
    const MemberRelease *Rel = nullptr;
    for (const MemberRelease &R : Releases)
      if (R.Field == F && !Rel)
        Rel = &R;
    OwningMember M{F, Rel ? Rel->S : OwningMember::Shape::Pointer,
                   OwningMember::Evidence::Allocated, nullptr};
    if (Rel && !Conditional.count(F)) {
      M.ReleasedAt = Rel->At;
      if (Rel->S == OwningMember::Shape::Container)
        M.Why = OwningMember::Evidence::Elements;
      else if (!Rel->ByDelete)
        M.Why = OwningMember::Evidence::Handle;
      else if (S.Allocated.count(F))
        M.Why = OwningMember::Evidence::Allocated;
      else if (S.Adopted.count(F))
        M.Why = OwningMember::Evidence::Adopted;
      else
        M.ReleasedAt = nullptr; // deleted, but never seen filled: unknown
    }
    if (M.ReleasedAt) {
      Info.Members.push_back(M);
      Info.ReleasingDestructor = Dtor;
      continue;
    }
    if (!isDataPointer(F->getType()) || Conditional.count(F))
      continue;
    if (isGslOwner(F))
      Info.Members.push_back({F, OwningMember::Shape::Pointer, OwningMember::Evidence::GslOwner});
    else if (namedByOption(F))
      Info.Members.push_back({F, OwningMember::Shape::Pointer, OwningMember::Evidence::Option});
  }
  addBaseMemberReleases(*this, RD, Releases, Info);
  Info.TaggedUnions = inferTaggedUnions(Model, RD);
  // Only a destructor that releases some members says the class cleans up after itself;
  // a member it forgets then leaks with every object.
  if (Info.ReleasingDestructor)
    for (const FieldDecl *F : RD->fields())
      if (S.ConstructorAllocation.count(F) && !Info.find(F) &&
          llvm::none_of(Releases, [&](const MemberRelease &R) { return R.Field == F; }) &&
          staysInClass(RD, F))
        Info.NeverReleased.push_back({F, S.ConstructorAllocation.lookup(F)});
  return Info;
}

std::vector<OwningCopy> ClassOwnership::owningCopiesIn(const CFG &Cfg) const {
  std::vector<OwningCopy> Out;
  auto Consider = [&](const Expr *At, const CXXMethodDecl *Copier) {
    if (!Copier || !Copier->isDefaulted() || Copier->isDeleted())
      return;
    const ClassInfo &Info = of(Copier->getParent());
    if (!Info.ReleasingDestructor)
      return;
    for (const OwningMember &M : Info.Members)
      if (M.ReleasedAt) {
        Out.push_back({At, Copier->getParent(), Copier, &M, Info.ReleasingDestructor});
        return;
      }
  };
  for (const CFGBlock *B : Cfg)
    for (const CFGElement &E : *B) {
      std::optional<CFGStmt> S = E.getAs<CFGStmt>();
      if (!S)
        continue;
      if (const auto *CE = dyn_cast<CXXConstructExpr>(S->getStmt())) {
        const CXXConstructorDecl *Ctor = CE->getConstructor();
        if (!Ctor->isCopyOrMoveConstructor() || CE->isElidable() || CE->getNumArgs() != 1)
          continue;
        // `return local;` constructs nothing when the named return value optimization
        // applies.
        if (const auto *DRE = dyn_cast<DeclRefExpr>(CE->getArg(0)->IgnoreParenImpCasts()))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()); VD && VD->isNRVOVariable())
            continue;
        Consider(CE, Ctor);
      } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S->getStmt())) {
        const auto *M = dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee());
        if (OC->getOperator() == OO_Equal && M &&
            (M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator()))
          Consider(OC, M);
      }
    }
  return Out;
}

std::vector<UnionOverwrite> ClassOwnership::unionOverwritesIn(const FunctionDecl *FD) const {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (!MD)
    return {};
  const ClassInfo &Info = of(MD->getParent());
  if (Info.TaggedUnions.empty() || mayTouchMembersThroughCalls(MD))
    return {};
  return analysis::unionOverwritesIn(Model, Info.TaggedUnions, MD);
}

bool ClassOwnership::mayTouchMembersThroughCalls(const FunctionDecl *FD) const {
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def->getBody())
    return true;
  // Several of a function's checks ask: walk its body once.
  if (auto It = TouchCache.find(Def); It != TouchCache.end())
    return It->second;
  ParentMap PM(Def->getBody());
  struct Visitor : RecursiveASTVisitor<Visitor> {
    ParentMap &PM;
    bool Touches = false;
    explicit Visitor(ParentMap &PM) : PM(PM) {}
    bool VisitCXXThisExpr(CXXThisExpr *This) {
      const Stmt *P = PM.getParentIgnoreParenImpCasts(This);
      const auto *ME = dyn_cast_or_null<MemberExpr>(P);
      const ValueDecl *Member = ME ? ME->getMemberDecl() : nullptr;
      if (isa_and_nonnull<FieldDecl>(Member))
        return true;
      if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(Member); M && M->isConst())
        return true;
      // `return *this;`: the caller gets the object back after the function is done.
      if (const auto *Deref = dyn_cast_or_null<UnaryOperator>(P);
          Deref && Deref->getOpcode() == UO_Deref &&
          isa_and_nonnull<ReturnStmt>(
              PM.getParentIgnoreParenImpCasts(const_cast<UnaryOperator *>(Deref))))
        return true;
      Touches = true; // a call of a mutating member, or `this` handed on
      return false;
    }
  } V(PM);
  V.TraverseStmt(Def->getBody());
  TouchCache[Def] = V.Touches;
  return V.Touches;
}

namespace {

/// True when member \p M of a container removes elements without taking another container
/// of its type (`clear`, `erase`, `pop_back`; not `swap` or an assignment, which hand the
/// elements over).
bool dropsElements(const CXXMethodDecl *M) {
  if (!M || storeKindOf(M) != StoreKind::Remove)
    return false;
  const CXXRecordDecl *Container = M->getParent();
  for (const ParmVarDecl *P : M->parameters())
    if (P->getType().getNonReferenceType()->getAsCXXRecordDecl() == Container)
      return false;
  return true;
}

/// Collects, in one body, the candidate drops, how often each member is named, and
/// whether anything is released.
struct DropFinder : RecursiveASTVisitor<DropFinder> {
  const CallEffectsModel &Model;
  std::vector<std::pair<const Expr *, const FieldDecl *>> Drops;
  std::vector<const Expr *> Overwrites;
  llvm::DenseMap<const FieldDecl *, unsigned> Mentions;
  bool Releases = false;
  explicit DropFinder(const CallEffectsModel &Model) : Model(Model) {}

  bool VisitMemberExpr(MemberExpr *ME) {
    if (const FieldDecl *F = memberOfThis(ME))
      ++Mentions[F];
    return true;
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *) {
    Releases = true;
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      if (const FieldDecl *F = memberOfThis(MC->getImplicitObjectArgument());
          F && dropsElements(MC->getMethodDecl()))
        Drops.push_back({CE, F});
    if (std::optional<CallSite> Site = getCallSite(CE))
      for (const ArgumentEffect &A : Model.effectsOf(*Site).Args)
        if (A.Heap == HeapEffect::Releases || A.Heap == HeapEffect::Adopts ||
            A.Heap == HeapEffect::Reallocs)
          Releases = true;
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(BO->getLHS()->IgnoreParens());
        OC && OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2 &&
        memberOfThis(OC->getArg(0)))
      Overwrites.push_back(BO);
    return true;
  }
};

} // namespace

std::vector<ElementDrop> ClassOwnership::elementDropsIn(const FunctionDecl *FD) const {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  const FunctionDecl *Def = nullptr;
  if (!MD || isa<CXXDestructorDecl, CXXConstructorDecl>(MD) || !FD->hasBody(Def) || !Def->getBody() ||
      mayTouchMembersThroughCalls(FD))
    return {};
  DropFinder Finder(Model);
  Finder.TraverseStmt(Def->getBody());
  if (Finder.Releases)
    return {};
  std::vector<ElementDrop> Out;
  auto Add = [&](const Expr *At, const FieldDecl *F, bool Overwrite) {
    const OwningMember *M = owningMember(F);
    if (M && M->S == OwningMember::Shape::Container && Finder.Mentions.lookup(F) == 1)
      Out.push_back({At, M, Overwrite});
  };
  for (const auto &[At, F] : Finder.Drops)
    Add(At, F, /*Overwrite=*/false);
  for (const Expr *At : Finder.Overwrites) {
    const auto *OC = cast<CXXOperatorCallExpr>(cast<BinaryOperator>(At)->getLHS()->IgnoreParens());
    Add(At, memberOfThis(OC->getArg(0)), /*Overwrite=*/true);
  }
  return Out;
}

namespace {

/// True when \p New reports a failed allocation by throwing: not a placement new and not
/// a nothrow one.
bool throwsOnFailure(const CXXNewExpr *New) {
  const FunctionDecl *Op = New->getOperatorNew();
  if (!Op || Op->isReservedGlobalPlacementOperator())
    return false;
  const auto *Proto = Op->getType()->getAs<FunctionProtoType>();
  return Proto && !Proto->isNothrow();
}

/// True when handler \p H catches what a failed `new` throws: everything,
/// `std::bad_alloc` or `std::exception`.
bool catchesBadAlloc(const CXXCatchStmt *H) {
  if (!H->getExceptionDecl())
    return true;
  const CXXRecordDecl *RD = H->getCaughtType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return false;
  std::string Name = compat::qualifiedName(RD);
  return Name == "std::bad_alloc" || Name == "std::exception";
}

/// True when \p Block may end other than by completing: it throws or calls a function
/// that does not return.
bool mayLeave(const CallEffectsModel &Model, const Stmt *Block) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    const CallEffectsModel &Model;
    bool Leaves = false;
    explicit Visitor(const CallEffectsModel &M) : Model(M) {}
    bool VisitCXXThrowExpr(CXXThrowExpr *) {
      Leaves = true;
      return false;
    }
    bool VisitCallExpr(CallExpr *CE) {
      if (std::optional<CallSite> Site = getCallSite(CE))
        Leaves = Model.effectsOf(*Site).NoReturn;
      return !Leaves;
    }
  } V(Model);
  V.TraverseStmt(const_cast<Stmt *>(Block));
  return V.Leaves;
}

/// The releases of members of `*this` in \p Block that run whenever it does (not under a
/// condition other than the member's own null test), with the `delete` or call of each.
std::vector<std::pair<const Stmt *, const FieldDecl *>>
unconditionalReleases(const CallEffectsModel &Model, const Stmt *Block) {
  ParentMap PM(const_cast<Stmt *>(Block));
  std::vector<std::pair<const Stmt *, const FieldDecl *>> Out;
  forEachRelease(Block, Model, [&](const Expr *Arg, AllocFamily) {
    const FieldDecl *F = memberOfThis(Arg);
    if (!F)
      return;
    const Stmt *At = nullptr;
    const Stmt *Child = Arg;
    for (const Stmt *P = PM.getParent(Arg); P; Child = P, P = PM.getParent(P)) {
      if (!At) {
        if (isa<CXXDeleteExpr, CallExpr>(P))
          At = P;
        continue;
      }
      const auto *If = dyn_cast<IfStmt>(P);
      if (If && Child == If->getThen() && isNonNullTestOf(Model.context(), If->getCond(), Arg))
        continue;
      if (!isa<CompoundStmt, ExprWithCleanups, ImplicitCastExpr, ParenExpr>(P))
        return;
    }
    if (At)
      Out.push_back({At, F});
  });
  return Out;
}

/// Where constructor \p Ctor first stores fresh memory into member \p F: its
/// initializer, or an assignment in its body; null when it does not.
const Expr *allocationInto(const CallEffectsModel &Model, const CXXConstructorDecl *Ctor,
                           const FieldDecl *F) {
  for (const CXXCtorInitializer *Init : Ctor->inits())
    if (Init->getMember() == F && Init->isWritten() && Init->getInit() &&
        Model.allocatorOf(Init->getInit()->IgnoreParenCasts()))
      return Init->getInit();
  struct Visitor : RecursiveASTVisitor<Visitor> {
    const CallEffectsModel &Model;
    const FieldDecl *F;
    const Expr *Found = nullptr;
    Visitor(const CallEffectsModel &M, const FieldDecl *F) : Model(M), F(F) {}
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->getOpcode() == BO_Assign && memberOfThis(BO->getLHS()) == F &&
          Model.allocatorOf(BO->getRHS()->IgnoreParenCasts()))
        Found = BO->getRHS();
      return !Found;
    }
  } V(Model, F);
  V.TraverseStmt(Ctor->getBody());
  return V.Found;
}

/// The first `new` in \p Try that throws on failure and begins after \p After.
const CXXNewExpr *throwingNewAfter(const Stmt *Try, SourceLocation After,
                                   const SourceManager &SM) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    SourceLocation After;
    const SourceManager &SM;
    const CXXNewExpr *Found = nullptr;
    Visitor(SourceLocation A, const SourceManager &SM) : After(A), SM(SM) {}
    bool VisitCXXNewExpr(CXXNewExpr *New) {
      if (throwsOnFailure(New) && SM.isBeforeInTranslationUnit(After, New->getBeginLoc()))
        Found = New;
      return !Found;
    }
  } V(After, SM);
  V.TraverseStmt(const_cast<Stmt *>(Try));
  return V.Found;
}

/// The first assignment (`=`, `+=`, ...) to member \p F of `*this` in \p Body that
/// begins after \p Loc, or null.
const BinaryOperator *assignmentAfter(const Stmt *Body, const FieldDecl *F, SourceLocation Loc,
                                      const SourceManager &SM) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    const FieldDecl *F;
    SourceLocation Loc;
    const SourceManager &SM;
    const BinaryOperator *Found = nullptr;
    Visitor(const FieldDecl *F, SourceLocation L, const SourceManager &SM)
        : F(F), Loc(L), SM(SM) {}
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->isAssignmentOp() && memberOfThis(BO->getLHS()) == F &&
          SM.isBeforeInTranslationUnit(Loc, BO->getBeginLoc()) &&
          (!Found || SM.isBeforeInTranslationUnit(BO->getBeginLoc(), Found->getBeginLoc())))
        Found = BO;
      return true;
    }
  } V(F, Loc, SM);
  V.TraverseStmt(const_cast<Stmt *>(Body));
  return V.Found;
}

} // namespace

std::vector<HandlerRelease> ClassOwnership::handlerReleasesIn(const FunctionDecl *FD) const {
  const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD);
  const FunctionDecl *Def = nullptr;
  if (!Ctor || !Ctor->hasBody(Def) || !isa_and_nonnull<CompoundStmt>(Def->getBody()))
    return {};
  Ctor = cast<CXXConstructorDecl>(Def);
  const ClassInfo &Info = of(Ctor->getParent());
  if (!Info.ReleasingDestructor)
    return {};
  const SourceManager &SM = Model.context().getSourceManager();
  const Stmt *Body = Ctor->getBody();
  ParentMap PM(const_cast<Stmt *>(Body));
  std::vector<HandlerRelease> Out;
  struct TryFinder : RecursiveASTVisitor<TryFinder> {
    std::vector<const CXXTryStmt *> Found;
    bool VisitCXXTryStmt(CXXTryStmt *T) {
      Found.push_back(T);
      return true;
    }
  } Tries;
  Tries.TraverseStmt(const_cast<Stmt *>(Body));
  if (Tries.Found.empty() || mayTouchMembersThroughCalls(Def))
    return {};
  for (const CXXTryStmt *T : Tries.Found) {
    // In a loop the handler may be followed by another attempt that refills the member.
    bool InLoop = false;
    for (const Stmt *P = PM.getParent(T); P && !InLoop; P = PM.getParent(P))
      InLoop = isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P);
    if (InLoop)
      continue;
    for (unsigned I = 0; I < T->getNumHandlers(); ++I) {
      const CXXCatchStmt *H = T->getHandler(I);
      if (!catchesBadAlloc(H) || mayLeave(Model, H->getHandlerBlock()))
        continue;
      for (const auto &[At, F] : unconditionalReleases(Model, H->getHandlerBlock())) {
        const OwningMember *M = Info.find(F);
        const Expr *Allocation = M && M->ReleasedAt && M->S == OwningMember::Shape::Pointer
                                     ? allocationInto(Model, Ctor, F)
                                     : nullptr;
        if (!Allocation || assignmentAfter(Body, F, At->getBeginLoc(), SM))
          continue;
        // The member holds memory only if the throwing `new` runs after it was filled.
        if (const CXXNewExpr *New =
                throwingNewAfter(T->getTryBlock(), Allocation->getEndLoc(), SM))
          Out.push_back({At, M, New, Info.ReleasingDestructor});
      }
    }
  }
  return Out;
}

namespace {

/// True when \p Body compares `this` with something (`if (this == &other)`).
bool comparesThis(const Stmt *Body) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    bool Found = false;
    bool VisitBinaryOperator(BinaryOperator *BO) {
      Found = BO->isEqualityOp() && (isa<CXXThisExpr>(BO->getLHS()->IgnoreParenImpCasts()) ||
                                     isa<CXXThisExpr>(BO->getRHS()->IgnoreParenImpCasts()));
      return !Found;
    }
  } V;
  V.TraverseStmt(const_cast<Stmt *>(Body));
  return V.Found;
}

} // namespace

std::vector<SelfAssignmentRead>
ClassOwnership::selfAssignmentReadsIn(const FunctionDecl *FD) const {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  const FunctionDecl *Def = nullptr;
  if (!MD || !MD->isCopyAssignmentOperator() || !MD->hasBody(Def) || !Def->getBody() ||
      Def->getNumParams() != 1 || !Def->getParamDecl(0)->getType()->isReferenceType() ||
      comparesThis(Def->getBody()))
    return {};
  const ParmVarDecl *Source = Def->getParamDecl(0);
  const Stmt *Body = Def->getBody();
  const SourceManager &SM = Model.context().getSourceManager();
  ParentMap PM(const_cast<Stmt *>(Body));
  std::vector<SelfAssignmentRead> Out;
  for (const auto &[At, F] : unconditionalReleases(Model, Body)) {
    if (llvm::any_of(Out, [&](const SelfAssignmentRead &R) { return R.Field == F; }))
      continue;
    const BinaryOperator *Refill = assignmentAfter(Body, F, At->getEndLoc(), SM);
    struct Visitor : RecursiveASTVisitor<Visitor> {
      const FieldDecl *F;
      const ParmVarDecl *Source;
      std::vector<const MemberExpr *> Reads;
      bool VisitMemberExpr(MemberExpr *ME) {
        const auto *Base = dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenImpCasts());
        if (ME->getMemberDecl() == F && Base && Base->getDecl() == Source)
          Reads.push_back(ME);
        return true;
      }
    } V;
    V.F = F;
    V.Source = Source;
    V.TraverseStmt(const_cast<Stmt *>(Body));
    for (const MemberExpr *ME : V.Reads) {
      // Only the reads between the release and the end of the refill; a test of the
      // pointer for null reads no memory.
      if (!SM.isBeforeInTranslationUnit(At->getEndLoc(), ME->getBeginLoc()) ||
          (Refill && SM.isBeforeInTranslationUnit(Refill->getEndLoc(), ME->getBeginLoc())))
        continue;
      const Stmt *P = PM.getParentIgnoreParens(const_cast<MemberExpr *>(ME));
      if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(P);
          Cast && Cast->getCastKind() == CK_LValueToRValue)
        P = PM.getParentIgnoreParenImpCasts(const_cast<ImplicitCastExpr *>(Cast));
      const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
      const auto *UO = dyn_cast_or_null<UnaryOperator>(P);
      const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(P);
      if ((BO && BO->isEqualityOp()) || (UO && UO->getOpcode() == UO_LNot) ||
          (Cast && Cast->getCastKind() == CK_PointerToBoolean))
        continue;
      Out.push_back({ME, At, F, Source});
      break;
    }
  }
  return Out;
}

} // namespace ownership::analysis
