//===- LeakRule.cpp - ownership-leak --------------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/LeakRule.h"

#include "rules/FindingBuilder.h"

#include "rules/HeapRuleSupport.h"
#include "rules/OwningMembers.h"

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <fmt/format.h>

using namespace ownership::analysis;
using namespace ownership::config;
using namespace ownership::model;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;

namespace ownership::rules {
namespace {

/// One way an allocation loses its last owner.
struct Loss {
  const Fact *At;
  LostAllocation What;
};

/// How the owner is lost at \p F, for the message: "when 'p' goes out of scope".
std::string lossPhrase(const Fact &F, const ObjectTable &Objects,
                       std::optional<ObjectID> Owner) {
  if (const auto *SE = llvm::dyn_cast<ScopeEndFact>(&F)) {
    std::string Name = Objects.name(SE->getObject());
    if (llvm::isa_and_nonnull<ReturnStmt>(F.getStmt()))
      return fmt::format("when '{}' goes out of scope at this return", Name);
    return fmt::format("when '{}' goes out of scope", Name);
  }
  if (const auto *R = llvm::dyn_cast<ReinitFact>(&F))
    return fmt::format("when '{}' is overwritten", Objects.name(R->getObject()));
  if (Owner)
    return fmt::format("when '{}' is overwritten", Objects.name(*Owner));
  return "here";
}

/// True when \p Owner points to \p Block and nothing else in \p S.
bool ownerHoldsOnly(const HeapAnalysis &H, const HeapState &S, std::optional<ObjectID> Owner,
                    Pointee Block) {
  if (!Owner)
    return false;
  HeapState::PointeeSet Set = H.pointsTo(S, *Owner);
  return Set.contains(Block) && ++Set.begin() == Set.end();
}

} // namespace

void LeakRule::configure(RuleOptions &Options) {
  ConstPointerArgumentsEscape = Options.getBool("ConstPointerArgumentsEscape", false);
  Options.storeBool("ConstPointerArgumentsEscape", ConstPointerArgumentsEscape);
  std::string Owning = Options.get("OwningMembers", "");
  OwningMembers = parseOwningMembers(Owning);
  Options.store("OwningMembers", Owning);
}

void LeakRule::configureModel(ModelOptions &Options) const {
  // Memory passed to a pointer-to-const parameter of an unknown function counts as handed
  // over, on the path where that happens.
  Options.ConstPointerArgumentsEscape |= ConstPointerArgumentsEscape;
  Options.OwningMembers.insert(Options.OwningMembers.end(), OwningMembers.begin(),
                               OwningMembers.end());
}

namespace {

/// The first loss of each allocation in source order (a loss on every path before one on
/// some path), in the order the allocations first lose an owner.
class FirstLosses {
public:
  explicit FirstLosses(const SourceManager &SM) : SM(SM) {}

