//===- Sequencing.cpp - The order C++ gives two parts of one expression ---===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lowering/Sequencing.h"

#include "checker/model/CallSite.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace ownership::lowering {
namespace {

/// How C++ orders two operands of one node.
enum class OperandOrder {
  LeftFirst,  ///< The one written first is evaluated first.
  RightFirst, ///< The one written last is evaluated first.
  None,       ///< Unsequenced or indeterminately sequenced.
  Unknown,
};

OperandOrder orderOfBuiltin(BinaryOperatorKind Op, const LangOptions &LO) {
  switch (Op) {
  case BO_Comma:
  case BO_LAnd:
  case BO_LOr:
    return OperandOrder::LeftFirst;
  // C++17 sequences the left operand of `<<`, `>>`, `.*` and `->*` first ([expr.shift],
  // [expr.mptr.oper]), and the right operand of an assignment first ([expr.ass]).
  case BO_Shl:
  case BO_Shr:
  case BO_PtrMemD:
  case BO_PtrMemI:
    return LO.CPlusPlus17 ? OperandOrder::LeftFirst : OperandOrder::None;
  default:
    if (BinaryOperator::isAssignmentOp(Op))
      return LO.CPlusPlus17 ? OperandOrder::RightFirst : OperandOrder::None;
    return OperandOrder::None;
  }
}

/// An overloaded operator in operator notation orders its operands as the built-in one
/// does ([over.match.oper]), since C++17; before, it was a call like any other.
OperandOrder orderOfOverloaded(OverloadedOperatorKind Op, const LangOptions &LO) {
  if (!LO.CPlusPlus17)
    return OperandOrder::None;
  switch (Op) {
  case OO_Comma:
  case OO_AmpAmp:
  case OO_PipePipe:
  case OO_LessLess:
  case OO_GreaterGreater:
  case OO_ArrowStar:
  case OO_Subscript:
    return OperandOrder::LeftFirst;
  case OO_Equal:
  case OO_PlusEqual:
  case OO_MinusEqual:
  case OO_StarEqual:
  case OO_SlashEqual:
  case OO_PercentEqual:
  case OO_CaretEqual:
  case OO_AmpEqual:
  case OO_PipeEqual:
  case OO_LessLessEqual:
  case OO_GreaterGreaterEqual:
    return OperandOrder::RightFirst;
  default:
    return OperandOrder::None;
  }
}

/// The order of operand \p UsePos (holding the use) and \p ConsumerPos (holding the
/// consumer), positions as written, under \p O.
Sequence byPosition(unsigned UsePos, unsigned ConsumerPos, OperandOrder O) {
  switch (O) {
  case OperandOrder::LeftFirst:
    return UsePos < ConsumerPos ? Sequence::Before : Sequence::After;
  case OperandOrder::RightFirst:
    return UsePos > ConsumerPos ? Sequence::Before : Sequence::After;
  case OperandOrder::None:
    return Sequence::Unsequenced;
  case OperandOrder::Unknown:
    return Sequence::Unknown;
  }
  llvm_unreachable("unknown operand order");
}

/// The position of \p Child among \p Children, or std::nullopt.
template <typename RangeT>
std::optional<unsigned> positionIn(const RangeT &Children, const Stmt *Child) {
  unsigned I = 0;
  for (const Stmt *S : Children) {
    if (S == Child)
      return I;
    ++I;
  }
  return std::nullopt;
}

/// For a use in operand \p UseSide of the call \p Call, unsequenced with a consumer in
/// another argument: when the operand is the used object itself, bound to a reference
/// parameter or as the object of a member, the callee reads it in its body, after every
/// argument (the consumer too) was evaluated.
Sequence refineForReference(const Expr *Call, const Stmt *UseSide, const Expr *Use) {
  const auto *Side = dyn_cast<Expr>(UseSide);
  if (!Side || Side->IgnoreParenImpCasts() != Use->IgnoreParenImpCasts())
    return Sequence::Unsequenced;
  std::optional<model::CallSite> Site = model::getCallSite(Call);
  if (!Site)
    return Sequence::Unsequenced;
  if (Site->Object && Site->Object == Side)
    return Sequence::CalleeReads;
  for (unsigned I = 0; I < Site->Args.size(); ++I)
    if (Site->Args[I] == Side) {
      QualType T = Site->paramType(I);
      return !T.isNull() && T->isReferenceType() ? Sequence::CalleeReads : Sequence::Unsequenced;
    }
  return Sequence::Unsequenced;
}

/// The order at \p Meet, the node where the paths to the use (through its child
/// \p UseSide) and to the consumer (through \p ConsumerSide) part.
Sequence sequenceAt(const Expr *Meet, const Stmt *UseSide, const Stmt *ConsumerSide,
                    const Expr *Use, const LangOptions &LO) {
  if (const auto *BO = dyn_cast<BinaryOperator>(Meet))
    return byPosition(UseSide == BO->getRHS(), ConsumerSide == BO->getRHS(),
                      orderOfBuiltin(BO->getOpcode(), LO));
  if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(Meet))
    return byPosition(UseSide == Sub->getRHS(), ConsumerSide == Sub->getRHS(),
                      LO.CPlusPlus17 ? OperandOrder::LeftFirst : OperandOrder::None);
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(Meet)) {
    // The condition comes first; the two branches never both run.
    if (UseSide == Cond->getCond())
      return Sequence::Before;
    if (ConsumerSide == Cond->getCond())
      return Sequence::After;
    return Sequence::Unknown;
  }
  if (const auto *List = dyn_cast<InitListExpr>(Meet)) {
    // Braced initializers are evaluated in order ([dcl.init.list]).
    std::optional<unsigned> U = positionIn(List->inits(), UseSide);
    std::optional<unsigned> C = positionIn(List->inits(), ConsumerSide);
    return U && C ? byPosition(*U, *C, OperandOrder::LeftFirst) : Sequence::Unknown;
  }
  if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Meet)) {
    std::optional<unsigned> U = positionIn(Ctor->arguments(), UseSide);
    std::optional<unsigned> C = positionIn(Ctor->arguments(), ConsumerSide);
    if (!U || !C)
      return Sequence::Unknown;
    Sequence S = refineForReference(Ctor, UseSide, Use);
    if (S == Sequence::Unsequenced && Ctor->isListInitialization())
      return byPosition(*U, *C, OperandOrder::LeftFirst);
    return S;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Meet)) {
    std::optional<unsigned> U = positionIn(Op->arguments(), UseSide);
    std::optional<unsigned> C = positionIn(Op->arguments(), ConsumerSide);
    if (!U || !C)
      return Sequence::Unknown;
    // `f(a, b)` on an object: the object first (C++17), then the arguments in any order.
    if (Op->getOperator() == OO_Call) {
      if (LO.CPlusPlus17 && (*U == 0 || *C == 0))
        return *U == 0 ? Sequence::Before : Sequence::After;
      return refineForReference(Op, UseSide, Use);
    }
    // An operand bound to a reference is read in the operator's body, whichever operand
    // is evaluated first: `names[take(std::move(s))] = s` copies a moved-from s.
    Sequence S = refineForReference(Op, UseSide, Use);
    if (S == Sequence::CalleeReads)
      return S;
    return byPosition(*U, *C, orderOfOverloaded(Op->getOperator(), LO));
  }
  if (const auto *Call = dyn_cast<CallExpr>(Meet)) {
    // The postfix expression (with a member call's object) comes before the arguments
    // (C++17, [expr.call]); the arguments are indeterminately sequenced.
    bool UseInCallee = UseSide == Call->getCallee();
    bool ConsumerInCallee = ConsumerSide == Call->getCallee();
    if (UseInCallee || ConsumerInCallee) {
      if (!LO.CPlusPlus17)
        return Sequence::Unsequenced;
      return UseInCallee ? Sequence::Before : Sequence::After;
    }
    if (!positionIn(Call->arguments(), UseSide) || !positionIn(Call->arguments(), ConsumerSide))
      return Sequence::Unknown;
    return refineForReference(Call, UseSide, Use);
  }
  return Sequence::Unknown;
}

} // namespace

Sequence sequenceOf(const Expr *Use, const Stmt *Consumer, const ParentMap &Parents,
                    const LangOptions &LO) {
  // The nodes above the consumer, each with its child on the way down to it.
  llvm::SmallDenseMap<const Stmt *, const Stmt *, 16> Down;
  Down[Consumer] = nullptr;
  for (const Stmt *Child = Consumer, *P = Parents.getParent(Consumer); P;
       Child = P, P = Parents.getParent(P))
    Down[P] = Child;
  const Stmt *UseSide = nullptr;
  for (const Stmt *S = Use; S; UseSide = S, S = Parents.getParent(S)) {
    auto It = Down.find(S);
    if (It == Down.end())
      continue;
    // A use inside the consumer's operands is evaluated before the consumer runs.
    if (S == Consumer)
      return Sequence::Before;
    // Paths that meet at a statement are in different full-expressions.
    const auto *Meet = dyn_cast<Expr>(S);
    if (!UseSide || !Meet)
      return Sequence::Unknown;
    return sequenceAt(Meet, UseSide, It->second, Use, LO);
  }
  return Sequence::Unknown;
}

} // namespace ownership::lowering
