//===- StdContainers.cpp - Borrowing and invalidation in the standard library =//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/model/StdContainers.h"

#include "checker/support/ClangCompat.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace ownership::model {
namespace {

const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  return T.getNonReferenceType()->getAsCXXRecordDecl();
}

/// The class's name when it is declared in namespace std (or one of its inline or
/// detail namespaces) or in libstdc++'s `__gnu_cxx`.
llvm::StringRef stdClassName(const CXXRecordDecl *RD) {
  if (!RD || !RD->getIdentifier())
    return {};
  if (RD->isInStdNamespace())
    return RD->getName();
  if (const auto *NS = dyn_cast<NamespaceDecl>(RD->getDeclContext()->getRedeclContext()))
    if (NS->getIdentifier() && NS->getName() == "__gnu_cxx")
      return RD->getName();
  return {};
}

/// The class an attribute would be written on: the template pattern of a specialization.
template <typename AttrT> bool hasGslAttr(const CXXRecordDecl *RD) {
  if (!RD)
    return false;
  if (RD->hasAttr<AttrT>())
    return true;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (const CXXRecordDecl *Pattern = Spec->getSpecializedTemplate()->getTemplatedDecl())
      return Pattern->hasAttr<AttrT>();
  return false;
}

bool isIteratorName(llvm::StringRef Name) { return Name.ends_with_insensitive("iterator"); }

enum class Family { None, Contiguous, Deque, Unordered, NodeBased };

Family familyOf(const CXXRecordDecl *RD) {
  return llvm::StringSwitch<Family>(stdClassName(RD))
      .Cases("vector", "basic_string", Family::Contiguous)
      .Case("deque", Family::Deque)
      .Cases("unordered_map", "unordered_multimap", "unordered_set", "unordered_multiset",
             Family::Unordered)
      .Cases("map", "multimap", "set", "multiset", "list", "forward_list", Family::NodeBased)
      .Default(Family::None);
}

llvm::StringRef methodName(const CXXMethodDecl *M) {
  if (M->getOverloadedOperator() != OO_None)
    return {};
  const IdentifierInfo *II = M->getIdentifier();
  return II ? II->getName() : llvm::StringRef();
}

} // namespace

bool isOwnerType(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  if (familyOf(RD) != Family::None)
    return true;
  llvm::StringRef Name = stdClassName(RD);
  if (Name == "array" || Name == "optional" || Name == "unique_ptr")
    return true;
  return hasGslAttr<OwnerAttr>(RD);
}

bool isPointerLikeClass(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  llvm::StringRef Name = stdClassName(RD);
  if (Name == "basic_string_view" || Name == "span" || Name == "reference_wrapper")
    return true;
  if (!Name.empty() && isIteratorName(Name))
    return true;
  return hasGslAttr<PointerAttr>(RD);
}

bool isBorrowerType(QualType T) {
  if (T.isNull() || T->isDependentType())
    return false;
  if (T->isReferenceType())
    return true;
  if (const auto *PT = T->getAs<PointerType>())
    return !PT->getPointeeType()->isFunctionType();
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  if (RD->isLambda())
    return true;
  if (stdClassName(RD) == "function")
    return true;
  return isPointerLikeClass(T);
}

std::optional<LoanClass> ownerAccessorLoan(const CXXMethodDecl *M) {
  if (!M || M->isStatic() || isa<CXXConstructorDecl>(M) || isa<CXXDestructorDecl>(M))
    return std::nullopt;
  // `release()` hands the pointee over; `value_or()` returns a copy of the contained
  // value, which for `optional<T*>` is a pointer that borrows nothing from the optional.
  llvm::StringRef Name = methodName(M);
  if (Name == "release" || Name == "value_or" || Name == "get_allocator")
    return std::nullopt;
  const CXXRecordDecl *Self = M->getParent()->getCanonicalDecl();
  QualType R = M->getReturnType();
  auto IsSelf = [Self](QualType P) {
    const CXXRecordDecl *RD = P->getAsCXXRecordDecl();
    return RD && RD->getCanonicalDecl() == Self;
  };
  if (R->isReferenceType() || (R->isPointerType() && !R->getPointeeType()->isFunctionType())) {
    QualType Pointee = R->getPointeeType();
    // `s.append("x")`, `v = w`: the result is the object itself, not an element.
    if (IsSelf(Pointee))
      return LoanClass::Object;
    return LoanClass::ElementRef;
  }
  if (isPointerLikeClass(R)) {
    const CXXRecordDecl *RD = recordOf(R);
    llvm::StringRef RName = RD && RD->getIdentifier() ? RD->getName() : "";
    return isIteratorName(RName) ? LoanClass::ElementIter : LoanClass::ElementRef;
  }
  return std::nullopt;
}

bool isPointerLikeReborrow(const CXXMethodDecl *M) {
  if (!M || M->isStatic() || isa<CXXConstructorDecl>(M) || isa<CXXDestructorDecl>(M))
    return false;
  QualType R = M->getReturnType();
  if (R->isReferenceType())
    return true;
  if (R->isPointerType())
    return !R->getPointeeType()->isFunctionType();
  return isPointerLikeClass(R);
}

