//===- Objects.cpp - Abstract storage and the ownership graph -------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/model/Objects.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace ownership::model {

bool isFunctionLocalStorage(const ValueDecl *D) {
  if (isa<ParmVarDecl>(D))
    return true;
  if (const auto *V = dyn_cast<VarDecl>(D))
    return V->hasLocalStorage();
  if (const auto *B = dyn_cast<BindingDecl>(D)) {
    const auto *Holder = dyn_cast_or_null<VarDecl>(B->getDecomposedDecl());
    return Holder && Holder->hasLocalStorage();
  }
  return false;
}

ObjectID ObjectTable::add(StorageNode N) {
  ObjectID Id(static_cast<uint32_t>(Nodes.size()));
  Nodes.push_back(std::move(N));
  return Id;
}

ObjectID ObjectTable::getVar(const ValueDecl *D) {
  auto It = VarNodes.find(D);
  if (It != VarNodes.end())
    return It->second;
  StorageNode::Kind K = isa<ParmVarDecl>(D)    ? StorageNode::Kind::Param
                        : isa<BindingDecl>(D) ? StorageNode::Kind::Binding
                                              : StorageNode::Kind::Local;
  ObjectID Id = add({K, D, std::nullopt, D->getType().getNonReferenceType()});
  VarNodes[D] = Id;
  return Id;
}

ObjectID ObjectTable::getThis() {
  if (!ThisNode)
    ThisNode = add({StorageNode::Kind::ThisObject, nullptr, std::nullopt, QualType()});
  return *ThisNode;
}

ObjectID ObjectTable::getField(ObjectID Parent, const FieldDecl *F) {
  auto Key = std::make_pair(Parent.Value, F);
  auto It = FieldNodes.find(Key);
  if (It != FieldNodes.end())
    return It->second;
  ObjectID Id = add({StorageNode::Kind::Field, F, Parent, F->getType().getNonReferenceType()});
  Nodes[Parent.Value].HasParts = true;
  FieldNodes[Key] = Id;
  Edges.push_back({GraphEdge::Kind::Owns, Parent, Id});
  return Id;
}

ObjectID ObjectTable::getElements(ObjectID Container) {
  // Keyed like a field without a declaration.
  auto Key = std::make_pair(Container.Value, static_cast<const FieldDecl *>(nullptr));
  auto It = FieldNodes.find(Key);
  if (It != FieldNodes.end())
    return It->second;
  ObjectID Id = add({StorageNode::Kind::Elements, nullptr, Container, QualType()});
  Nodes[Container.Value].HasParts = true;
  FieldNodes[Key] = Id;
  return Id;
}

ObjectID ObjectTable::getElement(ObjectID Array, int64_t Index) {
  auto Key = std::make_pair(Array.Value, Index);
  auto It = ElementNodes.find(Key);
  if (It != ElementNodes.end())
    return It->second;
  QualType T;
  if (const StorageNode &A = Nodes[Array.Value]; !A.Type.isNull())
    if (const clang::ArrayType *AT = A.Type->getAsArrayTypeUnsafe())
      T = AT->getElementType();
  StorageNode N{StorageNode::Kind::Element, nullptr, Array, T};
  N.Index = Index;
  ObjectID Id = add(N);
  Nodes[Array.Value].HasParts = true;
  ElementNodes[Key] = Id;
  Edges.push_back({GraphEdge::Kind::Owns, Array, Id});
  return Id;
}

ObjectID ObjectTable::getParamPointee(const ParmVarDecl *P) {
  auto It = PointeeNodes.find(P);
  if (It != PointeeNodes.end())
    return It->second;
  ObjectID Id = add({StorageNode::Kind::ParamPointee, P, std::nullopt,
                     P->getType().getNonReferenceType()->getPointeeType()});
  PointeeNodes[P] = Id;
  return Id;
}

ObjectID ObjectTable::getHeapSite(const Expr *Alloc) {
  auto It = SiteNodes.find(Alloc);
  if (It != SiteNodes.end())
    return It->second;
  StorageNode N{StorageNode::Kind::HeapSite, nullptr, std::nullopt, Alloc->getType()};
  N.Site = Alloc;
  ObjectID Id = add(N);
  SiteNodes[Alloc] = Id;
  return Id;
}

