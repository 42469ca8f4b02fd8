//===- SharedPtrCycleRule.cpp - ownership-shared-ptr-cycle ----------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/SharedPtrCycleRule.h"

#include "checker/passes/SharedOwnership.h"
#include "checker/support/ClangCompat.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <deque>
#include <fmt/format.h>
#include <set>

using namespace ownership::analysis;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;

namespace ownership::rules {
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

std::string memberName(const FieldDecl *F) {
  return (F->getParent()->getName() + "::" + F->getName()).str();
}

/// Strongly connected components of the family graph (Tarjan).
class Components {
public:
  explicit Components(const TypeOwnershipGraph &G) : G(G) {
    for (const CXXRecordDecl *F : G.families())
      if (!Index.count(F))
        visit(F);
  }
  std::vector<std::vector<const CXXRecordDecl *>> Result;
  llvm::DenseMap<const CXXRecordDecl *, unsigned> ComponentOf;

private:
  void visit(const CXXRecordDecl *V) {
    unsigned I = Index.size();
    Index[V] = Low[V] = I;
    Stack.push_back(V);
    OnStack.insert(V);
    for (const TypeEdge &E : G.edgesFrom(V)) {
      if (!Index.count(E.To)) {
        visit(E.To);
        Low[V] = std::min(Low[V], Low[E.To]);
      } else if (OnStack.count(E.To)) {
        Low[V] = std::min(Low[V], Index[E.To]);
      }
    }
    if (Low[V] != Index[V])
      return;
    std::vector<const CXXRecordDecl *> C;
    const CXXRecordDecl *W;
    do {
      W = Stack.pop_back_val();
      OnStack.erase(W);
      ComponentOf[W] = Result.size();
      C.push_back(W);
    } while (W != V);
    Result.push_back(std::move(C));
  }

  const TypeOwnershipGraph &G;
  llvm::DenseMap<const CXXRecordDecl *, unsigned> Index, Low;
  llvm::SmallVector<const CXXRecordDecl *, 16> Stack;
  llvm::SmallPtrSet<const CXXRecordDecl *, 16> OnStack;
};

/// The shortest path of edges from \p From to \p To inside component \p C.
std::vector<const TypeEdge *> shortestPath(const TypeOwnershipGraph &G, const Components &SCC,
                                           unsigned C, const CXXRecordDecl *From,
                                           const CXXRecordDecl *To) {
  llvm::DenseMap<const CXXRecordDecl *, const TypeEdge *> Via;
  std::deque<const CXXRecordDecl *> Queue = {From};
  llvm::SmallPtrSet<const CXXRecordDecl *, 16> Seen = {From};
  while (!Queue.empty()) {
    const CXXRecordDecl *V = Queue.front();
    Queue.pop_front();
    if (V == To)
      break;
    for (const TypeEdge &E : G.edgesFrom(V))
      if (SCC.ComponentOf.lookup(E.To) == C && Seen.insert(E.To).second) {
        Via[E.To] = &E;
        Queue.push_back(E.To);
      }
  }
  std::vector<const TypeEdge *> Path;
  if (From == To || !Via.count(To))
    return Path;
  for (const CXXRecordDecl *V = To; V != From; V = Via[V]->From)
    Path.push_back(Via[V]);
  std::reverse(Path.begin(), Path.end());
  return Path;
}

const char *ownsVerb(const TypeEdge &E) {
  switch (E.K) {
  case TypeEdge::Kind::Shared:
    return "shares ownership of";
  case TypeEdge::Kind::Unique:
  case TypeEdge::Kind::Contains:
    return "owns";
  }
  llvm_unreachable("unknown edge kind");
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

void reportTypeCycle(std::vector<const TypeEdge *> Cycle, const SourceManager &SM,
                     llvm::StringRef RuleId, FindingSink &Sink) {
  size_t Close = closingEdge(Cycle, SM);
  // Start the story just after the closing member, so that it ends with it.
  std::rotate(Cycle.begin(), Cycle.begin() + (Close + 1) % Cycle.size(), Cycle.end());
  const TypeEdge *Closing = Cycle.back();
  std::string Path;
  for (const TypeEdge *E : Cycle)
    Path += "'" + E->Field->getParent()->getName().str() + "' -> ";
  Path += "'" + Cycle.front()->Field->getParent()->getName().str() + "'";
  Finding F;
  F.RuleId = RuleId;
  F.Loc = Closing->Field->getLocation();
  F.Message = fmt::format("'{}' closes a std::shared_ptr cycle ({}) whose objects keep each "
                          "other alive forever; make it a std::weak_ptr",
                          memberName(Closing->Field), Path);
  F.Function = compat::qualifiedName(Closing->Field->getParent());
  for (const TypeEdge *E : Cycle) {
    if (E == Closing)
      continue;
    F.Notes.push_back({E->Field->getLocation(),
                       fmt::format("'{}' {} '{}' through '{}'",
                                   E->Field->getParent()->getName().str(), ownsVerb(*E),
                                   E->To->getName().str(), memberName(E->Field))});
  }
  Sink.report(std::move(F));
}

std::string handleName(const ValueDecl *H) { return H ? H->getName().str() : "this"; }

std::string memberPath(const ValueDecl *Owner, const FieldDecl *F) {
  return handleName(Owner) + "->" + F->getName().str();
}

} // namespace

void SharedPtrCycleRule::checkTranslationUnit(const UnitAnalysis &Unit, FindingSink &Sink) {
  const SourceManager &SM = Unit.astContext().getSourceManager();
  const TypeOwnershipGraph &G = Unit.typeOwnership();
  Components SCC(G);
  std::set<std::vector<const FieldDecl *>> Reported;

  for (size_t C = 0; C < SCC.Result.size(); ++C) {
    if (SCC.Result[C].size() < 2)
      continue;
    for (const CXXRecordDecl *V : SCC.Result[C])
      for (const TypeEdge &E : G.edgesFrom(V)) {
        if (E.K != TypeEdge::Kind::Shared || E.To == E.From ||
            SCC.ComponentOf.lookup(E.To) != C)
          continue;
        std::vector<const TypeEdge *> Cycle = {&E};
        std::vector<const TypeEdge *> Back = shortestPath(G, SCC, C, E.To, E.From);
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
          reportTypeCycle(std::move(Cycle), SM, id(), Sink);
      }
  }

  // A family that owns itself is a list or a tree, which is fine, unless it also holds a
  // shared_ptr back up the structure: `prev` in a doubly linked list, `parent` in a tree.
  for (const CXXRecordDecl *V : G.families()) {
    const TypeEdge *Back = nullptr, *Forward = nullptr;
    for (const TypeEdge &E : G.edgesFrom(V)) {
      if (E.To != V)
        continue;
      if (!Back && E.K == TypeEdge::Kind::Shared && isBackPointerName(E.Field))
        Back = &E;
      else if (!Forward)
        Forward = &E;
    }
    if (Back && Forward)
      reportTypeCycle({Forward, Back}, SM, id(), Sink);
  }
}

void SharedPtrCycleRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  SharedStores S = findSharedStores(FA);
  if (S.Stores.empty())
    return;
  const SourceManager &SM = FA.context().getSourceManager();
  auto Before = [&](const Expr *A, const Expr *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  };
  std::vector<const SharedStore *> Stores;
  for (const SharedStore &St : S.Stores)
    if (!S.Reassigned.count(St.Owner) && !S.Reassigned.count(St.Owned))
      Stores.push_back(&St);
  std::stable_sort(Stores.begin(), Stores.end(),
                   [&](const SharedStore *A, const SharedStore *B) { return Before(A->Store, B->Store); });

