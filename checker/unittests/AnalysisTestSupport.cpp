//===- AnalysisTestSupport.cpp - Parse a snippet, analyse one function ----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/unittests/AnalysisTestSupport.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>
#include <functional>
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

const char *describe(FreedStatus S) {
  switch (S) {
  case FreedStatus::Unreachable:
    return "unreachable";
  case FreedStatus::NotFreed:
    return "freed on no path";
  case FreedStatus::FreedOnSomePath:
    return "freed on some path only";
  case FreedStatus::FreedOnEveryPath:
    return "freed on every path";
  }
  return "?";
}

const char *describe(OwnedStatus S) {
  switch (S) {
  case OwnedStatus::Unreachable:
    return "unreachable";
  case OwnedStatus::NotOwned:
    return "owned on no path";
  case OwnedStatus::OwnedOnSomePath:
    return "owned on some path only";
  case OwnedStatus::OwnedOnEveryPath:
    return "owned on every path";
  }
  return "?";
}

const char *describe(LoanStatus S) {
  switch (S) {
  case LoanStatus::Unreachable:
    return "unreachable";
  case LoanStatus::NotHeld:
    return "holding no such loan";
  case LoanStatus::Live:
    return "holding it, ended on no path";
  case LoanStatus::EndedOnSomePath:
    return "holding it, ended on some path only";
  case LoanStatus::EndedOnEveryPath:
    return "holding it, ended on every path";
  }
  return "?";
}

