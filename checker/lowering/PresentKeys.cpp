//===- PresentKeys.cpp - Map subscripts whose key is already in the map ---===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/PresentKeys.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace ownership::lowering {
namespace {

/// True when \p A and \p B name the same variable or the same member of the same object,
/// written out the same way (`m`, `this->m`, `s.m`).
bool sameObject(const Expr *A, const Expr *B) {
  A = A->IgnoreParenImpCasts();
  B = B->IgnoreParenImpCasts();
  if (const auto *DA = dyn_cast<DeclRefExpr>(A)) {
    const auto *DB = dyn_cast<DeclRefExpr>(B);
    return DB && DA->getDecl()->getCanonicalDecl() == DB->getDecl()->getCanonicalDecl();
  }
  if (const auto *MA = dyn_cast<MemberExpr>(A)) {
    const auto *MB = dyn_cast<MemberExpr>(B);
    return MB && MA->getMemberDecl() == MB->getMemberDecl() && MA->isArrow() == MB->isArrow() &&
           sameObject(MA->getBase(), MB->getBase());
  }
  return isa<CXXThisExpr>(A) && isa<CXXThisExpr>(B);
}

/// The object a member call `x.name(...)` is made on, when it is a call of \p Name with
/// \p Args arguments.
const Expr *memberCallOn(const Expr *E, llvm::StringRef Name, unsigned Args) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  if (!Call || Call->getNumArgs() != Args)
    return nullptr;
  const CXXMethodDecl *M = Call->getMethodDecl();
  if (!M || !M->getIdentifier() || M->getName() != Name)
    return nullptr;
  return Call->getImplicitObjectArgument();
}

/// True when \p E being true means \p Container holds \p Key: `m.count(k)`,
/// `m.contains(k)`, `m.find(k) != m.end()` (either side), `m.count(k) > 0` / `!= 0`, or a
/// conjunction one of whose operands does.
bool testsPresence(const Expr *E, const Expr *Container, const Expr *Key) {
  E = E->IgnoreParenImpCasts();
  auto KeyedCall = [&](const Expr *X, llvm::StringRef Name) {
    const Expr *On = memberCallOn(X, Name, 1);
    if (!On || !sameObject(On, Container))
      return false;
    const auto *Call = cast<CXXMemberCallExpr>(X->IgnoreParenImpCasts());
    return sameObject(Call->getArg(0), Key);
  };
  if (KeyedCall(E, "count") || KeyedCall(E, "contains"))
    return true;
  const BinaryOperator *BO = dyn_cast<BinaryOperator>(E);
  const Expr *L = nullptr, *R = nullptr;
  BinaryOperatorKind Op = BO_Comma;
  if (BO) {
    Op = BO->getOpcode();
    L = BO->getLHS();
    R = BO->getRHS();
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E); OC && OC->getNumArgs() == 2) {
    if (OC->getOperator() == OO_ExclaimEqual)
      Op = BO_NE;
    else if (OC->getOperator() == OO_Greater)
      Op = BO_GT;
    L = OC->getArg(0);
    R = OC->getArg(1);
  }
  if (Op == BO_LAnd)
    return testsPresence(L, Container, Key) || testsPresence(R, Container, Key);
  if (Op == BO_NE)
    for (auto [Found, End] : {std::pair(L, R), std::pair(R, L)}) {
      const Expr *EndOn = memberCallOn(End, "end", 0);
      if (EndOn && sameObject(EndOn, Container) && KeyedCall(Found, "find"))
        return true;
    }
  if ((Op == BO_NE || Op == BO_GT) && KeyedCall(L, "count"))
    return true;
  return false;
}

/// The variable a range-for's element key expression comes from: `e.first`, `e->first`
/// or the first name of `auto& [k, v]`.
const VarDecl *elementOfKey(const Expr *Key) {
  Key = Key->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(Key)) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD || !FD->getIdentifier() || FD->getName() != "first")
      return nullptr;
    const auto *Base = dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenImpCasts());
    return Base ? dyn_cast<VarDecl>(Base->getDecl()) : nullptr;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Key))
    if (const auto *BD = dyn_cast<BindingDecl>(DRE->getDecl()))
      if (const auto *DD = dyn_cast_or_null<DecompositionDecl>(BD->getDecomposedDecl()))
        if (!DD->bindings().empty() && DD->bindings().front() == BD)
          return DD;
  return nullptr;
}

/// True when \p Child is \p Parent's body (or then-branch), or the first statement of it.
bool firstInBody(const Stmt *Body, const Stmt *Child) {
  if (Body == Child)
    return true;
  const auto *CS = dyn_cast_or_null<CompoundStmt>(Body);
  return CS && !CS->body_empty() && CS->body_front() == Child;
}

} // namespace

bool subscriptKeyIsPresent(const Expr *Subscript, const Expr *Container, const Expr *Key,
                           const ParentMap &Parents) {
  const VarDecl *Element = elementOfKey(Key);
  // P's child on the path up from the subscript, and that child's child.
  const Stmt *Child = Subscript;
  const Stmt *Grandchild = nullptr;
  for (const Stmt *P = Parents.getParent(const_cast<Expr *>(Subscript)); P;
       Grandchild = Child, Child = P, P = Parents.getParent(const_cast<Stmt *>(P))) {
    if (const auto *For = dyn_cast<CXXForRangeStmt>(P)) {
      if (Element && Child == For->getBody() && For->getLoopVariable() == Element &&
          For->getRangeInit() && sameObject(For->getRangeInit(), Container))
        return true;
      continue;
    }
    const Expr *Cond = nullptr;
    const Stmt *Body = nullptr;
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      Cond = If->getCond();
      Body = If->getThen();
    } else if (const auto *While = dyn_cast<WhileStmt>(P)) {
      Cond = While->getCond();
      Body = While->getBody();
    }
    // Only the first statement of the guarded body: a later one may have changed the key
    // or the map since the test.
    if (Cond && Body == Child && (!isa<CompoundStmt>(Body) || firstInBody(Body, Grandchild)) &&
        testsPresence(Cond, Container, Key))
      return true;
  }
  return false;
}

} // namespace ownership::lowering
