//===- OwnershipTidyModule.cpp - The rules as clang-tidy checks -----------===//
//
// Part of ownership-checker, under the MIT license.
//
// A clang-tidy plugin: `clang-tidy-19 --load=libOwnershipTidyModule.so
// --checks='-*,ownership-*'` runs every rule as a check of the same id, so that
// `.clang-tidy`, NOLINT, --fix and run-clang-tidy work as for any other check. Each check
// adapts one Rule: it analyses the translation unit with the same driver as the
// standalone tool (analyzeTranslationUnit) and turns Findings into clang-tidy diagnostics.
//===----------------------------------------------------------------------===//
#include "checker/tool/TranslationUnitAnalysis.h"
#include "rules/RuleRegistry.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringSet.h"

#include <optional>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace ownership {
namespace {

/// One rule as a clang-tidy check. It is its own FindingSink: findings become
/// diagnostics of this check, notes notes, fix-its fix-its.
class RuleCheck : public ClangTidyCheck, public FindingSink {
public:
  RuleCheck(llvm::StringRef Name, ClangTidyContext *Context, RuleInfo Info)
      : ClangTidyCheck(Name, Context), Context(Context), Info(std::move(Info)) {}

  void registerMatchers(MatchFinder *Finder) override {
    // The rules walk the translation unit themselves (CFGs, instantiations, lambdas),
    // exactly as in the standalone tool; one match per translation unit starts them.
    Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  }

  void check(const MatchFinder::MatchResult &Result) override {
    ASTContext &Ctx = *Result.Context;
    // clang-tidy shows findings in headers that match its HeaderFilterRegex; analysing
    // other headers would only produce diagnostics it drops.
    std::optional<llvm::Regex> HeaderFilter;
    if (const std::optional<std::string> &F = Context->getOptions().HeaderFilterRegex;
        F && !F->empty())
      HeaderFilter.emplace(*F);
    auto Scope = std::make_shared<AnalysisScope>(Ctx.getSourceManager(),
                                                 HeaderFilter ? &*HeaderFilter : nullptr);
    std::vector<std::unique_ptr<Rule>> Rules;
    RuleOptions Options(Info.Id, ruleOptionValues());
    Rules.push_back(createRule(Info, Options));
    TranslationUnitRequest Request;
    Request.Rules = Rules;
    Request.InScope = [Scope](SourceLocation L) { return Scope->contains(L); };
    SM = &Ctx.getSourceManager();
    Seen.clear();
    analyzeTranslationUnit(Ctx, Request, *this);
    SM = nullptr;
  }

  void report(Finding F) override {
    // A template instantiated twice reports the same finding twice: say it once, as
    // the standalone tool does.
    std::string Key = F.Loc.printToString(*SM) + '\0' + F.Message;
    if (!Seen.insert(Key).second)
      return;
    {
      DiagnosticBuilder D = diag(F.Loc, "%0") << F.Message;
      for (const FixIt &X : F.Fixes)
        D << FixItHint::CreateReplacement(X.Range, X.Text);
    }
    for (const Note &N : F.Notes)
      diag(N.Loc, "%0", DiagnosticIDs::Note) << N.Message;
  }

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    // --dump-config shows the values the rule uses, defaults included.
    RuleOptions Options(Info.Id, ruleOptionValues());
    createRule(Info, Options);
    for (const auto &[Key, Value] : Options.stored())
      ClangTidyCheck::Options.store(Opts, llvm::StringRef(Key).rsplit('.').second, Value);
  }

private:
  /// This check's `<rule-id>.<Name>` options from clang-tidy's configuration.
  OptionMap ruleOptionValues() const {
    OptionMap Values;
    std::string Prefix = Info.Id + ".";
    for (const auto &Entry : Context->getOptions().CheckOptions)
      if (Entry.getKey().starts_with(Prefix))
        Values[Entry.getKey().str()] = Entry.getValue().Value;
    return Values;
  }

  ClangTidyContext *Context;
  RuleInfo Info;
  const SourceManager *SM = nullptr;
  llvm::StringSet<> Seen;
};

class OwnershipModule : public ClangTidyModule {
public:
  OwnershipModule() { registerAllRules(Registry); }

  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    // clang-tidy destroys the module once it has the factories: they copy what they need.
    for (const RuleInfo &Info : Registry.rules())
      Factories.registerCheckFactory(
          Info.Id, [Info](llvm::StringRef Name, ClangTidyContext *Context) {
            return std::make_unique<RuleCheck>(Name, Context, Info);
          });
  }

private:
  RuleRegistry Registry;
};

} // namespace
} // namespace ownership

// Loaded with --load, the plugin registers itself when the library is opened.
static ClangTidyModuleRegistry::Add<ownership::OwnershipModule>
    X("ownership-module", "Rust's ownership and borrowing rules for C++ (ownership-*).");
