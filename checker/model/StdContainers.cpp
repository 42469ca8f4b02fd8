//===- StdContainers.cpp - Borrowing and invalidation in the standard library =//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/model/StdContainers.h"

#include "checker/support/ClangCompat.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringExtras.h"
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

/// The invalidation rules a container follows. FlatHash: insertions may move every
/// element (an open-addressing hash table, a sorted vector like C++23's `flat_map`).
enum class Family { None, Contiguous, Deque, Unordered, NodeBased, FlatHash };

Family familyOfName(llvm::StringRef Name) {
  return llvm::StringSwitch<Family>(Name)
      .Cases("vector", "basic_string", Family::Contiguous)
      .Case("deque", Family::Deque)
      .Cases("unordered_map", "unordered_multimap", "unordered_set", "unordered_multiset",
             Family::Unordered)
      .Cases("map", "multimap", "set", "multiset", "list", "forward_list", Family::NodeBased)
      .Cases("flat_hash_map", "flat_hash_set", "flat_map", "flat_multimap", "flat_set",
             "flat_multiset", Family::FlatHash)
      .Default(Family::None);
}

/// The standard container name (or flat_hash_map/flat_hash_set) class \p RD behaves like.
llvm::StringRef containerName(const CXXRecordDecl *RD, const ContainerModels *Models) {
  llvm::StringRef Name = stdClassName(RD);
  if (!Name.empty() || !RD || !Models)
    return Name;
  return Models->counterpartOf(RD);
}

Family familyOf(const CXXRecordDecl *RD, const ContainerModels *Models = nullptr) {
  return familyOfName(containerName(RD, Models));
}

/// The class a member call's object has when it is a container, else \p M's own class.
const CXXRecordDecl *containerClass(const CXXMethodDecl *M, const ContainerModels *Models,
                                    QualType ObjectType) {
  if (!ObjectType.isNull()) {
    QualType T = ObjectType.getNonReferenceType();
    if (T->isPointerType())
      T = T->getPointeeType();
    if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl(); RD && familyOf(RD, Models) != Family::None)
      return RD;
  }
  return M->getParent();
}

/// True when parameter \p I of \p M takes an iterator (a pointer for the libraries whose
/// iterators are pointers), not a key or an index.
bool takesIterator(const CXXMethodDecl *M, unsigned I) {
  if (I >= M->getNumParams())
    return false;
  QualType T = M->getParamDecl(I)->getType().getNonReferenceType();
  if (T->isPointerType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->getName().ends_with_insensitive("iterator");
}

llvm::StringRef methodName(const CXXMethodDecl *M) {
  if (M->getOverloadedOperator() != OO_None)
    return {};
  const IdentifierInfo *II = M->getIdentifier();
  return II ? II->getName() : llvm::StringRef();
}

} // namespace

bool isOwnerType(QualType T, const ContainerModels *Models) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  if (familyOf(RD, Models) != Family::None)
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

