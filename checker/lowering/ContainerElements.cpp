//===- ContainerElements.cpp - What a body does to the containers it names ===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/ContainerElements.h"

#include "checker/lowering/BorrowLowering.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/StringSwitch.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// Members that read the container or hand out a borrow of an element without adding
/// one, and the removals whose effect on positions the element rules account for.
bool keepsPositions(const CXXMethodDecl *M) {
  if (M->isConst())
    return true;
  if (M->getOverloadedOperator() == OO_Subscript)
    return true;
  const IdentifierInfo *II = M->getIdentifier();
  if (!II)
    return false;
  return llvm::StringSwitch<bool>(II->getName())
      .Cases("front", "back", "begin", "end", "cbegin", "cend", "rbegin", "rend", true)
      .Cases("data", "at", "find", "lower_bound", "upper_bound", "equal_range", true)
      .Cases("pop_back", "pop_front", "pop_back_val", "erase", "clear", "reserve", true)
      .Default(false);
}

/// Walks a body and records, per container variable, how it is named.
class UseCollector : public RecursiveASTVisitor<UseCollector> {
public:
  UseCollector(llvm::DenseSet<const ValueDecl *> &Reserved,
               llvm::DenseSet<const ValueDecl *> &Grown)
      : Reserved(Reserved), Grown(Grown) {}

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    const Expr *Obj = Call->getImplicitObjectArgument();
    if (!M || !Obj)
      return true;
    const ValueDecl *D = named(Obj);
    if (!D)
      return true;
    if (M->getIdentifier() && M->getName() == "reserve")
      Reserved.insert(D);
    if (keepsPositions(M))
      Allowed.insert(Obj->IgnoreParenImpCasts());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(Op->getCalleeDecl());
    if (M && Op->getNumArgs() >= 1 && keepsPositions(M))
      Allowed.insert(Op->getArg(0)->IgnoreParenImpCasts());
    return true;
  }
  // Visited after the calls that contain them: RecursiveASTVisitor visits parents first.
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (!Allowed.count(DRE))
      Grown.insert(DRE->getDecl());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *ME) {
    if (!Allowed.count(ME))
      Grown.insert(ME->getMemberDecl());
    return true;
  }

private:
  /// The variable or member \p E names, for `v.f()`, `this->v_.f()`, `p->f()`.
  static const ValueDecl *named(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return DRE->getDecl();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return ME->getMemberDecl();
    return nullptr;
  }

  llvm::DenseSet<const ValueDecl *> &Reserved;
  llvm::DenseSet<const ValueDecl *> &Grown;
  llvm::DenseSet<const Expr *> Allowed;
};

} // namespace

void ContainerUses::scan() {
  if (Scanned)
    return;
  Scanned = true;
  if (!FD || !FD->getBody())
    return;
  UseCollector Collector(Reserved, Grown);
  Collector.TraverseStmt(FD->getBody());
  // A constructor's member initializers name the members too.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit())
        Collector.TraverseStmt(Init->getInit());
}

bool ContainerUses::reserved(const ValueDecl *D) {
  scan();
  return D && Reserved.count(D);
}

bool ContainerUses::onlyShrunk(const ValueDecl *D) {
  scan();
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  if (!VD || !VD->hasLocalStorage() || VD->getType()->isPointerType())
    return false;
  return !Grown.count(D);
}

//===----------------------------------------------------------------------===//
// BorrowLowering: the invalidations that select elements
//===----------------------------------------------------------------------===//

namespace {

/// True when \p Arg is `c.begin()` or `c.cbegin()` on the container \p Owner, under the
/// conversion to a const_iterator.
bool isBeginOf(const Expr *Arg, ObjectID Owner, ObjectTable &Objects) {
  for (int I = 0; I < 8 && Arg; ++I) {
    Arg = Arg->IgnoreParenImpCasts();
    if (const auto *FE = dyn_cast<FullExpr>(Arg))
      Arg = FE->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Arg))
      Arg = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(Arg))
      Arg = BTE->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(Arg); CE && CE->getNumArgs() == 1)
      Arg = CE->getArg(0);
    else
      break;
  }
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Arg);
  if (!Call || !Call->getMethodDecl() || !Call->getMethodDecl()->getIdentifier())
    return false;
  llvm::StringRef Name = Call->getMethodDecl()->getName();
  if (Name != "begin" && Name != "cbegin")
    return false;
  std::optional<ObjectID> Of = Objects.lookup(Call->getImplicitObjectArgument());
  return Of && *Of == Owner;
}

} // namespace

bool BorrowLowering::lowerElementInvalidation(const CFGBlock &B, const LoweredCall &Call,
                                              ObjectID Owner, const Invalidation &Inv) {
  const ValueDecl *D = Objects.node(Owner).Decl;
  // `v.reserve(n); ... v.push_back(x);`: whether the capacity suffices is not known.
  if (Inv.WithinCapacity && Uses.reserved(D))
    return true;
  if (Inv.Only.empty() && !Inv.ErasesKey)
    return false;
  const Expr *E = Call.Site.E;
  if (Inv.ErasesKey) {
    if (!Call.Site.Args.empty()) {
      ElementSelector Key;
      Key.Key = Call.Site.Args[0];
      Facts.append(B, Facts.create<InvalidateFact>(Owner, Inv.Mask, std::nullopt, nullptr, E, Key));
    }
    return true;
  }
  if (Inv.FromPosition && !Call.Site.Args.empty() && isBeginOf(Call.Site.Args[0], Owner, Objects))
    Facts.append(B, Facts.create<InvalidateFact>(Owner, Inv.Mask, std::nullopt, nullptr, E));
  else if (Uses.onlyShrunk(D))
    Facts.append(B,
                 Facts.create<InvalidateFact>(Owner, Inv.Mask, std::nullopt, nullptr, E, Inv.Only));
  // `erase(it)` also invalidates the iterator it was given: the caller lowers that.
  return !Inv.ErasesArgument;
}

} // namespace ownership::lowering
