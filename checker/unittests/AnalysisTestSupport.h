//===- AnalysisTestSupport.h - Parse a snippet, analyse one function ------===//
//
// Part of ownership-checker, under the MIT license.
//
// The fixtures the core's unit tests share. AnalysisTest parses a C++ snippet with the real
// standard library, builds the FunctionAnalysis of one function, and lets tests name objects
// (`Object("s")`, `Allocation("malloc(4)")`) and test points (`POINT(moved)`, lowered to
// TestPointFacts) and ask for the moved-from, heap and borrow states there with gmock
// matchers. When a test fails, TearDown() prints the function's CFG, facts and the states
// the test asked for. UnitAnalysisTest analyses a whole snippet, for the call-effects
// model and the summaries.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_UNITTESTS_ANALYSISTESTSUPPORT_H
#define OWNERSHIP_CHECKER_UNITTESTS_ANALYSISTESTSUPPORT_H

#include "checker/analysis/FunctionAnalysis.h"
#include "checker/analysis/UnitAnalysis.h"

#include "clang/Frontend/ASTUnit.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;

namespace ownership {
namespace test {

/// Compiler arguments for snippets: C++17 and clang-19's builtin headers.
std::vector<std::string> snippetArgs(std::vector<std::string> Extra = {});

/// Parses \p Code as the whole file `input.cc` and reports a test failure for any error.
std::unique_ptr<clang::ASTUnit> parseCode(llvm::StringRef Code,
                                          std::vector<std::string> ExtraArgs = {});
/// Like parseCode, with AnalysisTest's prelude first; `#line 1` makes the snippet's lines
/// count from 1 for presumed locations.
std::unique_ptr<clang::ASTUnit> parseSnippet(llvm::StringRef Code,
                                             std::vector<std::string> ExtraArgs = {});

/// The definition of the function called \p Name (qualified names like `S::m` work), or
/// of the call operator of the only lambda in the function \p Name when \p Name is
/// `lambda-in:F`. Null when there is none.
const clang::FunctionDecl *findFunction(clang::ASTContext &Ctx, llvm::StringRef Name);

class AnalysisTest;

/// An object of the analysed function, as a test names it; the matchers below read it.
struct ObjectRef {
  const AnalysisTest *Test = nullptr;
  std::optional<ObjectID> Id;
  std::string Name;
};

/// Where a point stands with respect to one object in the moved-from state.
enum class MoveStatus { Unreachable, NotMoved, MovedOnSomePath, MovedOnEveryPath };
const char *describe(MoveStatus S);

/// Whether a pointer dangles (its memory was released), or an allocation was released.
enum class FreedStatus { Unreachable, NotFreed, FreedOnSomePath, FreedOnEveryPath };
const char *describe(FreedStatus S);

/// Whether the function still owns an allocation (allocated, not released, not handed on).
enum class OwnedStatus { Unreachable, NotOwned, OwnedOnSomePath, OwnedOnEveryPath };
const char *describe(OwnedStatus S);

/// Whether a borrower holds a loan on an owner, and whether that loan has ended.
enum class LoanStatus { Unreachable, NotHeld, Live, EndedOnSomePath, EndedOnEveryPath };
const char *describe(LoanStatus S);

class AnalysisTest : public ::testing::Test {
public:
  /// The default prelude: `POINT(name)`, `<utility>`, and `Res`, a class whose move is
  /// not a copy, with the functions that consume, read or fill one.
  static const char *const Prelude;

protected:
  /// Parses Prelude + \p Code and analyses the function \p Function (see findFunction).
  /// Returns false (after reporting a failure) when that is not possible.
  bool analyze(llvm::StringRef Code, llvm::StringRef Function = "target",
               std::vector<std::string> ExtraArgs = {});

  void TearDown() override;

public:
  /// The analysis of the last analyze(). Precondition: analyze() returned true.
  const FunctionAnalysis &fa() const { return *FA; }

  /// The object a user would call \p Name (`s`, `p.name`, `this->buf_`); a test failure
  /// when the function has no such object.
  ObjectRef Object(llvm::StringRef Name) const;

  /// The test point called \p Name; null (and a test failure) when there is none.
  const TestPointFact *point(llvm::StringRef Name) const;

  /// The moved-from status of \p O just before test point \p Point. An object counts as
  /// moved when it, or an object containing it, is.
  MoveStatus statusAt(ObjectID O, llvm::StringRef Point) const;

  /// The source lines of the moves of \p O (or of an object containing it) that reach
  /// test point \p Point, sorted.
  std::vector<unsigned> moveLinesAt(ObjectID O, llvm::StringRef Point) const;

