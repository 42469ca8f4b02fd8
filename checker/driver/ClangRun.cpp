//===- ClangRun.cpp - Parse one file with clang and run the rules over it --===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/driver/ClangRun.h"

#include "checker/driver/TranslationUnitAnalysis.h"
#include "checker/support/ClangCompat.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/Path.h"

using namespace ownership::analysis;
using namespace ownership::passes;
using namespace ownership::report;

using namespace clang;
using namespace clang::tooling;

namespace ownership::driver {
namespace {

/// The note that says a function was not analysed to the end: its findings may be
/// missing, and the user should know which one and why.
ResolvedNote limitNote(const FunctionAnalysis &FA) {
  const SourceManager &SM = FA.context().getSourceManager();
  return {FindingCollector::resolve(SM, FA.decl()->getLocation()),
          "function '" + compat::qualifiedName(FA.decl()) +
              "' was not analysed: " + FA.skipReason().str()};
}

/// The same note in clang's format, for standard error (where #line directives apply,
/// as in clang's own messages).
std::string printedLimitNote(const FunctionAnalysis &FA, const ResolvedNote &Note) {
  const SourceManager &SM = FA.context().getSourceManager();
  PresumedLoc P = SM.getPresumedLoc(SM.getFileLoc(FA.decl()->getLocation()));
  std::string Where = P.isValid() ? (llvm::Twine(P.getFilename()) + ":" + llvm::Twine(P.getLine()) +
                                     ":" + llvm::Twine(P.getColumn()) + ": ")
                                        .str()
                                  : std::string();
  return Where + "note: " + Note.Message;
}

/// The absolute paths of every file \p SM read: the inputs of the preprocessed unit.
std::vector<std::string> filesRead(const SourceManager &SM) {
  std::vector<std::string> Files;
  for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End; ++It) {
    llvm::SmallString<256> Path(It->first.getName());
    SM.getFileManager().makeAbsolutePath(Path);
    // Not `..`: removing it by text is wrong across a symbolic link, and the driver's
    // GCC include paths go through one (/lib/gcc/x86_64-linux-gnu/12/../../../../include
    // is /usr/include where /lib links to /usr/lib); a path that names nothing could
    // never be hashed again, and nothing was stored.
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/false);
    Files.push_back(std::string(Path));
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  return Files;
}

class CheckerConsumer : public ASTConsumer {
public:
  CheckerConsumer(ClangRun &Run, const SourceManager &SM)
      : Run(Run), SM(SM),
        Scope(std::make_shared<AnalysisScope>(SM, Run.HeaderFilter.get(), Run.SystemHeaders)) {}

  /// Nothing in a system header is analysed (unless --system-headers puts it in scope),
  /// and callee summaries are not taken from system headers either (the standard
  /// library is modelled by name), so the parser skips those function bodies, as clangd
  /// does for its preambles. Clang itself keeps the bodies it needs: constexpr
  /// functions and those with a deduced return type. Templates whose bodies are skipped
  /// are instantiated without one, which is where most of the time goes in
  /// header-heavy units.
  bool shouldSkipFunctionBody(Decl *D) override {
    return SM.isInSystemHeader(D->getLocation()) &&
           !(Run.SystemHeaders && Scope->contains(D->getLocation()));
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    AnalysisProfile *Profile = Run.Limits.Profile;
    if (Profile)
      Profile->switchTo(AnalysisProfile::Phase::None);
    auto InScope = [Scope = Scope](SourceLocation L) { return Scope->contains(L); };
    Run.Findings.beginTranslationUnit(SM, InScope, &Ctx.getLangOpts());
    analyzeTranslationUnit(Ctx, request(InScope), Run.Findings);
    Run.Findings.endTranslationUnit();
    if (Run.OnSkippedSystemHeader)
      noteSkippedSystemHeaders();
    if (Run.CollectInputs)
      Run.Inputs = filesRead(SM);
    if (Profile) {
      OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
      Profile->printAndReset(llvm::errs(), Main ? Main->getName() : "<input>");
    }
  }

private:
  /// Finds the headers the filter matches that were skipped as system headers, under a
  /// directory the compile command itself made a system one: a project's own headers
  /// reached through `-isystem` (CMake's SYSTEM include directories), which the user
  /// probably wanted analysed. The compiler's own system directories are not looked at:
  /// a filter like `.*` matches every standard header.
  void noteSkippedSystemHeaders() {
    for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
      const SrcMgr::SLocEntry &E = SM.getLocalSLocEntry(I);
      if (!E.isFile() || !SrcMgr::isSystem(E.getFile().getFileCharacteristic()))
        continue;
      OptionalFileEntryRef File = E.getFile().getContentCache().OrigEntry;
      if (!File || !headerFilterMatches(*Run.HeaderFilter, SM, File->getName()))
        continue;
      std::string Path = normalizedPath(SM, File->getName());
      bool Under = llvm::any_of(Run.UserSystemDirs, [&](const std::string &Dir) {
        return llvm::StringRef(Path).starts_with(Dir) && Path.size() > Dir.size() &&
               llvm::sys::path::is_separator(Path[Dir.size()]);
      });
      if (Under)
        Run.OnSkippedSystemHeader(Path);
    }
  }

