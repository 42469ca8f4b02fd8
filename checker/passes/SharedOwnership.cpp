//===- SharedOwnership.cpp - Who keeps whom alive through shared_ptr ------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/passes/SharedOwnership.h"

#include "checker/model/Objects.h"
#include "checker/model/StdModel.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"

#include <deque>
#include <functional>
#include <set>

using namespace ownership::model;

using namespace clang;

namespace ownership::passes {
namespace {

/// The first template argument type of a class template specialization.
QualType firstTemplateArg(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getCanonicalType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  return Spec->getTemplateArgs()[0].getAsType();
}

/// Collects the classes of the translation unit outside system headers.
class RecordCollector : public RecursiveASTVisitor<RecordCollector> {
public:
  explicit RecordCollector(const SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (RD->isThisDeclarationADefinition() && !RD->isDependentContext() &&
        !RD->isDependentType() && !RD->isLambda() && !RD->isInvalidDecl() &&
        !isa<ClassTemplatePartialSpecializationDecl>(RD))
      Records.push_back(RD);
    return true;
  }

  std::vector<const CXXRecordDecl *> Records;

private:
  const SourceManager &SM;
};

} // namespace


TypeOwnershipGraph::TypeOwnershipGraph(ASTContext &Ctx) : SM(Ctx.getSourceManager()) {
  RecordCollector Collector(Ctx.getSourceManager());
  Collector.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const CXXRecordDecl *RD : Collector.Records)
    Parent[RD] = RD;
  // A class and the classes it derives from (that are in the graph) form one family.
  for (const CXXRecordDecl *RD : Collector.Records)
    for (const CXXBaseSpecifier &Base : RD->bases())
      if (const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl())
        if (Parent.count(B->getDefinition()))
          Parent[find(RD)] = find(B->getDefinition());
  for (const CXXRecordDecl *RD : Collector.Records)
    ++FamilySize[find(RD)];
  llvm::SmallPtrSet<const CXXRecordDecl *, 32> Seen;
  for (const CXXRecordDecl *RD : Collector.Records) {
    const CXXRecordDecl *Family = find(RD);
    if (Seen.insert(Family).second) {
      Families.push_back(Family);
      Nodes.push_back(TypeNode(Family, false));
    }
    std::vector<TypeEdge> &Out = Edges[TypeNode(Family, false)];
    for (const FieldDecl *F : RD->fields())
      addMemberEdges(TypeNode(Family, false), F, F->getType(), /*Many=*/false, Out);
  }
  // The classes held by value, as they turn up (one may hold another).
  while (!PendingExact.empty())
    addExactNode(PendingExact.back());
}

void TypeOwnershipGraph::addExactNode(const CXXRecordDecl *RD) {
  PendingExact.pop_back();
  std::vector<TypeEdge> Out;
  // RD's members and those of its bases in the graph, not those of its derived classes.
  llvm::SmallVector<const CXXRecordDecl *, 4> Work = {RD};
  llvm::SmallPtrSet<const CXXRecordDecl *, 4> Seen = {RD};
  while (!Work.empty()) {
    const CXXRecordDecl *C = Work.pop_back_val();
    for (const FieldDecl *F : C->fields())
      addMemberEdges(TypeNode(RD, true), F, F->getType(), /*Many=*/false, Out);
    for (const CXXBaseSpecifier &Base : C->bases())
      if (const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl())
        if ((B = B->getDefinition()) && Parent.count(B) && Seen.insert(B).second)
          Work.push_back(B);
  }
  Nodes.push_back(TypeNode(RD, true));
  Edges[TypeNode(RD, true)] = std::move(Out);
}

const CXXRecordDecl *TypeOwnershipGraph::find(const CXXRecordDecl *RD) const {
  const CXXRecordDecl *Root = RD;
  while (Parent.lookup(Root) != Root)
    Root = Parent.lookup(Root);
  Parent[RD] = Root;
  return Root;
}

const CXXRecordDecl *TypeOwnershipGraph::familyOf(const CXXRecordDecl *RD) const {
  if (!RD || !(RD = RD->getDefinition()) || !Parent.count(RD))
    return nullptr;
  return find(RD);
}

llvm::ArrayRef<TypeEdge> TypeOwnershipGraph::edgesFrom(TypeNode N) const {
  auto It = Edges.find(N);
  return It == Edges.end() ? llvm::ArrayRef<TypeEdge>() : llvm::ArrayRef<TypeEdge>(It->second);
}

