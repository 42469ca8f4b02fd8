//===- StdModel.cpp - What the checker knows about the standard library ---===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/model/StdModel.h"

#include "checker/support/ClangCompat.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace ownership::model {

bool isStdFunction(const FunctionDecl *FD, llvm::StringRef Name) {
  if (!FD || !FD->isInStdNamespace())
    return false;
  const IdentifierInfo *II = FD->getIdentifier();
  return II && II->getName() == Name;
}

const Expr *getMovedOperand(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  // Only an xvalue can be bound to a `T&&` parameter and moved from; an lvalue
  // `std::forward<T&>(x)` copies.
  if (!E->isXValue())
    return nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (Call->getNumArgs() == 1 &&
        (isStdFunction(FD, "move") || isStdFunction(FD, "forward")))
      return Call->getArg(0);
    return nullptr;
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    if (Cast->getTypeAsWritten()->isRValueReferenceType())
      return Cast->getSubExpr();
  return nullptr;
}

/// The name of the class template that \p RD is a specialization of, if that template
/// is in namespace std.
static llvm::StringRef stdTemplateName(const CXXRecordDecl *RD) {
  if (!RD || !RD->isInStdNamespace())
    return {};
  const IdentifierInfo *II = RD->getIdentifier();
  if (!II)
    return {};
  llvm::StringRef Name = II->getName();
  // libstdc++ declares most members of shared_ptr and weak_ptr (reset, use_count, get,
  // operator bool) in the bases __shared_ptr and __weak_ptr, under the same contract.
  if (Name == "__shared_ptr" || Name == "__weak_ptr")
    return Name.drop_front(2);
  return Name;
}

llvm::StringRef stdClassName(QualType T) {
  if (T.isNull())
    return {};
  return stdTemplateName(T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl());
}

bool isStdSharedPtr(QualType T) { return stdClassName(T) == "shared_ptr"; }

bool isStdSmartPointer(QualType T) {
  llvm::StringRef Name = stdTemplateName(T.getNonReferenceType()->getAsCXXRecordDecl());
  return Name == "unique_ptr" || Name == "shared_ptr" || Name == "weak_ptr";
}

bool isReinitializingMethod(const CXXMethodDecl *M) {
  if (!M)
    return false;
  if (M->hasAttr<ReinitializesAttr>())
    return true;
  if (M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator() ||
      M->getOverloadedOperator() == OO_Equal)
    return true;
  llvm::StringRef Class = stdTemplateName(M->getParent());
  if (Class.empty() || !M->getIdentifier())
    return false;
  llvm::StringRef Name = M->getName();
  if (Name == "swap")
    return true;
  bool SmartOrOptional = Class == "unique_ptr" || Class == "shared_ptr" ||
                         Class == "weak_ptr" || Class == "optional" || Class == "any";
  if (SmartOrOptional)
    return Name == "reset" || ((Class == "optional" || Class == "any") && Name == "emplace");
  bool Container = llvm::StringSwitch<bool>(Class)
                       .Cases("basic_string", "vector", "deque", "list", "forward_list", true)
                       .Cases("set", "map", "multiset", "multimap", true)
                       .Cases("unordered_set", "unordered_map", "unordered_multiset",
                              "unordered_multimap", true)
                       .Default(false);
  return Container && (Name == "clear" || Name == "assign");
}

bool isValidOnMovedFrom(const CXXMethodDecl *M) {
  if (!M || !isStdSmartPointer(compat::tagType(M->getParent())))
    return false;
  if (isa<CXXConversionDecl>(M))
    return true; // explicit operator bool
  if (!M->getIdentifier())
    return false;
  llvm::StringRef Name = M->getName();
  return Name == "get" || Name == "release" || Name == "use_count" || Name == "owner_before" ||
         Name == "expired";
}

bool isStdAccessor(const FunctionDecl *FD) {
  if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier())
    return false;
  return llvm::StringSwitch<bool>(FD->getName())
      .Cases("get", "begin", "end", "rbegin", "rend", true)
      .Cases("data", "size", "empty", "as_const", "addressof", true)
      .Default(false);
}

bool isStdSequenceContainer(QualType T) {
  return llvm::StringSwitch<bool>(stdClassName(T))
      .Cases("vector", "deque", "list", "forward_list", "array", true)
      .Default(false);
}

ElementUse elementUseOf(const CXXMethodDecl *M) {
  if (!M)
    return ElementUse::Other;
  if (M->getOverloadedOperator() == OO_Subscript)
    return ElementUse::Reads;
  if (!M->getIdentifier())
    return ElementUse::Other;
  return llvm::StringSwitch<ElementUse>(M->getName())
      .Cases("at", "front", "back", ElementUse::Reads)
      .Cases("size", "empty", "capacity", "max_size", ElementUse::None)
      .Cases("reserve", "shrink_to_fit", "get_allocator", ElementUse::None)
      .Default(ElementUse::Other);
}

bool isRangeMoveAlgorithm(const FunctionDecl *FD) {
  return FD && FD->getNumParams() >= 3 &&
         (isStdFunction(FD, "move") || isStdFunction(FD, "move_backward"));
}

const Expr *rangeEndOf(const Expr *E, bool End) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  // Iterators are returned by value: look through the copy into the parameter.
  if (const auto *Copy = dyn_cast<CXXConstructExpr>(E))
    if (Copy->getNumArgs() == 1)
      E = Copy->getArg(0)->IgnoreParenImpCasts();
  if (const auto *Bind = dyn_cast<MaterializeTemporaryExpr>(E))
    E = Bind->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    E = Bind->getSubExpr()->IgnoreParenImpCasts();
  llvm::StringRef Name = End ? "end" : "begin";
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (M && M->getIdentifier() && M->getName() == Name && MC->getNumArgs() == 0 &&
        !stdTemplateName(M->getParent()).empty())
      return MC->getImplicitObjectArgument();
    return nullptr;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (Call->getNumArgs() == 1 && isStdFunction(Call->getDirectCallee(), Name))
      return Call->getArg(0);
  return nullptr;
}

bool isStdThread(QualType T) {
  llvm::StringRef Name = stdClassName(T);
  return Name == "thread" || Name == "jthread";
}

bool isThreadDetach(const CXXMethodDecl *M) {
  if (!M || !M->getIdentifier() || M->getName() != "detach")
    return false;
  llvm::StringRef Class = stdTemplateName(M->getParent());
  return Class == "thread" || Class == "jthread";
}

} // namespace ownership::model
