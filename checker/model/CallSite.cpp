//===- CallSite.cpp - Calls, operator calls and constructions, seen uniformly ===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/model/CallSite.h"

using namespace clang;

namespace ownership::model {

std::optional<CallSite> getCallSite(const Stmt *S) {
  CallSite Site;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    Site.E = Construct;
    Site.Callee = Construct->getConstructor();
    for (const Expr *Arg : Construct->arguments())
      Site.Args.push_back(Arg);
    return Site;
  }
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call)
    return std::nullopt;
  Site.E = Call;
  Site.Callee = Call->getDirectCallee();
  if (const Expr *CalleeE = Call->getCallee()) {
    QualType T = CalleeE->getType();
    if (const auto *PT = T->getAs<PointerType>())
      T = PT->getPointeeType();
    Site.Proto = T->getAs<FunctionProtoType>();
  }
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    Site.Object = Member->getImplicitObjectArgument();
  } else if (isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Site.Callee) &&
             !cast<CXXMethodDecl>(Site.Callee)->isStatic() && !Args.empty()) {
    Site.Object = Args.front();
    Args = Args.drop_front();
  }
  Site.Args.append(Args.begin(), Args.end());
  return Site;
}

} // namespace ownership::model
