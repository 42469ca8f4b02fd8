//===- Summaries.cpp - What callees do with their parameters --------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/Summaries.h"

#include "checker/model/StdModel.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// Finds the places where a body hands one of its parameters to std::move, std::forward
/// or a `T&&` cast.
class MovedParamFinder : public RecursiveASTVisitor<MovedParamFinder> {
public:
  explicit MovedParamFinder(const FunctionDecl *FD) : FD(FD) {}

  bool VisitExpr(Expr *E) {
    if (const Expr *Operand = getMovedOperand(E))
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Operand->IgnoreParenImpCasts()))
        if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
          if (P->getDeclContext() == FD && P->getFunctionScopeIndex() < FD->getNumParams())
            Found.push_back({P->getFunctionScopeIndex(), E->IgnoreParenImpCasts()});
    return true;
  }

  struct MovedParam {
    unsigned Index;
    const Expr *MoveCall;
  };
  llvm::SmallVector<MovedParam, 4> Found;

private:
  const FunctionDecl *FD;
};

/// The call or construction that \p MoveCall is an argument of, with the argument's
/// index among the callee's parameters; std::nullopt when it is not an argument.
std::optional<std::pair<const FunctionDecl *, unsigned>>
argumentPosition(const Expr *MoveCall, const ParentMap &Parents) {
  const Stmt *P = Parents.getParentIgnoreParenImpCasts(const_cast<Expr *>(MoveCall));
  const FunctionDecl *Callee = nullptr;
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(P)) {
    Callee = Construct->getConstructor();
    Args = llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs());
  } else if (const auto *Call = dyn_cast_or_null<CallExpr>(P)) {
    Callee = Call->getDirectCallee();
    Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
    // An operator implemented as a member takes the object as its first argument.
    if (isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee) &&
        !cast<CXXMethodDecl>(Callee)->isStatic() && !Args.empty())
      Args = Args.drop_front();
  }
  if (!Callee)
    return std::nullopt;
  for (unsigned I = 0; I < Args.size(); ++I)
    if (Args[I]->IgnoreParenImpCasts() == MoveCall)
      return std::make_pair(Callee, I);
  return std::nullopt;
}

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
    // A function that only forwards a parameter to itself (recursion over a parameter
    // pack ends in another instantiation, but a plain recursive call does not) consumes
    // it only if some other use does: while its summary is being computed, a recursive
    // query answers "does not consume".
    if (!InProgress.insert(Def).second)
      return false;
    It = MovedParams.try_emplace(Def, computeMovedParams(Def)).first;
    InProgress.erase(Def);
  }
  return ParamIndex < It->second.size() && It->second.test(ParamIndex);
}

llvm::SmallBitVector CalleeSummaries::computeMovedParams(const FunctionDecl *Def) {
  llvm::SmallBitVector Bits(Def->getNumParams());
  MovedParamFinder Finder(Def);
  Finder.TraverseDecl(const_cast<FunctionDecl *>(Def));
  if (Finder.Found.empty())
    return Bits;
  ParentMap Parents(Def->getBody());
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit())
        Parents.addStmt(Init->getInit());
  for (const MovedParamFinder::MovedParam &M : Finder.Found) {
    if (Bits.test(M.Index))
      continue;
    // `std::forward<Args>(rest)...` handed on to a `const T&` parameter, or to a `T&&`
    // parameter of a visible function that does not consume it in turn (nlohmann's
    // concat_length), moves nothing. Anything else (a constructor, an assignment, a
    // return, an unknown callee) may.
    bool Consumes = true;
    if (auto Pos = argumentPosition(M.MoveCall, Parents)) {
      auto [Next, ArgIndex] = *Pos;
      QualType PT;
      if (ArgIndex < Next->getNumParams())
        PT = Next->getParamDecl(ArgIndex)->getType();
      if (!PT.isNull() && PT->isReferenceType()) {
        bool ConsumingRef =
            PT->isRValueReferenceType() && !PT->getPointeeType().isConstQualified();
        Consumes = ConsumingRef && mayConsumeParam(Next, ArgIndex);
      }
    }
    if (Consumes)
      Bits.set(M.Index);
  }
  return Bits;
}

} // namespace ownership::lowering
