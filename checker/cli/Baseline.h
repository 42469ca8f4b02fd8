//===- Baseline.h - Known findings, for adopting the tool on old code ------===//
//
// Part of ownership-checker, under the MIT license.
//
// `--write-baseline=FILE` records today's findings; `--baseline=FILE` hides them so
// that only new ones are reported. An entry is (rule id, file, enclosing function,
// message), without line numbers, so that edits elsewhere in the file keep it valid.
// A function whose name a macro generated (a test framework's `TEST_CASE("adds")`,
// named after __LINE__ or __COUNTER__) is recorded as the macro call that made it.
// Files are recorded relative to the baseline's directory, so a moved checkout works.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_CLI_BASELINE_H
#define OWNERSHIP_CHECKER_CLI_BASELINE_H

#include "checker/report/Finding.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace ownership::cli {

class Baseline {
public:
  /// Reads a baseline written by write(). A missing or malformed file is an error.
  static llvm::Expected<Baseline> read(llvm::StringRef Path);
  /// Writes \p Findings to \p OS as the baseline file at \p Path (whose directory the
  /// recorded file names are relative to).
  static void write(llvm::StringRef Path, llvm::ArrayRef<report::ResolvedFinding> Findings,
                    llvm::raw_ostream &OS);

  /// Removes from \p Findings those the baseline lists. An entry recorded N times hides
  /// at most N findings, so a second copy of a known bug in the same function shows.
  /// Returns how many were hidden.
  unsigned filter(std::vector<report::ResolvedFinding> &Findings) const;

private:
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  /// The finding's key; with \p ByName, keyed by the function's name even when a macro
  /// generated it (as baselines written before anchors were).
  static Key keyOf(const report::ResolvedFinding &F, llvm::StringRef BaseDir,
                   bool ByName = false);

  std::string BaseDir;
  std::map<Key, unsigned> Counts;
};

} // namespace ownership::cli

#endif // OWNERSHIP_CHECKER_CLI_BASELINE_H
