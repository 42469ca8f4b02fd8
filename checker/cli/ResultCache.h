//===- ResultCache.h - Findings of unchanged translation units, remembered -===//
//
// Part of ownership-checker, under the MIT license.
//
// A re-run over an unchanged tree should cost next to nothing. The result of analysing a
// translation unit depends on the tool (its binary), the effective configuration, the
// compile command and the contents of every file the preprocessor read: together, the
// preprocessed translation unit. Like ccache's direct mode, an entry is found by a key of
// everything but the file contents, and holds the list of files read with a hash of each;
// the entry is used only when every one of them still hashes the same, so a changed
// header re-analyses exactly the translation units that include it.
//
// Not covered: a new header that would now be found earlier on the include path, or one
// that `__has_include` did not find before, without any recorded file changing.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_CLI_RESULTCACHE_H
#define OWNERSHIP_CHECKER_CLI_RESULTCACHE_H

#include "checker/report/Finding.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace ownership::cli {

/// What one translation unit's analysis produced, as the cache keeps it.
struct CachedAnalysis {
  std::vector<report::ResolvedFinding> Findings;
  /// Lines the analysis printed on standard error (functions over their budget), to be
  /// printed again on a hit.
  std::vector<std::string> LimitNotes;
};

/// The JSON form of a finding and of a note, as cache entries hold them; the language
/// server's analysis process hands its results back in it too. fromJson() returns false
/// for a value that is not one.
llvm::json::Value toJson(const report::ResolvedFinding &F);
llvm::json::Value toJson(const report::ResolvedNote &N);
bool fromJson(const llvm::json::Value &V, report::ResolvedFinding &F, llvm::json::Path P);
bool fromJson(const llvm::json::Value &V, report::ResolvedNote &N, llvm::json::Path P);

class ResultCache {
public:
  /// Entries live under \p Dir, created when the first one is stored.
  explicit ResultCache(std::string Dir) : Dir(std::move(Dir)) {}

  /// The default directory: `<user cache dir>/ownership-checker/results`; empty when the
  /// system has none.
  static std::string defaultDirectory();

  /// A key of everything but the input files' contents that decides the analysis: the
  /// tool's identity, the configuration in force, the compile command.
  static std::string key(llvm::ArrayRef<std::string> Parts);

  /// The identity of the running executable (\p Version, its path, size and time stamp),
  /// so that a rebuilt tool misses every entry; empty when it cannot be found (then
  /// nothing should be cached). \p MainAddr is the address of a function in it.
  static std::string toolIdentity(llvm::StringRef Version, void *MainAddr);

  /// The analysis stored under \p Key when every file it read is unchanged.
  std::optional<CachedAnalysis> lookup(llvm::StringRef Key) const;

  /// Stores \p Result under \p Key with the hashes of \p Inputs, the files it read.
  /// Failures (a full disk, a read-only directory) only cost the next run its hit.
  void store(llvm::StringRef Key, llvm::ArrayRef<std::string> Inputs,
             const CachedAnalysis &Result) const;

private:
  std::string entryPath(llvm::StringRef Key) const;

  std::string Dir;
};

} // namespace ownership::cli

#endif // OWNERSHIP_CHECKER_CLI_RESULTCACHE_H
