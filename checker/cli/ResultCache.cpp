//===- ResultCache.cpp - Findings of unchanged translation units, remembered ===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/cli/ResultCache.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <limits>

using namespace ownership::report;

namespace ownership::cli {

/// Bumped whenever the entry format changes.
static constexpr int EntryVersion = 2;

static std::string hex(llvm::ArrayRef<uint8_t> Bytes) {
  llvm::XXH128_hash_t H = llvm::xxh3_128bits(Bytes);
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << llvm::format_hex_no_prefix(H.high64, 16) << llvm::format_hex_no_prefix(H.low64, 16);
  return S;
}

static std::string hex(llvm::StringRef Text) {
  return hex(llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(Text.data()), Text.size()));
}

/// The hash of a file's contents; none when it cannot be read.
static std::optional<std::string> hashFile(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Buf)
    return std::nullopt;
  return hex((*Buf)->getBuffer());
}

std::string ResultCache::defaultDirectory() {
  llvm::SmallString<256> Dir;
  if (!llvm::sys::path::cache_directory(Dir))
    return "";
  llvm::sys::path::append(Dir, "ownership-checker", "results");
  return std::string(Dir);
}

std::string ResultCache::key(llvm::ArrayRef<std::string> Parts) {
  // Each part is length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
  std::string All;
  for (const std::string &P : Parts)
    All += std::to_string(P.size()) + ":" + P + ";";
  return hex(All);
}

std::string ResultCache::toolIdentity(llvm::StringRef Version, void *MainAddr) {
  // The executable's path, size and time stamp rather than a hash of its contents: it is
  // large (debug info), and read on every run.
  std::string Exe = llvm::sys::fs::getMainExecutable(nullptr, MainAddr);
  llvm::sys::fs::file_status Status;
  if (Exe.empty() || llvm::sys::fs::status(Exe, Status))
    return "";
  return (Version + "|" + Exe + "|" + llvm::Twine(Status.getSize()) + "|" +
          llvm::Twine(Status.getLastModificationTime().time_since_epoch().count()))
      .str();
}

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, Key.take_front(2), Key.drop_front(2) + ".json");
  return std::string(P);
}

// --- (de)serialization of findings -----------------------------------------------

static llvm::json::Value toJson(const ResolvedLocation &L) {
  return llvm::json::Object{{"file", L.File},
                            {"line", L.Line},
                            {"column", L.Column},
                            {"source", L.SourceLine},
                            {"offset", L.Offset}};
}

llvm::json::Value toJson(const ResolvedNote &N) {
  return llvm::json::Object{{"loc", toJson(N.Loc)}, {"message", N.Message}};
}

llvm::json::Value toJson(const ResolvedFinding &F) {
  llvm::json::Array Notes, Fixes;
  for (const ResolvedNote &N : F.Notes)
    Notes.push_back(toJson(N));
  for (const ResolvedFix &X : F.Fixes)
    Fixes.push_back(llvm::json::Object{
        {"file", X.File}, {"offset", X.Offset}, {"length", X.Length}, {"text", X.Text}});
  return llvm::json::Object{{"rule", F.RuleId},
                            {"maybe", F.Level == Confidence::Maybe},
                            {"loc", toJson(F.Loc)},
                            {"message", F.Message},
                            {"notes", std::move(Notes)},
                            {"function", F.Function},
                            {"anchor", F.FunctionAnchor},
                            {"fixes", std::move(Fixes)},
                            {"error", F.IsError}};
}

/// Reads an unsigned field; json::ObjectMapper knows only the 64-bit integers.
static bool mapUnsigned(const llvm::json::Value &V, llvm::StringRef Key, unsigned &Out) {
  const llvm::json::Object *O = V.getAsObject();
  std::optional<int64_t> I = O ? O->getInteger(Key) : std::nullopt;
  if (!I || *I < 0 || *I > std::numeric_limits<unsigned>::max())
    return false;
  Out = static_cast<unsigned>(*I);
  return true;
}

static bool fromJson(const llvm::json::Value &V, ResolvedLocation &L, llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  return O && O.map("file", L.File) && mapUnsigned(V, "line", L.Line) &&
         mapUnsigned(V, "column", L.Column) && O.map("source", L.SourceLine) &&
         mapUnsigned(V, "offset", L.Offset);
}

bool fromJson(const llvm::json::Value &V, ResolvedNote &N, llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  const llvm::json::Value *Loc = V.getAsObject() ? V.getAsObject()->get("loc") : nullptr;
  return O && Loc && fromJson(*Loc, N.Loc, P.field("loc")) && O.map("message", N.Message);
}

static bool fromJson(const llvm::json::Value &V, ResolvedFix &X, llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  return O && O.map("file", X.File) && mapUnsigned(V, "offset", X.Offset) &&
         mapUnsigned(V, "length", X.Length) && O.map("text", X.Text);
}

