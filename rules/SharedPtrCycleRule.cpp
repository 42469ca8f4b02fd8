//===- SharedPtrCycleRule.cpp - ownership-shared-ptr-cycle ----------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/SharedPtrCycleRule.h"

#include "checker/support/ClangCompat.h"
#include "rules/FindingBuilder.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

#include <fmt/format.h>
#include <set>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;

namespace ownership::rules {
namespace {

std::string memberName(const FieldDecl *F) {
  return (F->getParent()->getName() + "::" + F->getName()).str();
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

void reportTypeCycle(const TypeCycle &Cycle, llvm::StringRef RuleId, FindingSink &Sink) {
  const TypeEdge *Closing = Cycle.Edges.back();
  std::string Path;
  for (const TypeEdge *E : Cycle.Edges)
    Path += "'" + E->Field->getParent()->getName().str() + "' -> ";
  Path += "'" + Cycle.Edges.front()->Field->getParent()->getName().str() + "'";
  FindingBuilder Findings(RuleId, compat::qualifiedName(Closing->Field->getParent()), Sink);
  auto F = Findings.report(
      Closing->Field->getLocation(),
      fmt::format("'{}' closes a std::shared_ptr cycle ({}) whose objects keep each other "
                  "alive forever; make it a std::weak_ptr",
                  memberName(Closing->Field), Path));
  for (const TypeEdge *E : Cycle.Edges)
    if (E != Closing)
      F.note(E->Field->getLocation(),
             fmt::format("'{}' {} '{}' through '{}'", E->Field->getParent()->getName().str(),
                         ownsVerb(*E), E->To->getName().str(), memberName(E->Field)));
}

/// A handle as the user wrote it: the local variable, or `this`.
std::string handleName(const ObjectTable &Objects, ObjectID H) {
  return Objects.node(H).K == StorageNode::Kind::ThisObject ? "this" : Objects.name(H);
}

std::string memberPath(const ObjectTable &Objects, const SharedStoreFact &S) {
  return handleName(Objects, S.getOwner()) + "->" + S.getField()->getName().str();
}

} // namespace

void SharedPtrCycleRule::checkTranslationUnit(const UnitAnalysis &Unit, FindingSink &Sink) {
  for (const TypeCycle &Cycle : Unit.typeOwnership().cycles())
    reportTypeCycle(Cycle, id(), Sink);
}

void SharedPtrCycleRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const ObjectTable &Objects = FA.objects();
  FindingBuilder Findings(id(), FA, Sink);
  for (const SharedCycle &C : FA.sharedCycles()) {
    const SharedStoreFact &St = *C.Closing;
    std::string Owner = handleName(Objects, St.getOwner());
    std::string Target = memberPath(Objects, St);
    if (C.Path.empty() && St.getOwner() == *St.getOwned()) {
      std::string Self = Owner == "this" ? "a std::shared_ptr to this object" : "'" + Owner + "'";
      if (St.getViaLambda())
        Findings.report(St.getViaLambda()->getBeginLoc(),
                        fmt::format("lambda stored in '{}' captures {}: a std::shared_ptr cycle "
                                    "keeps the object alive forever; capture a std::weak_ptr "
                                    "instead",
                                    Target, Self));
      else
        Findings.report(St.getStore()->getBeginLoc(),
                        fmt::format("'{}' holds {} itself: a std::shared_ptr cycle keeps the "
                                    "object alive forever",
                                    Target, Self));
      continue;
    }
    std::string Cycle = "'" + Owner + "'";
    for (const SharedStoreFact *E : C.Path)
      Cycle += " -> '" + handleName(Objects, E->getOwner()) + "'";
    Cycle += " -> '" + Owner + "'";
    auto F = Findings.report(
        St.getStore()->getBeginLoc(),
        fmt::format("storing '{}' in '{}' closes a std::shared_ptr cycle ({}); neither object "
                    "is ever freed: make one of the members a std::weak_ptr",
                    handleName(Objects, *St.getOwned()), Target, Cycle));
    for (const SharedStoreFact *E : C.Path)
      F.note(E->getStore()->getBeginLoc(),
             fmt::format("'{}' stored in '{}' here", handleName(Objects, *E->getOwned()),
                         memberPath(Objects, *E)));
  }
}

} // namespace ownership::rules
