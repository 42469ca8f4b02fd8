//===- Sequencing.h - The order C++ gives two parts of one expression -----===//
//
// Part of ownership-checker, under the MIT license.
//
// The CFG lists the subexpressions of a full-expression in one order, but C++ leaves the
// order of some of them unspecified (the arguments of a call, the operands of `+`) and
// fixes others in an order the CFG does not always follow (the right operand of an
// overloaded assignment first, in C++17). The moves part of the lowering asks here how a
// use and the call that moves its object are ordered ([intro.execution], [expr.call],
// [expr.ass], [expr.shift], [expr.sub], [dcl.init.list]).
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_SEQUENCING_H
#define OWNERSHIP_CHECKER_LOWERING_SEQUENCING_H

#include "clang/AST/ParentMap.h"
#include "clang/Basic/LangOptions.h"

namespace ownership::lowering {

/// How a use is ordered with the moment a consumer runs.
enum class Sequence {
  Unknown,     ///< Not in one full-expression, or in a construct not modelled here.
  Before,      ///< The use is evaluated before the consumer runs.
  After,       ///< The use is evaluated after the consumer runs.
  Unsequenced, ///< Either may come first: indeterminately sequenced or unsequenced.
  CalleeReads, ///< The use is an argument bound to a reference parameter of a call whose
               ///< other argument holds the consumer: the callee reads it after.
};

/// How \p Use, an expression that names an object, is ordered with the run of
/// \p Consumer, a call, operator call or construction (the moment a MoveFact stands
/// for), by the evaluation rules of the language \p LO. Unknown unless both lie in one
/// full-expression and the node where their paths meet is one whose rules are modelled:
/// a call's callee and arguments, a constructor's arguments, an initializer list, a
/// subscript, and the operands of binary operators, built-in or overloaded.
Sequence sequenceOf(const clang::Expr *Use, const clang::Stmt *Consumer,
                    const clang::ParentMap &Parents, const clang::LangOptions &LO);

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_SEQUENCING_H