StdBorrowKind stdBorrowKind(const FunctionDecl *FD) {
  if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier())
    return StdBorrowKind::None;
  QualType R = FD->getReturnType();
  llvm::StringRef Name = FD->getName();
  if (Name == "move" || Name == "forward" || Name == "as_const" || Name == "move_if_noexcept" ||
      Name == "get")
    return R->isReferenceType() ? StdBorrowKind::Passthrough : StdBorrowKind::None;
  if (Name == "addressof")
    return StdBorrowKind::Passthrough;
  if (Name == "min" || Name == "max" || Name == "clamp")
    return R->isReferenceType() ? StdBorrowKind::AnyArgument : StdBorrowKind::None;
  if (llvm::is_contained({"begin", "end", "cbegin", "cend", "rbegin", "rend", "crbegin",
                          "crend", "data"},
                         Name))
    return StdBorrowKind::ContainerAccess;
  // The algorithms that return an iterator into the range they were given.
  if (llvm::is_contained({"next", "prev", "find", "find_if", "find_if_not", "find_first_of",
                          "adjacent_find", "search", "search_n", "find_end", "lower_bound",
                          "upper_bound", "partition_point", "min_element", "max_element",
                          "remove", "remove_if", "unique", "partition", "stable_partition"},
                         Name) &&
      (isPointerLikeClass(R) || R->isPointerType()))
    return StdBorrowKind::Advance;
  return StdBorrowKind::None;
}

std::optional<Invalidation> invalidationOf(const CXXMethodDecl *M) {
  if (!M || M->isStatic() || isa<CXXConstructorDecl>(M) || isa<CXXDestructorDecl>(M))
    return std::nullopt;
  Family F = familyOf(M->getParent());
  if (F == Family::None)
    return std::nullopt;
  const unsigned Refs = InvalidateFact::maskOf(LoanClass::ElementRef);
  const unsigned Iters = InvalidateFact::maskOf(LoanClass::ElementIter);
  const unsigned All = Refs | Iters;
  OverloadedOperatorKind Op = M->getOverloadedOperator();
  llvm::StringRef Name = methodName(M);

  // Every family: replacing or dropping all elements invalidates everything into them.
  if (Op == OO_Equal || Name == "clear" || Name == "assign" || Name == "assign_range")
    return Invalidation{All, false};
  // Every family: `erase(it)` invalidates the erased element's iterator. What else it
  // invalidates depends on the position (vector: everything after it), which we do not
  // know, so only the iterator passed in is reported.
  if (Name == "erase")
    return Invalidation{0, true};

  switch (F) {
  case Family::Contiguous:
    // [vector.capacity], [vector.modifiers], [string.require]: anything that may
    // reallocate invalidates all references, pointers and iterators.
    if (Op == OO_PlusEqual ||
        llvm::is_contained({"push_back", "emplace_back", "insert", "emplace", "resize",
                            "reserve", "append", "shrink_to_fit", "append_range",
                            "insert_range", "replace", "resize_and_overwrite"},
                           Name))
      return Invalidation{All, false};
    return std::nullopt;
  case Family::Deque:
    // [deque.modifiers]: adding at either end invalidates iterators only; inserting in
    // the middle invalidates references too.
    if (llvm::is_contained({"push_back", "push_front", "emplace_back", "emplace_front",
                            "append_range", "prepend_range", "resize"},
                           Name))
      return Invalidation{Iters, false};
    if (llvm::is_contained({"insert", "emplace", "insert_range", "shrink_to_fit"}, Name))
      return Invalidation{All, false};
    return std::nullopt;
  case Family::Unordered:
    // [unord.req.general]: rehashing invalidates iterators but not references to elements.
    if (Op == OO_Subscript ||
        llvm::is_contained({"insert", "emplace", "emplace_hint", "try_emplace",
                            "insert_or_assign", "rehash", "reserve", "insert_range", "merge"},
                           Name))
      return Invalidation{Iters, false};
    return std::nullopt;
  case Family::NodeBased:
    // [associative.reqmts.general], [list.modifiers]: insertion invalidates nothing.
    return std::nullopt;
  case Family::None:
    break;
  }
  return std::nullopt;
}

StoreKind storeKindOf(const CXXMethodDecl *M) {
  if (!M || M->isStatic() || isa<CXXConstructorDecl>(M) || isa<CXXDestructorDecl>(M))
    return StoreKind::None;
  if (storedTypes(compat::tagType(M->getParent())).empty())
    return StoreKind::None;
  if (M->getOverloadedOperator() == OO_Equal)
    return StoreKind::Remove;
  llvm::StringRef Name = methodName(M);
  if (llvm::is_contained({"push_back", "push_front", "emplace_back", "emplace_front", "emplace",
                          "emplace_hint", "insert", "try_emplace", "insert_or_assign", "push"},
                         Name))
    return StoreKind::Insert;
  if (llvm::is_contained({"clear", "erase", "pop_back", "pop_front", "pop", "extract", "swap",
                          "assign", "resize"},
                         Name))
    return StoreKind::Remove;
  return StoreKind::None;
}

llvm::SmallVector<QualType, 2> storedTypes(QualType T) {
  llvm::SmallVector<QualType, 2> Out;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
  if (!Spec)
    return Out;
  llvm::StringRef Name = stdClassName(Spec);
  bool IsMap = Name.ends_with("map");
  if (familyOf(Spec) == Family::None && Name != "stack" && Name != "queue" &&
      Name != "priority_queue")
    return Out;
  if (familyOf(Spec) == Family::Contiguous && Name == "basic_string")
    return Out;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  for (unsigned I = 0; I < Args.size() && I < (IsMap ? 2u : 1u); ++I)
    if (Args[I].getKind() == TemplateArgument::Type)
      Out.push_back(Args[I].getAsType());
  return Out;
}

} // namespace ownership::model
