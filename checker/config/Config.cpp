//===- Config.cpp - .ownership-checker.yaml -------------------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/config/Config.h"
#include "checker/support/YamlDiagnostic.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"

#include <algorithm>


namespace llvm {
namespace yaml {

template <> struct CustomMappingTraits<ownership::config::OptionMap> {
  static void inputOne(IO &IO, StringRef Key, ownership::config::OptionMap &Map) {
    IO.mapRequired(Key.str().c_str(), Map[Key.str()]);
  }
  static void output(IO &IO, ownership::config::OptionMap &Map) {
    for (auto &[Key, Value] : Map)
      IO.mapRequired(Key.c_str(), Value);
  }
};

template <> struct MappingTraits<ownership::config::ConfigFile> {
  static void mapping(IO &IO, ownership::config::ConfigFile &C) {
    IO.mapOptional("Checks", C.Checks);
    IO.mapOptional("WarningsAsErrors", C.WarningsAsErrors);
    IO.mapOptional("HeaderFilterRegex", C.HeaderFilterRegex);
    IO.mapOptional("SystemHeaders", C.SystemHeaders);
    IO.mapOptional("AnalyzeTestFailures", C.AnalyzeTestFailures);
    IO.mapOptional("InheritParentConfig", C.InheritParentConfig);
    IO.mapOptional("CheckOptions", C.CheckOptions);
    IO.mapOptional("ModelFiles", C.ModelFiles);
  }
};

} // namespace yaml
} // namespace llvm

namespace ownership::config {
namespace {

using support::FirstDiagnostic;

llvm::Error configError(llvm::StringRef Path, const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), (Path + ": " + Message).str());
}

std::string appendGlobs(llvm::StringRef Base, llvm::StringRef More) {
  // The last matching glob decides, so an earlier copy of a glob that appears again
  // later changes nothing: drop it, so that a dumped configuration read back gives the
  // same text.
  llvm::SmallVector<llvm::StringRef, 16> Parts, Kept;
  Base.split(Parts, ',', -1, /*KeepEmpty=*/false);
  More.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (size_t I = 0; I < Parts.size(); ++I) {
    llvm::StringRef P = Parts[I].trim();
    if (P.empty())
      continue;
    bool Later = std::any_of(Parts.begin() + I + 1, Parts.end(),
                             [&](llvm::StringRef Q) { return Q.trim() == P; });
    if (!Later)
      Kept.push_back(P);
  }
  return llvm::join(Kept, ",");
}

/// After YAML I/O's "unknown key 'HeaderFilter'": "; did you mean 'HeaderFilterRegex'?"
/// when a key is close, else the list of keys, so that the fix is on the same line.
std::string unknownKeyHint(llvm::StringRef Message) {
  llvm::StringRef Key = Message;
  if (!Key.consume_front("unknown key '") || !Key.consume_back("'"))
    return "";
  std::vector<std::string> Keys;
  for (llvm::StringRef K : configKeys())
    Keys.push_back(K.str());
  if (std::optional<std::string> Near = nearestSpelling(Key, Keys))
    return "; did you mean '" + *Near + "'?";
  return "; the keys are " + llvm::join(Keys, ", ");
}

} // namespace

llvm::ArrayRef<llvm::StringLiteral> configKeys() {
  static constexpr llvm::StringLiteral Keys[] = {"Checks", "WarningsAsErrors",
                                                 "HeaderFilterRegex", "SystemHeaders",
                                                 "AnalyzeTestFailures", "InheritParentConfig",
                                                 "CheckOptions", "ModelFiles"};
  return Keys;
}

std::optional<std::string> nearestSpelling(llvm::StringRef Word,
                                           llvm::ArrayRef<std::string> Candidates) {
  std::optional<std::string> Best;
  unsigned BestDistance = ~0u;
  std::string Lower = Word.lower();
  for (const std::string &Candidate : Candidates) {
    std::string CLower = llvm::StringRef(Candidate).lower();
    unsigned Distance = llvm::StringRef(Lower).edit_distance(CLower);
    // A truncation ("HeaderFilter" for "HeaderFilterRegex") is likely however many
    // letters are missing; otherwise a third of the word may be wrong.
    bool Truncated = Lower.size() >= 4 && llvm::StringRef(CLower).starts_with(Lower);
    bool Close = Distance <= std::max<size_t>(2, Word.size() / 3);
    if ((Close || Truncated) && Distance < BestDistance) {
      Best = Candidate;
      BestDistance = Distance;
    }
  }
  return Best;
}

