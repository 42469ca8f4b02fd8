//===- SarifReporter.cpp - SARIF 2.1.0 and JSON output --------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Written with llvm::json rather than clang::SarifDocumentWriter: the writer needs a live
// SourceManager, and our findings are resolved before the AST is destroyed.
//===----------------------------------------------------------------------===//
#include "checker/report/SarifReporter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

namespace ownership::report {
namespace {

namespace json = llvm::json;

/// Makes text safe for JSON: llvm::json requires UTF-8 and would otherwise assert; bytes
/// that are not UTF-8 (a Latin-1 file name) become U+FFFD. Control characters are kept
/// and escaped by the JSON writer.
std::string utf8(llvm::StringRef S) { return json::isUTF8(S) ? S.str() : json::fixUTF8(S); }

bool isUnreserved(char C) {
  return llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~';
}

std::string percentEncode(llvm::StringRef S, bool KeepSlash) {
  std::string Out;
  for (unsigned char C : S) {
    if (isUnreserved(C) || (KeepSlash && C == '/'))
      Out += C;
    else
      Out += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

} // namespace

unsigned utf16Column(llvm::StringRef Line, unsigned Column) {
  if (Column == 0)
    return 1;
  llvm::StringRef Prefix = Line.take_front(Column - 1);
  unsigned Units = 0;
  const char *P = Prefix.begin(), *E = Prefix.end();
  while (P < E) {
    unsigned Len = llvm::getNumBytesForUTF8(*P);
    if (Len == 0 || P + Len > E ||
        !llvm::isLegalUTF8Sequence(reinterpret_cast<const llvm::UTF8 *>(P),
                                   reinterpret_cast<const llvm::UTF8 *>(P + Len))) {
      ++Units;
      ++P;
      continue;
    }
    Units += Len == 4 ? 2 : 1; // outside the BMP: a surrogate pair
    P += Len;
  }
  return Units + 1 + (Column - 1 > Line.size() ? Column - 1 - Line.size() : 0);
}

namespace {

/// "ownership-use-after-move" -> "UseAfterMove", SARIF's reportingDescriptor.name.
std::string ruleName(llvm::StringRef Id) {
  Id.consume_front("ownership-");
  std::string Name;
  bool Upper = true;
  for (char C : Id) {
    if (C == '-') {
      Upper = true;
      continue;
    }
    Name += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Name;
}

class SarifBuilder {
public:
  explicit SarifBuilder(const SarifRunInfo &Info) : Info(Info) {
    Root = Info.SourceRoot;
    if (!Root.empty() && !llvm::StringRef(Root).ends_with("/"))
      Root += "/";
  }

  json::Object artifactLocation(llvm::StringRef File) const {
    llvm::SmallString<256> Path(File);
    if (!llvm::sys::path::is_absolute(Path) && !Root.empty()) {
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      return json::Object{{"uri", percentEncode(Path, true)}, {"uriBaseId", "SRCROOT"}};
    }
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    llvm::StringRef P = Path;
    if (!Root.empty() && P.consume_front(Root))
      return json::Object{{"uri", percentEncode(P, true)}, {"uriBaseId", "SRCROOT"}};
    return json::Object{{"uri", fileUri(Path)}};
  }

  json::Object physicalLocation(const ResolvedLocation &Loc) const {
    json::Object Region{{"startLine", Loc.Line},
                        {"startColumn", utf16Column(Loc.SourceLine, Loc.Column)}};
    if (!Loc.SourceLine.empty())
      Region["snippet"] = json::Object{{"text", utf8(Loc.SourceLine)}};
    return json::Object{{"artifactLocation", artifactLocation(Loc.File)},
                        {"region", std::move(Region)}};
  }

  json::Object location(const ResolvedLocation &Loc, llvm::StringRef Message,
                        llvm::StringRef Function) const {
    json::Object L{{"physicalLocation", physicalLocation(Loc)}};
    if (!Message.empty())
      L["message"] = json::Object{{"text", utf8(Message)}};
    if (!Function.empty())
      L["logicalLocations"] =
          json::Array{json::Object{{"fullyQualifiedName", utf8(Function)}, {"kind", "function"}}};
    return L;
  }

  json::Value fixes(const ResolvedFinding &F) const {
    // One fix with one artifactChange per file, in the order the edits were given.
    json::Array Changes;
    llvm::StringMap<size_t> ByFile;
    std::vector<std::pair<std::string, json::Array>> Files;
    for (const ResolvedFix &Fix : F.Fixes) {
      auto [It, New] = ByFile.try_emplace(Fix.File, Files.size());
      if (New)
        Files.push_back({Fix.File, json::Array()});
      Files[It->second].second.push_back(json::Object{
          {"deletedRegion", json::Object{{"byteOffset", Fix.Offset}, {"byteLength", Fix.Length}}},
          {"insertedContent", json::Object{{"text", utf8(Fix.Text)}}}});
    }
    for (auto &[File, Replacements] : Files)
      Changes.push_back(json::Object{{"artifactLocation", artifactLocation(File)},
                                     {"replacements", std::move(Replacements)}});
    return json::Array{json::Object{{"description", json::Object{{"text", "apply the fix-it"}}},
                                    {"artifactChanges", std::move(Changes)}}};
  }

  const SarifRunInfo &Info;
  std::string Root;
};

} // namespace

std::string fileUri(llvm::StringRef AbsolutePath) {
  return "file://" + percentEncode(AbsolutePath, /*KeepSlash=*/true);
}

std::string findingFingerprint(const ResolvedFinding &F, llvm::StringRef File) {
  std::string Key = F.RuleId + '\0' + File.str() + '\0' + F.Function + '\0' + F.Message;
  return llvm::utohexstr(llvm::xxh3_64bits(Key), /*LowerCase=*/true, /*Width=*/16);
}

void renderSarif(llvm::ArrayRef<ResolvedFinding> Findings, llvm::ArrayRef<RuleMetadata> Rules,
                 const SarifRunInfo &Info, llvm::raw_ostream &OS) {
  SarifBuilder B(Info);
  std::vector<RuleMetadata> AllRules(Rules.begin(), Rules.end());
  for (const ResolvedFinding &F : Findings)
    if (llvm::none_of(AllRules, [&](const RuleMetadata &R) { return R.Id == F.RuleId; }))
      AllRules.push_back({F.RuleId, ""});
  llvm::StringMap<size_t> RuleIndex;
  json::Array RulesJson;
  for (const RuleMetadata &R : AllRules) {
    RuleIndex[R.Id] = RulesJson.size();
    json::Object Rule{{"id", R.Id}, {"name", ruleName(R.Id)},
                      {"defaultConfiguration", json::Object{{"level", "warning"}}},
                      {"properties", json::Object{{"tags", json::Array{"ownership", "correctness"}},
                                                  {"precision", "high"},
                                                  {"problem.severity", "warning"}}}};
    std::string Summary = R.Summary.empty() ? R.Id : R.Summary;
    Rule["shortDescription"] = json::Object{{"text", utf8(Summary)}};
    Rule["fullDescription"] = json::Object{{"text", utf8(Summary)}};
    if (!Info.DocsBaseUri.empty()) {
      std::string Uri = Info.DocsBaseUri + "rules/" + R.Id + ".rst";
      Rule["helpUri"] = Uri;
      Rule["help"] = json::Object{{"text", utf8(Summary + " (see " + Uri + ")")}};
    }
    RulesJson.push_back(std::move(Rule));
  }

  json::Array Results;
  for (const ResolvedFinding &F : Findings) {
    json::Object Result{{"ruleId", F.RuleId},
                        {"ruleIndex", RuleIndex[F.RuleId]},
                        {"level", F.IsError ? "error" : "warning"},
                        {"message", json::Object{{"text", utf8(F.Message)}}}};
    if (F.Loc.Line != 0)
      Result["locations"] = json::Array{B.location(F.Loc, "", F.Function)};
    Result["partialFingerprints"] =
        json::Object{{"ownershipFinding/v1", findingFingerprint(F, llvm::sys::path::filename(F.Loc.File))}};
    if (!F.Notes.empty() && F.Loc.Line != 0) {
      json::Array Related, Flow;
      unsigned Id = 0;
      for (const ResolvedNote &N : F.Notes) {
        if (N.Loc.Line == 0)
          continue;
        json::Object R = B.location(N.Loc, N.Message, "");
        R["id"] = ++Id;
        Related.push_back(std::move(R));
        Flow.push_back(json::Object{{"location", B.location(N.Loc, N.Message, "")}});
      }
      Flow.push_back(json::Object{{"location", B.location(F.Loc, F.Message, F.Function)}});
      if (!Related.empty())
        Result["relatedLocations"] = std::move(Related);
      Result["codeFlows"] = json::Array{json::Object{
          {"threadFlows", json::Array{json::Object{{"locations", std::move(Flow)}}}}}};
    }
    if (!F.Fixes.empty())
      Result["fixes"] = B.fixes(F);
    Results.push_back(std::move(Result));
  }

  json::Object Driver{{"name", "ownership-checker"},
                      {"version", Info.ToolVersion},
                      {"semanticVersion", Info.ToolVersion},
                      {"rules", std::move(RulesJson)}};
  if (!Info.DocsBaseUri.empty())
    Driver["informationUri"] = Info.DocsBaseUri;
  json::Object Run{{"tool", json::Object{{"driver", std::move(Driver)}}},
                   {"invocations",
                    json::Array{json::Object{{"executionSuccessful", Info.ExecutionSuccessful}}}},
                   {"columnKind", "utf16CodeUnits"},
                   {"results", std::move(Results)}};
  if (!B.Root.empty())
    Run["originalUriBaseIds"] = json::Object{{"SRCROOT", json::Object{{"uri", fileUri(B.Root)}}}};
  json::Object Log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                   {"version", "2.1.0"},
                   {"runs", json::Array{std::move(Run)}}};
  OS << llvm::formatv("{0:2}", json::Value(std::move(Log))) << "\n";
}

void renderJson(llvm::ArrayRef<ResolvedFinding> Findings, llvm::raw_ostream &OS) {
  auto Loc = [](const ResolvedLocation &L, json::Object &Into) {
    Into["file"] = utf8(L.File);
    Into["line"] = L.Line;
    Into["column"] = L.Column;
  };
  json::Array All;
  for (const ResolvedFinding &F : Findings) {
    json::Object O{{"rule", F.RuleId},
                   {"level", F.IsError ? "error" : "warning"},
                   {"confidence", F.Level == Confidence::Definite ? "definite" : "maybe"},
                   {"function", utf8(F.Function)},
                   {"message", utf8(F.Message)}};
    Loc(F.Loc, O);
    json::Array Notes;
    for (const ResolvedNote &N : F.Notes) {
      json::Object NO{{"message", utf8(N.Message)}};
      Loc(N.Loc, NO);
      Notes.push_back(std::move(NO));
    }
    O["notes"] = std::move(Notes);
    json::Array Fixes;
    for (const ResolvedFix &X : F.Fixes)
      Fixes.push_back(json::Object{{"file", utf8(X.File)},
                                   {"offset", X.Offset},
                                   {"length", X.Length},
                                   {"text", utf8(X.Text)}});
    O["fixes"] = std::move(Fixes);
    All.push_back(std::move(O));
  }
  OS << llvm::formatv("{0:2}", json::Value(json::Object{{"version", 1}, {"findings", std::move(All)}}))
     << "\n";
}

} // namespace ownership::report
