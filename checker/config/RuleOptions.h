//===- RuleOptions.h - Per-rule options from the configuration ------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Options work like clang-tidy's check options: a rule reads `<rule-id>.<Name>` with a
// default in its constructor, and writes its values back for --dump-config. A bad value
// becomes a configuration diagnostic and the default is kept.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_CONFIG_RULEOPTIONS_H
#define OWNERSHIP_CHECKER_CONFIG_RULEOPTIONS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ownership::config {

/// Option values by full key ("ownership-use-after-move.ReinitFunctions"), sorted so
/// that --dump-config is deterministic.
using OptionMap = std::map<std::string, std::string>;

/// The options of one rule: what the configuration says, and what the rule stores back.
class RuleOptions {
public:
  /// \p Values may hold other rules' options too; only `<RuleId>.*` is seen.
  RuleOptions(llvm::StringRef RuleId, const OptionMap &Values);

  llvm::StringRef ruleId() const { return RuleId; }

  /// The value of `<rule-id>.<Name>`, or \p Default when it is not configured.
  std::string get(llvm::StringRef Name, llvm::StringRef Default) const;
  /// An integer option. A value that is not an integer is diagnosed; \p Default is kept.
  int64_t getInt(llvm::StringRef Name, int64_t Default) const;
  /// A boolean option: true/false (any case) or 1/0. Anything else is diagnosed.
  bool getBool(llvm::StringRef Name, bool Default) const;

  /// Diagnoses a value of `<rule-id>.<Name>` that a rule parses itself:
  /// "invalid value 'x' for option 'r.N': <Why>".
  void diagnose(llvm::StringRef Name, llvm::StringRef Value, llvm::StringRef Why) const;

  /// Records the value the rule uses, for --dump-config.
  void store(llvm::StringRef Name, llvm::StringRef Value);
  void storeInt(llvm::StringRef Name, int64_t Value);
  void storeBool(llvm::StringRef Name, bool Value);
  /// What store*() recorded, by full key.
  const OptionMap &stored() const { return Stored; }

  /// One line per bad value: "invalid value 'x' for option 'r.N': expected an integer".
  llvm::ArrayRef<std::string> diagnostics() const { return Diagnostics; }
  /// The configured `<rule-id>.*` keys that no get*() asked for: options the rule does
  /// not have (a typo, or an option of another version).
  std::vector<std::string> unreadKeys() const;

private:
  const std::string *find(llvm::StringRef Name) const;

  std::string RuleId;
  OptionMap Values; ///< only this rule's keys
  OptionMap Stored;
  mutable std::set<std::string> Read;
  mutable std::vector<std::string> Diagnostics;
};

} // namespace ownership::config

#endif // OWNERSHIP_CHECKER_CONFIG_RULEOPTIONS_H
