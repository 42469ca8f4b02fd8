//===- AnalysisTestSupport.cpp - Parse a snippet, analyse one function ----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/unittests/AnalysisTestSupport.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <iostream>

using namespace clang;

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;

namespace ownership {
namespace test {

const char *const AnalysisTest::Prelude = R"cpp(
#include <utility>

#define POINT(name) void("__ownership_point_" #name)
/// A resource whose move is not a copy.
struct Res {
  Res();
  Res(const Res &);
  Res(Res &&);
  Res &operator=(const Res &);
  Res &operator=(Res &&);
  ~Res();
  void read() const;
  void write();
};
struct Pair { Res first; Res second; };
struct Base { Res b; Base(); Base(Base &&); ~Base(); };
struct Derived : Base { Res d; };
void consume(Res);      // takes ownership: a move
void keep(const Res &); // borrows: std::move(x) moves nothing
void fill(Res &);       // out-parameter: gives x a new value
void fillPtr(Res *);    // out-parameter through an address
void sink(Res &&);      // body not visible: may consume
void consumePair(Pair);
bool cond();
int next();
[[noreturn]] void die();
)cpp";

std::vector<std::string> snippetArgs(std::vector<std::string> Extra) {
  std::vector<std::string> Args = {"-std=c++17", "-fsyntax-only", "-Wno-unused-value",
                                   "-resource-dir=" OWNERSHIP_CLANG_RESOURCE_DIR};
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  return Args;
}

namespace {

/// Fails the current test on any error diagnostic, so that a typo in a snippet is not
/// mistaken for an analysis result.
class ErrorCounter : public DiagnosticConsumer {
public:
  void HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
    llvm::SmallString<128> Message;
    Info.FormatDiagnostic(Message);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid())
      Where = Info.getLocation().printToString(Info.getSourceManager()) + ": ";
    ADD_FAILURE() << "snippet does not compile: " << Where << Message.str().str();
  }
};

class FunctionFinder : public RecursiveASTVisitor<FunctionFinder> {
public:
  explicit FunctionFinder(llvm::StringRef Name) : Name(Name) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!Found && FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
        (FD->getQualifiedNameAsString() == Name || FD->getNameAsString() == Name))
      Found = FD;
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *LE) {
    // Lambdas are visited in source order; the enclosing function's name tells which.
    if (!Lambda)
      if (const auto *Outer = dyn_cast_or_null<FunctionDecl>(
              LE->getLambdaClass()->getDeclContext()->getNonClosureAncestor()))
        if (Outer->getQualifiedNameAsString() == Name)
          Lambda = LE->getCallOperator();
    return true;
  }

  std::string Name;
  const FunctionDecl *Found = nullptr;
  const FunctionDecl *Lambda = nullptr;
};

} // namespace

std::unique_ptr<ASTUnit> parseSnippet(llvm::StringRef Code, std::vector<std::string> ExtraArgs) {
  return parseCode(std::string(AnalysisTest::Prelude) + "#line 1\n" + Code.str(),
                   std::move(ExtraArgs));
}

std::unique_ptr<ASTUnit> parseCode(llvm::StringRef Source, std::vector<std::string> ExtraArgs) {
  // The ASTUnit keeps a pointer to its diagnostic consumer: it must outlive the unit.
  static ErrorCounter Errors;
  return tooling::buildASTFromCodeWithArgs(
      Source, snippetArgs(std::move(ExtraArgs)), "input.cc", "ownership-unittests",
      std::make_shared<PCHContainerOperations>(), tooling::getClangStripDependencyFileAdjuster(),
      tooling::FileContentMappings(), &Errors);
}

const FunctionDecl *findFunction(ASTContext &Ctx, llvm::StringRef Name) {
  bool WantLambda = Name.consume_front("lambda-in:");
  FunctionFinder Finder(Name);
  Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
  return WantLambda ? Finder.Lambda : Finder.Found;
}

const char *describe(MoveStatus S) {
  switch (S) {
  case MoveStatus::Unreachable:
    return "unreachable";
  case MoveStatus::NotMoved:
    return "moved on no path";
  case MoveStatus::MovedOnSomePath:
    return "moved on some path only";
  case MoveStatus::MovedOnEveryPath:
    return "moved on every path";
  }
  return "?";
}

bool AnalysisTest::analyze(llvm::StringRef Code, llvm::StringRef Function,
                           std::vector<std::string> ExtraArgs) {
  FA.reset();
  Unit.reset();
  AST = parseSnippet(Code, std::move(ExtraArgs));
  if (!AST) {
    ADD_FAILURE() << "could not parse the snippet";
    return false;
  }
  const FunctionDecl *FD = findFunction(AST->getASTContext(), Function);
  if (!FD) {
    ADD_FAILURE() << "no function '" << Function.str() << "' with a body in the snippet";
    return false;
  }
  // The function's callees are summarised first, as in a run over the whole unit.
  Unit = std::make_unique<UnitAnalysis>(AST->getASTContext());
  FA = Unit->analyzeOne(FD);
  if (FA->isSkipped()) {
    ADD_FAILURE() << "function '" << Function.str() << "' was skipped: " << FA->skipReason().str();
    return false;
  }
  return true;
}

void AnalysisTest::TearDown() {
  if (HasFailure() && FA)
    std::cerr << dumpAll();
}