  /// Every fact of the function as `Kind name`, blocks in reverse post-order (that is,
  /// evaluation order for straight-line code), facts in block order.
  std::vector<std::string> factsInOrder() const;

  /// The name of the point where a function returns (the exit block's entry), for the
  /// heap and borrow queries.
  static const char *const Exit;

  // Heap states. An ObjectRef names either a pointer or an allocation (Allocation()).

  /// The heap site of the allocation spelled \p Spelling in the snippet (`malloc(4)`,
  /// `new int(1)`); a test failure when there is not exactly one.
  ObjectRef Allocation(llvm::StringRef Spelling) const;
  /// The heap pass's results; null (and a test failure) when the pass did not run.
  const HeapAnalysis *heap() const;
  /// For a pointer: whether it dangles. For an allocation: whether it was released.
  FreedStatus freedStatusAt(ObjectID O, llvm::StringRef Point) const;
  /// For an allocation: whether it is still owned. For a pointer: whether the memory it
  /// points to is (on every path: it points to one allocation, owned on every path).
  OwnedStatus ownedStatusAt(ObjectID O, llvm::StringRef Point) const;
  /// True when the memory \p O is, or points to, was handed elsewhere on some path.
  bool escapedAt(ObjectID O, llvm::StringRef Point) const;
  /// What pointer \p Pointer may point to just before \p Point, sorted: `null`,
  /// `heap:malloc(4)` (by the allocation's spelling), `&x`, `entry:p`, `opaque:p`, `unknown`.
  std::vector<std::string> pointsToAt(llvm::StringRef Pointer, llvm::StringRef Point) const;
  /// The releases that left \p Pointer dangling before \p Point, in source order, as
  /// `free line 5` (the releaser as the user spells it: `delete`, `adopted`, a helper).
  std::vector<std::string> releasesAt(llvm::StringRef Pointer, llvm::StringRef Point) const;
  /// Every allocation that HeapAnalysis::lostAt() says a fact loses, in source order, as
  /// `malloc(4) by p: scope end line 5 (every path)`; the loss is a `scope end`, a
  /// `return` (a scope end at a return statement) or an `overwrite`.
  std::vector<std::string> lostAllocations() const;
  /// Every release (not adoption) with HeapAnalysis::releaseOffset(), in source order, as
  /// `free line 6: 1` (elements past the block's start) or `free line 6: unknown`.
  std::vector<std::string> releaseOffsets() const;

  // Borrow states. Owners are named as ObjectTable::name() prints them (`s`, `temporary`).

  /// The borrow pass's results; null (and a test failure) when the pass did not run.
  const BorrowAnalysis *borrows() const;
  /// Whether \p Borrower holds a loan on \p Owner just before \p Point and whether it has
  /// ended; with several such loans, the most alive one counts.
  LoanStatus loanStatusAt(ObjectID Borrower, llvm::StringRef Owner, llvm::StringRef Point) const;
  /// The owners of the loans \p Borrower holds just before \p Point, sorted, each with
  /// ` (ended)` or ` (maybe ended)` when it has.
  std::vector<std::string> loansAt(llvm::StringRef Borrower, llvm::StringRef Point) const;
  /// The loans stored into places outside the frame just before \p Point, sorted, as
  /// `g <- x` (on every path) or `g <- x (some path)`.
  std::vector<std::string> storedAt(llvm::StringRef Point) const;

  /// The line of \p Loc in the snippet.
  unsigned lineOf(clang::SourceLocation Loc) const;
  /// The source text of \p E.
  std::string spellingOf(const clang::Expr *E) const;
  /// \p P as pointsToAt() prints it.
  std::string describePointee(const Pointee &P) const;

  /// The CFG, graph, facts and states, for failure messages.
  std::string dumpAll() const;

private:
  /// The state just before test point \p Point; null when it is unreachable or the
  /// pass did not run.
  const HeapState *heapStateAt(llvm::StringRef Point) const;
  const BorrowState *borrowStateAt(llvm::StringRef Point) const;
  /// The memory an ObjectRef stands for in \p S: an allocation's block, or what a pointer
  /// points to.
  llvm::SmallVector<Pointee, 2> memoryOf(const HeapState &S, ObjectID O) const;

  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<UnitAnalysis> Unit;
  std::unique_ptr<FunctionAnalysis> FA;
  /// The passes a test asked for, whose states dumpAll() prints.
  mutable bool UsedHeap = false, UsedBorrows = false;
};

/// For tests of the analysis of a whole snippet: its UnitAnalysis, its call sites and the
/// call-effects model's answers about them.
class UnitAnalysisTest : public ::testing::Test {
protected:
  /// Parses Prelude + \p Code and builds the unit's analysis (nothing analysed yet).
  bool parse(llvm::StringRef Code, std::vector<std::string> ExtraArgs = {});

