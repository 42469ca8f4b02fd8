//===- RuleOptions.cpp - Per-rule options from the configuration ----------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/config/RuleOptions.h"

#include "llvm/ADT/StringExtras.h"

namespace ownership::config {

RuleOptions::RuleOptions(llvm::StringRef Id, const OptionMap &All) : RuleId(Id.str()) {
  std::string Prefix = RuleId + ".";
  for (auto It = All.lower_bound(Prefix); It != All.end() && llvm::StringRef(It->first).starts_with(Prefix); ++It)
    Values.insert(*It);
}

const std::string *RuleOptions::find(llvm::StringRef Name) const {
  std::string Key = RuleId + "." + Name.str();
  Read.insert(Key);
  auto It = Values.find(Key);
  return It == Values.end() ? nullptr : &It->second;
}

std::string RuleOptions::get(llvm::StringRef Name, llvm::StringRef Default) const {
  const std::string *V = find(Name);
  return V ? *V : Default.str();
}

int64_t RuleOptions::getInt(llvm::StringRef Name, int64_t Default) const {
  const std::string *V = find(Name);
  if (!V)
    return Default;
  int64_t Result;
  if (llvm::StringRef(*V).trim().getAsInteger(10, Result)) {
    Diagnostics.push_back("invalid value '" + *V + "' for option '" + RuleId + "." + Name.str() +
                          "': expected an integer");
    return Default;
  }
  return Result;
}

bool RuleOptions::getBool(llvm::StringRef Name, bool Default) const {
  const std::string *V = find(Name);
  if (!V)
    return Default;
  std::string Lower = llvm::StringRef(*V).trim().lower();
  if (Lower == "true" || Lower == "1")
    return true;
  if (Lower == "false" || Lower == "0")
    return false;
  Diagnostics.push_back("invalid value '" + *V + "' for option '" + RuleId + "." + Name.str() +
                        "': expected true or false");
  return Default;
}

void RuleOptions::diagnose(llvm::StringRef Name, llvm::StringRef Value, llvm::StringRef Why) const {
  Diagnostics.push_back("invalid value '" + Value.str() + "' for option '" + RuleId + "." +
                        Name.str() + "': " + Why.str());
}

void RuleOptions::store(llvm::StringRef Name, llvm::StringRef Value) {
  Stored[RuleId + "." + Name.str()] = Value.str();
}

void RuleOptions::storeInt(llvm::StringRef Name, int64_t Value) { store(Name, llvm::itostr(Value)); }

void RuleOptions::storeBool(llvm::StringRef Name, bool Value) {
  store(Name, Value ? "true" : "false");
}

std::vector<std::string> RuleOptions::unreadKeys() const {
  std::vector<std::string> Keys;
  for (const auto &KV : Values)
    if (!Read.count(KV.first))
      Keys.push_back(KV.first);
  return Keys;
}

} // namespace ownership::config