ObjectID ObjectTable::getStatic(const ValueDecl *D, const Expr *Lit) {
  const void *Key = D ? static_cast<const void *>(D) : static_cast<const void *>(Lit);
  auto It = SiteNodes.find(Key);
  if (It != SiteNodes.end())
    return It->second;
  StorageNode N{StorageNode::Kind::Static, D, std::nullopt,
                D ? D->getType().getNonReferenceType() : Lit->getType()};
  N.Site = Lit;
  ObjectID Id = add(N);
  SiteNodes[Key] = Id;
  return Id;
}

ObjectID ObjectTable::getTemporary(const MaterializeTemporaryExpr *MTE) {
  auto It = SiteNodes.find(MTE);
  if (It != SiteNodes.end())
    return It->second;
  StorageNode N{StorageNode::Kind::Temporary, nullptr, std::nullopt, MTE->getType()};
  N.Site = MTE;
  ObjectID Id = add(N);
  SiteNodes[MTE] = Id;
  return Id;
}

void ObjectTable::addOwns(ObjectID From, ObjectID To) {
  for (const GraphEdge &E : Edges)
    if (E.K == GraphEdge::Kind::Owns && E.From == From && E.To == To)
      return;
  Edges.push_back({GraphEdge::Kind::Owns, From, To});
}

void ObjectTable::addAlias(ObjectID From, ObjectID To) {
  assert(From != To && "an object cannot alias itself");
  AliasOf[From.Value] = To;
  Edges.push_back({GraphEdge::Kind::Aliases, From, To});
}

void ObjectTable::addBorrow(ObjectID From, ObjectID To) {
  Edges.push_back({GraphEdge::Kind::BorrowsFrom, From, To});
}

ObjectID ObjectTable::resolveAlias(ObjectID O) const {
  // Aliases are only ever added from a reference to an already resolved target, so one
  // hop suffices; the bound protects against a cycle built by mistake.
  for (int Hops = 0; Hops < 8; ++Hops) {
    auto It = AliasOf.find(O.Value);
    if (It == AliasOf.end())
      return O;
    O = It->second;
  }
  return O;
}

std::optional<ObjectID> ObjectTable::walk(const Expr *E, bool Create) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParens();
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E)) {
    // A derived-to-base or no-op conversion still names the same storage.
    switch (ICE->getCastKind()) {
    case CK_NoOp:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
      return walk(ICE->getSubExpr(), Create);
    default:
      return std::nullopt;
    }
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = DRE->getDecl();
    if (!isFunctionLocalStorage(D))
      return std::nullopt;
    if (!Create && !VarNodes.count(D))
      return std::nullopt;
    return resolveAlias(getVar(D));
  }
  if (isa<CXXThisExpr>(E))
    return std::nullopt; // `this` is a pointer; its pointee is reached through `->` below.
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F)
      return std::nullopt;
    std::optional<ObjectID> Base;
    const Expr *BaseE = ME->getBase()->IgnoreParenImpCasts();
    if (ME->isArrow()) {
      // Only `this->f` is storage this function can reason about; other pointees may be
      // shared with anyone.
      if (!isa<CXXThisExpr>(BaseE))
        return std::nullopt;
      if (!Create && !ThisNode)
        return std::nullopt;
      Base = getThis();
    } else {
      Base = walk(ME->getBase(), Create);
    }
    if (!Base)
      return std::nullopt;
    if (!Create && !FieldNodes.count({Base->Value, F}))
      return std::nullopt;
    ObjectID Field = getField(*Base, F);
    return resolveAlias(Field);
  }
  return std::nullopt;
}

std::optional<ObjectID> ObjectTable::objectOf(const Expr *E) { return walk(E, true); }

std::optional<ObjectID> ObjectTable::lookup(const Expr *E) const {
  return const_cast<ObjectTable *>(this)->walk(E, false);
}

bool ObjectTable::contains(ObjectID Prefix, ObjectID O) const {
  for (std::optional<ObjectID> Cur = O; Cur; Cur = Nodes[Cur->Value].Parent)
    if (*Cur == Prefix)
      return true;
  return false;
}