bool AnalysisTest::analyze(llvm::StringRef Code, llvm::StringRef Function,
                           std::vector<std::string> ExtraArgs) {
  FA.reset();
  Unit.reset();
  UsedHeap = UsedBorrows = false;
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

ObjectRef AnalysisTest::Allocation(llvm::StringRef Spelling) const {
  ObjectRef R{this, std::nullopt, Spelling.str()};
  if (!FA) {
    ADD_FAILURE() << "Allocation('" << R.Name << "') before analyze()";
    return R;
  }
  const ObjectTable &Objects = FA->objects();
  unsigned Found = 0;
  for (size_t I = 0; I < Objects.size(); ++I) {
    const StorageNode &N = Objects.node(ObjectID(I));
    if (N.K == StorageNode::Kind::HeapSite && N.Site && spellingOf(N.Site) == Spelling) {
      R.Id = ObjectID(I);
      ++Found;
    }
  }
  if (Found != 1) {
    ADD_FAILURE() << "the function has " << Found << " allocations spelled '" << R.Name
                  << "', not one";
    R.Id.reset();
  }
  return R;
}

const HeapAnalysis *AnalysisTest::heap() const {
  UsedHeap = true;
  const HeapAnalysis *H = FA ? FA->heap() : nullptr;
  if (!H)
    ADD_FAILURE() << "the heap pass did not run";
  return H;
}

const char *const AnalysisTest::Exit = "(exit)";

const HeapState *AnalysisTest::heapStateAt(llvm::StringRef Point) const {
  const HeapAnalysis *H = heap();
  if (!H)
    return nullptr;
  if (Point == Exit)
    return H->exitState();
  const TestPointFact *TP = point(Point);
  return TP ? H->stateBefore(*TP) : nullptr;
}

const BorrowState *AnalysisTest::borrowStateAt(llvm::StringRef Point) const {
  const BorrowAnalysis *B = borrows();
  // Without borrows the pass does not run: it has no states at all.
  if (!B || !B->hasBorrows())
    return nullptr;
  if (Point == Exit)
    return B->stateAtEntry(FA->cfg().getExit());
  const TestPointFact *TP = point(Point);
  return TP ? B->stateBefore(*TP) : nullptr;
}

std::vector<std::string> AnalysisTest::releasesAt(llvm::StringRef Pointer,
                                                  llvm::StringRef Point) const {
  std::vector<std::string> Out;
  ObjectRef P = Object(Pointer);
  const HeapState *S = heapStateAt(Point);
  if (!P.Id || !S)
    return Out;
  const HeapState::ReleaseSet *Releases = S->Dangling.lookup(FA->objects().resolveAlias(*P.Id));
  if (!Releases)
    return Out;
  std::vector<const Fact *> Sorted(Releases->begin(), Releases->end());
  sortBySource(AST->getSourceManager(), Sorted);
  for (const Fact *F : Sorted)
    Out.push_back(llvm::cast<ReleaseFact>(F)->getReleaser().str() + " line " +
                  std::to_string(lineOf(F->getStmt()->getBeginLoc())));
  return Out;
}

llvm::SmallVector<Pointee, 2> AnalysisTest::memoryOf(const HeapState &S, ObjectID O) const {
  llvm::SmallVector<Pointee, 2> Out;
  O = FA->objects().resolveAlias(O);
  if (FA->objects().node(O).K == StorageNode::Kind::HeapSite) {
    Out.push_back({Pointee::Kind::Heap, O});
    return Out;
  }
  for (const Pointee &P : heap()->pointsTo(S, O))
    Out.push_back(P);
  return Out;
}

FreedStatus AnalysisTest::freedStatusAt(ObjectID O, llvm::StringRef Point) const {
  const HeapState *S = heapStateAt(Point);
  if (!S)
    return FreedStatus::Unreachable;
  O = FA->objects().resolveAlias(O);
  bool Some, Every;
  if (FA->objects().node(O).K == StorageNode::Kind::HeapSite) {
    Pointee Block{Pointee::Kind::Heap, O};
    Some = S->Freed.lookup(Block) != nullptr;
    Every = S->MustFreed.contains(Block);
  } else {
    Some = S->Dangling.lookup(O) != nullptr;
    Every = S->MustDangling.contains(O);
  }
  return Every  ? FreedStatus::FreedOnEveryPath
         : Some ? FreedStatus::FreedOnSomePath
                : FreedStatus::NotFreed;
}

OwnedStatus AnalysisTest::ownedStatusAt(ObjectID O, llvm::StringRef Point) const {
  const HeapState *S = heapStateAt(Point);
  if (!S)
    return OwnedStatus::Unreachable;
  llvm::SmallVector<Pointee, 2> Memory = memoryOf(*S, O);
  bool Some = false, Every = Memory.size() == 1;
  for (const Pointee &P : Memory) {
    bool IsHeap = P.K == Pointee::Kind::Heap;
    Some |= IsHeap && S->Live.contains(P.Obj);
    Every &= IsHeap && S->MustLive.contains(P.Obj);
  }
  return Every  ? OwnedStatus::OwnedOnEveryPath
         : Some ? OwnedStatus::OwnedOnSomePath
                : OwnedStatus::NotOwned;
}

bool AnalysisTest::escapedAt(ObjectID O, llvm::StringRef Point) const {
  const HeapState *S = heapStateAt(Point);
  if (!S)
    return false;
  return llvm::any_of(memoryOf(*S, O), [&](const Pointee &P) { return S->Escaped.contains(P); });
}

std::string AnalysisTest::describePointee(const Pointee &P) const {
  const ObjectTable &Objects = FA->objects();
  switch (P.K) {
  case Pointee::Kind::Null:
    return "null";
  case Pointee::Kind::Heap: {
    const StorageNode &N = Objects.node(P.Obj);
    return "heap:" + (N.Site ? spellingOf(N.Site) : Objects.name(P.Obj));
  }
  case Pointee::Kind::NonHeap:
    return "&" + Objects.name(P.Obj);
  case Pointee::Kind::Entry:
    return "entry:" + Objects.name(P.Obj);
  case Pointee::Kind::Opaque:
    return "opaque:" + Objects.name(P.Obj);
  case Pointee::Kind::Unknown:
    return "unknown";
  }
  return "?";
}

std::vector<std::string> AnalysisTest::pointsToAt(llvm::StringRef Pointer,
                                                  llvm::StringRef Point) const {
  std::vector<std::string> Out;
  ObjectRef P = Object(Pointer);
  const HeapState *S = heapStateAt(Point);
  if (!P.Id || !S)
    return Out;
  for (const Pointee &T : heap()->pointsTo(*S, FA->objects().resolveAlias(*P.Id)))
    Out.push_back(describePointee(T));
  std::sort(Out.begin(), Out.end());
  return Out;
}

std::vector<std::string> AnalysisTest::releaseOffsets() const {
  std::vector<std::string> Out;
  const HeapAnalysis *H = heap();
  if (!H)
    return Out;
  std::vector<const ReleaseFact *> Releases;
  FA->forEachFact([&](const Fact &F) {
    if (const auto *R = llvm::dyn_cast<ReleaseFact>(&F);
        R && R->getMode() != ReleaseFact::Mode::Adopt)
      Releases.push_back(R);
  });
  sortBySource(AST->getSourceManager(), Releases);
  for (const ReleaseFact *R : Releases) {
    std::optional<int64_t> Offset = H->releaseOffset(*R);
    Out.push_back(R->getReleaser().str() + " line " +
                  std::to_string(lineOf(R->getStmt()->getBeginLoc())) + ": " +
                  (Offset ? std::to_string(*Offset) : std::string("unknown")));
  }
  return Out;
}

std::vector<std::string> AnalysisTest::lostAllocations() const {
  std::vector<std::pair<unsigned, std::string>> Lines;
  const HeapAnalysis *H = heap();
  if (!H)
    return {};
  const ObjectTable &Objects = FA->objects();
  FA->forEachFact([&](const Fact &F) {
    for (const LostAllocation &L : H->lostAt(F)) {
      const char *How = "overwrite";
      SourceLocation Where = F.getStmt()->getBeginLoc();
      if (llvm::isa<ScopeEndFact>(F)) {
        How = llvm::isa<ReturnStmt>(F.getStmt()) ? "return" : "scope end";
        // A scope's end is its closing brace.
        if (!llvm::isa<ReturnStmt>(F.getStmt()))
          Where = F.getStmt()->getEndLoc();
      }
      unsigned Line = lineOf(Where);
      std::string Text = spellingOf(L.Acquire->getAllocExpr()) + " by " +
                         (L.Owner ? Objects.name(*L.Owner) : std::string("-")) + ": " + How +
                         " line " + std::to_string(Line) +
                         (L.OnEveryPath ? " (every path)" : " (some path)");
      Lines.push_back({Line, std::move(Text)});
    }
  });
  std::sort(Lines.begin(), Lines.end());
  std::vector<std::string> Out;
  for (auto &Entry : Lines)
    Out.push_back(std::move(Entry.second));
  return Out;
}

const BorrowAnalysis *AnalysisTest::borrows() const {
  UsedBorrows = true;
  const BorrowAnalysis *B = FA ? FA->borrows() : nullptr;
  if (!B)
    ADD_FAILURE() << "the borrow pass did not run";
  return B;
}

LoanStatus AnalysisTest::loanStatusAt(ObjectID Borrower, llvm::StringRef Owner,
                                      llvm::StringRef Point) const {
  const BorrowState *S = borrowStateAt(Point);
  if (!S) {
    const BorrowAnalysis *B = borrows();
    bool Reachable = B && !B->hasBorrows() && (Point == Exit || point(Point));
    return Reachable ? LoanStatus::NotHeld : LoanStatus::Unreachable;
  }
  const BorrowState::LoanSet *Held = S->Origins.lookup(FA->objects().resolveAlias(Borrower));
  LoanStatus Best = LoanStatus::NotHeld;
  if (!Held)
    return Best;
  for (const Loan *L : *Held) {
    if (FA->objects().name(L->Owner) != Owner)
      continue;
    LoanStatus This = S->MustDead.contains(L) ? LoanStatus::EndedOnEveryPath
                      : S->Dead.lookup(L)     ? LoanStatus::EndedOnSomePath
                                              : LoanStatus::Live;
    // Live before ended on some path before ended on every path.
    if (Best == LoanStatus::NotHeld || This < Best)
      Best = This;
  }
  return Best;
}

std::vector<std::string> AnalysisTest::loansAt(llvm::StringRef Borrower,
                                               llvm::StringRef Point) const {
  std::vector<std::string> Out;
  ObjectRef R = Object(Borrower);
  const BorrowState *S = borrowStateAt(Point);
  if (!R.Id || !S)
    return Out;
  const BorrowState::LoanSet *Held = S->Origins.lookup(FA->objects().resolveAlias(*R.Id));
  if (!Held)
    return Out;
  for (const Loan *L : *Held)
    Out.push_back(FA->objects().name(L->Owner) +
                  (S->MustDead.contains(L) ? " (ended)"
                   : S->Dead.lookup(L)     ? " (maybe ended)"
                                           : ""));
  std::sort(Out.begin(), Out.end());
  return Out;
}

std::vector<std::string> AnalysisTest::storedAt(llvm::StringRef Point) const {
  std::vector<std::string> Out;
  const BorrowState *S = borrowStateAt(Point);
  if (!S)
    return Out;
  const ObjectTable &Objects = FA->objects();
  for (const auto &[Place, Loans] : S->Stored) {
    const BorrowState::LoanSet *Must = S->MustStored.lookup(Place);
    for (const Loan *L : Loans)
      Out.push_back(Objects.name(Place) + " <- " + Objects.name(L->Owner) +
                    (Must && Must->contains(L) ? "" : " (some path)"));
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

std::string AnalysisTest::spellingOf(const Expr *E) const {
  const SourceManager &SM = AST->getSourceManager();
  CharSourceRange Range = CharSourceRange::getTokenRange(E->getSourceRange());
  return Lexer::getSourceText(Range, SM, AST->getLangOpts()).str();
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
  if (const HeapAnalysis *H = UsedHeap ? FA->heapIfRun() : nullptr) {
    OS << "heap states at block entries:\n";
    H->dump(OS);
  }
  // The borrow pass ran (and is cached) if a test asked for it; without borrows it has no
  // states to print.
  if (const BorrowAnalysis *B = UsedBorrows ? FA->borrows() : nullptr; B && B->hasBorrows()) {
    OS << "borrow states at block entries:\n";
    B->dump(OS);
  }
  return OS.str();
}

void PrintTo(const ObjectRef &O, std::ostream *OS) { *OS << "'" << O.Name << "'"; }

//===----------------------------------------------------------------------===//
// UnitAnalysisTest
//===----------------------------------------------------------------------===//

namespace {

/// Collects function bodies as the driver does: template instantiations and lambdas too.
class DefinitionCollector : public RecursiveASTVisitor<DefinitionCollector> {
public:
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    add(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *LE) {
    add(LE->getCallOperator());
    return true;
  }
  std::vector<const FunctionDecl *> Functions;

private:
  void add(const FunctionDecl *FD) {
    if (FD && FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
        !FD->isInvalidDecl() && Seen.insert(FD).second)
      Functions.push_back(FD);
  }
  llvm::DenseSet<const FunctionDecl *> Seen;
};

/// Collects the call sites of one body, in source order, not those in lambdas.
class CallCollector : public RecursiveASTVisitor<CallCollector> {
public:
  bool VisitStmt(Stmt *S) {
    if (std::optional<CallSite> Site = getCallSite(S))
      Sites.push_back(*Site);
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  std::vector<CallSite> Sites;
};

/// The callee's name as a test spells it: `free`, `reset`, `unique_ptr`, `S::get`.
bool calleeNamed(const FunctionDecl *Callee, llvm::StringRef Name) {
  if (!Callee)
    return false;
  std::string Plain = Callee->getNameAsString();
  // A constructor of a class template specialization prints its template arguments.
  llvm::StringRef Short = llvm::StringRef(Plain).split('<').first;
  return Short == Name || Callee->getQualifiedNameAsString() == Name;
}

} // namespace

bool UnitAnalysisTest::parse(llvm::StringRef Code, std::vector<std::string> ExtraArgs) {
  Unit.reset();
  AST = parseSnippet(Code, std::move(ExtraArgs));
  if (!AST) {
    ADD_FAILURE() << "could not parse the snippet";
    return false;
  }
  Unit = std::make_unique<UnitAnalysis>(AST->getASTContext());
  return true;
}

std::vector<const FunctionDecl *> UnitAnalysisTest::snippetFunctions() const {
  DefinitionCollector Collector;
  Collector.TraverseDecl(AST->getASTContext().getTranslationUnitDecl());
  const SourceManager &SM = AST->getSourceManager();
  // The snippet starts after the prelude and its `#line 1`.
  unsigned SnippetStart = std::strlen(AnalysisTest::Prelude);
  std::vector<const FunctionDecl *> Out;
  for (const FunctionDecl *FD : Collector.Functions) {
    SourceLocation Loc = SM.getExpansionLoc(FD->getLocation());
    if (SM.isWrittenInMainFile(Loc) && SM.getFileOffset(Loc) >= SnippetStart)
      Out.push_back(FD);
  }
  return Out;
}

const FunctionDecl *UnitAnalysisTest::function(llvm::StringRef Name) const {
  const FunctionDecl *FD = findFunction(AST->getASTContext(), Name);
  if (!FD)
    ADD_FAILURE() << "no function '" << Name.str() << "' with a body in the snippet";
  return FD;
}

std::vector<std::string> UnitAnalysisTest::runAll() {
  std::vector<std::string> Names;
  Unit->run(snippetFunctions(), [&](const FunctionAnalysis &FA) {
    Names.push_back(FA.decl()->getQualifiedNameAsString());
  });
  return Names;
}

std::vector<CallSite> UnitAnalysisTest::callsIn(llvm::StringRef Caller) const {
  const FunctionDecl *FD = function(Caller);
  if (!FD)
    return {};
  CallCollector Collector;
  Collector.TraverseStmt(FD->getBody());
  return std::move(Collector.Sites);
}

std::optional<CallSite> UnitAnalysisTest::callTo(llvm::StringRef Callee, llvm::StringRef Caller,
                                                 unsigned Nth) const {
  for (const CallSite &Site : callsIn(Caller))
    if (calleeNamed(Site.Callee, Callee) && Nth-- == 0)
      return Site;
  ADD_FAILURE() << "'" << Caller.str() << "' has no such call to '" << Callee.str() << "'";
  return std::nullopt;
}

CallEffects UnitAnalysisTest::effectsOf(llvm::StringRef Callee, llvm::StringRef Caller,
                                        unsigned Nth) const {
  std::optional<CallSite> Site = callTo(Callee, Caller, Nth);
  return Site ? model().effectsOf(*Site) : CallEffects();
}

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

namespace {

/// A matcher of ObjectRefs by a check that also says what it found.
class RefMatcher : public ::testing::MatcherInterface<const ObjectRef &> {
public:
  /// Returns whether the object matches, and in \p Got what it is.
  using Check = std::function<bool(const AnalysisTest &, const ObjectRef &, std::string &Got)>;
  RefMatcher(std::string Description, Check C) : Description(std::move(Description)), C(C) {}

  bool MatchAndExplain(const ObjectRef &O,
                       ::testing::MatchResultListener *Listener) const override {
    if (!O.Test || !O.Id) {
      *Listener << "which is not an object of the function";
      return false;
    }
    std::string Got;
    bool Ok = C(*O.Test, O, Got);
    *Listener << "which is " << Got;
    return Ok;
  }
  void DescribeTo(std::ostream *OS) const override { *OS << "is " << Description; }
  void DescribeNegationTo(std::ostream *OS) const override { *OS << "is not " << Description; }

private:
  std::string Description;
  Check C;
};

::testing::Matcher<const ObjectRef &> makeRefMatcher(std::string Description, RefMatcher::Check C) {
  return ::testing::MakeMatcher(new RefMatcher(std::move(Description), std::move(C)));
}

::testing::Matcher<const ObjectRef &> freedMatcher(std::string Point, FreedStatus Want) {
  std::string Description = std::string(describe(Want)) + " at '" + Point + "'";
  return makeRefMatcher(Description, [=](const AnalysisTest &T, const ObjectRef &O,
                                         std::string &Got) {
    FreedStatus S = T.freedStatusAt(*O.Id, Point);
    Got = std::string(describe(S)) + " at '" + Point + "'";
    return S == Want;
  });
}

::testing::Matcher<const ObjectRef &> ownedMatcher(std::string Point, OwnedStatus Want) {
  std::string Description = std::string(describe(Want)) + " at '" + Point + "'";
  return makeRefMatcher(Description, [=](const AnalysisTest &T, const ObjectRef &O,
                                         std::string &Got) {
    OwnedStatus S = T.ownedStatusAt(*O.Id, Point);
    Got = std::string(describe(S)) + " at '" + Point + "'";
    return S == Want;
  });
}

::testing::Matcher<const ObjectRef &> loanMatcher(std::string Owner, std::string Point,
                                                  std::string Description,
                                                  std::function<bool(LoanStatus)> Accept) {
  Description += " on '" + Owner + "' at '" + Point + "'";
  return makeRefMatcher(Description, [=](const AnalysisTest &T, const ObjectRef &O,
                                         std::string &Got) {
    LoanStatus S = T.loanStatusAt(*O.Id, Owner, Point);
    Got = std::string(describe(S)) + " on '" + Owner + "' at '" + Point + "'";
    return Accept(S);
  });
}

} // namespace

::testing::Matcher<const ObjectRef &> PointsToHeapAt(std::string Point) {
  return makeRefMatcher("pointing to an allocation at '" + Point + "'",
                        [=](const AnalysisTest &T, const ObjectRef &O, std::string &Got) {
                          std::vector<std::string> Targets = T.pointsToAt(O.Name, Point);
                          Got = "pointing to {" + llvm::join(Targets, ", ") + "}";
                          return llvm::any_of(Targets, [](const std::string &S) {
                            return llvm::StringRef(S).starts_with("heap:");
                          });
                        });
}
::testing::Matcher<const ObjectRef &> IsFreedAt(std::string Point) {
  return freedMatcher(std::move(Point), FreedStatus::FreedOnEveryPath);
}
::testing::Matcher<const ObjectRef &> MayBeFreedAt(std::string Point) {
  return freedMatcher(std::move(Point), FreedStatus::FreedOnSomePath);
}
::testing::Matcher<const ObjectRef &> IsNotFreedAt(std::string Point) {
  return freedMatcher(std::move(Point), FreedStatus::NotFreed);
}
::testing::Matcher<const ObjectRef &> IsOwnedMemoryAt(std::string Point) {
  return ownedMatcher(std::move(Point), OwnedStatus::OwnedOnEveryPath);
}
::testing::Matcher<const ObjectRef &> MayBeOwnedMemoryAt(std::string Point) {
  return ownedMatcher(std::move(Point), OwnedStatus::OwnedOnSomePath);
}
::testing::Matcher<const ObjectRef &> IsNotOwnedMemoryAt(std::string Point) {
  return ownedMatcher(std::move(Point), OwnedStatus::NotOwned);
}
::testing::Matcher<const ObjectRef &> HasEscapedAt(std::string Point) {
  return makeRefMatcher("escaped on some path to '" + Point + "'",
                        [=](const AnalysisTest &T, const ObjectRef &O, std::string &Got) {
                          bool Escaped = T.escapedAt(*O.Id, Point);
                          Got = Escaped ? "escaped" : "not escaped";
                          return Escaped;
                        });
}

::testing::Matcher<const ObjectRef &> HoldsLoanOn(std::string Owner, std::string Point) {
  return loanMatcher(std::move(Owner), std::move(Point), "holding a loan",
                     [](LoanStatus S) { return S != LoanStatus::NotHeld && S != LoanStatus::Unreachable; });
}
::testing::Matcher<const ObjectRef &> HoldsLiveLoanOn(std::string Owner, std::string Point) {
  return loanMatcher(std::move(Owner), std::move(Point), "holding a live loan",
                     [](LoanStatus S) { return S == LoanStatus::Live; });
}
::testing::Matcher<const ObjectRef &> LoanEndedAt(std::string Owner, std::string Point) {
  return loanMatcher(std::move(Owner), std::move(Point), "holding a loan ended on every path",
                     [](LoanStatus S) { return S == LoanStatus::EndedOnEveryPath; });
}
::testing::Matcher<const ObjectRef &> LoanMayHaveEndedAt(std::string Owner, std::string Point) {
  return loanMatcher(std::move(Owner), std::move(Point),
                     "holding a loan ended on some path only",
                     [](LoanStatus S) { return S == LoanStatus::EndedOnSomePath; });
}

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