bool fromJson(const llvm::json::Value &V, ResolvedFinding &F, llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  const llvm::json::Object *Obj = V.getAsObject();
  if (!O || !Obj)
    return false;
  bool Maybe = false;
  const llvm::json::Value *Loc = Obj->get("loc");
  const llvm::json::Array *Notes = Obj->getArray("notes");
  const llvm::json::Array *Fixes = Obj->getArray("fixes");
  if (!O.map("rule", F.RuleId) || !O.map("maybe", Maybe) || !Loc ||
      !fromJson(*Loc, F.Loc, P.field("loc")) || !O.map("message", F.Message) ||
      !O.map("function", F.Function) || !O.map("anchor", F.FunctionAnchor) ||
      !O.map("error", F.IsError) || !Notes || !Fixes)
    return false;
  F.Level = Maybe ? Confidence::Maybe : Confidence::Definite;
  for (const llvm::json::Value &N : *Notes)
    if (!fromJson(N, F.Notes.emplace_back(), P.field("notes")))
      return false;
  for (const llvm::json::Value &X : *Fixes)
    if (!fromJson(X, F.Fixes.emplace_back(), P.field("fixes")))
      return false;
  return true;
}

// --- entries --------------------------------------------------------------------------

std::optional<CachedAnalysis> ResultCache::lookup(llvm::StringRef Key) const {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
      llvm::MemoryBuffer::getFile(entryPath(Key), /*IsText=*/true);
  if (!Buf)
    return std::nullopt;
  llvm::Expected<llvm::json::Value> V = llvm::json::parse((*Buf)->getBuffer());
  if (!V) {
    llvm::consumeError(V.takeError()); // a torn or foreign file is a miss
    return std::nullopt;
  }
  const llvm::json::Object *Entry = V->getAsObject();
  if (!Entry || Entry->getInteger("version") != EntryVersion)
    return std::nullopt;
  const llvm::json::Array *Inputs = Entry->getArray("inputs");
  const llvm::json::Array *Findings = Entry->getArray("findings");
  const llvm::json::Array *Notes = Entry->getArray("notes");
  if (!Inputs || !Findings || !Notes)
    return std::nullopt;
  for (const llvm::json::Value &In : *Inputs) {
    const llvm::json::Object *I = In.getAsObject();
    std::optional<llvm::StringRef> Path = I ? I->getString("path") : std::nullopt;
    std::optional<llvm::StringRef> Hash = I ? I->getString("hash") : std::nullopt;
    if (!Path || !Hash)
      return std::nullopt;
    std::optional<std::string> Now = hashFile(*Path);
    if (!Now || *Now != *Hash)
      return std::nullopt;
  }
  CachedAnalysis Result;
  llvm::json::Path::Root Root;
  for (const llvm::json::Value &F : *Findings)
    if (!fromJson(F, Result.Findings.emplace_back(), llvm::json::Path(Root)))
      return std::nullopt;
  for (const llvm::json::Value &N : *Notes) {
    std::optional<llvm::StringRef> S = N.getAsString();
    if (!S)
      return std::nullopt;
    Result.LimitNotes.push_back(S->str());
  }
  return Result;
}

void ResultCache::store(llvm::StringRef Key, llvm::ArrayRef<std::string> Inputs,
                        const CachedAnalysis &Result) const {
  llvm::json::Array InputArray, FindingArray, NoteArray;
  for (const std::string &Path : Inputs) {
    std::optional<std::string> H = hashFile(Path);
    if (!H)
      return; // an input that cannot be read again could never be validated
    InputArray.push_back(llvm::json::Object{{"path", Path}, {"hash", *H}});
  }
  for (const ResolvedFinding &F : Result.Findings)
    FindingArray.push_back(toJson(F));
  for (const std::string &N : Result.LimitNotes)
    NoteArray.push_back(N);
  llvm::json::Value Entry = llvm::json::Object{{"version", EntryVersion},
                                               {"inputs", std::move(InputArray)},
                                               {"findings", std::move(FindingArray)},
                                               {"notes", std::move(NoteArray)}};
  std::string Path = entryPath(Key);
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return;
  // Written under a unique name and renamed, so that parallel runs (run-checker.sh -j)
  // never read half an entry.
  llvm::SmallString<256> Temp;
  int FD;
  if (llvm::sys::fs::createUniqueFile(Path + ".%%%%%%%%.tmp", FD, Temp))
    return;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Entry;
    if (OS.has_error()) {
      OS.clear_error();
      llvm::sys::fs::remove(Temp);
      return;
    }
  }
  if (llvm::sys::fs::rename(Temp, Path))
    llvm::sys::fs::remove(Temp);
}

} // namespace ownership::cli
