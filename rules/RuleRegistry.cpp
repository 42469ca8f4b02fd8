//===- RuleRegistry.cpp - All rules, by id --------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/RuleRegistry.h"

#include "checker/config/Glob.h"

#include "rules/DanglingRule.h"
#include "rules/DoubleFreeRule.h"
#include "rules/FreeNonheapRule.h"
#include "rules/InvalidatedReferenceRule.h"
#include "rules/LeakRule.h"
#include "rules/MismatchedDeallocRule.h"
#include "rules/SharedPtrCycleRule.h"
#include "rules/UseAfterFreeRule.h"
#include "rules/UseAfterMoveRule.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace ownership::config;

namespace ownership::rules {

Rule::~Rule() = default;

void registerAllRules(RuleRegistry &R) {
  R.add<DanglingRule>("ownership-dangling",
                      "a reference, pointer or view used or returned after what it borrows "
                      "from was destroyed (Rust E0597, E0515, E0716)");
  R.add<DoubleFreeRule>("ownership-double-free",
                        "heap memory released twice, through one pointer or two aliases");
  R.add<FreeNonheapRule>("ownership-free-nonheap",
                         "delete or free of memory that is not on the heap");
  R.add<InvalidatedReferenceRule>(
      "ownership-invalidated-reference",
      "a reference, pointer, iterator or view into a container used after an operation "
      "that invalidates it (Rust E0502)");
  R.add<LeakRule>("ownership-leak",
                   "heap memory whose last owner goes out of scope, is overwritten or is "
                   "discarded without releasing it");
  R.add<MismatchedDeallocRule>(
      "ownership-mismatched-dealloc",
      "memory released by a deallocator of another family (new[] with delete, malloc with "
      "delete, new with free)");
  R.add<SharedPtrCycleRule>("ownership-shared-ptr-cycle",
                            "std::shared_ptr ownership cycles that are never freed");
  R.add<UseAfterFreeRule>("ownership-use-after-free",
                          "memory used through a pointer after it was freed");
  R.add<UseAfterMoveRule>("ownership-use-after-move",
                          "an object is used after it was moved from (Rust E0382)");
}

std::unique_ptr<Rule> createRule(const RuleInfo &Info, RuleOptions &Options) {
  std::unique_ptr<Rule> R = Info.Create(Info.Id);
  R->configure(Options);
  return R;
}

llvm::Expected<CheckFilter> CheckFilter::parse(llvm::StringRef Globs,
                                               const RuleRegistry &Registry) {
  CheckFilter Filter;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Globs.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty())
      continue;
    bool Positive = !Part.consume_front("-");
    Part = Part.trim();
    bool Known = llvm::any_of(Registry.rules(),
                              [&](const RuleInfo &R) { return config::globMatches(Part, R.Id); });
    // `-*` and other patterns that disable checks from clang-tidy's world are fine.
    if (!Known && (Positive || !Part.contains('*')))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "unknown check '%s' in --checks (see --list-checks)",
                                     Part.str().c_str());
    Filter.Patterns.push_back({Positive, Part.str()});
  }
  return Filter;
}

bool CheckFilter::isEnabled(llvm::StringRef Id) const {
  bool Enabled = false;
  for (const Pattern &P : Patterns)
    if (config::globMatches(P.Glob, Id))
      Enabled = P.Positive;
  return Enabled;
}

} // namespace ownership::rules
