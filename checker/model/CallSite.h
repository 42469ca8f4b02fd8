//===- CallSite.h - Calls, operator calls and constructions, seen uniformly ===//
//
// Part of ownership-checker, under the MIT license.
//
// Lowering passes ask the same questions of every call: which function, which object,
// which argument binds to which parameter. This is the one place that answers them.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_MODEL_CALLSITE_H
#define OWNERSHIP_CHECKER_MODEL_CALLSITE_H

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace ownership::model {

/// A call, operator call or construction, seen uniformly: which function, and which
/// expressions are bound to its parameters.
struct CallSite {
  /// The call or construction expression itself.
  const clang::Expr *E = nullptr;
  const clang::FunctionDecl *Callee = nullptr;
  const clang::FunctionProtoType *Proto = nullptr;
  /// The implicit object argument of a member call, if any.
  const clang::Expr *Object = nullptr;
  /// The arguments bound to the parameters, in order (no object argument).
  llvm::SmallVector<const clang::Expr *, 4> Args;

  /// The declared type of the parameter that argument \p I binds to; null for C varargs.
  clang::QualType paramType(unsigned I) const {
    if (Callee && I < Callee->getNumParams())
      return Callee->getParamDecl(I)->getType();
    if (Proto && I < Proto->getNumParams())
      return Proto->getParamType(I);
    return clang::QualType();
  }
};

/// The call site of \p S when it is a call, operator call or construction.
std::optional<CallSite> getCallSite(const clang::Stmt *S);

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_CALLSITE_H
