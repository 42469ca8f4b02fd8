//===- Config.h - .ownership-checker.yaml ---------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// The configuration file, read with LLVM's YAML I/O. Like `.clang-tidy`, the file that
// applies to a source file is the nearest `.ownership-checker.yaml` in its directory or
// above; `InheritParentConfig: true` merges it over the next one up. The command line
// overrides what the files say. Only the front ends use this; rules see RuleOptions.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_CONFIG_CONFIG_H
#define OWNERSHIP_CHECKER_CONFIG_CONFIG_H

#include "checker/config/RuleOptions.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ownership::config {

/// The name of the configuration file looked for next to and above each source file.
inline constexpr llvm::StringLiteral ConfigFileName = ".ownership-checker.yaml";

/// What one configuration file says. Keys it does not set stay empty.
struct ConfigFile {
  std::optional<std::string> Checks;            ///< globs, appended to the defaults
  std::optional<std::string> WarningsAsErrors;  ///< globs
  std::optional<std::string> HeaderFilterRegex; ///< replaces the parent's
  std::optional<bool> SystemHeaders;            ///< replaces the parent's
  std::optional<bool> AnalyzeTestFailures;      ///< replaces the parent's
  std::optional<bool> InheritParentConfig;
  OptionMap CheckOptions; ///< `<rule-id>.<Option>: value`
  std::string Path;       ///< where it was read from; empty for the command line

  /// Parses \p Text, the contents of \p Path. Bad YAML, an unknown key or a value of
  /// the wrong kind is an error of one line: "PATH:LINE:COL: what is wrong". An
  /// unknown key says which key it is probably a typo of, or lists the keys.
  static llvm::Expected<ConfigFile> parse(llvm::StringRef Text, llvm::StringRef Path);
  /// Reads and parses the file at \p Path.
  static llvm::Expected<ConfigFile> read(llvm::StringRef Path);
};

/// The configuration in force for one source file: files and command line merged.
struct EffectiveConfig {
  std::string Checks = "ownership-*";
  std::string WarningsAsErrors;
  std::string HeaderFilterRegex;
  /// Whether system headers are treated as other headers (analysed when the header
  /// filter matches them), as clang-tidy's SystemHeaders.
  bool SystemHeaders = false;
  /// Whether the paths on which a test framework's assertion fails are analysed; off, a
  /// failure report ends its path (model::ModelOptions::AnalyzeTestFailures).
  bool AnalyzeTestFailures = false;
  OptionMap CheckOptions;
  /// The files it came from, nearest first (for messages).
  std::vector<std::string> Sources;

  /// Applies \p Over on top of this: Checks and WarningsAsErrors are appended (the last
  /// matching glob wins), HeaderFilterRegex, SystemHeaders, AnalyzeTestFailures and options are replaced
  /// when set.
  void apply(const ConfigFile &Over);
  /// Writes this as a configuration file that would give the same result.
  void dump(llvm::raw_ostream &OS) const;
};

/// The keys a configuration file may have.
llvm::ArrayRef<llvm::StringLiteral> configKeys();

/// The candidate nearest to \p Word when it is close enough to be a likely typo (a few
/// letters off, or a truncation of it), for "did you mean" hints; none otherwise.
std::optional<std::string> nearestSpelling(llvm::StringRef Word,
                                           llvm::ArrayRef<std::string> Candidates);

/// Finds and caches the configuration of each source file.
class ConfigProvider {
public:
  /// \p Explicit: the file given with --config-file (then no search happens).
  /// \p CommandLine: the options given on the command line, applied last.
  ConfigProvider(std::optional<std::string> Explicit, ConfigFile CommandLine)
      : Explicit(std::move(Explicit)), CommandLine(std::move(CommandLine)) {}

  /// The configuration for \p SourceFile, or the error of a file on the way.
  llvm::Expected<EffectiveConfig> configFor(llvm::StringRef SourceFile);

private:
  /// The nearest config file in \p Dir or above, parsed, with its parents merged when it
  /// inherits; nullptr when there is none.
  llvm::Expected<std::shared_ptr<EffectiveConfig>> fromDirectory(llvm::StringRef Dir);

  std::optional<std::string> Explicit;
  ConfigFile CommandLine;
  llvm::StringMap<std::shared_ptr<EffectiveConfig>> ByDirectory;
};

} // namespace ownership::config

#endif // OWNERSHIP_CHECKER_CONFIG_CONFIG_H
