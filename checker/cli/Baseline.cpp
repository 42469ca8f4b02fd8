//===- Baseline.cpp - Known findings, for adopting the tool on old code ----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/cli/Baseline.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace ownership::report;

namespace ownership::cli {
namespace {

namespace json = llvm::json;

std::string directoryOf(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return llvm::sys::path::parent_path(Abs).str();
}

std::string utf8(llvm::StringRef S) { return json::isUTF8(S) ? S.str() : json::fixUTF8(S); }

llvm::Error baselineError(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 ("baseline '" + Path + "': " + Why).str());
}

} // namespace

Baseline::Key Baseline::keyOf(const ResolvedFinding &F, llvm::StringRef BaseDir, bool ByName) {
  llvm::SmallString<256> File(F.Loc.File);
  llvm::sys::fs::make_absolute(File);
  llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
  std::string Rel = File.str().str();
  llvm::StringRef R = File;
  if (R.consume_front(BaseDir) && R.consume_front("/"))
    Rel = R.str();
  // Through JSON, a file name that is not UTF-8 comes back repaired; compare it so too.
  const std::string &Function =
      ByName || F.FunctionAnchor.empty() ? F.Function : F.FunctionAnchor;
  return {F.RuleId, utf8(llvm::sys::path::convert_to_slash(Rel)), utf8(Function),
          utf8(F.Message)};
}

llvm::Expected<Baseline> Baseline::read(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return baselineError(Path, Buffer.getError().message());
  llvm::Expected<json::Value> Root = json::parse((*Buffer)->getBuffer());
  if (!Root)
    return baselineError(Path, "not valid JSON: " + llvm::toString(Root.takeError()));
  Baseline B;
  B.BaseDir = directoryOf(Path);
  const json::Object *Obj = Root->getAsObject();
  const json::Array *Entries = Obj ? Obj->getArray("findings") : nullptr;
  if (!Obj || Obj->getInteger("version") != 1 || !Entries)
    return baselineError(Path, "not a baseline (expected {\"version\": 1, \"findings\": [...]})");
  for (const json::Value &E : *Entries) {
    const json::Object *O = E.getAsObject();
    auto Field = [&](llvm::StringRef Name) -> std::optional<llvm::StringRef> {
      return O ? O->getString(Name) : std::nullopt;
    };
    auto Rule = Field("rule"), File = Field("file"), Function = Field("function"),
         Message = Field("message");
    if (!Rule || !File || !Function || !Message)
      return baselineError(Path, "an entry lacks one of rule, file, function, message");
    ++B.Counts[{Rule->str(), File->str(), Function->str(), Message->str()}];
  }
  return B;
}

void Baseline::write(llvm::StringRef Path, llvm::ArrayRef<ResolvedFinding> Findings,
                     llvm::raw_ostream &OS) {
  std::string Dir = directoryOf(Path);
  std::vector<Key> Keys;
  for (const ResolvedFinding &F : Findings)
    Keys.push_back(keyOf(F, Dir));
  std::sort(Keys.begin(), Keys.end());
  json::Array Entries;
  for (const auto &[Rule, File, Function, Message] : Keys)
    Entries.push_back(json::Object{
        {"rule", Rule}, {"file", File}, {"function", Function}, {"message", Message}});
  OS << llvm::formatv("{0:2}", json::Value(json::Object{{"version", 1},
                                                       {"findings", std::move(Entries)}}))
     << "\n";
}

unsigned Baseline::filter(std::vector<ResolvedFinding> &Findings) const {
  std::map<Key, unsigned> Left = Counts;
  unsigned Hidden = 0;
  llvm::erase_if(Findings, [&](const ResolvedFinding &F) {
    auto It = Left.find(keyOf(F, BaseDir));
    // A baseline written before anchors names the generated function itself.
    if ((It == Left.end() || It->second == 0) && !F.FunctionAnchor.empty())
      It = Left.find(keyOf(F, BaseDir, /*ByName=*/true));
    if (It == Left.end() || It->second == 0)
      return false;
    --It->second;
    ++Hidden;
    return true;
  });
  return Hidden;
}

} // namespace ownership::cli
