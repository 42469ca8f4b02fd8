//===- TaggedUnions.cpp - Unions whose active alternative a tag member selects ===//
//
// Part of ownership-checker, under the MIT license.
//
// Both halves read the AST of the class's own member functions, as the rest of the class
// inference does: the destructor says what the class owns; a member function that never
// looks at the tag cannot know which alternative it overwrites.
//===----------------------------------------------------------------------===//
#include "checker/analysis/TaggedUnions.h"

#include "checker/lowering/HeapValues.h"
#include "checker/model/CallSite.h"
#include "checker/support/ClangCompat.h"
#include "checker/support/MemberAccess.h"

#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <optional>

using namespace ownership::model;
using namespace clang;

namespace ownership::analysis {
namespace {

/// An alternative of a union member of `*this`, as an expression names it: `s` (in an
/// anonymous union), `u.str`, `this->u.num`.
struct AlternativeRef {
  const FieldDecl *Union = nullptr;
  const FieldDecl *Alternative = nullptr;
  const MemberExpr *Named = nullptr;
};

std::optional<AlternativeRef> alternativeOf(const Expr *E) {
  if (!E)
    return std::nullopt;
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  if (!ME || ME->isArrow())
    return std::nullopt;
  const auto *Alt = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!Alt || !Alt->getParent()->isUnion())
    return std::nullopt;
  const FieldDecl *Union = memberOfThis(ME->getBase());
  if (!Union || Union->getType()->getAsRecordDecl() != Alt->getParent())
    return std::nullopt;
  return AlternativeRef{Union, Alt, ME};
}

/// True when \p FD is `std::Name`.
bool isStdFunction(const FunctionDecl *FD, llvm::StringRef Name) {
  return FD && FD->getIdentifier() && FD->getName() == Name && FD->isInStdNamespace();
}

/// The object whose address \p E takes (`&s`, `std::addressof(s)`), or null.
const Expr *addressed(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
    return UO->getSubExpr();
  if (const auto *CE = dyn_cast<CallExpr>(E);
      CE && CE->getNumArgs() == 1 && isStdFunction(CE->getDirectCallee(), "addressof"))
    return CE->getArg(0);
  return nullptr;
}

/// The alternative that \p S destroys or releases: its destructor called explicitly,
/// `std::destroy_at(&alt)`, `delete alt`, or a deallocator the model knows.
std::optional<AlternativeRef> destroyedBy(const Stmt *S, const CallEffectsModel &Model) {
  // Destroying an alternative whose destructor is trivial releases nothing: an instance
  // of a template that destroys whatever its alternatives are.
  auto NonTrivial = [](std::optional<AlternativeRef> Ref) -> std::optional<AlternativeRef> {
    if (Ref && Ref->Alternative->getType().isDestructedType() == QualType::DK_none)
      return std::nullopt;
    return Ref;
  };
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    if (isa_and_nonnull<CXXDestructorDecl>(MC->getMethodDecl()))
      return NonTrivial(alternativeOf(MC->getImplicitObjectArgument()));
    return std::nullopt;
  }
  if (const auto *DE = dyn_cast<CXXDeleteExpr>(S))
    return alternativeOf(DE->getArgument());
  const auto *CE = dyn_cast<CallExpr>(S);
  if (!CE)
    return std::nullopt;
  if (CE->getNumArgs() == 1 && isStdFunction(CE->getDirectCallee(), "destroy_at"))
    return NonTrivial(alternativeOf(addressed(CE->getArg(0))));
  std::optional<CallSite> Site = getCallSite(CE);
  if (!Site)
    return std::nullopt;
  CallEffects Effects = Model.effectsOf(*Site);
  for (unsigned I = 0; I < Site->Args.size() && I < Effects.Args.size(); ++I)
    if (Effects.Args[I].Heap == HeapEffect::Releases)
      if (std::optional<AlternativeRef> Ref = alternativeOf(Site->Args[I]))
        return Ref;
  return std::nullopt;
}

