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

namespace ownership {

/// Whether a finding holds on every path or on some.
enum class Confidence { Definite, Maybe };

/// One event that made a finding wrong ("moved here").
struct Note {
  clang::SourceLocation Loc;
  std::string Message;
};

/// One problem found by a rule. Plain data: reporters need nothing else.
struct Finding {
  llvm::StringRef RuleId;             ///< "ownership-use-after-move"
  Confidence Level = Confidence::Definite;
  clang::SourceLocation Loc;          ///< the offending operation
  std::string Message;                ///< "'s' used after it was moved"
  llvm::SmallVector<Note, 2> Notes;   ///< the causes, in causal order
  std::string Function;               ///< the enclosing function, qualified
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

/// A Finding whose locations are resolved: safe to keep after the AST is destroyed.
struct ResolvedFinding {
  std::string RuleId;
  Confidence Level = Confidence::Definite;
  ResolvedLocation Loc;
  std::string Message;
  std::vector<ResolvedNote> Notes;
  std::string Function;
};

} // namespace ownership

#endif // OWNERSHIP_CHECKER_REPORT_FINDING_H
