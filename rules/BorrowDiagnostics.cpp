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

namespace {

/// True for a local variable or parameter declared as a reference.
bool isReferenceVariable(const StorageNode &N) {
  const auto *VD = llvm::dyn_cast_or_null<clang::VarDecl>(N.Decl);
  return VD && (N.K == StorageNode::Kind::Local || N.K == StorageNode::Kind::Param) &&
         VD->getType()->isReferenceType();
}

} // namespace

std::vector<DeadUse> findDeadUses(const FunctionAnalysis &FA, const BorrowAnalysis &Borrows,
                                  llvm::function_ref<bool(const Fact &)> IsCause) {
  std::vector<DeadUse> Candidates;
  const ObjectTable &Objects = FA.objects();
  FA.forEachFact([&](const Fact &F) {
    const auto *U = llvm::dyn_cast<UseFact>(&F);
    if (!U)
      return;
    ObjectID Borrower = U->getObject();
    llvm::SmallVector<const Loan *, 4> Held = Borrows.loansHeld(Borrower, *U);
    // `r.v` through `Item &r = v[0];`: a use of what the reference refers to.
    for (std::optional<ObjectID> Up = Objects.node(Borrower).Parent; Held.empty() && Up;
         Up = Objects.node(*Up).Parent)
      if (isReferenceVariable(Objects.node(*Up))) {
        Borrower = *Up;
        Held = Borrows.loansHeld(Borrower, *U);
        break;
      }
    if (Held.empty())
      return;
    for (DeadLoan &D : Borrows.deadAmong(Held, *U)) {
      llvm::erase_if(D.Causes, [&](const Fact *C) { return !IsCause(*C); });
      if (D.Causes.empty())
        continue;
      Candidates.push_back({U, std::move(D), Borrower});
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

std::string describeBorrower(const ObjectTable &Objects, ObjectID Borrower) {
  switch (Objects.rangeForPart(Borrower)) {
  case ObjectTable::RangeForPart::Range:
    return "the range of the range-for loop";
  case ObjectTable::RangeForPart::Iterator:
    return "the iterator of the range-for loop";
  case ObjectTable::RangeForPart::None:
    // The closures of a local container (lowering's CaptureLowering).
    if (const StorageNode &N = Objects.node(Borrower); N.K == StorageNode::Kind::Elements)
      return "an element of '" + Objects.name(*N.Parent) + "'";
    return "'" + Objects.name(Borrower) + "'";
  }
  llvm_unreachable("unknown range-for part");
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