  // Code that closes a cycle and breaks it again later in the function is fine.
  auto BrokenLater = [&](const SharedStore &St, const Expr *After) {
    for (const SharedStore &R : S.Resets)
      if (R.Owner == St.Owner && R.Field == St.Field && Before(After, R.Store))
        return true;
    return false;
  };

  std::vector<const SharedStore *> Added;
  for (const SharedStore *St : Stores) {
    // Depth-first search from the stored object back to the owner over earlier stores.
    std::vector<const SharedStore *> Path;
    llvm::SmallPtrSet<const ValueDecl *, 8> Seen;
    std::function<bool(const ValueDecl *)> Reach = [&](const ValueDecl *From) {
      if (From == St->Owner)
        return true;
      if (!Seen.insert(From).second)
        return false;
      for (const SharedStore *E : Added)
        if (E->Owner == From) {
          Path.push_back(E);
          if (Reach(E->Owned))
            return true;
          Path.pop_back();
        }
      return false;
    };
    bool Closes = St->Owner == St->Owned || Reach(St->Owned);
    Added.push_back(St);
    if (!Closes)
      continue;
    bool Broken = BrokenLater(*St, St->Store);
    for (const SharedStore *E : Path)
      Broken = Broken || BrokenLater(*E, St->Store);
    if (Broken)
      continue;

    Finding F;
    F.RuleId = id();
    F.Loc = St->Store->getBeginLoc();
    F.Function = compat::qualifiedName(FA.decl());
    std::string Target = memberPath(St->Owner, St->Field);
    if (St->Owner == St->Owned) {
      std::string Self = St->Owner ? "'" + handleName(St->Owner) + "'" : "a std::shared_ptr to this object";
      F.Message =
          St->ViaLambda
              ? fmt::format("lambda stored in '{}' captures {}: a std::shared_ptr cycle keeps "
                            "the object alive forever; capture a std::weak_ptr instead",
                            Target, Self)
              : fmt::format("'{}' holds {} itself: a std::shared_ptr cycle keeps the object "
                            "alive forever",
                            Target, Self);
      if (St->ViaLambda)
        F.Loc = St->ViaLambda->getBeginLoc();
    } else {
      std::string Cycle = "'" + handleName(St->Owner) + "'";
      for (const SharedStore *E : Path)
        Cycle += " -> '" + handleName(E->Owner) + "'";
      Cycle += " -> '" + handleName(St->Owner) + "'";
      F.Message = fmt::format("storing '{}' in '{}' closes a std::shared_ptr cycle ({}); "
                              "neither object is ever freed: make one of the members a "
                              "std::weak_ptr",
                              handleName(St->Owned), Target, Cycle);
      for (const SharedStore *E : Path)
        F.Notes.push_back({E->Store->getBeginLoc(),
                           fmt::format("'{}' stored in '{}' here", handleName(E->Owned),
                                       memberPath(E->Owner, E->Field))});
    }
    Sink.report(std::move(F));
  }
}

} // namespace ownership::rules