/// The member of `*this` that a const member function returns as it is (`Kind kind()
/// const { return kind_; }`), or null.
const FieldDecl *getterOf(const CXXMethodDecl *M) {
  const FunctionDecl *Def = nullptr;
  if (!M || !M->isConst() || M->isVirtual() || !M->hasBody(Def))
    return nullptr;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  return Ret ? memberOfThis(Ret->getRetValue()) : nullptr;
}

/// The integral or enumeration member of `*this` that condition \p Cond reads, directly or
/// through a getter: the tag it tests.
const FieldDecl *tagIn(const Expr *Cond) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const FieldDecl *Tag = nullptr;
    bool consider(const FieldDecl *F) {
      if (F && F->getType()->isIntegralOrEnumerationType())
        Tag = F;
      return Tag == nullptr;
    }
    bool VisitMemberExpr(MemberExpr *ME) { return consider(memberOfThis(ME)); }
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr *MC) {
      const Expr *Object = MC->getImplicitObjectArgument();
      if (!Object || !isa<CXXThisExpr>(Object->IgnoreParenImpCasts()))
        return true;
      return consider(getterOf(MC->getMethodDecl()));
    }
  } F;
  if (Cond)
    F.TraverseStmt(const_cast<Expr *>(Cond));
  return F.Tag;
}

/// The tag tested by the innermost condition that \p S runs under, below \p Top.
const FieldDecl *enclosingTag(const Stmt *S, const ParentMap &PM, const Stmt *Top) {
  const Stmt *Child = S;
  for (const Stmt *P = PM.getParent(S); P && Child != Top; Child = P, P = PM.getParent(P)) {
    const Expr *Cond = nullptr;
    if (const auto *If = dyn_cast<IfStmt>(P); If && Child != If->getCond())
      Cond = If->getCond();
    else if (const auto *Sw = dyn_cast<SwitchStmt>(P); Sw && Child == Sw->getBody())
      Cond = Sw->getCond();
    else if (const auto *CO = dyn_cast<ConditionalOperator>(P); CO && Child != CO->getCond())
      Cond = CO->getCond();
    else if (const auto *BO = dyn_cast<BinaryOperator>(P);
             BO && BO->isLogicalOp() && Child == BO->getRHS())
      Cond = BO->getLHS();
    if (const FieldDecl *Tag = tagIn(Cond))
      return Tag;
  }
  return nullptr;
}

/// One destruction of an alternative by the destructor or a helper it calls.
struct Destruction {
  AlternativeRef Ref;
  /// The tag the destruction runs under; null when it runs unconditionally.
  const FieldDecl *Tag;
  const Stmt *At;
};

/// Collects the destructions in a destructor's body and in the non-virtual member
/// functions it calls on `*this`, with the tag each runs under (a helper inherits the
/// condition its call runs under).
class DestructionCollector {
public:
  explicit DestructionCollector(const CallEffectsModel &Model) : Model(Model) {}

  void collect(const FunctionDecl *FD, const FieldDecl *Inherited, unsigned Depth) {
    const FunctionDecl *Def = nullptr;
    if (Depth > 3 || !FD->hasBody(Def) || !Def->getBody() || !Visited.insert(Def).second)
      return;
    const Stmt *Body = Def->getBody();
    ParentMap PM(const_cast<Stmt *>(Body));
    struct Visitor : RecursiveASTVisitor<Visitor> {
      DestructionCollector &C;
      const ParentMap &PM;
      const Stmt *Body;
      const FieldDecl *Inherited;
      unsigned Depth;
      Visitor(DestructionCollector &C, const ParentMap &PM, const Stmt *Body,
              const FieldDecl *Inherited, unsigned Depth)
          : C(C), PM(PM), Body(Body), Inherited(Inherited), Depth(Depth) {}
      bool VisitStmt(Stmt *S) {
        const FieldDecl *Tag = nullptr;
        auto TagHere = [&] {
          if (!Tag)
            Tag = enclosingTag(S, PM, Body);
          return Tag ? Tag : Inherited;
        };
        if (std::optional<AlternativeRef> Ref = destroyedBy(S, C.Model)) {
          C.Found.push_back({*Ref, TagHere(), S});
          return true;
        }
        if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S))
          if (const CXXMethodDecl *M = MC->getMethodDecl();
              M && !M->isVirtual() && MC->getImplicitObjectArgument() &&
              isa<CXXThisExpr>(MC->getImplicitObjectArgument()->IgnoreParenImpCasts()))
            C.collect(M, TagHere(), Depth + 1);
        return true;
      }
    } V(*this, PM, Body, Inherited, Depth);
    V.TraverseStmt(const_cast<Stmt *>(Body));
  }

  std::vector<Destruction> Found;