  /// The functions with bodies that the snippet (not the prelude) defines, lambdas and
  /// template instantiations included, in source order: what the driver would analyse.
  std::vector<const clang::FunctionDecl *> snippetFunctions() const;
  /// The definition of \p Name (see findFunction); a test failure when there is none.
  const clang::FunctionDecl *function(llvm::StringRef Name) const;
  /// Runs the unit over snippetFunctions() and returns the qualified names of the
  /// functions handed to the callback, in order.
  std::vector<std::string> runAll();

  /// The calls, operator calls and constructions in \p Caller's body (not in its
  /// lambdas), in source order.
  std::vector<CallSite> callsIn(llvm::StringRef Caller) const;
  /// The \p Nth call, operator call or construction in \p Caller's body whose callee is
  /// called \p Callee (`free`, `reset`, `unique_ptr`, `S::get`); a test failure when there
  /// is none.
  std::optional<CallSite> callTo(llvm::StringRef Callee, llvm::StringRef Caller = "target",
                                 unsigned Nth = 0) const;
  /// The model's answer for callTo(Callee, Caller, Nth); empty effects when there is no such call.
  CallEffects effectsOf(llvm::StringRef Callee, llvm::StringRef Caller = "target",
                        unsigned Nth = 0) const;

  UnitAnalysis &unit() { return *Unit; }
  const CallEffectsModel &model() const { return Unit->model(); }
  clang::ASTContext &context() const { return AST->getASTContext(); }

private:
  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<UnitAnalysis> Unit;
};

/// Matches an ObjectRef moved-from on every path to the test point.
::testing::Matcher<const ObjectRef &> IsMovedFromAt(std::string Point);
/// Matches an ObjectRef moved-from on some path to the test point, but not on all.
::testing::Matcher<const ObjectRef &> MayBeMovedFromAt(std::string Point);
/// Matches an ObjectRef moved-from on no path to the (reachable) test point.
::testing::Matcher<const ObjectRef &> IsOwnedAt(std::string Point);

/// Matches a pointer that may point to some allocation at the test point.
::testing::Matcher<const ObjectRef &> PointsToHeapAt(std::string Point);
/// Matches a pointer that dangles on every path to the test point, or an allocation
/// released on every path.
::testing::Matcher<const ObjectRef &> IsFreedAt(std::string Point);
/// ... on some path, but not on all.
::testing::Matcher<const ObjectRef &> MayBeFreedAt(std::string Point);
/// ... on no path to the (reachable) test point.
::testing::Matcher<const ObjectRef &> IsNotFreedAt(std::string Point);
/// Matches an allocation (or a pointer to one) the function owns on every path to the
/// test point.
::testing::Matcher<const ObjectRef &> IsOwnedMemoryAt(std::string Point);
/// ... on some path, but not on all.
::testing::Matcher<const ObjectRef &> MayBeOwnedMemoryAt(std::string Point);
/// ... on no path to the (reachable) test point.
::testing::Matcher<const ObjectRef &> IsNotOwnedMemoryAt(std::string Point);
/// Matches an allocation (or a pointer whose memory) was handed elsewhere on some path.
::testing::Matcher<const ObjectRef &> HasEscapedAt(std::string Point);

/// Matches a borrower holding a loan on \p Owner at the test point, ended or not.
::testing::Matcher<const ObjectRef &> HoldsLoanOn(std::string Owner, std::string Point);
/// Matches a borrower holding a loan on \p Owner that has not ended on any path.
::testing::Matcher<const ObjectRef &> HoldsLiveLoanOn(std::string Owner, std::string Point);
/// Matches a borrower holding a loan on \p Owner that ended on every path.
::testing::Matcher<const ObjectRef &> LoanEndedAt(std::string Owner, std::string Point);
/// Matches a borrower holding a loan on \p Owner that ended on some path, not on all.
::testing::Matcher<const ObjectRef &> LoanMayHaveEndedAt(std::string Owner, std::string Point);

/// Prints an ObjectRef as its name, for gmock's messages.
void PrintTo(const ObjectRef &O, std::ostream *OS);

} // namespace test
} // namespace ownership

#endif // OWNERSHIP_CHECKER_UNITTESTS_ANALYSISTESTSUPPORT_H
