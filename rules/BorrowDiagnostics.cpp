//===- BorrowDiagnostics.cpp - Shared wording of the borrow rules ---------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/BorrowDiagnostics.h"

#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <algorithm>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;

using namespace clang;

namespace ownership::rules {
namespace detail {

std::vector<DeadUse> findDeadUses(const FunctionAnalysis &FA, const BorrowAnalysis &Borrows,
                                  llvm::function_ref<bool(const Fact &)> IsCause) {
  std::vector<DeadUse> Candidates;
  FA.forEachFact([&](const Fact &F) {
    const auto *U = llvm::dyn_cast<UseFact>(&F);
    if (!U)
      return;
    llvm::SmallVector<const Loan *, 4> Held = Borrows.loansHeld(U->getObject(), *U);
    if (Held.empty())
      return;
    for (DeadLoan &D : Borrows.deadAmong(Held, *U)) {
      llvm::erase_if(D.Causes, [&](const Fact *C) { return !IsCause(*C); });
      if (D.Causes.empty())
        continue;
      Candidates.push_back({U, std::move(D)});
    }
  });
  const SourceManager &SM = FA.context().getSourceManager();
  std::stable_sort(Candidates.begin(), Candidates.end(), [&](const DeadUse &A, const DeadUse &B) {
    return SM.isBeforeInTranslationUnit(A.Use->getStmt()->getBeginLoc(),
                                        B.Use->getStmt()->getBeginLoc());
  });
  // One finding per loan, at its first use; and one per use.
  llvm::SmallPtrSet<const Loan *, 8> Seen;
  llvm::SmallPtrSet<const UseFact *, 8> Used;
  std::vector<DeadUse> Out;
  for (DeadUse &C : Candidates) {
    if (!Seen.insert(C.Dead.L).second || Used.count(C.Use))
      continue;
    Used.insert(C.Use);
    Out.push_back(std::move(C));
  }
  return Out;
}

bool isRangeForVariable(const ObjectTable &Objects, ObjectID O) {
  const auto *VD = llvm::dyn_cast_or_null<VarDecl>(Objects.node(O).Decl);
  return VD && VD->isImplicit() && VD->getName().starts_with("__");
}

std::string describeBorrower(const ObjectTable &Objects, ObjectID Borrower) {
  if (isRangeForVariable(Objects, Borrower)) {
    llvm::StringRef Name = Objects.node(Borrower).Decl->getName();
    return Name.starts_with("__range") ? "the range of the range-for loop"
                                       : "the iterator of the range-for loop";
  }
  return "'" + Objects.name(Borrower) + "'";
}

ObjectID rootOf(const ObjectTable &Objects, ObjectID O) {
  while (Objects.node(O).Parent)
    O = *Objects.node(O).Parent;
  return O;
}

bool isFunctionLocalOwner(const ObjectTable &Objects, ObjectID O, const FunctionDecl *FD) {
  const StorageNode &N = Objects.node(rootOf(Objects, O));
  switch (N.K) {
  case StorageNode::Kind::Temporary:
    return true;
  case StorageNode::Kind::Local:
  case StorageNode::Kind::Param: {
    const auto *VD = llvm::dyn_cast_or_null<VarDecl>(N.Decl);
    // A captured variable, seen from a lambda's body, belongs to the enclosing function.
    return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
           VD->getParentFunctionOrMethod() == FD;
  }
  case StorageNode::Kind::Binding: {
    const auto *B = llvm::dyn_cast_or_null<BindingDecl>(N.Decl);
    const auto *Holder = B ? llvm::dyn_cast_or_null<VarDecl>(B->getDecomposedDecl()) : nullptr;
    return Holder && Holder->hasLocalStorage() && !Holder->getType()->isReferenceType() &&
           Holder->getParentFunctionOrMethod() == FD;
  }
  default:
    return false;
  }
}

SourceLocation scopeEndLoc(const ScopeEndFact &F) {
  const Stmt *S = F.getStmt();
  if (!S)
    return SourceLocation();
  if (llvm::isa<ReturnStmt>(S) || llvm::isa<BreakStmt>(S) || llvm::isa<ContinueStmt>(S) ||
      llvm::isa<GotoStmt>(S))
    return S->getBeginLoc();
  return S->getEndLoc();
}

} // namespace detail
} // namespace ownership::rules