private:
  const CallEffectsModel &Model;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Visited;
};

} // namespace

std::vector<TaggedUnion> inferTaggedUnions(const CallEffectsModel &Model,
                                           const CXXRecordDecl *RD) {
  const CXXDestructorDecl *Dtor = RD ? RD->getDestructor() : nullptr;
  if (!Dtor || !Dtor->isUserProvided())
    return {};
  DestructionCollector Collector(Model);
  Collector.collect(Dtor, /*Inherited=*/nullptr, 0);
  std::vector<TaggedUnion> Out;
  llvm::SmallPtrSet<const FieldDecl *, 2> Untagged;
  for (const Destruction &D : Collector.Found) {
    auto It = llvm::find_if(Out, [&](const TaggedUnion &U) { return U.Union == D.Ref.Union; });
    if (It == Out.end()) {
      Out.push_back({D.Ref.Union, D.Tag, {}});
      It = std::prev(Out.end());
    }
    // An alternative destroyed unconditionally, or under two different tags: the union is
    // not a tagged one this inference understands.
    if (!D.Tag || D.Tag != It->Tag)
      Untagged.insert(D.Ref.Union);
    if (llvm::none_of(It->Owning, [&](const OwningAlternative &A) {
          return A.Field == D.Ref.Alternative;
        }))
      It->Owning.push_back({D.Ref.Alternative, D.At});
  }
  llvm::erase_if(Out, [&](const TaggedUnion &U) { return Untagged.count(U.Union) != 0; });
  return Out;
}

namespace {

/// What one member function does to one tagged union.
struct UnionUse {
  const Expr *TagWrite = nullptr;
  bool TagRead = false;
  bool Destroys = false;
  /// The union named other than through one of its alternatives (`memcpy(&u, ...)`,
  /// `u = other.u`): unknown.
  bool Whole = false;
  struct Write {
    const Expr *At;
    const FieldDecl *Alternative;
  };
  std::vector<Write> Writes;
  llvm::SmallPtrSet<const FieldDecl *, 4> Named;
};

/// The alternative that the left side \p LHS of an assignment writes into: the
/// alternative itself, a member of it or an element of it.
std::optional<AlternativeRef> writtenAlternative(const Expr *LHS) {
  for (const Expr *E = LHS; E;) {
    E = E->IgnoreParenImpCasts();
    if (std::optional<AlternativeRef> Ref = alternativeOf(E))
      return Ref;
    if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !ME->isArrow())
      E = ME->getBase();
    else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E);
             AS && AS->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
      E = AS->getBase();
    else
      return std::nullopt;
  }
  return std::nullopt;
}

class UseFinder : public RecursiveASTVisitor<UseFinder> {
public:
  UseFinder(const CallEffectsModel &Model, llvm::ArrayRef<TaggedUnion> Unions,
            const ParentMap &PM)
      : Model(Model), Unions(Unions), PM(PM), Uses(Unions.size()) {}