namespace {

/// What `erase` invalidates besides the iterator it is given ([vector.modifiers],
/// [list.modifiers], [associative.reqmts.general], [unord.req.general]).
Invalidation eraseInvalidation(const CXXMethodDecl *M, Family F, llvm::StringRef Name) {
  const unsigned All = InvalidateFact::maskOf(LoanClass::ElementRef) |
                       InvalidateFact::maskOf(LoanClass::ElementIter);
  Invalidation Out;
  Out.ErasesArgument = takesIterator(M, 0);
  bool Keyed = F == Family::Unordered || F == Family::NodeBased || F == Family::FlatHash;
  if (Keyed && !Out.ErasesArgument && M->getNumParams() == 1 && Name != "list" &&
      Name != "forward_list") {
    // `m.erase(k)`: only the element with that key (each of them, in a multimap).
    Out.ErasesKey = true;
    Out.Mask = All;
  }
  if (Name == "vector" && Out.ErasesArgument && M->getNumParams() == 1) {
    // `v.erase(pos)` erases one element (pos must be dereferenceable) and invalidates
    // everything at or after it: the last element always, all of them from begin().
    Out.Mask = All;
    Out.Only.Positions = static_cast<unsigned>(ElementPos::Last);
    Out.FromPosition = true;
  }
  return Out;
}

/// `pop_back` and `pop_front` (and LLVM's `pop_back_val`) invalidate the removed element
/// ([vector.modifiers], [deque.modifiers], [list.modifiers]).
std::optional<Invalidation> popInvalidation(Family F, llvm::StringRef Method) {
  const unsigned All = InvalidateFact::maskOf(LoanClass::ElementRef) |
                       InvalidateFact::maskOf(LoanClass::ElementIter);
  bool Sequence = F == Family::Contiguous || F == Family::Deque || F == Family::NodeBased;
  if (!Sequence)
    return std::nullopt;
  Invalidation Out;
  Out.Mask = All;
  if (Method == "pop_back" || Method == "pop_back_val")
    Out.Only.Positions = static_cast<unsigned>(ElementPos::Last);
  else if (Method == "pop_front" && F != Family::Contiguous)
    Out.Only.Positions = static_cast<unsigned>(ElementPos::First);
  else
    return std::nullopt;
  return Out;
}

} // namespace

// Longer than 80 lines: one table, one case per container family, each citing its rule.
QualType containerObjectType(const Expr *Object) {
  if (!Object)
    return QualType();
  while (const auto *Cast = dyn_cast<ImplicitCastExpr>(Object)) {
    CastKind K = Cast->getCastKind();
    if (K != CK_DerivedToBase && K != CK_UncheckedDerivedToBase && K != CK_NoOp)
      break;
    Object = Cast->getSubExpr();
  }
  return Object->getType();
}

