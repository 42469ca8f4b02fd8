//===- SharedLowering.h - Lowering stores that make shared objects own others ===//
//
// Part of ownership-checker, under the MIT license.
//
// The shared-ownership part of the lowering: an assignment or insertion into a strong
// member of an object reached through a local std::shared_ptr (or `this`) becomes a
// SharedStore fact: a store of another local handle, of shared_from_this(), or of a lambda
// capturing one; a reset of that member; or a handle given another object.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_SHAREDLOWERING_H
#define OWNERSHIP_CHECKER_LOWERING_SHAREDLOWERING_H

#include "checker/model/Facts.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"

namespace ownership::lowering {

/// Lowers the shared-ownership stores of one function; see the file comment.
class SharedLowering {
public:
  SharedLowering(model::ObjectTable &Objects, model::FactManager &Facts)
      : Objects(Objects), Facts(Facts) {}

  /// Appends the SharedStore facts of element \p E of block \p B.
  void lowerElement(const clang::CFGBlock &B, const clang::CFGElement &E);

private:
  void lowerAssignment(const clang::CFGBlock &B, const clang::CXXOperatorCallExpr *Op);
  void lowerMemberCall(const clang::CFGBlock &B, const clang::CXXMemberCallExpr *Call);
  /// \p Value is stored into \p Owner's \p Field by \p Store.
  void lowerStored(const clang::CFGBlock &B, const clang::ValueDecl *Owner,
                   const clang::FieldDecl *Field, const clang::Expr *Value,
                   const clang::Expr *Store);
  void emit(const clang::CFGBlock &B, model::SharedStoreFact::Action A,
            const clang::ValueDecl *Owner, std::optional<const clang::ValueDecl *> Owned,
            const clang::FieldDecl *Field, const clang::LambdaExpr *Via,
            const clang::Expr *Store);
  /// The node of a handle: a local variable, or (null) the object behind `this`.
  model::ObjectID handle(const clang::ValueDecl *Var);

  model::ObjectTable &Objects;
  model::FactManager &Facts;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_SHAREDLOWERING_H