  bool VisitStmt(Stmt *S) {
    if (std::optional<AlternativeRef> Ref = destroyedBy(S, Model)) {
      if (UnionUse *U = useOf(Ref->Union))
        U->Destroys = true;
      return true;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->getOpcode() == BO_Assign) {
      const FieldDecl *F = memberOfThis(BO->getLHS());
      for (size_t I = 0; F && I < Unions.size(); ++I)
        if (Unions[I].Tag == F) {
          Targets.insert(BO->getLHS()->IgnoreParenImpCasts());
          if (!Uses[I].TagWrite)
            Uses[I].TagWrite = BO;
        }
      if (std::optional<AlternativeRef> Ref = writtenAlternative(BO->getLHS()))
        addWrite(*Ref, BO);
      return true;
    }
    const Expr *Storage = nullptr;
    if (const auto *New = dyn_cast<CXXNewExpr>(S))
      Storage = lowering::placementStorage(New);
    else if (const auto *CE = dyn_cast<CallExpr>(S);
             CE && CE->getNumArgs() >= 1 && isStdFunction(CE->getDirectCallee(), "construct_at"))
      Storage = CE->getArg(0);
    if (Storage)
      if (std::optional<AlternativeRef> Ref = alternativeOf(addressed(Storage)))
        addWrite(*Ref, cast<Expr>(S));
    return true;
  }

  bool VisitMemberExpr(MemberExpr *ME) {
    if (Targets.count(ME))
      return true;
    const FieldDecl *F = memberOfThis(ME);
    for (size_t I = 0; F && I < Unions.size(); ++I) {
      if (Unions[I].Tag == F)
        Uses[I].TagRead = true;
      if (Unions[I].Union == F && !alternativeOf(dyn_cast_or_null<Expr>(
                                      PM.getParentIgnoreParenImpCasts(ME))))
        Uses[I].Whole = true;
    }
    if (std::optional<AlternativeRef> Ref = alternativeOf(ME))
      if (UnionUse *U = useOf(Ref->Union))
        U->Named.insert(Ref->Alternative);
    return true;
  }

  std::vector<UnionUse> &uses() { return Uses; }

private:
  UnionUse *useOf(const FieldDecl *Union) {
    for (size_t I = 0; I < Unions.size(); ++I)
      if (Unions[I].Union == Union)
        return &Uses[I];
    return nullptr;
  }

  void addWrite(const AlternativeRef &Ref, const Expr *At) {
    if (UnionUse *U = useOf(Ref.Union)) {
      U->Writes.push_back({At, Ref.Alternative});
      Targets.insert(Ref.Named);
    }
  }

  const CallEffectsModel &Model;
  llvm::ArrayRef<TaggedUnion> Unions;
  const ParentMap &PM;
  std::vector<UnionUse> Uses;
  /// The member expressions that name what an assignment or construction writes.
  llvm::SmallPtrSet<const Expr *, 8> Targets;
};

} // namespace

std::vector<UnionOverwrite> unionOverwritesIn(const CallEffectsModel &Model,
                                              llvm::ArrayRef<TaggedUnion> Unions,
                                              const CXXMethodDecl *MD) {
  const FunctionDecl *Def = nullptr;
  if (Unions.empty() || !MD || MD->isStatic() || MD->getAccess() == AS_private ||
      isa<CXXConstructorDecl, CXXDestructorDecl>(MD) || !MD->hasBody(Def) || !Def->getBody())
    return {};
  ParentMap PM(Def->getBody());
  UseFinder Finder(Model, Unions, PM);
  Finder.TraverseStmt(Def->getBody());
  std::vector<UnionOverwrite> Out;
  for (size_t I = 0; I < Unions.size(); ++I) {
    const UnionUse &U = Finder.uses()[I];
    if (!U.TagWrite || U.TagRead || U.Destroys || U.Whole)
      continue;
    const UnionOverwrite *Found = nullptr;
    for (const UnionUse::Write &W : U.Writes) {
      for (const OwningAlternative &A : Unions[I].Owning) {
        // An alternative the function names may be one it knows to be inactive (or
        // handles): unknown. Writing the owning alternative itself either replaces its
        // value (an assignment) or is the construction that a storage class's callers
        // make only while it is empty (`emplace` beside `reset`): unknown too.
        if (U.Named.count(A.Field) || A.Field == W.Alternative)
          continue;
        Out.push_back({W.At, W.Alternative, &Unions[I], &A, U.TagWrite});
        Found = &Out.back();
        break;
      }
      if (Found)
        break;
    }
  }
  return Out;
}

} // namespace ownership::analysis