  void add(const Fact &F, const LostAllocation &L) {
    auto [It, New] = First.try_emplace(L.Acquire, Loss{&F, L});
    if (New) {
      Order.push_back(L.Acquire);
      return;
    }
    Loss &Old = It->second;
    if (L.OnEveryPath != Old.What.OnEveryPath) {
      if (L.OnEveryPath)
        Old = Loss{&F, L};
      return;
    }
    if (isBefore(SM, F.getStmt(), Old.At->getStmt()))
      Old = Loss{&F, L};
  }
  template <typename Fn> void forEach(Fn &&Report) const {
    for (const AcquireFact *A : Order)
      Report(*A, First.find(A)->second);
  }

private:
  const SourceManager &SM;
  llvm::DenseMap<const AcquireFact *, Loss> First;
  std::vector<const AcquireFact *> Order;
};

/// True when the loss \p L of an allocation at \p F is worth a finding. A block owned on
/// some paths only is reported when the owner holds it on every path (some of them forgot
/// to release it: a `switch` case, an `if` without an `else`), or when no path to here
/// released it or handed it on. Otherwise the allocation itself was conditional and the
/// release most often hangs on the same condition (`if (c) p = malloc(n); ... if (c)
/// free(p);`), which we do not see.
bool isReportable(const HeapAnalysis &H, const Fact &F, const LostAllocation &L) {
  if (L.OnEveryPath)
    return true;
  const HeapState *Before = H.stateBefore(F);
  Pointee Block{Pointee::Kind::Heap, L.Acquire->getSite()};
  return ownerHoldsOnly(H, *Before, L.Owner, Block) ||
         (!Before->Freed.lookup(Block) && !Before->Escaped.contains(Block));
}

/// For a discarded result that hands over what an owner object held (`u.release();`):
/// null when the owner may hold memory and its one adoption is not known, the fact that
/// adopted it when there is one; std::nullopt when the owner holds nothing (null) on
/// every path, so nothing leaks. Any other discarded result: null.
std::optional<const Fact *> handedOverFrom(const FunctionAnalysis &FA, const HeapAnalysis &H,
                                           const AcquireFact &A) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(A.getAllocExpr());
  if (!A.handsOver() || !Call)
    return nullptr;
  std::optional<ObjectID> Owner = FA.objects().lookup(Call->getImplicitObjectArgument());
  if (!Owner)
    return nullptr;
  // Kept in a pointer (`T *p = u.release();`), the memory is acquired after the call
  // emptied the owner: what the owner held is read before the call's first fact.
  const Fact *First = &A;
  if (!A.isDiscarded())
    FA.forEachFact([&](const Fact &F) {
      if (First == &A && F.getStmt() == Call)
        First = &F;
    });
  const HeapState *BeforeCall = H.stateBefore(*First);
  if (!BeforeCall)
    return nullptr;
  const HeapState &Before = *BeforeCall;
  HeapState::PointeeSet Held = H.pointsTo(Before, *Owner);
  // Null, the address of a local or a value nothing is known of: no memory to lose.
  if (llvm::all_of(Held, [](const Pointee &P) {
        return P.K == Pointee::Kind::Null || P.K == Pointee::Kind::NonHeap ||
               P.K == Pointee::Kind::Unknown;
      }))
    return std::nullopt;
  // Another pointer still holds what the owner lets go of (`T *p = new T; u.reset(p);
  // u.release(); delete p;`): nothing is lost.
  for (const Pointee &P : Held)
    if (const llvm::ImmutableSet<ObjectID> *Holders = Before.PointedBy.lookup(P))
      for (ObjectID Other : *Holders)
        if (Other != *Owner)
          return std::nullopt;
  // The owner's adoption, when the function has exactly one.
  const Fact *Adoption = nullptr;
  unsigned Adoptions = 0;
  FA.forEachFact([&](const Fact &F) {
    if (const auto *PA = llvm::dyn_cast<PointerAssignFact>(&F);
        PA && PA->getFrom() == PointerAssignFact::From::Own && PA->getDest() == *Owner) {
      Adoption = PA;
      ++Adoptions;
    }
  });
  return Adoptions == 1 ? Adoption : nullptr;
}

/// True for memory kept in a pointer from an owner that held none on every path, or
/// that another pointer still holds (`T *p = u.release();` with u empty).
bool handsOverNothing(const FunctionAnalysis &FA, const HeapAnalysis &H, const AcquireFact &A) {
  return A.handsOver() && !A.isDiscarded() && !handedOverFrom(FA, H, A);
}

} // namespace

void LeakRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const HeapAnalysis *H = FA.heap();
  if (!H)
    return;
  const ObjectTable &Objects = FA.objects();
  FindingBuilder Findings(id(), FA, Sink);
  FirstLosses Losses(FA.context().getSourceManager());
  FA.forEachFact([&](const Fact &F) {
    if (const auto *A = llvm::dyn_cast<AcquireFact>(&F))
      if (A->isDiscarded() && H->stateBefore(F) && !A->runsUserConstructor()) {
        std::optional<const Fact *> Adoption = handedOverFrom(FA, *H, *A);
        if (!Adoption)
          return;
        Report R = Findings.report(
            A->getAllocExpr()->getBeginLoc(),
            fmt::format("result of {} is discarded: the memory it {} leaks",
                        describeAllocator(*A), A->handsOver() ? "hands over" : "allocates"));
        if (*Adoption)
          R.note((*Adoption)->getStmt()->getBeginLoc(), "adopted here");
      }
    // An aggregate given a new value by a call (`init(&s)`, `s.reset()`) may have
    // handed its old pointers to that call, which the facts say only afterwards.
    if (const auto *R = llvm::dyn_cast<ReinitFact>(&F); R && !R->isAssignment())
      return;
    for (const LostAllocation &L : H->lostAt(F))
      if (isReportable(*H, F, L) && !handsOverNothing(FA, *H, *L.Acquire))
        Losses.add(F, L);
  });
  Losses.forEach([&](const AcquireFact &A, const Loss &L) {
    std::string Owner =
        L.What.Owner ? fmt::format(" and owned by '{}'", Objects.name(*L.What.Owner)) : "";
    Findings
        .report(lossLocation(*L.At),
                fmt::format("memory {} by {}{} {} leaked {}",
                            A.handsOver() ? "handed over" : "allocated", describeAllocator(A),
                            Owner, L.What.OnEveryPath ? "is" : "may be",
                            lossPhrase(*L.At, Objects, L.What.Owner)))
        .maybe(!L.What.OnEveryPath)
        .note(A.getAllocExpr()->getBeginLoc(), A.handsOver() ? "handed over here" : "allocated here");
  });
  checkOwningMemberOverwrites(FA, Findings);
  checkUnionOverwrites(FA, Findings);
  checkUnreleasedMembers(FA, Findings);
  checkElementDrops(FA, Findings);
}

} // namespace ownership::rules