void TypeOwnershipGraph::addMemberEdges(TypeNode Owner, const FieldDecl *F, QualType T, bool Many,
                                        std::vector<TypeEdge> &Out) {
  T = T.getCanonicalType();
  while (const ArrayType *AT = T->getAsArrayTypeUnsafe()) {
    T = AT->getElementType().getCanonicalType();
    Many = true;
  }
  if (T->isReferenceType() || T->isPointerType())
    return; // borrowed, not owned
  const CXXRecordDecl *From = Owner.getPointer();
  bool FromExact = Owner.getInt();
  llvm::StringRef Std = stdClassName(T);
  if (Std == "shared_ptr" || Std == "unique_ptr") {
    QualType Pointee = firstTemplateArg(T);
    if (!Pointee.isNull())
      if (const CXXRecordDecl *To = familyOf(Pointee->getAsCXXRecordDecl()))
        Out.push_back({Std == "shared_ptr" ? TypeEdge::Kind::Shared : TypeEdge::Kind::Unique,
                       From, To, F, Many, FromExact});
    return;
  }
  if (Std == "weak_ptr" || Std == "function" || Std == "basic_string" ||
      Std == "reference_wrapper" || Std == "basic_string_view" || Std == "span")
    return;
  if (!Std.empty()) {
    // Containers, optional, variant, pair, tuple: whatever they hold, the member holds.
    bool Container = Std != "optional" && Std != "variant" && Std != "pair" && Std != "tuple";
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
    if (!Spec)
      return;
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
      if (Arg.getKind() == TemplateArgument::Type)
        addMemberEdges(Owner, F, Arg.getAsType(), Many || Container, Out);
      else if (Arg.getKind() == TemplateArgument::Pack)
        for (const TemplateArgument &P : Arg.pack_elements())
          if (P.getKind() == TemplateArgument::Type)
            addMemberEdges(Owner, F, P.getAsType(), Many || Container, Out);
    }
    return;
  }
  const CXXRecordDecl *To = familyOf(T->getAsCXXRecordDecl());
  if (!To)
    return;
  // Held by value: exactly that class, whose node differs from its family's when the
  // family has other classes.
  const CXXRecordDecl *Class = T->getAsCXXRecordDecl()->getDefinition();
  if (FamilySize.lookup(To) < 2) {
    Out.push_back({TypeEdge::Kind::Contains, From, To, F, Many, FromExact});
    return;
  }
  if (ExactClasses.insert(Class).second)
    PendingExact.push_back(Class);
  Out.push_back({TypeEdge::Kind::Contains, From, Class, F, Many, FromExact, /*ToExact=*/true});
}


//===----------------------------------------------------------------------===//
// Cycles of the type graph
//===----------------------------------------------------------------------===//

namespace {

/// True when \p F's name says it points back to an owner: `parent`, `m_owner`,
/// `prevNode`, ... Such a member is the edge to make a std::weak_ptr.
bool isBackPointerName(const FieldDecl *F) {
  static const char *const Words[] = {"parent", "owner", "prev", "previous", "back",
                                      "up",     "outer", "container", "manager", "host",
                                      "creator", "root", "enclosing", "holder"};
  // Split `m_prevNode` / `prev_node` into lowercase words.
  llvm::SmallVector<std::string, 4> Parts;
  std::string Cur;
  for (char C : F->getName()) {
    bool Upper = C >= 'A' && C <= 'Z';
    if (C == '_' || (Upper && !Cur.empty())) {
      if (!Cur.empty())
        Parts.push_back(Cur);
      Cur.clear();
    }
    if (C != '_')
      Cur += static_cast<char>(llvm::toLower(C));
  }
  if (!Cur.empty())
    Parts.push_back(Cur);
  for (const std::string &P : Parts)
    for (const char *W : Words)
      if (P == W)
        return true;
  return false;
}


/// Strongly connected components of the type graph (Tarjan).
class Components {
public:
  explicit Components(const TypeOwnershipGraph &G) : G(G) {
    for (TypeNode N : G.nodes())
      if (!Index.count(N))
        visit(N);
  }
  std::vector<std::vector<TypeNode>> Result;
  llvm::DenseMap<TypeNode, unsigned> ComponentOf;

private:
  void visit(TypeNode V) {
    unsigned I = Index.size();
    Index[V] = Low[V] = I;
    Stack.push_back(V);
    OnStack.insert(V);
    for (const TypeEdge &E : G.edgesFrom(V)) {
      TypeNode To = toNode(E);
      if (!Index.count(To)) {
        visit(To);
        Low[V] = std::min(Low[V], Low[To]);
      } else if (OnStack.count(To)) {
        Low[V] = std::min(Low[V], Index[To]);
      }
    }
    if (Low[V] != Index[V])
      return;
    std::vector<TypeNode> C;
    TypeNode W;
    do {
      W = Stack.pop_back_val();
      OnStack.erase(W);
      ComponentOf[W] = Result.size();
      C.push_back(W);
    } while (W != V);
    Result.push_back(std::move(C));
  }

