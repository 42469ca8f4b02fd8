//===- DeclaredBorrows.cpp - Borrows that declarations create -------------===//
//
// Part of ownership-checker, under the MIT license.
//
// The part of the call-effects model that says which objects borrow because of how a
// class or a function is declared: a class whose members refer to storage it does not own
// (mayHoldBorrows), a constructor that keeps a borrow of an argument in such a member
// (`[[clang::lifetimebound]]` on its parameter, or its summary), and the arguments that
// `[[clang::lifetime_capture_by(X)]]` hands to X.
//===----------------------------------------------------------------------===//
#include "checker/model/CallEffects.h"

#include "checker/model/StdContainers.h"
#include "checker/support/ClangCompat.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ownership::model {
namespace {

/// Members of members are followed this deep: deeper nesting is generated code.
constexpr unsigned MaxNesting = 4;

bool hasLifetimeboundConstructor(const CXXRecordDecl *RD) {
  for (const CXXConstructorDecl *Ctor : RD->ctors())
    for (const FunctionDecl *Redecl : Ctor->redecls())
      for (const ParmVarDecl *P : Redecl->parameters())
        if (P->hasAttr<LifetimeBoundAttr>())
          return true;
  return false;
}

/// \p Seen keeps a class met twice (a member type used by several members, a diamond of
/// bases) from being looked at again.
bool recordMayHoldBorrows(const CXXRecordDecl *RD, unsigned Depth,
                          llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Seen) {
  if (!RD || Depth > MaxNesting)
    return false;
  RD = RD->getDefinition();
  if (!RD || !Seen.insert(RD).second || RD->isLambda() || RD->isUnion() ||
      RD->isDependentContext() || RD->isInStdNamespace())
    return false;
  QualType T = compat::tagType(RD);
  // An owner's copy is deep; a pointer-like class is a borrower already.
  if (isOwnerType(T) || isBorrowerType(T))
    return false;
  for (const FieldDecl *F : RD->fields()) {
    QualType FT = F->getType();
    if (isBorrowerType(FT) ||
        (!FT->isReferenceType() &&
         recordMayHoldBorrows(FT->getAsCXXRecordDecl(), Depth + 1, Seen)))
      return true;
  }
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (recordMayHoldBorrows(Base.getType()->getAsCXXRecordDecl(), Depth + 1, Seen))
      return true;
  return hasLifetimeboundConstructor(RD);
}

} // namespace

bool mayHoldBorrows(QualType T) {
  if (T.isNull() || T->isReferenceType() || T->isDependentType())
    return false;
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> Seen;
  return recordMayHoldBorrows(T->getAsCXXRecordDecl(), 0, Seen);
}

std::optional<llvm::SmallBitVector>
CallEffectsModel::constructedBorrows(const CXXConstructorDecl *Ctor) const {
  if (!Ctor || Ctor->isCopyOrMoveConstructor() || Ctor->getNumParams() == 0)
    return std::nullopt;
  llvm::SmallBitVector Params(Ctor->getNumParams());
  // What the declarations say.
  for (const FunctionDecl *Redecl : Ctor->redecls())
    for (unsigned I = 0; I < Redecl->getNumParams() && I < Params.size(); ++I)
      if (Redecl->getParamDecl(I)->hasAttr<LifetimeBoundAttr>())
        Params.set(I);
  // What the body keeps (a constructor is never virtual).
  if (const FunctionSummary *S = summaryOf(Ctor))
    for (unsigned I = 0; I < S->ConstructedBorrowsParams.size() && I < Params.size(); ++I)
      if (S->ConstructedBorrowsParams.test(I))
        Params.set(I);
  if (Params.none())
    return std::nullopt;
  return Params;
}

} // namespace ownership::model