std::optional<Invalidation> invalidationOf(const CXXMethodDecl *M, const ContainerModels *Models,
                                           QualType ObjectType) {
  if (!M || M->isStatic() || isa<CXXConstructorDecl>(M) || isa<CXXDestructorDecl>(M))
    return std::nullopt;
  const CXXRecordDecl *Container = containerClass(M, Models, ObjectType);
  llvm::StringRef Counterpart = containerName(Container, Models);
  Family F = familyOfName(Counterpart);
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
  // know, so only the iterator passed in, the element a key names and, in a vector, the
  // last element are reported.
  if (Name == "erase")
    return eraseInvalidation(M, F, Counterpart);
  if (std::optional<Invalidation> Pop = popInvalidation(F, Name))
    return Pop;

  switch (F) {
  case Family::Contiguous:
    // [vector.capacity], [vector.modifiers], [string.require]: anything that may
    // reallocate invalidates all references, pointers and iterators. Appending one element
    // reallocates only when the size reaches the capacity.
    if (llvm::is_contained({"push_back", "emplace_back"}, Name)) {
      Invalidation Out{All, false};
      Out.WithinCapacity = true;
      return Out;
    }
    if (Op == OO_PlusEqual ||
        llvm::is_contained({"insert", "emplace", "resize", "reserve", "append", "shrink_to_fit",
                            "append_range", "insert_range", "replace", "resize_and_overwrite"},
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
  case Family::FlatHash:
    // [unord.req.general]: rehashing invalidates iterators but not references to
    // elements. An open-addressing table (absl::flat_hash_map, llvm::DenseMap) moves its
    // elements when it rehashes: references go too.
    if (Op == OO_Subscript ||
        llvm::is_contained({"insert", "emplace", "emplace_hint", "try_emplace",
                            "insert_or_assign", "rehash", "reserve", "insert_range", "merge"},
                           Name))
      return Invalidation{F == Family::FlatHash ? All : Iters, false};
    return std::nullopt;
  case Family::NodeBased:
    // [associative.reqmts.general], [list.modifiers]: insertion invalidates nothing.
    return std::nullopt;
  case Family::None:
    break;
  }
  return std::nullopt;
}

ElementSelector accessedElement(const CXXMethodDecl *M, const Expr *Key,
                                const ContainerModels *Models, QualType ObjectType) {
  ElementSelector Out;
  if (!M || M->isStatic())
    return Out;
  llvm::StringRef Counterpart = containerName(containerClass(M, Models, ObjectType), Models);
  Family F = familyOfName(Counterpart);
  if (F == Family::None)
    return Out;
  llvm::StringRef Name = methodName(M);
  bool Sequence = F == Family::Contiguous || F == Family::Deque ||
                  Counterpart == "list" || Counterpart == "forward_list";
  if (Sequence && Name == "front")
    Out.Positions = static_cast<unsigned>(ElementPos::First);
  else if (Sequence && Name == "back")
    Out.Positions = static_cast<unsigned>(ElementPos::Last);
  else if (Counterpart.ends_with("map") && !Counterpart.ends_with("multimap") && Key &&
           M->getNumParams() == 1 &&
           (M->getOverloadedOperator() == OO_Subscript || Name == "at"))
    Out.Key = Key; // `m[k]` and `m.at(k)` refer to the element with key k, or throw
  return Out;
}

bool leavesArgumentsWhenPresent(const CXXMethodDecl *M, const ContainerModels *Models,
                                QualType ObjectType) {
  if (!M || methodName(M) != "try_emplace")
    return false;
  return containerName(containerClass(M, Models, ObjectType), Models).ends_with("map");
}

StoreKind storeKindOf(const CXXMethodDecl *M, const ContainerModels *Models) {
  if (!M || M->isStatic() || isa<CXXConstructorDecl>(M) || isa<CXXDestructorDecl>(M))
    return StoreKind::None;
  if (storedTypes(compat::tagType(M->getParent()), Models).empty())
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

llvm::SmallVector<QualType, 2> storedTypes(QualType T, const ContainerModels *Models) {
  llvm::SmallVector<QualType, 2> Out;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
  if (!Spec)
    return Out;
  llvm::StringRef Name = containerName(Spec, Models);
  bool IsMap = Name.ends_with("map");
  Family F = familyOfName(Name);
  if (F == Family::None && Name != "stack" && Name != "queue" && Name != "priority_queue")
    return Out;
  if (F == Family::Contiguous && Name == "basic_string")
    return Out;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  for (unsigned I = 0; I < Args.size() && I < (IsMap ? 2u : 1u); ++I)
    if (Args[I].getKind() == TemplateArgument::Type)
      Out.push_back(Args[I].getAsType());
  return Out;
}

//===----------------------------------------------------------------------===//
// ContainerModels
//===----------------------------------------------------------------------===//

namespace {

/// The counterparts an option value may name, spelled as containerName() returns them.
llvm::StringRef canonicalCounterpart(llvm::StringRef Name) {
  static constexpr llvm::StringLiteral Known[] = {
      "vector",        "basic_string",       "deque",         "list",
      "forward_list",  "map",                "multimap",      "set",
      "multiset",      "unordered_map",      "unordered_multimap", "unordered_set",
      "unordered_multiset", "flat_map",      "flat_multimap", "flat_set",
      "flat_multiset", "flat_hash_map",      "flat_hash_set"};
  bool Std = Name.consume_front("std::");
  if (Name == "string")
    Name = "basic_string";
  for (llvm::StringLiteral K : Known)
    if (K == Name && !(Std && K.starts_with("flat_hash")))
      return K;
  return {};
}

/// `absl::flat_hash_map` for any specialization of it: the enclosing namespaces and
/// classes, without inline namespaces (`absl::lts_2024`) or anonymous ones.
std::string qualifiedClassName(const CXXRecordDecl *RD) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  for (const DeclContext *DC = RD; DC && !DC->isTranslationUnit(); DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName());
    } else if (const auto *Rec = dyn_cast<RecordDecl>(DC)) {
      if (!Rec->getIdentifier())
        return {};
      Parts.push_back(Rec->getName());
    } else if (!isa<LinkageSpecDecl>(DC)) {
      return {}; // a class local to a function
    }
  }
  std::reverse(Parts.begin(), Parts.end());
  return llvm::join(Parts, "::");
}

} // namespace

