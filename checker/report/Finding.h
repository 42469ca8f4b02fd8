//===- Finding.h - One problem found by a rule ----------------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Rules describe what they found as Findings, with AST locations; the sink turns them
// into ResolvedFindings (file, line, column, source text) before the AST goes away, and
// reporters render only those.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_REPORT_FINDING_H
#define OWNERSHIP_CHECKER_REPORT_FINDING_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace ownership::report {

/// Whether a finding holds on every path or on some.
enum class Confidence { Definite, Maybe };

/// One event that made a finding wrong ("moved here").
struct Note {
  clang::SourceLocation Loc;
  std::string Message;
};

/// One edit that fixes a finding, as clang's FixItHint: replace \c Range (a character
/// range in one file; empty to insert) with \c Text.
struct FixIt {
  clang::CharSourceRange Range;
  std::string Text;
};

/// One problem found by a rule. Plain data: reporters need nothing else.
struct Finding {
  llvm::StringRef RuleId;             ///< "ownership-use-after-move"
  Confidence Level = Confidence::Definite;
  clang::SourceLocation Loc;          ///< the offending operation
  std::string Message;                ///< "'s' used after it was moved"
  llvm::SmallVector<Note, 2> Notes;   ///< the causes, in causal order
  std::string Function;               ///< the enclosing function, qualified
  /// How the enclosing function is written in the source when a macro generated its
  /// name (`TEST_CASE("adds")`); empty otherwise. Set by the driver, for baselines.
  std::string FunctionAnchor;
  /// The edits that fix the finding, when one fix is obvious (`delete` -> `delete[]`).
  /// All of them or none are applied.
  llvm::SmallVector<FixIt, 1> Fixes;
};

/// A place in a file, resolved while the SourceManager was alive.
struct ResolvedLocation {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string SourceLine; ///< the text of that line, without its newline
  unsigned Offset = 0;    ///< byte offset in the file, for sorting
};

struct ResolvedNote {
  ResolvedLocation Loc;
  std::string Message;
};

/// A FixIt resolved to bytes: replace \c Length bytes at \c Offset of \c File.
struct ResolvedFix {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
};

/// A Finding whose locations are resolved: safe to keep after the AST is destroyed.
struct ResolvedFinding {
  std::string RuleId;
  Confidence Level = Confidence::Definite;
  ResolvedLocation Loc;
  std::string Message;
  std::vector<ResolvedNote> Notes;
  std::string Function;
  std::string FunctionAnchor; ///< see Finding::FunctionAnchor
  /// Empty when the finding has no fix-it, or when one of its edits could not be
  /// resolved to a file range (then applying part of it would break the code).
  std::vector<ResolvedFix> Fixes;
  /// Reported as an error rather than a warning (`--warnings-as-errors`, or a finding
  /// about the suppression comments themselves).
  bool IsError = false;
};

} // namespace ownership::report

#endif // OWNERSHIP_CHECKER_REPORT_FINDING_H
