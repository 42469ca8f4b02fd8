//===- Lifetimebound.cpp - Which arguments a function's result borrows ----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/Lifetimebound.h"

#include "checker/lowering/BorrowFacts.h"
#include "checker/model/StdContainers.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// Collects the return statements of one function body, not of the lambdas in it.
class ReturnFinder : public RecursiveASTVisitor<ReturnFinder> {
public:
  llvm::SmallVector<const ReturnStmt *, 4> Returns;
  bool VisitReturnStmt(ReturnStmt *R) {
    Returns.push_back(R);
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseDecl(Decl *D) { return D && isa<FunctionDecl>(D) ? true : RecursiveASTVisitor::TraverseDecl(D); }
};

/// The parameter of \p Def that \p E names, through `&p` and `*p`.
const ParmVarDecl *paramNamed(const Expr *E, const FunctionDecl *Def) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref)
      E = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  return P && P->getDeclContext() == Def ? P : nullptr;
}

/// Collects what one function body does to the containers its parameters refer to: the
/// invalidating member calls on them, and the calls that pass them on.
class ContainerMutationFinder : public RecursiveASTVisitor<ContainerMutationFinder> {
public:
  ContainerMutationFinder(const FunctionDecl *Def, LifetimeSummaries &Summaries,
                          llvm::SmallVectorImpl<unsigned> &Masks)
      : Def(Def), Summaries(Summaries), Masks(Masks) {}

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
    const Expr *Object = nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      Object = Member->getImplicitObjectArgument();
    else if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) && !Args.empty() &&
             !cast<CXXMethodDecl>(Callee)->isStatic()) {
      Object = Args.front();
      Args = Args.drop_front();
    }
    if (Object)
      if (std::optional<Invalidation> Inv = invalidationOf(dyn_cast<CXXMethodDecl>(Callee)))
        if (const ParmVarDecl *P = paramNamed(Object, Def))
          add(P, Inv->Mask);
    if (const llvm::SmallVector<unsigned, 4> *Inner = Summaries.invalidations(Callee))
      for (unsigned I = 0; I < Args.size() && I < Inner->size(); ++I)
        if ((*Inner)[I])
          if (const ParmVarDecl *P = paramNamed(Args[I], Def))
            add(P, (*Inner)[I]);
    return true;
  }
  // A lambda's body runs when it is called, which we do not follow.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

private:
  void add(const ParmVarDecl *P, unsigned Mask) {
    unsigned Index = P->getFunctionScopeIndex();
    if (Index < Masks.size())
      Masks[Index] |= Mask;
  }
  const FunctionDecl *Def;
  LifetimeSummaries &Summaries;
  llvm::SmallVectorImpl<unsigned> &Masks;
};

/// Functions with more return statements than this are not inferred (generated code).
constexpr unsigned MaxReturns = 16;
/// Locals followed back to their initializers at most this deep.
constexpr unsigned MaxLocalHops = 4;

} // namespace

