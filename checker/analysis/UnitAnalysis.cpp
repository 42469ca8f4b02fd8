//===- UnitAnalysis.cpp - The analysis of one translation unit ------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/analysis/UnitAnalysis.h"

#include "checker/analysis/SummaryBuilder.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

#include <deque>

using namespace ownership::model;
using namespace ownership::passes;

using namespace clang;

namespace ownership::analysis {

/// A function of the unit's call graph: one asked for, or a callee whose summary a
/// caller's lowering reads.
struct UnitAnalysis::Node {
  const FunctionDecl *Def;
  SummaryParts Parts;
  bool Requested = false;
  /// Some other function of the graph calls it: its summary is needed.
  bool HasCallers = false;
  std::vector<Node *> Callees;
  // Tarjan's strongly connected components.
  int Index = -1;
  int Low = 0;
  bool OnStack = false;
};

namespace {

/// Collects the callees of one body whose summaries the lowering of that body may read:
/// every call, operator call and construction, in the body and in constructor
/// initializers and default arguments, but not inside lambdas (analysed on their own).
class CalleeCollector : public RecursiveASTVisitor<CalleeCollector> {
public:
  explicit CalleeCollector(llvm::function_ref<void(const FunctionDecl *)> Add) : Add(Add) {}

  bool VisitStmt(Stmt *S) {
    if (std::optional<CallSite> Site = getCallSite(S))
      if (const FunctionDecl *Def = summarizableDefinition(Site->Callee))
        if (summaryPartsFor(Def).any())
          Add(Def);
    // An object constructed here dies here too: its destructor tells what it releases.
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      if (const CXXRecordDecl *RD = Construct->getType()->getAsCXXRecordDecl())
        if (const FunctionDecl *Def = summarizableDefinition(RD->getDestructor()))
          if (summaryPartsFor(Def).any())
            Add(Def);
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *LE) {
    for (Expr *Init : LE->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }
  bool TraverseCXXDefaultArgExpr(CXXDefaultArgExpr *E) { return TraverseStmt(E->getExpr()); }
  bool TraverseCXXDefaultInitExpr(CXXDefaultInitExpr *E) { return TraverseStmt(E->getExpr()); }

private:
  llvm::function_ref<void(const FunctionDecl *)> Add;
};

} // namespace

/// Builds the call graph reachable from the functions asked for and orders it bottom-up:
/// Tarjan's algorithm, iterative so that long call chains cannot exhaust the stack, gives
/// the strongly connected components callees first, and within a component the order in
/// which a depth-first search finishes its functions.
class UnitAnalysis::Scheduler {
public:
  std::vector<Node *> order(llvm::ArrayRef<const FunctionDecl *> Roots) {
    std::vector<Node *> RootNodes;
    for (const FunctionDecl *FD : Roots) {
      Node &N = nodeFor(FD);
      N.Requested = true;
      RootNodes.push_back(&N);
    }
    for (Node *R : RootNodes)
      if (R->Index < 0)
        visit(*R);
    return std::move(Order);
  }

private:
  Node &nodeFor(const FunctionDecl *Def) {
    Node *&Slot = ByDecl[Def];
    if (!Slot) {
      Nodes.push_back(Node{Def, summaryPartsFor(Def)});
      Slot = &Nodes.back();
    }
    return *Slot;
  }

  void discover(Node &N) {
    N.Index = N.Low = NextIndex++;
    N.OnStack = true;
    Stack.push_back(&N);
    llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
    auto Add = [&](const FunctionDecl *Def) {
      if (Def == N.Def || !Seen.insert(Def).second)
        return;
      Node &C = nodeFor(Def);
      C.HasCallers = true;
      N.Callees.push_back(&C);
    };
    CalleeCollector Collector(Add);
    Collector.TraverseStmt(N.Def->getBody());
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(N.Def))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getInit())
          Collector.TraverseStmt(Init->getInit());
  }

