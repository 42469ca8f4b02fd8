//===- Summaries.cpp - What callees do with their parameters --------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/core/Summaries.h"

#include "checker/core/StdModel.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ownership {
namespace {

/// Finds the parameters that a body hands to std::move, std::forward or a `T&&` cast.
class MovedParamFinder : public RecursiveASTVisitor<MovedParamFinder> {
public:
  MovedParamFinder(const FunctionDecl *FD, llvm::SmallBitVector &Out) : FD(FD), Out(Out) {}

  bool VisitExpr(Expr *E) {
    if (const Expr *Operand = getMovedOperand(E))
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Operand->IgnoreParenImpCasts()))
        if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
          if (P->getDeclContext() == FD && P->getFunctionScopeIndex() < Out.size())
            Out.set(P->getFunctionScopeIndex());
    return true;
  }

private:
  const FunctionDecl *FD;
  llvm::SmallBitVector &Out;
};

} // namespace

bool CalleeSummaries::mayConsumeParam(const FunctionDecl *Callee, unsigned ParamIndex) {
  if (!Callee)
    return true;
  if (isa<CXXConstructorDecl>(Callee))
    if (cast<CXXConstructorDecl>(Callee)->isMoveConstructor())
      return true;
  if (const auto *M = dyn_cast<CXXMethodDecl>(Callee))
    if (M->isMoveAssignmentOperator())
      return true;
  if (Callee->isInStdNamespace() ||
      Callee->getASTContext().getSourceManager().isInSystemHeader(Callee->getLocation()))
    return true;
  const FunctionDecl *Def = Callee->getDefinition();
  if (!Def || !Def->getBody())
    return true;

  auto It = MovedParams.find(Def);
  if (It == MovedParams.end()) {
    llvm::SmallBitVector Bits(Def->getNumParams());
    MovedParamFinder Finder(Def, Bits);
    Finder.TraverseDecl(const_cast<FunctionDecl *>(Def));
    It = MovedParams.try_emplace(Def, std::move(Bits)).first;
  }
  return ParamIndex < It->second.size() && It->second.test(ParamIndex);
}

} // namespace ownership