  const TypeOwnershipGraph &G;
  llvm::DenseMap<TypeNode, unsigned> Index, Low;
  llvm::SmallVector<TypeNode, 16> Stack;
  llvm::DenseSet<TypeNode> OnStack;
};

/// The shortest path of edges from \p From to \p To inside component \p C.
std::vector<const TypeEdge *> shortestPath(const TypeOwnershipGraph &G, const Components &SCC,
                                           unsigned C, TypeNode From, TypeNode To) {
  llvm::DenseMap<TypeNode, const TypeEdge *> Via;
  std::deque<TypeNode> Queue = {From};
  llvm::DenseSet<TypeNode> Seen = {From};
  while (!Queue.empty()) {
    TypeNode V = Queue.front();
    Queue.pop_front();
    if (V == To)
      break;
    for (const TypeEdge &E : G.edgesFrom(V))
      if (SCC.ComponentOf.lookup(toNode(E)) == C && Seen.insert(toNode(E)).second) {
        Via[toNode(E)] = &E;
        Queue.push_back(toNode(E));
      }
  }
  std::vector<const TypeEdge *> Path;
  if (From == To || !Via.count(To))
    return Path;
  for (TypeNode V = To; V != From; V = fromNode(*Via[V]))
    Path.push_back(Via[V]);
  std::reverse(Path.begin(), Path.end());
  return Path;
}


/// Picks the member to turn into a std::weak_ptr: one named like a back pointer; else
/// the first single shared_ptr after a container of them (the child's pointer to the
/// parent that holds its siblings); else the shared_ptr declared last.
size_t closingEdge(const std::vector<const TypeEdge *> &Cycle, const SourceManager &SM) {
  size_t N = Cycle.size();
  for (size_t I = 0; I < N; ++I)
    if (Cycle[I]->K == TypeEdge::Kind::Shared && isBackPointerName(Cycle[I]->Field))
      return I;
  for (size_t I = 0; I < N; ++I) {
    if (!Cycle[I]->Many)
      continue;
    for (size_t K = 1; K < N; ++K) {
      const TypeEdge *E = Cycle[(I + K) % N];
      if (E->K == TypeEdge::Kind::Shared && !E->Many)
        return (I + K) % N;
    }
  }
  std::optional<size_t> Best;
  for (size_t I = 0; I < N; ++I)
    if (Cycle[I]->K == TypeEdge::Kind::Shared &&
        (!Best || SM.isBeforeInTranslationUnit(Cycle[*Best]->Field->getLocation(),
                                               Cycle[I]->Field->getLocation())))
      Best = I;
  return *Best;
}

/// \p Cycle rotated so that the member to make a std::weak_ptr comes last.
TypeCycle closedBy(std::vector<const TypeEdge *> Cycle, const SourceManager &SM) {
  size_t Close = closingEdge(Cycle, SM);
  std::rotate(Cycle.begin(), Cycle.begin() + (Close + 1) % Cycle.size(), Cycle.end());
  return TypeCycle{std::move(Cycle)};
}

} // namespace