std::string ObjectTable::name(ObjectID O) const {
  const StorageNode &N = node(O);
  switch (N.K) {
  case StorageNode::Kind::Local:
  case StorageNode::Kind::Param:
  case StorageNode::Kind::Binding:
    // A defaulted member's parameter has no name; a message must still say which.
    if (N.Decl->getName().empty()) {
      if (const auto *P = llvm::dyn_cast<clang::ParmVarDecl>(N.Decl))
        return "unnamed parameter " + std::to_string(P->getFunctionScopeIndex() + 1);
      return "unnamed object";
    }
    return N.Decl->getNameAsString();
  case StorageNode::Kind::ThisObject:
    return "*this";
  case StorageNode::Kind::Field: {
    const StorageNode &P = node(*N.Parent);
    if (P.K == StorageNode::Kind::ThisObject)
      return N.Decl->getNameAsString();
    if (P.K == StorageNode::Kind::ParamPointee)
      return P.Decl->getNameAsString() + "->" + N.Decl->getNameAsString();
    return name(*N.Parent) + "." + N.Decl->getNameAsString();
  }
  case StorageNode::Kind::HeapSite:
    return "heap memory";
  case StorageNode::Kind::Static:
    return N.Decl ? N.Decl->getNameAsString() : "string literal";
  case StorageNode::Kind::Temporary:
    return "temporary";
  case StorageNode::Kind::Elements:
    return "elements of " + name(*N.Parent);
  case StorageNode::Kind::Element:
    return name(*N.Parent) + "[" + std::to_string(N.Index) + "]";
  case StorageNode::Kind::ParamPointee:
    return "*" + N.Decl->getNameAsString();
  }
  llvm_unreachable("unknown storage kind");
}

SourceLocation ObjectTable::declaredAt(ObjectID O) const {
  const StorageNode &N = node(O);
  return N.Decl ? N.Decl->getLocation() : SourceLocation();
}

ObjectID ObjectTable::root(ObjectID O) const {
  while (node(O).Parent)
    O = *node(O).Parent;
  return O;
}

bool ObjectTable::diesWithFrame(ObjectID O, const FunctionDecl *FD) const {
  const StorageNode &N = node(root(O));
  switch (N.K) {
  case StorageNode::Kind::Temporary:
    return true;
  case StorageNode::Kind::Local:
  case StorageNode::Kind::Param: {
    const auto *VD = llvm::dyn_cast_or_null<VarDecl>(N.Decl);
    // A captured variable, seen from a lambda's body, belongs to the enclosing function.
    return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
           VD->getParentFunctionOrMethod() == FD;
  }
  case StorageNode::Kind::Binding: {
    const auto *B = llvm::dyn_cast_or_null<BindingDecl>(N.Decl);
    const auto *Holder = B ? llvm::dyn_cast_or_null<VarDecl>(B->getDecomposedDecl()) : nullptr;
    return Holder && Holder->hasLocalStorage() && !Holder->getType()->isReferenceType() &&
           Holder->getParentFunctionOrMethod() == FD;
  }
  default:
    return false;
  }
}

ObjectTable::RangeForPart ObjectTable::rangeForPart(ObjectID O) const {
  const auto *VD = llvm::dyn_cast_or_null<VarDecl>(node(O).Decl);
  if (!VD || !VD->isImplicit() || !VD->getName().starts_with("__"))
    return RangeForPart::None;
  return VD->getName().starts_with("__range") ? RangeForPart::Range : RangeForPart::Iterator;
}

ObjectTable::StaticKind ObjectTable::staticKind(ObjectID O) const {
  const StorageNode &N = node(O);
  if (!N.Decl)
    return StaticKind::StringLiteral;
  const auto *VD = llvm::dyn_cast<VarDecl>(N.Decl);
  return VD && VD->isStaticLocal() ? StaticKind::StaticLocal : StaticKind::Global;
}

void ObjectTable::dump(llvm::raw_ostream &OS) const {
  static const char *KindNames[] = {"local", "param",  "binding",
                                     "this",  "field",  "heap-site", "static", "temporary",
                                     "elements", "element", "param-pointee"};
  for (size_t I = 0; I < Nodes.size(); ++I)
    OS << "  object " << I << ": " << KindNames[static_cast<int>(Nodes[I].K)] << " '"
       << name(ObjectID(I)) << "'\n";
  static const char *EdgeNames[] = {"owns", "borrows-from", "aliases"};
  for (const GraphEdge &E : Edges)
    OS << "  edge: " << name(E.From) << " " << EdgeNames[static_cast<int>(E.K)] << " "
       << name(E.To) << "\n";
}

} // namespace ownership::model
