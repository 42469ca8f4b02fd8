//===- Summary.cpp - What a function does, as its callers see it ----------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/model/Summary.h"

#include "checker/model/CallEffects.h"
#include "checker/model/StdContainers.h"
#include "checker/support/ClangCompat.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ownership::model {

SummaryLookup::~SummaryLookup() = default;

const FunctionDecl *summarizableDefinition(const FunctionDecl *Callee) {
  if (!Callee)
    return nullptr;
  const FunctionDecl *Def = Callee->getDefinition();
  if (!Def || !Def->hasBody() || Def->isDependentContext())
    return nullptr;
  const SourceManager &SM = Def->getASTContext().getSourceManager();
  if (Def->isInStdNamespace() || SM.isInSystemHeader(Def->getLocation()))
    return nullptr;
  return Def;
}

SummaryParts summaryPartsFor(const FunctionDecl *FD) {
  SummaryParts P;
  const auto *M = dyn_cast<CXXMethodDecl>(FD);
  // Another override may run instead of a virtual function's body: only what it does
  // with a moved argument is taken from it, as the moved-from analysis always did.
  bool Virtual = M && M->isVirtual();
  for (const ParmVarDecl *Param : FD->parameters()) {
    QualType T = Param->getType();
    if (T->isRValueReferenceType() && !T->getPointeeType().isConstQualified())
      P.Moves = true;
    if (Virtual)
      continue;
    if (isDataPointer(T) && !T->isReferenceType())
      P.Heap = true;
    if ((T->isReferenceType() || T->isPointerType()) && !T->getPointeeType().isConstQualified() &&
        isOwnerType(T->getPointeeType()))
      P.Invalidations = true;
  }
  // A member function may grow a container member of its object, or hand out one of its
  // elements.
  if (!Virtual && M && M->isInstance() && !isa<CXXConstructorDecl, CXXDestructorDecl>(M))
    for (const FieldDecl *F : M->getParent()->fields())
      if (isOwnerType(F->getType()))
        P.Invalidations = true;
  if (!Virtual) {
    // A member function may release its object (`delete this`, reference counting).
    P.This = M && M->isInstance() && !isa<CXXConstructorDecl>(M) && !isa<CXXDestructorDecl>(M);
    if (FD->getReturnType()->isPointerType())
      P.Heap = true;

    if (isBorrowerType(FD->getReturnType()) || mayHoldBorrows(FD->getReturnType()))
      P.Borrows = true;
    // Error helpers return void; one declared noreturn needs no summary to say so.
    if (FD->getReturnType()->isVoidType() && !FD->isNoReturn())
      P.NoReturn = true;
  }
  // A destructor that may release the memory its object's pointer fields hold: what an
  // object of its class adopts is freed when the object dies (a local object's own
  // destructor runs, virtual or not); a copy constructor that may copy those pointers.
  const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD);
  // A constructor that may keep a borrow of an argument in a member of its object.
  if (Ctor && !Ctor->isCopyOrMoveConstructor() && Ctor->getNumParams() > 0 &&
      mayHoldBorrows(compat::tagType(Ctor->getParent())))
    P.Constructs = true;
  if (isa<CXXDestructorDecl>(FD) || (Ctor && Ctor->isCopyOrMoveConstructor()))
    for (const FieldDecl *F : cast<CXXMethodDecl>(FD)->getParent()->fields())
      if (isDataPointer(F->getType()))
        P.Heap = true;
  return P;
}

} // namespace ownership::model