std::vector<TypeCycle> TypeOwnershipGraph::cycles() const {
  std::vector<TypeCycle> Out;
  Components SCC(*this);
  std::set<std::vector<const FieldDecl *>> Reported;
  for (size_t C = 0; C < SCC.Result.size(); ++C) {
    if (SCC.Result[C].size() < 2)
      continue;
    for (TypeNode V : SCC.Result[C])
      for (const TypeEdge &E : edgesFrom(V)) {
        if (E.K != TypeEdge::Kind::Shared || toNode(E) == fromNode(E) ||
            SCC.ComponentOf.lookup(toNode(E)) != C)
          continue;
        std::vector<const TypeEdge *> Cycle = {&E};
        std::vector<const TypeEdge *> Back = shortestPath(*this, SCC, C, toNode(E), fromNode(E));
        if (Back.empty())
          continue;
        Cycle.insert(Cycle.end(), Back.begin(), Back.end());
        // Members held by value are parts of one object. A cycle that crosses only one
        // pointer is an object pointing to another of its own kind, like a list node:
        // a chain, not a cycle (googlemock's expectations list their prerequisites so).
        if (llvm::count_if(Cycle, [](const TypeEdge *X) {
              return X->K != TypeEdge::Kind::Contains;
            }) < 2)
          continue;
        std::vector<const FieldDecl *> Key;
        for (const TypeEdge *X : Cycle)
          Key.push_back(X->Field);
        std::sort(Key.begin(), Key.end());
        if (Reported.insert(Key).second)
          Out.push_back(closedBy(std::move(Cycle), SM));
      }
  }
  // A family that owns itself is a list or a tree, which is fine, unless it also holds a
  // shared_ptr back up the structure: `prev` in a doubly linked list, `parent` in a tree.
  // A member that holds a class of the family by value (`std::vector<Dir> subdirs;`) owns
  // the family only if that class's own node leads back to it.
  for (const CXXRecordDecl *V : families()) {
    TypeNode Self(V, false);
    const TypeEdge *Back = nullptr, *Forward = nullptr;
    for (const TypeEdge &E : edgesFrom(Self)) {
      bool ToSelf = toNode(E) == Self ||
                    (E.ToExact && familyOf(E.To) == V &&
                     SCC.ComponentOf.lookup(toNode(E)) == SCC.ComponentOf.lookup(Self));
      if (!ToSelf)
        continue;
      if (!Back && toNode(E) == Self && E.K == TypeEdge::Kind::Shared && isBackPointerName(E.Field))
        Back = &E;
      else if (!Forward)
        Forward = &E;
    }
    std::vector<const FieldDecl *> Key;
    if (Back && Forward)
      Key = {std::min(Forward->Field, Back->Field), std::max(Forward->Field, Back->Field)};
    if (Back && Forward && Reported.insert(Key).second)
      Out.push_back(closedBy({Forward, Back}, SM));
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// Cycles of stores in one function
//===----------------------------------------------------------------------===//

std::vector<SharedCycle> findSharedCycles(const FactManager &Facts, const CFG &Cfg,
                                          const SourceManager &SM) {
  std::vector<const SharedStoreFact *> Stores, Resets;
  llvm::SmallDenseSet<uint32_t, 4> Reassigned;
  for (const CFGBlock *B : Cfg)
    for (const Fact *F : Facts.factsOf(*B))
      if (const auto *S = llvm::dyn_cast<SharedStoreFact>(F)) {
        if (S->getAction() == SharedStoreFact::Action::Store)
          Stores.push_back(S);
        else if (S->getAction() == SharedStoreFact::Action::Reset)
          Resets.push_back(S);
        else
          Reassigned.insert(S->getOwner().Value);
      }
  llvm::erase_if(Stores, [&](const SharedStoreFact *S) {
    return Reassigned.count(S->getOwner().Value) || Reassigned.count(S->getOwned()->Value);
  });
  if (Stores.empty())
    return {};
  sortBySource(SM, Stores);
  auto Before = [&](const Expr *A, const Expr *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  };
  // Code that closes a cycle and breaks it again later in the function is fine.
  auto BrokenLater = [&](const SharedStoreFact &St, const Expr *After) {
    return llvm::any_of(Resets, [&](const SharedStoreFact *R) {
      return R->getOwner() == St.getOwner() && R->getField() == St.getField() &&
             Before(After, R->getStore());
    });
  };
  std::vector<SharedCycle> Out;
  std::vector<const SharedStoreFact *> Added;
  for (const SharedStoreFact *St : Stores) {
    // Depth-first search from the stored object back to the owner over earlier stores.
    std::vector<const SharedStoreFact *> Path;
    llvm::SmallDenseSet<uint32_t, 8> Seen;
    std::function<bool(ObjectID)> Reach = [&](ObjectID From) {
      if (From == St->getOwner())
        return true;
      if (!Seen.insert(From.Value).second)
        return false;
      for (const SharedStoreFact *E : Added)
        if (E->getOwner() == From) {
          Path.push_back(E);
          if (Reach(*E->getOwned()))
            return true;
          Path.pop_back();
        }
      return false;
    };
    bool Closes = St->getOwner() == *St->getOwned() || Reach(*St->getOwned());
    Added.push_back(St);
    if (!Closes)
      continue;
    bool Broken = BrokenLater(*St, St->getStore());
    for (const SharedStoreFact *E : Path)
      Broken = Broken || BrokenLater(*E, St->getStore());
    if (!Broken)
      Out.push_back({St, Path});
  }
  return Out;
}

} // namespace ownership::passes
