//===- ConditionLowering.h - What a branch condition stands for -----------===//
//
// Part of ownership-checker, under the MIT license.
//
// A branch often tests a value computed earlier rather than the test itself: a `bool`
// local (`bool ok = p != nullptr; if (!ok) return;`), an object that keeps a bool and
// converts back to it (a test framework's `AssertionResult`), a function that returns its
// bool argument (`if (!Check(p != nullptr)) return;`). ConditionSources follows such a
// value back to the expression it was computed from, when that expression still has the
// same value at the branch: the heap lowering then lowers the null test it finds there.
// What a constructor, a conversion or a function does is read from its visible body.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_CONDITIONLOWERING_H
#define OWNERSHIP_CHECKER_LOWERING_CONDITIONLOWERING_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace ownership::lowering {

/// Follows the values branch conditions test back to where they were computed; see the
/// file comment. One per function body.
class ConditionSources {
public:
  ConditionSources(const clang::FunctionDecl *FD, clang::ASTContext &Ctx) : FD(FD), Ctx(Ctx) {}

  /// The expression whose truth \p E (a condition, parentheses and implicit casts
  /// stripped) has, when E is
  ///  - a `bool` local of this function, never written after its initializer;
  ///  - the conversion to bool of an object whose constructor stores one of its arguments
  ///    in a member that the conversion returns (the object a const local, or a temporary);
  ///  - a call of a function whose every return gives back one of its bool parameters, or
  ///    of a bool function without a visible body fed a null test (opaqueCheckParam());
  /// and every local the expression reads is not written after it was evaluated. Null
  /// otherwise.
  const clang::Expr *lookThrough(const clang::Expr *E);

  /// A comparison of an integer local with a constant, for a ValueTest fact.
  struct ValueTest {
    const clang::VarDecl *Var;
    int64_t Value;
    bool EqualOnTrue;
    std::optional<int64_t> Known; ///< Var's constant initializer
    /// Var takes one value per call: a parameter, or a local declared outside every loop
    /// of a body without `goto`.
    bool OncePerCall;
  };
  /// \p Cond (logical operators already stripped) as a ValueTest, when it compares a local
  /// or parameter of integer, enumeration or bool type, never written after its
  /// initialization and whose address is not taken, with an integer constant: `y == 0`,
  /// `y != 3`, `!y`, `y`.
  std::optional<ValueTest> valueTest(const clang::Expr *Cond);

  /// A test of the integer or bool result of a call, for a KeepTest fact.
  struct ResultTest {
    const clang::CallExpr *Call;
    int64_t Value;
    /// The "true" branch is taken when `result Op Value`: BO_EQ, BO_NE, or (for a
    /// signed or bool result) BO_LT, BO_LE, BO_GT, BO_GE.
    clang::BinaryOperatorKind Op;
  };
  /// \p Cond (logical operators already stripped) as a test of the integer, enumeration
  /// or bool result of a call: `f()`, `!f()`, `f() == K`, `f() != K`, `f() < K` (and the
  /// other orderings, for a signed or bool result), also through the values lookThrough()
  /// follows (`bool ok = f(); if (!ok)`, `int rc = f(); if (rc < 0)`).
  std::optional<ResultTest> resultTest(const clang::Expr *Cond);

  /// True when local \p V is written (assigned, incremented, its address taken, bound to
  /// a non-const reference, captured by reference) after \p After.
  bool writtenAfter(const clang::VarDecl *V, clang::SourceLocation After);

private:
  /// The call that initialised the local \p E names (of the call's result type), when
  /// the local is never written afterwards (`bool added = reg.add(p);`).
  const clang::CallExpr *resultLocal(const clang::Expr *E);
  /// \p BO, a comparison of a call's result (or of a local resultLocal() follows) with a
  /// constant, as a ResultTest; negated when \p Flip.
  std::optional<ResultTest> comparedResult(const clang::BinaryOperator *BO, bool Flip);
  /// The local \p E reads, through conversions that keep every value, when it is one that
  /// valueTest() may follow.
  const clang::VarDecl *valueReadOf(const clang::Expr *E);
  /// The expressions a named value was computed from: the initializer of a bool local.
  const clang::Expr *throughLocal(const clang::DeclRefExpr *Ref);
  const clang::Expr *throughConversion(const clang::CXXMemberCallExpr *Call);
  const clang::Expr *throughCall(const clang::CallExpr *Call);
  /// The argument of \p Construct that its constructor stores in \p Field, if it does.
  const clang::Expr *storedArgument(const clang::CXXConstructExpr *Construct,
                                    const clang::FieldDecl *Field);
  /// True when \p Source reads only locals of this function that are not written after
  /// \p After (the end of the declaration whose initializer it is).
  bool stableSince(const clang::Expr *Source, clang::SourceLocation After);
  void indexWrites();
  /// True when \p V is declared once per call: a parameter, or a local outside every loop
  /// of a body without `goto` (a loop or a jump back may declare it again, with another
  /// value, after a branch tested it).
  bool declaredOncePerCall(const clang::VarDecl *V);

  const clang::FunctionDecl *FD;
  clang::ASTContext &Ctx;
  bool Indexed = false;
  /// Per local: where it may be written. A captured-by-reference local has an invalid
  /// location in its list: written anywhere.
  llvm::DenseMap<const clang::VarDecl *, llvm::SmallVector<clang::SourceLocation, 2>> Writes;
  /// The source ranges of the body's loops; HasGoto when it jumps anywhere by `goto`.
  llvm::SmallVector<clang::SourceRange, 4> Loops;
  bool HasGoto = false;
};

/// The parameter index \p Def gives back on every return, when each of its return
/// statements returns that bool parameter unchanged (through conversions that keep its
/// truth) and the body never writes it.
std::optional<unsigned> returnedBoolParam(const clang::FunctionDecl *Def);

/// The parameter a bool function without a visible body is assumed to give back: its one
/// bool parameter, when \p Args passes a pointer's null test there (`Check(p != nullptr,
/// __FILE__, __LINE__)`: a home-grown test framework's check that records a failure and
/// returns its condition). Documented in the leak rule's limits.
std::optional<unsigned> opaqueCheckParam(const clang::FunctionDecl *Callee,
                                         llvm::ArrayRef<const clang::Expr *> Args);

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_CONDITIONLOWERING_H