  void visit(Node &Root) {
    struct Frame {
      Node *N;
      size_t Next = 0;
    };
    std::vector<Frame> Frames;
    discover(Root);
    Frames.push_back({&Root});
    while (!Frames.empty()) {
      Frame &F = Frames.back();
      if (F.Next < F.N->Callees.size()) {
        Node *C = F.N->Callees[F.Next++];
        if (C->Index < 0) {
          discover(*C);
          Frames.push_back({C});
        } else if (C->OnStack) {
          F.N->Low = std::min(F.N->Low, C->Index);
        }
        continue;
      }
      Node *N = F.N;
      Frames.pop_back();
      if (!Frames.empty())
        Frames.back().N->Low = std::min(Frames.back().N->Low, N->Low);
      if (N->Low != N->Index)
        continue;
      // N roots a component: its members are above it on the stack, the last finished
      // first, as a depth-first search would finish them.
      Node *Member;
      do {
        Member = Stack.pop_back_val();
        Member->OnStack = false;
        Order.push_back(Member);
      } while (Member != N);
    }
  }

  std::deque<Node> Nodes; // stable addresses
  llvm::DenseMap<const FunctionDecl *, Node *> ByDecl;
  llvm::SmallVector<Node *, 16> Stack;
  std::vector<Node *> Order;
  int NextIndex = 0;
};

UnitAnalysis::UnitAnalysis(ASTContext &Ctx, const AnalysisLimits &Limits, ModelOptions Options)
    : Ctx(Ctx), Model(Ctx, this, std::move(Options)), Classes(Model), Unit{Model, Limits, &Classes} {}

UnitAnalysis::~UnitAnalysis() = default;

const FunctionSummary *UnitAnalysis::summaryOf(const FunctionDecl *Def) const {
  auto It = Summaries.find(Def);
  return It == Summaries.end() ? nullptr : It->second.get();
}

std::unique_ptr<FunctionAnalysis>
UnitAnalysis::process(Node &N, bool Keep,
                      llvm::function_ref<void(const FunctionAnalysis &)> OnAnalysed) {
  bool WantSummary = N.HasCallers && N.Parts.any();
  // Only the heap part needs the function's own dataflow; the others read its body.
  std::unique_ptr<FunctionAnalysis> FA;
  if (N.Requested || Keep || (WantSummary && N.Parts.Heap))
    FA = std::make_unique<FunctionAnalysis>(N.Def, Ctx, Unit);
  if (N.Requested && !Keep && OnAnalysed)
    OnAnalysed(*FA);
  if (WantSummary)
    Summaries[N.Def] =
        std::make_unique<FunctionSummary>(summarize(N.Def, N.Parts, FA.get(), Model));
  return Keep ? std::move(FA) : nullptr;
}

void UnitAnalysis::run(llvm::ArrayRef<const FunctionDecl *> Functions,
                       llvm::function_ref<void(const FunctionAnalysis &)> OnAnalysed) {
  Scheduler S;
  for (Node *N : S.order(Functions))
    if (!Summaries.count(N->Def) || N->Requested)
      process(*N, /*Keep=*/false, OnAnalysed);
}

std::unique_ptr<FunctionAnalysis> UnitAnalysis::analyzeOne(const FunctionDecl *FD) {
  Scheduler S;
  std::unique_ptr<FunctionAnalysis> Result;
  for (Node *N : S.order({FD})) {
    bool IsFD = N->Def == FD;
    if (IsFD)
      N->Requested = false; // kept, not handed over
    std::unique_ptr<FunctionAnalysis> FA = process(*N, IsFD, nullptr);
    if (IsFD)
      Result = std::move(FA);
  }
  return Result;
}

const TypeOwnershipGraph &UnitAnalysis::typeOwnership() const {
  if (!Types)
    Types = std::make_unique<TypeOwnershipGraph>(Ctx);
  return *Types;
}

} // namespace ownership::analysis
