//===- LeakRule.cpp - ownership-leak --------------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/LeakRule.h"

#include "rules/HeapRuleSupport.h"
#include "checker/support/ClangCompat.h"

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
}

void LeakRule::configureModel(ModelOptions &Options) const {
  // Memory passed to a pointer-to-const parameter of an unknown function counts as handed
  // over, on the path where that happens.
  Options.ConstPointerArgumentsEscape |= ConstPointerArgumentsEscape;
}

void LeakRule::check(const FunctionAnalysis &FA, FindingSink &Sink) {
  const HeapAnalysis *H = FA.heap();
  if (!H)
    return;
  const SourceManager &SM = FA.context().getSourceManager();
  const ObjectTable &Objects = FA.objects();

  // Every loss of every allocation; one finding per allocation, at its first loss in
  // source order (a loss on every path before one on some path).
  llvm::DenseMap<const AcquireFact *, Loss> First;
  std::vector<const AcquireFact *> Order;
  auto Consider = [&](const Fact &F, const LostAllocation &L) {
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
  };

  FA.forEachFact([&](const Fact &F) {
    if (const auto *A = llvm::dyn_cast<AcquireFact>(&F))
      if (A->isDiscarded() && H->stateBefore(F) && !A->runsUserConstructor()) {
        Finding Out;
        Out.RuleId = id();
        Out.Level = Confidence::Definite;
        Out.Loc = A->getAllocExpr()->getBeginLoc();
        Out.Message = fmt::format("result of {} is discarded: the memory it allocates leaks",
                                  describeAllocator(*A));
        Out.Function = compat::qualifiedName(FA.decl());
        Sink.report(std::move(Out));
      }
    // An aggregate given a new value by a call (`init(&s)`, `s.reset()`) may have
    // handed its old pointers to that call, which the facts say only afterwards.
    if (llvm::isa<ReinitFact>(F) && !llvm::isa_and_nonnull<BinaryOperator>(F.getStmt()))
      return;
    for (const LostAllocation &L : H->lostAt(F)) {
      const HeapState *Before = H->stateBefore(F);
      Pointee Block{Pointee::Kind::Heap, L.Acquire->getSite()};
      // A block owned on some paths only is reported when the owner holds it on every
      // path (some of them forgot to release it: a `switch` case, an `if` without an
      // `else`), or when no path to here released it or handed it on. Otherwise the
      // allocation itself was conditional and the release most often hangs on the same
      // condition (`if (c) p = malloc(n); ... if (c) free(p);`), which we do not see.
      if (!L.OnEveryPath && !ownerHoldsOnly(*H, *Before, L.Owner, Block) &&
          (Before->Freed.lookup(Block) || Before->Escaped.contains(Block)))
        continue;
      Consider(F, L);
    }
  });

  for (const AcquireFact *A : Order) {
    const Loss &L = First.find(A)->second;
    Finding Out;
    Out.RuleId = id();
    Out.Level = L.What.OnEveryPath ? Confidence::Definite : Confidence::Maybe;
    Out.Loc = lossLocation(*L.At);
    std::string Owner =
        L.What.Owner ? fmt::format(" and owned by '{}'", Objects.name(*L.What.Owner)) : "";
    Out.Message = fmt::format("memory allocated by {}{} {} leaked {}", describeAllocator(*A),
                              Owner, L.What.OnEveryPath ? "is" : "may be",
                              lossPhrase(*L.At, Objects, L.What.Owner));
    Out.Function = compat::qualifiedName(FA.decl());
    Out.Notes.push_back({A->getAllocExpr()->getBeginLoc(), "allocated here"});
    Sink.report(std::move(Out));
  }
}

} // namespace ownership::rules