ObjectRef AnalysisTest::Object(llvm::StringRef Name) const {
  ObjectRef R{this, std::nullopt, Name.str()};
  if (!FA) {
    ADD_FAILURE() << "Object('" << R.Name << "') before analyze()";
    return R;
  }
  const ObjectTable &Objects = FA->objects();
  for (size_t I = 0; I < Objects.size(); ++I)
    if (Objects.name(ObjectID(I)) == Name) {
      R.Id = ObjectID(I);
      return R;
    }
  ADD_FAILURE() << "the function has no object '" << R.Name << "'";
  return R;
}

const TestPointFact *AnalysisTest::point(llvm::StringRef Name) const {
  const TestPointFact *Found = nullptr;
  if (FA)
    FA->forEachFact([&](const Fact &F) {
      if (const auto *TP = llvm::dyn_cast<TestPointFact>(&F))
        if (!Found && TP->getName() == Name)
          Found = TP;
    });
  if (!Found)
    ADD_FAILURE() << "the function has no test point '" << Name.str() << "'";
  return Found;
}

MoveStatus AnalysisTest::statusAt(ObjectID O, llvm::StringRef Point) const {
  const TestPointFact *TP = point(Point);
  const MoveAnalysis *Moves = FA ? FA->moves() : nullptr;
  if (!TP || !Moves)
    return MoveStatus::Unreachable;
  const MoveState *S = Moves->stateBefore(*TP);
  if (!S)
    return MoveStatus::Unreachable;
  const ObjectTable &Objects = FA->objects();
  O = Objects.resolveAlias(O);
  bool Some = false, Every = false;
  for (const auto &Entry : S->May)
    if (Objects.contains(Entry.first, O)) {
      Some = true;
      Every |= S->Must.contains(Entry.first);
    }
  return Every ? MoveStatus::MovedOnEveryPath
               : Some ? MoveStatus::MovedOnSomePath : MoveStatus::NotMoved;
}

std::vector<unsigned> AnalysisTest::moveLinesAt(ObjectID O, llvm::StringRef Point) const {
  std::vector<unsigned> Lines;
  const TestPointFact *TP = point(Point);
  const MoveAnalysis *Moves = FA ? FA->moves() : nullptr;
  if (!TP || !Moves)
    return Lines;
  const MoveState *S = Moves->stateBefore(*TP);
  if (!S)
    return Lines;
  O = FA->objects().resolveAlias(O);
  for (const auto &Entry : S->May)
    if (FA->objects().contains(Entry.first, O))
      for (const MoveFact *M : Entry.second)
        Lines.push_back(lineOf(M->getMoveCall()->getBeginLoc()));
  std::sort(Lines.begin(), Lines.end());
  return Lines;
}

std::vector<std::string> AnalysisTest::factsInOrder() const {
  std::vector<std::string> Out;
  if (!FA)
    return Out;
  PostOrderCFGView POV(&FA->cfg());
  for (const CFGBlock *B : POV)
    for (const Fact *F : FA->facts().factsOf(*B)) {
      std::string S;
      llvm::raw_string_ostream OS(S);
      F->dump(OS, FA->objects());
      Out.push_back(OS.str());
    }
  return Out;
}

unsigned AnalysisTest::lineOf(SourceLocation Loc) const {
  return AST->getSourceManager().getPresumedLineNumber(
      AST->getSourceManager().getFileLoc(Loc));
}

std::string AnalysisTest::dumpAll() const {
  std::string S;
  llvm::raw_string_ostream OS(S);
  if (!FA)
    return S;
  OS << "---- analysis of the failing test's function ----\n";
  FA->dump(OS, FunctionAnalysis::DumpKind::Cfg);
  FA->dump(OS, FunctionAnalysis::DumpKind::Facts);
  // Only the states these tests query: the dump of every pass's states is the core's to
  // keep working, and a crash there would hide the failure being reported.
  if (const MoveAnalysis *Moves = FA->moves()) {
    OS << "moved-from states at block entries:\n";
    Moves->dump(OS);
  }
  return OS.str();
}

void PrintTo(const ObjectRef &O, std::ostream *OS) { *OS << "'" << O.Name << "'"; }

namespace {

class MoveStatusMatcher : public ::testing::MatcherInterface<const ObjectRef &> {
public:
  MoveStatusMatcher(std::string Point, MoveStatus Want) : Point(std::move(Point)), Want(Want) {}

  bool MatchAndExplain(const ObjectRef &O,
                       ::testing::MatchResultListener *Listener) const override {
    if (!O.Test || !O.Id) {
      *Listener << "which is not an object of the function";
      return false;
    }
    MoveStatus Got = O.Test->statusAt(*O.Id, Point);
    *Listener << "which is " << describe(Got) << " at '" << Point << "'";
    return Got == Want;
  }
  void DescribeTo(std::ostream *OS) const override {
    *OS << "is " << describe(Want) << " at '" << Point << "'";
  }
  void DescribeNegationTo(std::ostream *OS) const override {
    *OS << "is not " << describe(Want) << " at '" << Point << "'";
  }

private:
  std::string Point;
  MoveStatus Want;
};

} // namespace

::testing::Matcher<const ObjectRef &> IsMovedFromAt(std::string Point) {
  return ::testing::MakeMatcher(new MoveStatusMatcher(std::move(Point), MoveStatus::MovedOnEveryPath));
}
::testing::Matcher<const ObjectRef &> MayBeMovedFromAt(std::string Point) {
  return ::testing::MakeMatcher(new MoveStatusMatcher(std::move(Point), MoveStatus::MovedOnSomePath));
}
::testing::Matcher<const ObjectRef &> IsOwnedAt(std::string Point) {
  return ::testing::MakeMatcher(new MoveStatusMatcher(std::move(Point), MoveStatus::NotMoved));
}

} // namespace test
} // namespace ownership
