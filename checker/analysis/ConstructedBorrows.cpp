//===- ConstructedBorrows.cpp - What a constructor keeps a borrow of -------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/analysis/ConstructedBorrows.h"

#include "checker/lowering/BorrowSources.h"
#include "checker/model/StdContainers.h"
#include "checker/support/MemberAccess.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace ownership::lowering;
using namespace ownership::model;

using namespace clang;

namespace ownership::analysis {
namespace {

/// True for the member types whose values carry loans.
bool carriesLoans(QualType T) { return isBorrowerType(T) || mayHoldBorrows(T); }

/// Collects the assignments to borrowing members of `*this` in a constructor's body
/// (`p_ = &s;`, `view_ = s;`), not in the lambdas it holds.
class MemberStoreFinder : public RecursiveASTVisitor<MemberStoreFinder> {
public:
  /// The value each store writes.
  llvm::SmallVector<const Expr *, 4> Values;

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign)
      if (const FieldDecl *F = memberOfThis(BO->getLHS()); F && isBorrowerType(F->getType()))
        Values.push_back(BO->getRHS());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
      if (const FieldDecl *F = memberOfThis(Op->getArg(0)); F && carriesLoans(F->getType()))
        Values.push_back(Op->getArg(1));
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
};

/// The parameter of \p Ctor whose argument source \p S borrows, if it is rooted at one:
/// a loan on a reference parameter (what the caller's argument is), or a copy of what a
/// pointer or view parameter holds. A loan on a by-value parameter borrows the callee's
/// own copy, which says nothing about the caller's argument.
std::optional<unsigned> borrowedParam(const CXXConstructorDecl *Ctor, const ObjectTable &Scratch,
                                      const BorrowSource &S) {
  ObjectID Root = S.Obj;
  while (Scratch.node(Root).Parent)
    Root = *Scratch.node(Root).Parent;
  const StorageNode &N = Scratch.node(Root);
  if (N.K != StorageNode::Kind::Param)
    return std::nullopt;
  const auto *P = dyn_cast_or_null<ParmVarDecl>(N.Decl);
  if (!P || P->getDeclContext() != Ctor || P->getFunctionScopeIndex() >= Ctor->getNumParams())
    return std::nullopt;
  if (S.IsCopy ? Root != S.Obj : !P->getType()->isReferenceType())
    return std::nullopt;
  return P->getFunctionScopeIndex();
}

} // namespace

void summarizeConstructedBorrows(const CXXConstructorDecl *Ctor, const CallEffectsModel &Model,
                                 FunctionSummary &Sum) {
  Sum.ConstructedBorrowsParams.resize(Ctor->getNumParams());
  // A scratch graph: its nodes only name the constructor's parameters and locals.
  ObjectTable Scratch;
  BorrowSourceFinder Sources(Scratch, Model);
  BorrowSources Found;
  for (const CXXCtorInitializer *Init : Ctor->inits()) {
    const Expr *E = Init->getInit();
    if (!E)
      continue;
    if (const FieldDecl *F = Init->getAnyMember()) {
      if (F->getType()->isReferenceType())
        Sources.referent(E, LoanClass::Object, Found);
      else if (carriesLoans(F->getType()))
        Sources.value(E, Found);
    } else if (Init->isBaseInitializer() || Init->isDelegatingInitializer()) {
      // `: Base(s)`, `: Holder(s, 0)`: what that constructor keeps.
      if (mayHoldBorrows(E->getType()))
        Sources.value(E, Found);
    }
  }
  MemberStoreFinder Stores;
  Stores.TraverseStmt(Ctor->getBody());
  for (const Expr *V : Stores.Values)
    Sources.value(V, Found);
  for (const BorrowSource &S : Found)
    if (std::optional<unsigned> I = borrowedParam(Ctor, Scratch, S))
      Sum.ConstructedBorrowsParams.set(*I);
}

} // namespace ownership::analysis
