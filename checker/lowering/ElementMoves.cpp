//===- ElementMoves.cpp - Moves of every element of a container -----------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/ElementMoves.h"

#include "checker/model/CallSite.h"
#include "checker/model/StdModel.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// The element type of a standard sequence container: its first template argument.
QualType elementType(QualType Container) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Container.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  return Spec->getTemplateArgs()[0].getAsType();
}

/// True when \p S may leave an iteration early or skip the rest of it: `break`,
/// `continue`, `return`, `goto` anywhere inside (those of nested loops too).
bool mayLeaveIteration(const Stmt *S) {
  if (!S)
    return false;
  if (isa<BreakStmt, ContinueStmt, ReturnStmt, GotoStmt, IndirectGotoStmt, CoreturnStmt>(S))
    return true;
  return llvm::any_of(S->children(), [](const Stmt *C) { return mayLeaveIteration(C); });
}

} // namespace

void ElementMoves::begin() {
  llvm::SmallVector<std::pair<const CFGBlock *, const CXXForRangeStmt *>, 4> Loops;
  for (const CFGBlock *B : Cfg) {
    if (const auto *Loop = dyn_cast_or_null<CXXForRangeStmt>(B->getTerminatorStmt()))
      Loops.push_back({B, Loop});
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        if (const auto *Call = dyn_cast<CallExpr>(S->getStmt()))
          if (isRangeMoveAlgorithm(Call->getDirectCallee()))
            collectAlgorithm(Call);
  }
  llvm::SmallPtrSet<const Stmt *, 4> Moving;
  for (const auto &[Cond, Loop] : Loops)
    if (collectLoop(*Cond, Loop))
      Moving.insert(Loop);
  if (ByContainer.empty())
    return;
  // Every loop over such a container, the moving ones too, reads (or moves) its elements
  // through the loop variable.
  for (const auto &[Cond, Loop] : Loops) {
    std::optional<ObjectID> Container = containerOf(Loop->getRangeInit());
    std::optional<ObjectID> Elements = Container ? elementsOf(*Container) : std::nullopt;
    const VarDecl *Var = Loop->getLoopVariable();
    if (!Elements || !Var)
      continue;
    bool ByReference = Var->getType()->isReferenceType();
    auto &Map = ByReference ? ByReferenceVar : ByCopyVar;
    Map[Objects.getVar(Var).Value] = *Elements;
    // A loop that may give every element a value (`for (auto &e : v) e = x;`) reaches
    // its exit from the first iteration's test too, with the elements as they were: on
    // leaving it, what they hold is not known.
    if (ByReference && !Var->getType().getNonReferenceType().isConstQualified() &&
        !Moving.count(Loop))
      if (const CFGBlock *Exit = onlyExit(*Cond))
        ReinitOnEntry[Exit->getBlockID()].push_back({*Elements, Loop});
  }
}

const CFGBlock *ElementMoves::onlyExit(const CFGBlock &Cond) {
  if (Cond.succ_size() != 2)
    return nullptr;
  const CFGBlock *Exit = *(Cond.succ_begin() + 1);
  return Exit && Exit->pred_size() == 1 ? Exit : nullptr;
}

std::optional<ObjectID> ElementMoves::containerOf(const Expr *E) {
  if (!E || !isStdSequenceContainer(E->getType()))
    return std::nullopt;
  QualType Element = elementType(E->getType());
  // Moving an `int` copies it: the elements keep their values.
  if (Element.isNull() || Element->isDependentType() || !Element->isRecordType() ||
      Element.isTriviallyCopyableType(Ctx))
    return std::nullopt;
  return Objects.objectOf(E);
}

bool ElementMoves::collectLoop(const CFGBlock &Cond, const CXXForRangeStmt *Loop) {
  const VarDecl *Var = Loop->getLoopVariable();
  if (!Var || !Var->getType()->isReferenceType() ||
      Var->getType().getNonReferenceType().isConstQualified())
    return false;
  // Every element is moved only when every iteration runs to the move.
  if (mayLeaveIteration(Loop->getBody()))
    return false;
  std::optional<WholeMove> Move = unconditionalMove(Loop->getBody(), Var);
  if (!Move)
    return false;
  std::optional<ObjectID> Container = containerOf(Loop->getRangeInit());
  if (!Container)
    return false;
  // The move takes effect on the edge that leaves the loop; a block that other paths
  // reach too would get it on those paths as well.
  const CFGBlock *Exit = onlyExit(Cond);
  if (!Exit)
    return false;
  ObjectID Elements = Objects.getElements(*Container);
  ByContainer[Container->Value] = Elements;
  Move->Elements = Elements;
  OnEntry[Exit->getBlockID()].push_back(*Move);
  return true;
}