llvm::Expected<ConfigFile> ConfigFile::parse(llvm::StringRef Text, llvm::StringRef Path) {
  ConfigFile C;
  C.Path = Path.str();
  // An empty file (or one with comments only) is an empty configuration, not an error.
  bool OnlyComments = true;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.trim();
    if (!L.empty() && !L.starts_with("#") && L != "---" && L != "...")
      OnlyComments = false;
  }
  if (OnlyComments)
    return C;
  FirstDiagnostic Diag;
  llvm::yaml::Input In(Text, nullptr, FirstDiagnostic::handle, &Diag);
  In >> C;
  if (In.error() || Diag.Seen) {
    if (!Diag.Seen)
      return configError(Path, "not a valid configuration");
    // Compiler style, so that editors can jump there: PATH:LINE:COL: message.
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   (Path + ":" + llvm::Twine(Diag.Line) + ":" +
                                    llvm::Twine(Diag.Column) + ": " + Diag.Message +
                                    unknownKeyHint(Diag.Message))
                                       .str());
  }
  C.Path = Path.str();
  // Model files are named relative to the configuration file, as the file is meant to
  // be shared by everyone who checks out the project.
  if (C.ModelFiles)
    for (std::string &M : *C.ModelFiles)
      if (!llvm::sys::path::is_absolute(M)) {
        llvm::SmallString<256> Abs(llvm::sys::path::parent_path(Path));
        llvm::sys::fs::make_absolute(Abs);
        llvm::sys::path::append(Abs, M);
        llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
        M = std::string(Abs);
      }
  return C;
}

llvm::Expected<ConfigFile> ConfigFile::read(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return configError(Path, "cannot read configuration file: " + Buffer.getError().message());
  return parse((*Buffer)->getBuffer(), Path);
}

void EffectiveConfig::apply(const ConfigFile &Over) {
  if (Over.Checks)
    Checks = appendGlobs(Checks, *Over.Checks);
  if (Over.WarningsAsErrors)
    WarningsAsErrors = appendGlobs(WarningsAsErrors, *Over.WarningsAsErrors);
  if (Over.HeaderFilterRegex)
    HeaderFilterRegex = *Over.HeaderFilterRegex;
  if (Over.SystemHeaders)
    SystemHeaders = *Over.SystemHeaders;
  if (Over.AnalyzeTestFailures)
    AnalyzeTestFailures = *Over.AnalyzeTestFailures;
  for (const auto &[Key, Value] : Over.CheckOptions)
    CheckOptions[Key] = Value;
  if (Over.ModelFiles)
    ModelFiles.insert(ModelFiles.end(), Over.ModelFiles->begin(), Over.ModelFiles->end());
  if (!Over.Path.empty())
    Sources.insert(Sources.begin(), Over.Path);
}

void EffectiveConfig::dump(llvm::raw_ostream &OS) const {
  ConfigFile C;
  C.Checks = Checks;
  C.WarningsAsErrors = WarningsAsErrors;
  C.HeaderFilterRegex = HeaderFilterRegex;
  // Written only when on, so that the dump of a default configuration stays as short
  // as clang-tidy's.
  if (SystemHeaders)
    C.SystemHeaders = true;
  if (AnalyzeTestFailures)
    C.AnalyzeTestFailures = true;
  C.CheckOptions = CheckOptions;
  if (!ModelFiles.empty())
    C.ModelFiles = ModelFiles;
  llvm::yaml::Output Out(OS);
  Out << C;
}

llvm::Expected<std::shared_ptr<EffectiveConfig>>
ConfigProvider::fromDirectory(llvm::StringRef Dir) {
  auto Cached = ByDirectory.find(Dir);
  if (Cached != ByDirectory.end())
    return Cached->second;
  std::shared_ptr<EffectiveConfig> Result;
  llvm::SmallString<256> Candidate(Dir);
  llvm::sys::path::append(Candidate, ConfigFileName);
  llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
  if (llvm::sys::fs::is_regular_file(Candidate)) {
    llvm::Expected<ConfigFile> File = ConfigFile::read(Candidate);
    if (!File)
      return File.takeError();
    Result = std::make_shared<EffectiveConfig>();
    if (File->InheritParentConfig.value_or(false) && !Parent.empty() && Parent != Dir) {
      llvm::Expected<std::shared_ptr<EffectiveConfig>> Up = fromDirectory(Parent);
      if (!Up)
        return Up.takeError();
      if (*Up)
        *Result = **Up;
    }
    Result->apply(*File);
  } else if (!Parent.empty() && Parent != Dir) {
    llvm::Expected<std::shared_ptr<EffectiveConfig>> Up = fromDirectory(Parent);
    if (!Up)
      return Up.takeError();
    Result = *Up;
  }
  ByDirectory[Dir] = Result;
  return Result;
}

llvm::Expected<EffectiveConfig> ConfigProvider::configFor(llvm::StringRef SourceFile) {
  EffectiveConfig Config;
  if (Explicit) {
    llvm::Expected<ConfigFile> File = ConfigFile::read(*Explicit);
    if (!File)
      return File.takeError();
    Config.apply(*File);
  } else {
    llvm::SmallString<256> Abs(SourceFile);
    llvm::sys::fs::make_absolute(Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    llvm::StringRef Dir = llvm::sys::fs::is_directory(Abs) ? llvm::StringRef(Abs)
                                                          : llvm::sys::path::parent_path(Abs);
    llvm::Expected<std::shared_ptr<EffectiveConfig>> Found = fromDirectory(Dir);
    if (!Found)
      return Found.takeError();
    if (*Found)
      Config = **Found;
  }
  Config.apply(CommandLine);
  return Config;
}

} // namespace ownership::config
