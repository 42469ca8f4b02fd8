//===- FlagOwnership.cpp - Ownership that a flag member decides -----------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/analysis/FlagOwnership.h"

#include "checker/support/MemberAccess.h"

#include "clang/AST/RecursiveASTVisitor.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::analysis {
namespace {

/// The member of `*this` that \p E names (`p_`, `this->p_`), if it names one.
const FieldDecl *memberNamed(const Expr *E) {
  return E ? memberOfThis(E->IgnoreParenCasts()) : nullptr;
}

/// True for a member that can serve as a flag.
bool isFlagMember(const FieldDecl *F) {
  return F && F->getType()->isIntegralOrEnumerationType();
}

/// The releases of members of `*this` in \p S: `delete p_`, and the calls the model says
/// release a member argument (`free(p_)`).
llvm::SmallVector<std::pair<const FieldDecl *, AllocFamily>, 2>
memberReleases(const Stmt *S, const CallEffectsModel &Model) {
  llvm::SmallVector<std::pair<const FieldDecl *, AllocFamily>, 2> Found;
  forEachRelease(S, Model, [&](const Expr *Released, AllocFamily Family) {
    if (const FieldDecl *F = memberNamed(Released))
      Found.push_back({F, Family});
  });
  return Found;
}

/// The flag member \p Cond tests for being set, alone or with a non-null test of a
/// pointer member (`own_`, `own_ && p_`, `p_ && own_`, `own_ != 0`).
const FieldDecl *testedFlag(const Expr *Cond) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const FieldDecl *F = memberNamed(Cond); isFlagMember(F))
    return F;
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO)
    return nullptr;
  if (BO->getOpcode() == BO_NE)
    for (auto [Flag, Zero] : {std::pair(BO->getLHS(), BO->getRHS()),
                              std::pair(BO->getRHS(), BO->getLHS())})
      if (const FieldDecl *F = memberNamed(Flag); isFlagMember(F))
        if (const auto *Lit = dyn_cast<IntegerLiteral>(Zero->IgnoreParenImpCasts());
            Lit && Lit->getValue() == 0)
          return F;
  if (BO->getOpcode() != BO_LAnd)
    return nullptr;
  for (auto [Flag, Other] :
       {std::pair(BO->getLHS(), BO->getRHS()), std::pair(BO->getRHS(), BO->getLHS())}) {
    const FieldDecl *F = memberNamed(Flag);
    const FieldDecl *P = memberNamed(Other);
    if (isFlagMember(F) && P && P->getType()->isPointerType())
      return F;
  }
  return nullptr;
}

/// Finds the assignments to members of `*this` in a body.
class MemberWrites : public RecursiveASTVisitor<MemberWrites> {
public:
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      if (const FieldDecl *F = memberNamed(BO->getLHS()))
        Written.push_back(F);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      if (const FieldDecl *F = memberNamed(UO->getSubExpr()))
        Written.push_back(F);
    return true;
  }
  llvm::SmallVector<const FieldDecl *, 4> Written;
};

} // namespace

llvm::SmallVector<FlagRelease, 1> flagReleases(const CXXDestructorDecl *Dtor,
                                               const CallEffectsModel &Model) {
  llvm::SmallVector<FlagRelease, 1> Out;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Dtor->getBody());
  if (!Body)
    return Out;
  auto All = memberReleases(Body, Model);
  for (const Stmt *S : Body->body()) {
    const auto *If = dyn_cast<IfStmt>(S);
    if (!If || If->getElse() || If->getInit() || If->getConditionVariable())
      continue;
    const FieldDecl *Flag = testedFlag(If->getCond());
    if (!Flag)
      continue;
    auto Under = memberReleases(If->getThen(), Model);
    for (const auto &[Field, Family] : Under) {
      // Released here only, once, with a known family.
      unsigned Everywhere = llvm::count_if(All, [&](const auto &R) { return R.first == Field; });
      unsigned Here = llvm::count_if(Under, [&](const auto &R) { return R.first == Field; });
      if (Everywhere == 1 && Here == 1 && Family != AllocFamily::Unknown &&
          isDataPointer(Field->getType()))
        Out.push_back({Field, Flag, Family});
    }
  }
  return Out;
}

std::vector<const FieldDecl *> storedFlags(const CXXConstructorDecl *Ctor) {
  std::vector<const FieldDecl *> Out(Ctor->getNumParams(), nullptr);
  MemberWrites Writes;
  if (Ctor->getBody())
    Writes.TraverseStmt(Ctor->getBody());
  for (const CXXCtorInitializer *Init : Ctor->inits()) {
    const FieldDecl *F = Init->getMember();
    if (!isFlagMember(F) || !Init->getInit() || llvm::is_contained(Writes.Written, F))
      continue;
    const auto *DRE = dyn_cast<DeclRefExpr>(Init->getInit()->IgnoreParenImpCasts());
    const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    if (P && P->getDeclContext() == Ctor && P->getFunctionScopeIndex() < Out.size())
      Out[P->getFunctionScopeIndex()] = F;
  }
  return Out;
}

} // namespace ownership::analysis