const FunctionDecl *inferableDefinition(const FunctionDecl *FD) {
  // Only functions whose body cannot change under us: a virtual function may be
  // overridden, and the standard library is described by StdContainers.
  const FunctionDecl *Def = FD->getDefinition();
  const auto *M = dyn_cast<CXXMethodDecl>(FD);
  if (!Def || !Def->getBody() || (M && M->isVirtual()) || FD->isInStdNamespace() ||
      FD->getASTContext().getSourceManager().isInSystemHeader(Def->getLocation()))
    return nullptr;
  return Def;
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

const ReturnBorrows *LifetimeSummaries::of(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  FD = FD->getCanonicalDecl();
  auto It = Cache.find(FD);
  if (It == Cache.end()) {
    if (!InProgress.insert(FD).second)
      return nullptr; // recursion: assume nothing, which can only miss findings
    std::optional<ReturnBorrows> R = compute(FD);
    InProgress.erase(FD);
    It = Cache.try_emplace(FD, R ? std::make_unique<ReturnBorrows>(std::move(*R)) : nullptr)
             .first;
  }
  return It->second.get();
}

std::optional<ReturnBorrows> LifetimeSummaries::compute(const FunctionDecl *FD) {
  if (!isBorrowerType(FD->getReturnType()))
    return std::nullopt;
  ReturnBorrows R;
  R.Params.resize(FD->getNumParams());
  // What the declarations say.
  for (const FunctionDecl *Redecl : FD->redecls())
    for (unsigned I = 0; I < Redecl->getNumParams() && I < R.Params.size(); ++I)
      if (Redecl->getParamDecl(I)->hasAttr<LifetimeBoundAttr>())
        R.Params.set(I);
  if (isImplicitObjectLifetimebound(FD))
    R.This = true;

  // What the body does.
  if (const FunctionDecl *Def = inferableDefinition(FD)) {
    ReturnFinder Finder;
    Finder.TraverseStmt(Def->getBody());
    if (Finder.Returns.size() <= MaxReturns) {
      // A scratch graph: the nodes only name the callee's parameters and locals.
      ObjectTable Scratch;
      BorrowSourceFinder Sources(Scratch, *this);
      bool ReturnsRef = FD->getReturnType()->isReferenceType();
      for (const ReturnStmt *Ret : Finder.Returns) {
        if (!Ret->getRetValue())
          continue;
        BorrowSources Found;
        if (ReturnsRef)
          Sources.referent(Ret->getRetValue(), LoanClass::Object, Found);
        else
          Sources.value(Ret->getRetValue(), Found);
        // Follow locals back to their initializers: `auto it = m.find(k); return it->second;`
        for (unsigned Hop = 0; Hop < MaxLocalHops; ++Hop) {
          BorrowSources Next;
          bool Followed = false;
          for (const BorrowSource &S : Found) {
            const StorageNode &N = Scratch.node(S.Obj);
            const auto *VD = dyn_cast_or_null<VarDecl>(N.Decl);
            if (S.IsCopy && N.K == StorageNode::Kind::Local && VD && VD->getInit()) {
              if (VD->getType()->isReferenceType())
                Sources.referent(VD->getInit(), LoanClass::Object, Next);
              else
                Sources.value(VD->getInit(), Next);
              Followed = true;
              continue;
            }
            Next.push_back(S);
          }
          Found = std::move(Next);
          if (!Followed)
            break;
        }
        for (const BorrowSource &S : Found) {
          // The root of the storage: `p.name` is rooted at parameter p.
          ObjectID Root = S.Obj;
          while (Scratch.node(Root).Parent)
            Root = *Scratch.node(Root).Parent;
          const StorageNode &N = Scratch.node(Root);
          if (N.K == StorageNode::Kind::ThisObject && !S.IsCopy) {
            R.This = true;
            continue;
          }
          if (N.K != StorageNode::Kind::Param)
            continue;
          const auto *PVD = cast<ParmVarDecl>(N.Decl);
          // A loan on a by-value parameter is a borrow of the callee's own copy: it
          // dangles inside the callee, and says nothing about the caller's argument.
          if (!S.IsCopy && !PVD->getType()->isReferenceType())
            continue;
          // A copy of a parameter's value: only a borrower parameter carries loans.
          if (S.IsCopy && Root != S.Obj)
            continue;
          unsigned Index = PVD->getFunctionScopeIndex();
          if (PVD->getDeclContext() == Def && Index < R.Params.size())
            R.Params.set(Index);
        }
      }
    }
  }
  if (!R.any())
    return std::nullopt;
  return R;
}

const llvm::SmallVector<unsigned, 4> *
LifetimeSummaries::invalidations(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  FD = FD->getCanonicalDecl();
  auto It = InvalidationCache.find(FD);
  if (It == InvalidationCache.end()) {
    if (!InvalidationInProgress.insert(FD).second)
      return nullptr; // recursion: assume nothing, which can only miss findings
    std::optional<llvm::SmallVector<unsigned, 4>> R = computeInvalidations(FD);
    InvalidationInProgress.erase(FD);
    It = InvalidationCache
             .try_emplace(FD, R ? std::make_unique<llvm::SmallVector<unsigned, 4>>(std::move(*R))
                                : nullptr)
             .first;
  }
  return It->second.get();
}

std::optional<llvm::SmallVector<unsigned, 4>>
LifetimeSummaries::computeInvalidations(const FunctionDecl *FD) {
  // Only a parameter that lets the callee reach the caller's container: a non-const
  // reference or pointer to one.
  bool AnyContainer = llvm::any_of(FD->parameters(), [](const ParmVarDecl *P) {
    QualType T = P->getType();
    if (!T->isReferenceType() && !T->isPointerType())
      return false;
    QualType Pointee = T->getPointeeType();
    return !Pointee.isConstQualified() && isOwnerType(Pointee);
  });
  if (!AnyContainer)
    return std::nullopt;
  const FunctionDecl *Def = inferableDefinition(FD);
  if (!Def)
    return std::nullopt;
  llvm::SmallVector<unsigned, 4> Masks(FD->getNumParams(), 0);
  ContainerMutationFinder Finder(Def, *this, Masks);
  Finder.TraverseStmt(Def->getBody());
  if (llvm::all_of(Masks, [](unsigned M) { return M == 0; }))
    return std::nullopt;
  return Masks;
}

} // namespace ownership::lowering