  TranslationUnitRequest request(std::function<bool(SourceLocation)> InScope) {
    TranslationUnitRequest Request;
    Request.Rules = Run.Rules;
    Request.InScope = std::move(InScope);
    Request.SystemHeaders = Run.SystemHeaders;
    Request.AnalyzeTestFailures = Run.AnalyzeTestFailures;
    Request.Limits = Run.Limits;
    Request.OnLimitExceeded = [this](const FunctionAnalysis &FA) {
      ResolvedNote Note = limitNote(FA);
      std::string Line = printedLimitNote(FA, Note);
      llvm::errs() << Line << "\n";
      Run.LimitNotes.push_back(std::move(Line));
      Run.Skipped.push_back(std::move(Note));
    };
    if (Run.Dump.Kind)
      Request.OnFunction = [this](const FunctionAnalysis &FA) {
        if (llvm::StringRef(compat::qualifiedName(FA.decl())).contains(Run.Dump.Function))
          FA.dump(llvm::outs(), *Run.Dump.Kind);
      };
    return Request;
  }

  ClangRun &Run;
  const SourceManager &SM;
  std::shared_ptr<AnalysisScope> Scope;
};

class CheckerAction : public ASTFrontendAction {
public:
  explicit CheckerAction(ClangRun &Run) : Run(Run) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    // Read by ExecuteAction when it starts the parser, after the consumer is made; the
    // consumer's shouldSkipFunctionBody then chooses which bodies to skip.
    CI.getFrontendOpts().SkipFunctionBodies = true;
    if (Run.Limits.Profile)
      Run.Limits.Profile->switchTo(AnalysisProfile::Phase::Parse);
    return std::make_unique<CheckerConsumer>(Run, CI.getSourceManager());
  }

private:
  ClangRun &Run;
};

class CheckerActionFactory : public FrontendActionFactory {
public:
  explicit CheckerActionFactory(ClangRun &Run) : Run(Run) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<CheckerAction>(Run);
  }

private:
  ClangRun &Run;
};

/// Points the compiler at clang-19's builtin headers unless the command already does.
ArgumentsAdjuster resourceDirAdjuster() {
  return [](const CommandLineArguments &Args, llvm::StringRef) {
    for (const std::string &A : Args)
      if (llvm::StringRef(A).starts_with("-resource-dir"))
        return Args;
    CommandLineArguments Out = Args;
    Out.insert(Out.begin() + (Out.empty() ? 0 : 1),
               std::string("-resource-dir=") + OWNERSHIP_CLANG_RESOURCE_DIR);
    return Out;
  };
}

} // namespace

std::vector<std::string> userSystemIncludeDirs(const CompileCommand &Command) {
  std::vector<std::string> Dirs;
  auto Add = [&](llvm::StringRef Dir) {
    llvm::SmallString<256> Abs(Dir);
    if (!llvm::sys::path::is_absolute(Abs)) {
      Abs = Command.Directory;
      llvm::sys::path::append(Abs, Dir);
    }
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    Dirs.push_back(std::string(Abs));
  };
  const std::vector<std::string> &Args = Command.CommandLine;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    // The longest spelling first: `-isystem-after` is not `-isystem` of "-after".
    for (llvm::StringRef Flag : {"-isystem-after", "-cxx-isystem", "-idirafter", "-isystem"}) {
      if (!A.starts_with(Flag))
        continue;
      llvm::StringRef Rest = A.drop_front(Flag.size());
      if (Rest.empty() && I + 1 < Args.size())
        Add(Args[++I]);
      else if (!Rest.empty())
        Add(Rest);
      break;
    }
  }
  return Dirs;
}

bool runClang(const FileRequest &Request, ClangRun &Run) {
  ClangTool Tool(*Request.Compilations, {Request.Path});
  Tool.appendArgumentsAdjuster(resourceDirAdjuster());
  // A dedicated analyzer shows its own findings and the errors that stop it, not the
  // compiler's warnings: those are the compiler's job, and a database's `-Wall -Wextra`
  // would bury the findings. `-w` wins over every `-W` flag and `#pragma`, before or
  // after it, and keeps `-Werror` from turning a warning into an error of ours.
  if (!Run.CompilerWarnings)
    Tool.appendArgumentsAdjuster(
        getInsertArgumentAdjuster("-w", ArgumentInsertPosition::END));
  if (Request.Contents)
    Tool.mapVirtualFile(Request.Path, *Request.Contents);
  if (Request.Diagnostics)
    Tool.setDiagnosticConsumer(Request.Diagnostics);
  CheckerActionFactory Factory(Run);
  // ClangTool returns 1 when a file failed to compile and 2 when one had no compile
  // command; both are input errors for our users.
  return Tool.run(&Factory) == 0;
}

} // namespace ownership::driver
