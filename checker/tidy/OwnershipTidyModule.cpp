//===- OwnershipTidyModule.cpp - The rules as clang-tidy checks -----------===//
//
// Part of ownership-checker, under the MIT license.
//
// A clang-tidy plugin: `clang-tidy-<N> --load=libOwnershipTidyModule.so
// --checks='-*,ownership-*'` runs every rule as a check of the same id, so that
// `.clang-tidy`, NOLINT, --fix and run-clang-tidy work as for any other check. Each check
// adapts one Rule. The translation unit is analysed once for all enabled checks, with the
// same driver as the standalone tool (analyzeTranslationUnit), and each check turns its
// rule's Findings into clang-tidy diagnostics. Library models beyond the shipped ones
// come from the global option ModelFiles (libraryModels()).
//===----------------------------------------------------------------------===//
#include "checker/driver/TranslationUnitAnalysis.h"
#include "checker/model/LibraryModels.h"
#include "checker/support/ClangCompat.h"
#include "rules/RuleRegistry.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include OWNERSHIP_CLANG_TIDY_REGISTRY_HEADER
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <memory>
#include <optional>

using namespace ownership::config;
using namespace ownership::driver;
using namespace ownership::report;
using namespace ownership::rules;

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace ownership::tidy {
namespace {

class RuleCheck;

/// The ownership checks clang-tidy made, shared by them through the module's factories.
/// clang-tidy makes one object per enabled check for each translation unit and calls each
/// on it; the first call analyses the translation unit for all of them.
struct CheckGroup {
  std::vector<RuleCheck *> Live;
  /// The model tables read so far, by their files (absolute paths, one a line).
  llvm::StringMap<std::shared_ptr<const model::LibraryModels>> Libraries;
};

/// One rule as a clang-tidy check: findings become diagnostics of this check, notes
/// notes, fix-its fix-its.
class RuleCheck : public ClangTidyCheck {
public:
  RuleCheck(llvm::StringRef Name, ClangTidyContext *Context, RuleInfo Info,
            std::shared_ptr<CheckGroup> Group)
      : ClangTidyCheck(Name, Context), Context(Context), Info(std::move(Info)),
        Group(std::move(Group)) {
    this->Group->Live.push_back(this);
  }

  ~RuleCheck() override {
    Group->Live.erase(std::remove(Group->Live.begin(), Group->Live.end(), this),
                      Group->Live.end());
  }

  void registerMatchers(MatchFinder *Finder) override {
    // The rules walk the translation unit themselves (CFGs, instantiations, lambdas),
    // exactly as in the standalone tool; one match per translation unit starts them.
    Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  }

  void check(const MatchFinder::MatchResult &Result) override {
    ASTContext &Ctx = *Result.Context;
    if (!Analyzed)
      analyzeForGroup(Ctx);
    // A template instantiated twice reports the same finding twice: say it once, as
    // the standalone tool does.
    llvm::StringSet<> Seen;
    for (const Finding &F : Pending) {
      std::string Key = F.Loc.printToString(Ctx.getSourceManager()) + '\0' + F.Message;
      if (!Seen.insert(Key).second)
        continue;
      {
        DiagnosticBuilder D = diag(F.Loc, "%0") << F.Message;
        for (const FixIt &X : F.Fixes)
          D << FixItHint::CreateReplacement(X.Range, X.Text);
      }
      for (const Note &N : F.Notes)
        diag(N.Loc, "%0", DiagnosticIDs::Note) << N.Message;
    }
    Pending.clear();
  }

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    // --dump-config shows the values the rule uses, defaults included.
    RuleOptions Options(Info.Id, ruleOptionValues());
    createRule(Info, Options);
    for (const auto &[Key, Value] : Options.stored())
      ClangTidyCheck::Options.store(Opts, llvm::StringRef(Key).rsplit('.').second, Value);
  }

private:
  /// Hands each check of the group the findings of its rule.
  class Router : public FindingSink {
  public:
    void report(Finding F) override {
      if (RuleCheck *C = ByRule.lookup(F.RuleId))
        C->Pending.push_back(std::move(F));
    }
    llvm::StringMap<RuleCheck *> ByRule;
  };

  /// Runs the rules of every check not yet called on this translation unit (this one
  /// included) in one analysis of each function, and keeps each check's findings.
  void analyzeForGroup(ASTContext &Ctx) {
    // clang-tidy shows findings in headers that match its HeaderFilterRegex; analysing
    // other headers would only produce diagnostics it drops.
    std::optional<llvm::Regex> HeaderFilter;
    if (const std::optional<std::string> &F = Context->getOptions().HeaderFilterRegex;
        F && !F->empty())
      HeaderFilter.emplace(*F);
    // clang-tidy's --system-headers shows diagnostics in system headers; the functions
    // there are then analysed like other headers' (the header filter decides).
    bool SystemHeaders = Context->getOptions().SystemHeaders.value_or(false);
    auto Scope = std::make_shared<AnalysisScope>(
        Ctx.getSourceManager(), HeaderFilter ? &*HeaderFilter : nullptr, SystemHeaders);
    std::vector<std::unique_ptr<Rule>> Rules;
    Router Sink;
    for (RuleCheck *C : Group->Live) {
      if (C->Analyzed)
        continue; // a check of a translation unit already analysed
      RuleOptions Options(C->Info.Id, C->ruleOptionValues());
      Rules.push_back(createRule(C->Info, Options));
      Sink.ByRule[C->Info.Id] = C;
      C->Analyzed = true;
    }
    std::shared_ptr<const model::LibraryModels> Libraries = libraryModels(Ctx);
    if (!Libraries)
      return; // the configuration error says why nothing is checked
    TranslationUnitRequest Request;
    Request.Libraries = Libraries.get();
    Request.Rules = Rules;
    Request.InScope = [Scope](SourceLocation L) { return Scope->contains(L); };
    Request.SystemHeaders = SystemHeaders;
    Request.AnalyzeTestFailures = globalFlag("AnalyzeTestFailures");
    analyzeTranslationUnit(Ctx, Request, Sink);
  }

  /// The shipped models and those the global option ModelFiles names
  /// (`CheckOptions: {ModelFiles: 'models/archive.yaml;models/queue.yaml'}`), read in
  /// order as the standalone tool reads the configuration's ModelFiles. A relative path is
  /// relative to the directory of the `.clang-tidy` nearest to the main file (where
  /// clang-tidy found the option, unless a parent's is inherited), or else to the
  /// current directory. Null, after a configuration error, when a file does not read.
  std::shared_ptr<const model::LibraryModels> libraryModels(ASTContext &Ctx) {
    const auto &Options = Context->getOptions().CheckOptions;
    auto It = Options.find("ModelFiles");
    llvm::SmallVector<llvm::StringRef, 4> Names;
    if (It != Options.end())
      llvm::StringRef(It->getValue().Value).split(Names, ';', -1, /*KeepEmpty=*/false);
    std::string Base = configDirectory(Ctx);
    std::vector<std::string> Files;
    for (llvm::StringRef N : Names) {
      N = N.trim();
      if (N.empty())
        continue;
      llvm::SmallString<256> Path(N);
      if (!llvm::sys::path::is_absolute(Path) && !Base.empty())
        Path = (Base + "/" + N).str();
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      Files.push_back(std::string(Path));
    }
    std::string Key = llvm::join(Files, "\n");
    if (auto Known = Group->Libraries.find(Key); Known != Group->Libraries.end())
      return Known->second;
    auto Table = std::make_shared<model::LibraryModels>(model::LibraryModels::shipped());
    for (const std::string &F : Files)
      if (llvm::Error E = Table->addPath(F)) {
        configurationDiag("ownership-* checks not run: %0", DiagnosticIDs::Error)
            << llvm::toString(std::move(E));
        return nullptr;
      }
    Group->Libraries[Key] = Table;
    return Table;
  }

  /// The directory of the `.clang-tidy` nearest to the main file of \p Ctx, or the
  /// current directory when there is none.
  static std::string configDirectory(ASTContext &Ctx) {
    const SourceManager &SM = Ctx.getSourceManager();
    llvm::SmallString<256> Dir;
    if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID())) {
      Dir = Main->getName();
      llvm::sys::fs::make_absolute(Dir);
      llvm::sys::path::remove_filename(Dir);
    }
    for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D))
      if (llvm::sys::fs::exists(D + "/.clang-tidy"))
        return D.str();
    llvm::SmallString<256> Current;
    llvm::sys::fs::current_path(Current);
    return std::string(Current);
  }

  /// A global option of clang-tidy's configuration (`CheckOptions: {AnalyzeTestFailures:
  /// true}`), the way clang-tidy's own checks read options shared by several checks.
  bool globalFlag(llvm::StringRef Name) const {
    const auto &Options = Context->getOptions().CheckOptions;
    auto It = Options.find(Name);
    if (It == Options.end())
      return false;
    llvm::StringRef V = It->getValue().Value;
    return V.equals_insensitive("true") || V == "1";
  }

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
  std::shared_ptr<CheckGroup> Group;
  /// Whether the translation unit was analysed for this check: each check object sees
  /// one translation unit.
  bool Analyzed = false;
  std::vector<Finding> Pending;
};

class OwnershipModule : public ClangTidyModule {
public:
  OwnershipModule() { registerAllRules(Registry); }

  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    // clang-tidy destroys the module once it has the factories: they copy what they need.
    auto Group = std::make_shared<CheckGroup>();
    for (const RuleInfo &Info : Registry.rules())
      Factories.registerCheckFactory(
          Info.Id, [Info, Group](llvm::StringRef Name, ClangTidyContext *Context) {
            return std::make_unique<RuleCheck>(Name, Context, Info, Group);
          });
  }

private:
  RuleRegistry Registry;
};

} // namespace
} // namespace ownership::tidy

// Loaded with --load, the plugin registers itself when the library is opened.
static ClangTidyModuleRegistry::Add<ownership::tidy::OwnershipModule>
    X("ownership-module", "Rust's ownership and borrowing rules for C++ (ownership-*).");
