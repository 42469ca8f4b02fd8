//===- PathEnds.cpp - Calls that end their path ---------------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// The part of the call-effects model that says whether a call returns at all: declared
// noreturn, a library model's NoReturn (the C library's exits, models/c.yaml, and a
// project's own `die`), a body whose every path ends (from its summary), and a
// test framework's report of a failed assertion, which ends the path unless the paths of
// failed assertions are followed (ModelOptions::AnalyzeTestFailures).
//===----------------------------------------------------------------------===//
#include "checker/model/CallEffects.h"

#include "checker/model/CLibrary.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace ownership::model {
namespace {

/// True when \p DC is namespace \p Inner directly inside namespace \p Outer (or, with an
/// empty \p Outer, directly inside the global namespace), through inline namespaces.
bool isNamespace(const DeclContext *DC, llvm::StringRef Inner, llvm::StringRef Outer) {
  while (DC && DC->isInlineNamespace())
    DC = DC->getParent();
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(DC);
  if (!NS || NS->getName() != Inner)
    return false;
  const DeclContext *Parent = NS->getParent();
  while (Parent && Parent->isInlineNamespace())
    Parent = Parent->getParent();
  if (Outer.empty())
    return Parent && Parent->isTranslationUnit();
  return isNamespace(Parent, Outer, "");
}

} // namespace

bool isTestFailureReport(const FunctionDecl *Callee) {
  // GoogleTest: `::testing::internal::AssertHelper(type, file, line, msg) = ::testing::Message()`
  // ends the failure branch of every assertion (GTEST_MESSAGE_AT_); a fatal one returns
  // right after it.
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!M || M->getOverloadedOperator() != OO_Equal)
    return false;
  const CXXRecordDecl *RD = M->getParent();
  return RD->getIdentifier() && RD->getName() == "AssertHelper" &&
         isNamespace(RD->getDeclContext(), "internal", "testing");
}

bool CallEffectsModel::neverReturns(const FunctionDecl *Callee) const {
  if (!Callee)
    return false;
  // isNoReturn() covers `[[noreturn]]`, `_Noreturn`, `__attribute__((noreturn))` and a
  // noreturn function type; the CFG ends such calls' blocks already. analyzer_noreturn is
  // the Clang Static Analyzer's: the compiler may not assume it, but the path still ends.
  if (Callee->isNoReturn() || Callee->hasAttr<AnalyzerNoReturnAttr>())
    return true;
  // C libraries whose headers do not declare their exits noreturn, and a project's own.
  if (const FunctionModel *Model = cFunctionModel(Options.Libraries, Callee);
      Model && Model->NoReturn)
    return true;
  if (!Options.AnalyzeTestFailures && isTestFailureReport(Callee))
    return true;
  const auto *M = dyn_cast<CXXMethodDecl>(Callee);
  if (M && M->isVirtual())
    return false; // another override may return
  const FunctionSummary *Sum = summaryOf(Callee);
  return Sum && Sum->NoReturn;
}

} // namespace ownership::model
