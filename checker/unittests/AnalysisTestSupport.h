//===- AnalysisTestSupport.h - Parse a snippet, analyse one function ------===//
//
// Part of ownership-checker, under the MIT license.
//
// The fixture the core's unit tests share: it parses a C++ snippet with the real standard
// library, builds the FunctionAnalysis of one function, and lets tests name objects
// (`Object("s")`) and test points (`POINT(moved)`, lowered to TestPointFacts) and ask for
// the moved-from state there with gmock matchers. When a test fails, TearDown() prints the
// function's CFG, ownership graph, facts and states.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_UNITTESTS_ANALYSISTESTSUPPORT_H
#define OWNERSHIP_CHECKER_UNITTESTS_ANALYSISTESTSUPPORT_H

#include "checker/analysis/FunctionAnalysis.h"
#include "checker/analysis/UnitAnalysis.h"

#include "clang/Frontend/ASTUnit.h"
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

  /// The line of \p Loc in the snippet.
  unsigned lineOf(clang::SourceLocation Loc) const;

  /// The CFG, graph, facts and states, for failure messages.
  std::string dumpAll() const;

private:
  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<UnitAnalysis> Unit;
  std::unique_ptr<FunctionAnalysis> FA;
};

/// Matches an ObjectRef moved-from on every path to the test point.
::testing::Matcher<const ObjectRef &> IsMovedFromAt(std::string Point);
/// Matches an ObjectRef moved-from on some path to the test point, but not on all.
::testing::Matcher<const ObjectRef &> MayBeMovedFromAt(std::string Point);
/// Matches an ObjectRef moved-from on no path to the (reachable) test point.
::testing::Matcher<const ObjectRef &> IsOwnedAt(std::string Point);

/// Prints an ObjectRef as its name, for gmock's messages.
void PrintTo(const ObjectRef &O, std::ostream *OS);

} // namespace test
} // namespace ownership

#endif // OWNERSHIP_CHECKER_UNITTESTS_ANALYSISTESTSUPPORT_H