void ElementMoves::collectAlgorithm(const CallExpr *Call) {
  // `std::move(first, last, out)`, with an execution policy before them or not.
  if (Call->getNumArgs() < 3)
    return;
  unsigned First = Call->getNumArgs() - 3;
  const Expr *Begin = rangeEndOf(Call->getArg(First), /*End=*/false);
  const Expr *End = rangeEndOf(Call->getArg(First + 1), /*End=*/true);
  if (!Begin || !End)
    return;
  std::optional<ObjectID> Container = containerOf(Begin);
  if (!Container || Objects.objectOf(End) != Container)
    return;
  ObjectID Elements = Objects.getElements(*Container);
  ByContainer[Container->Value] = Elements;
  ByAlgorithm[Call] = Elements;
}

std::optional<ElementMoves::WholeMove>
ElementMoves::unconditionalMove(const Stmt *Body, const VarDecl *Var) const {
  // The body itself, or one of the statements of its block, not inside a branch.
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Body)) {
    for (const Stmt *S : Block->body())
      if (std::optional<WholeMove> M = findMove(S, Var))
        return M;
    return std::nullopt;
  }
  return findMove(Body, Var);
}

std::optional<ElementMoves::WholeMove> ElementMoves::findMove(const Stmt *S,
                                                              const VarDecl *Var) const {
  if (!S)
    return std::nullopt;
  // What runs only on some iterations: branches, inner loops, handlers, the right
  // operand of `&&` and `||`, a lambda's body.
  if (isa<IfStmt, SwitchStmt, WhileStmt, DoStmt, ForStmt, CXXForRangeStmt, CXXTryStmt,
          LambdaExpr, AbstractConditionalOperator, StmtExpr>(S))
    return std::nullopt;
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->isLogicalOp())
      return findMove(BO->getLHS(), Var);
  if (std::optional<CallSite> Site = getCallSite(S)) {
    CallEffects Effects;
    bool Asked = false;
    for (unsigned I = 0; I < Site->Args.size(); ++I) {
      const Expr *Operand = getMovedOperand(Site->Args[I]);
      const auto *Ref = Operand ? dyn_cast<DeclRefExpr>(Operand->IgnoreParenImpCasts()) : nullptr;
      if (!Ref || Ref->getDecl() != Var)
        continue;
      if (!Asked) {
        Effects = Model.effectsOf(*Site);
        Asked = true;
      }
      if (I < Effects.Args.size() && Effects.Args[I].Consumes)
        return WholeMove{ObjectID(), Site->Args[I]->IgnoreParenImpCasts(), Site->E};
    }
  }
  for (const Stmt *Child : S->children())
    if (std::optional<WholeMove> M = findMove(Child, Var))
      return M;
  return std::nullopt;
}

std::optional<ObjectID> ElementMoves::elementsOf(ObjectID Container) const {
  auto It = ByContainer.find(Container.Value);
  return It == ByContainer.end() ? std::nullopt : std::optional<ObjectID>(It->second);
}

std::optional<ObjectID> ElementMoves::elementsNamedBy(ObjectID Var) const {
  auto It = ByReferenceVar.find(Var.Value);
  return It == ByReferenceVar.end() ? std::nullopt : std::optional<ObjectID>(It->second);
}

std::optional<ObjectID> ElementMoves::elementsCopiedBy(ObjectID Var) const {
  auto It = ByCopyVar.find(Var.Value);
  return It == ByCopyVar.end() ? std::nullopt : std::optional<ObjectID>(It->second);
}

llvm::ArrayRef<ElementMoves::WholeMove> ElementMoves::movesOnEntry(const CFGBlock &B) const {
  auto It = OnEntry.find(B.getBlockID());
  if (It == OnEntry.end())
    return {};
  return It->second;
}

llvm::ArrayRef<std::pair<ObjectID, const Stmt *>>
ElementMoves::reinitsOnEntry(const CFGBlock &B) const {
  auto It = ReinitOnEntry.find(B.getBlockID());
  if (It == ReinitOnEntry.end())
    return {};
  return It->second;
}

std::optional<ObjectID> ElementMoves::movedByAlgorithm(const Stmt *S) const {
  auto It = ByAlgorithm.find(S);
  return It == ByAlgorithm.end() ? std::nullopt : std::optional<ObjectID>(It->second);
}

} // namespace ownership::lowering
