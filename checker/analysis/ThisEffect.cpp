//===- ThisEffect.cpp - What a member function does to its own object -----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/analysis/ThisEffect.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::analysis {
namespace {

/// True when \p E is `this`, through parentheses and casts (`static_cast<D *>(this)`).
bool isThis(const Expr *E) { return E && isa<CXXThisExpr>(E->IgnoreParenCasts()); }

/// True when the implicit object \p Object of a member call is `*this`: `f()`,
/// `this->f()`, `(*this).f()`, `*this == o`.
bool isThisObject(const Expr *Object) {
  if (isThis(Object))
    return true;
  const auto *UO = dyn_cast<UnaryOperator>(Object->IgnoreParenCasts());
  return UO && UO->getOpcode() == UO_Deref && isThis(UO->getSubExpr());
}

/// Finds what one body does with `this`: the statements that release the object (with
/// the family they release it as), and whether anything else may release or keep it.
class ThisUseFinder : public RecursiveASTVisitor<ThisUseFinder> {
public:
  explicit ThisUseFinder(const CallEffectsModel &Model) : Model(Model) {}

  bool VisitCXXDeleteExpr(CXXDeleteExpr *Del) {
    if (!isThis(Del->getArgument()))
      return true;
    // A class-specific operator delete recycles the memory in a pool of its own.
    const FunctionDecl *Op = Del->getOperatorDelete();
    if (Op && !Op->isReplaceableGlobalAllocationFunction()) {
      MayRelease = true;
      return true;
    }
    Releases.push_back({Del, Del->isArrayForm() ? AllocFamily::NewArray : AllocFamily::New});
    return true;
  }
  bool VisitStmt(Stmt *S) {
    std::optional<CallSite> Site = getCallSite(S);
    if (!Site)
      return true;
    CallEffects Effects = Model.effectsOf(*Site);
    if (Site->Object && isThisObject(Site->Object))
      add(S, Effects.Object);
    for (unsigned I = 0; I < Site->Args.size(); ++I)
      if (isThis(Site->Args[I]))
        add(S, Effects.Args[I]);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    // `registry = this;`: someone else may release the object later.
    if (BO->getOpcode() == BO_Assign && isThis(BO->getRHS()))
      MayRelease = true;
    return true;
  }
  // A lambda's body runs when it is called, which we do not follow.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

  struct Release {
    const Stmt *S;
    AllocFamily Family;
  };
  llvm::SmallVector<Release, 2> Releases;
  bool MayRelease = false;

private:
  void add(const Stmt *S, const ArgumentEffect &E) {
    switch (E.Heap) {
    case HeapEffect::Reads:
      return;
    case HeapEffect::Releases:
      Releases.push_back({S, E.Family});
      return;
    case HeapEffect::Unknown:
    case HeapEffect::Reallocs:
    case HeapEffect::Adopts:
    case HeapEffect::Keeps:
      MayRelease = true;
      return;
    }
  }
  const CallEffectsModel &Model;
};

/// True when \p S may leave the function (or the enclosing statement) before the
/// statements after it run: a return, a goto, a throw, a break or continue.
class JumpFinder : public RecursiveASTVisitor<JumpFinder> {
public:
  bool VisitReturnStmt(ReturnStmt *) { return !(Found = true); }
  bool VisitGotoStmt(GotoStmt *) { return !(Found = true); }
  bool VisitIndirectGotoStmt(IndirectGotoStmt *) { return !(Found = true); }
  bool VisitCXXThrowExpr(CXXThrowExpr *) { return !(Found = true); }
  bool VisitCoreturnStmt(CoreturnStmt *) { return !(Found = true); }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool Found = false;
};

bool mayJump(const Stmt *S) {
  JumpFinder F;
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

} // namespace

void summarizeThis(const FunctionDecl *Def, const CallEffectsModel &Model, FunctionSummary &Sum) {
  Sum.HasThis = true;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body)
    return;
  ThisUseFinder Finder(Model);
  Finder.TraverseStmt(const_cast<CompoundStmt *>(Body));
  if (Finder.Releases.empty()) {
    if (Finder.MayRelease)
      Sum.ThisEffect = PointerParamEffect::Escapes;
    return;
  }
  Sum.ThisEffect = PointerParamEffect::Escapes;
  // Released on every path: a release that is a statement of the body's own, with no
  // statement before it that may leave early. (A release under a condition, or after an
  // early return, happens on some paths only.)
  for (const Stmt *Top : Body->body()) {
    const Stmt *S = Top;
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(S))
      S = EWC->getSubExpr();
    if (const auto *E = dyn_cast<Expr>(S))
      S = E->IgnoreParenCasts();
    for (const ThisUseFinder::Release &R : Finder.Releases)
      if (R.S == S) {
        Sum.ThisEffect = PointerParamEffect::Frees;
        Sum.ThisFamily = R.Family;
        return;
      }
    if (mayJump(Top))
      return;
  }
}

} // namespace ownership::analysis
