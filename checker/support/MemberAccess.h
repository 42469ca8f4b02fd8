//===- MemberAccess.h - Naming the members of `*this` ---------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// The inferences about classes (which members own, which are flags, which hold borrows,
// which union alternative a tag selects) all ask the same question of an expression: which
// member of the object a member function runs on does it name.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_SUPPORT_MEMBERACCESS_H
#define OWNERSHIP_CHECKER_SUPPORT_MEMBERACCESS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace ownership {

/// The member of `*this` that \p E names (`p_`, `this->p_`), through parentheses and
/// implicit casts; null when it names anything else (a member of a member, a variable).
inline const clang::FieldDecl *memberOfThis(const clang::Expr *E) {
  if (!E)
    return nullptr;
  const auto *ME = llvm::dyn_cast<clang::MemberExpr>(E->IgnoreParenImpCasts());
  if (!ME || !llvm::isa<clang::CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return llvm::dyn_cast<clang::FieldDecl>(ME->getMemberDecl());
}

} // namespace ownership

#endif // OWNERSHIP_CHECKER_SUPPORT_MEMBERACCESS_H