llvm::StringRef ContainerModels::defaultSpec() {
  return "absl::flat_hash_map=flat_hash_map;absl::flat_hash_set=flat_hash_set;"
         "absl::node_hash_map=unordered_map;absl::node_hash_set=unordered_set;"
         "absl::InlinedVector=vector;"
         "folly::F14NodeMap=unordered_map;folly::F14NodeSet=unordered_set;"
         "folly::F14ValueMap=flat_hash_map;folly::F14ValueSet=flat_hash_set;"
         "folly::F14VectorMap=flat_hash_map;folly::F14VectorSet=flat_hash_set;"
         "folly::F14FastMap=flat_hash_map;folly::F14FastSet=flat_hash_set;"
         "folly::fbvector=vector;folly::small_vector=vector;"
         "llvm::SmallVector=vector;llvm::SmallVectorImpl=vector;"
         "llvm::DenseMap=flat_hash_map;llvm::SmallDenseMap=flat_hash_map;"
         "llvm::DenseSet=flat_hash_set;llvm::SmallDenseSet=flat_hash_set;"
         "boost::container::vector=vector;boost::container::small_vector=vector;"
         "boost::container::devector=vector;boost::container::deque=deque;"
         "boost::container::stable_vector=list;boost::container::list=list;"
         "boost::container::slist=forward_list;boost::container::map=map;"
         "boost::container::multimap=multimap;boost::container::set=set;"
         "boost::container::multiset=multiset;boost::container::flat_map=flat_map;"
         "boost::container::flat_multimap=flat_multimap;boost::container::flat_set=flat_set;"
         "boost::container::flat_multiset=flat_multiset;boost::container::basic_string=string";
}

ContainerModels ContainerModels::defaults() {
  llvm::Expected<ContainerModels> M = parse(defaultSpec());
  assert(M && "the default container models parse");
  return M ? std::move(*M) : ContainerModels();
}

llvm::Expected<ContainerModels> ContainerModels::parse(llvm::StringRef Spec) {
  ContainerModels Out;
  Out.Spec = Spec.str();
  llvm::SmallVector<llvm::StringRef, 32> Items;
  Spec.split(Items, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    if (Item.empty())
      continue;
    auto [Pattern, Counterpart] = Item.split('=');
    Pattern = Pattern.trim();
    Pattern.consume_front("::");
    Counterpart = Counterpart.trim();
    if (!Item.contains('=') || Pattern.empty())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "entry '" + Item + "' is not 'class=container'");
    llvm::StringRef Canonical = canonicalCounterpart(Counterpart);
    if (Canonical.empty())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "entry '" + Item + "' names '" + Counterpart +
                                         "', which is not a known container");
    llvm::Expected<llvm::GlobPattern> Glob = llvm::GlobPattern::create(Pattern);
    if (!Glob)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "entry '" + Item + "': " + llvm::toString(Glob.takeError()));
    Out.Entries.push_back({Pattern.str(), Canonical});
  }
  return Out;
}

llvm::StringRef ContainerModels::counterpartOf(const CXXRecordDecl *RD) const {
  if (!RD || Entries.empty() || !RD->getIdentifier() || RD->isInStdNamespace())
    return {};
  RD = RD->getCanonicalDecl();
  auto [It, New] = Cache.try_emplace(RD, llvm::StringRef());
  if (!New)
    return It->second;
  if (RD->getName().ends_with_insensitive("iterator"))
    return {};
  std::string Name = qualifiedClassName(RD);
  if (Name.empty())
    return {};
  for (const Entry &E : Entries) {
    llvm::Expected<llvm::GlobPattern> Glob = llvm::GlobPattern::create(E.Pattern);
    if (!Glob) {
      llvm::consumeError(Glob.takeError()); // parse() accepted it: cannot happen
      continue;
    }
    if (Glob->match(Name))
      return It->second = E.Counterpart;
  }
  return {};
}

} // namespace ownership::model
