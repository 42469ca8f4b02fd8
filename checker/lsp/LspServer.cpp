//===- LspServer.cpp - The checker as a Language Server -------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// JSON-RPC over stdio with Content-Length framing (LSP 3.17, base protocol), full text
// synchronisation, and one publishDiagnostics per analysis. Requests are answered in the
// order they arrive: an analysis takes the time of a parse, which editors expect of a
// linter, and it keeps the server free of threads.
//===----------------------------------------------------------------------===//
#include "checker/lsp/LspServer.h"

#include "checker/report/SarifReporter.h"
#include "checker/cli/RuleDocs.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <map>
#include <memory>

using namespace ownership::cli;
using namespace ownership::report;

using namespace clang;
using namespace clang::tooling;
namespace json = llvm::json;

namespace ownership::lsp {
namespace {

/// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  ServerNotInitialized = -32002,
};

/// window/logMessage's MessageType.
enum class LogType : int { Error = 1, Warning = 2, Info = 3, Log = 4 };

/// One message read from the client: its body, or why there is none.
struct Incoming {
  bool Eof = false;
  std::string Body;
  std::string Error; ///< a framing problem; the message is skipped
};

/// Reads one `Content-Length: N\r\n ... \r\n\r\n<N bytes>` message. Header lines may
/// end in a bare '\n' too, as some clients write them.
Incoming readMessage(std::FILE *In) {
  Incoming M;
  std::optional<size_t> Length;
  bool SawHeader = false;
  while (true) {
    std::string Line;
    int C;
    while ((C = std::fgetc(In)) != EOF && C != '\n')
      Line += static_cast<char>(C);
    if (C == EOF && Line.empty()) {
      M.Eof = true;
      if (SawHeader)
        M.Error = "end of input inside a message header";
      return M;
    }
    llvm::StringRef L = llvm::StringRef(Line).rtrim('\r');
    if (L.empty()) {
      if (!SawHeader)
        continue; // stray blank lines between messages
      break;
    }
    SawHeader = true;
    auto [Name, Value] = L.split(':');
    if (Name.trim().equals_insensitive("Content-Length")) {
      size_t N;
      if (Value.trim().getAsInteger(10, N)) {
        M.Error = "bad Content-Length header '" + L.str() + "'";
        Length.reset();
      } else {
        Length = N;
      }
    }
    if (C == EOF)
      break;
  }
  if (!Length) {
    if (M.Error.empty())
      M.Error = "message without a Content-Length header";
    return M;
  }
  M.Body.resize(*Length);
  size_t Got = *Length ? std::fread(M.Body.data(), 1, *Length, In) : 0;
  if (Got != *Length) {
    M.Eof = true;
    M.Error = "end of input inside a message body";
  }
  return M;
}

/// The path of a `file:` URI, percent-decoded; none for other schemes.
std::optional<std::string> pathOfUri(llvm::StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return std::nullopt;
  // An authority (file://host/path) names another machine; only local files are read.
  if (!Uri.starts_with("/"))
    return std::nullopt;
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    unsigned Byte;
    if (Uri[I] == '%' && I + 2 < Uri.size() &&
        !Uri.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Path += static_cast<char>(Byte);
      I += 2;
    } else {
      Path += Uri[I];
    }
  }
  llvm::SmallString<256> Clean(Path);
  llvm::sys::path::remove_dots(Clean, /*remove_dot_dot=*/true);
  return Clean.str().str();
}

/// An open document: its text as the editor has it.
struct Document {
  std::string Uri;
  std::string Text;
  std::optional<int64_t> Version;
};

/// Collects the compiler's errors, to log them instead of printing them on stderr (which
/// editors often do not show).
class CompileErrors : public DiagnosticConsumer {
public:
  void HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
    llvm::SmallString<128> Text;
    Info.FormatDiagnostic(Text);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      PresumedLoc P = Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (P.isValid())
        Where = (llvm::Twine(P.getFilename()) + ":" + llvm::Twine(P.getLine()) + ":" +
                 llvm::Twine(P.getColumn()) + ": ")
                    .str();
    }
    Messages.push_back(Where + "error: " + Text.str().str());
  }

  std::vector<std::string> Messages;
};

class Server {
public:
  Server(driver::Session &S, llvm::StringRef Version, llvm::raw_ostream &Out)
      : S(S), Options(S.options()), Version(Version.str()), Out(Out) {}

  /// Handles one message; returns the exit code once the client asked to exit.
  std::optional<int> handle(const Incoming &M) {
    if (!M.Error.empty())
      log(LogType::Error, "ownership-checker: " + M.Error);
    if (M.Body.empty() && !M.Error.empty())
      return std::nullopt;
    llvm::Expected<json::Value> Parsed = json::parse(M.Body);
    if (!Parsed) {
      std::string Why = llvm::toString(Parsed.takeError());
      log(LogType::Error, "ownership-checker: malformed JSON message: " + Why);
      replyError(nullptr, ParseError, "malformed JSON: " + Why);
      return std::nullopt;
    }
    const json::Object *Message = Parsed->getAsObject();
    if (!Message) {
      replyError(nullptr, InvalidRequest, "a message must be a JSON object");
      return std::nullopt;
    }
    const json::Value *Id = Message->get("id");
    std::optional<llvm::StringRef> Method = Message->getString("method");
    if (!Method) {
      // A response to a request of ours; the server sends none that need an answer.
      if (!Id)
        replyError(nullptr, InvalidRequest, "a message without 'method' or 'id'");
      return std::nullopt;
    }
    const json::Value *Params = Message->get("params");
    if (Id)
      request(*Method, *Id, Params);
    else
      return notification(*Method, Params);
    return std::nullopt;
  }

private:
  void send(json::Object Message) {
    Message["jsonrpc"] = "2.0";
    std::string Body;
    llvm::raw_string_ostream(Body) << json::Value(std::move(Message));
    Out << "Content-Length: " << Body.size() << "\r\n\r\n" << Body;
    Out.flush();
  }

  void reply(const json::Value &Id, json::Value Result) {
    send(json::Object{{"id", Id}, {"result", std::move(Result)}});
  }

  void replyError(const json::Value &Id, int Code, const std::string &Message) {
    send(json::Object{{"id", Id}, {"error", json::Object{{"code", Code}, {"message", Message}}}});
  }

  void log(LogType Type, const std::string &Message) {
    send(json::Object{{"method", "window/logMessage"},
                      {"params", json::Object{{"type", static_cast<int>(Type)},
                                              {"message", json::isUTF8(Message)
                                                              ? Message
                                                              : json::fixUTF8(Message)}}}});
  }

  void request(llvm::StringRef Method, const json::Value &Id, const json::Value *Params) {
    if (Method == "initialize") {
      if (Initialized)
        return replyError(Id, InvalidRequest, "initialize was already received");
      Initialized = true;
      json::Object Sync{{"openClose", true},
                        {"change", 1}, // TextDocumentSyncKind.Full
                        {"save", json::Object{{"includeText", false}}}};
      return reply(Id, json::Object{{"capabilities",
                                     json::Object{{"textDocumentSync", std::move(Sync)}}},
                                    {"serverInfo", json::Object{{"name", "ownership-checker"},
                                                                {"version", Version}}}});
    }
    if (!Initialized)
      return replyError(Id, ServerNotInitialized, "the server is not initialized");
    if (ShutDown)
      return replyError(Id, InvalidRequest, "the server is shut down");
    if (Method == "shutdown") {
      ShutDown = true;
      return reply(Id, nullptr);
    }
    replyError(Id, MethodNotFound, "method not found: " + Method.str());
  }

  std::optional<int> notification(llvm::StringRef Method, const json::Value *Params) {
    if (Method == "exit")
      return ShutDown ? 0 : 1;
    // Before initialize the protocol drops notifications; after shutdown nothing
    // should arrive but exit.
    if (!Initialized || ShutDown)
      return std::nullopt;
    const json::Object *P = Params ? Params->getAsObject() : nullptr;
    const json::Object *TextDocument = P ? P->getObject("textDocument") : nullptr;
    std::optional<llvm::StringRef> Uri = TextDocument ? TextDocument->getString("uri") : std::nullopt;
    bool IsDocumentEvent = Method == "textDocument/didOpen" || Method == "textDocument/didChange" ||
                           Method == "textDocument/didSave" || Method == "textDocument/didClose";
    if (!IsDocumentEvent)
      return std::nullopt; // unknown notifications are ignored, as the protocol says
    if (!Uri) {
      log(LogType::Error, "ownership-checker: " + Method.str() + " without textDocument.uri");
      return std::nullopt;
    }
    std::optional<std::string> Path = pathOfUri(*Uri);
    if (!Path) {
      log(LogType::Warning, "ownership-checker: not a local file, not analysed: " + Uri->str());
      return std::nullopt;
    }
    if (Method == "textDocument/didOpen") {
      std::optional<llvm::StringRef> Text = TextDocument->getString("text");
      if (!Text) {
        log(LogType::Error, "ownership-checker: didOpen without text for " + Uri->str());
        return std::nullopt;
      }
      Documents[*Path] = {Uri->str(), Text->str(), TextDocument->getInteger("version")};
      analyze(*Path);
    } else if (Method == "textDocument/didChange") {
      auto It = Documents.find(*Path);
      if (It == Documents.end()) {
        log(LogType::Error, "ownership-checker: didChange for a document that is not open: " +
                                Uri->str());
        return std::nullopt;
      }
      const json::Array *Changes = P->getArray("contentChanges");
      bool Changed = false;
      for (const json::Value &C : Changes ? *Changes : NoChanges) {
        const json::Object *Change = C.getAsObject();
        std::optional<llvm::StringRef> Text = Change ? Change->getString("text") : std::nullopt;
        if (!Text || Change->get("range")) {
          // The server asked for full text; a range edit would leave the buffer wrong.
          log(LogType::Error, "ownership-checker: didChange without the full text of " +
                                  Uri->str() + "; the server asks for full synchronisation");
          continue;
        }
        It->second.Text = Text->str();
        Changed = true;
      }
      It->second.Version = TextDocument->getInteger("version");
      if (Changed)
        analyze(*Path);
    } else if (Method == "textDocument/didSave") {
      // Headers the buffer includes may have been saved too; analyse again.
      if (Documents.count(*Path))
        analyze(*Path);
    } else {
      auto It = Documents.find(*Path);
      std::string ClosedUri = It != Documents.end() ? It->second.Uri : Uri->str();
      if (It != Documents.end())
        Documents.erase(It);
      publish(ClosedUri, std::nullopt, json::Array());
    }
    return std::nullopt;
  }

  /// The compilation database for \p Path: `-p`'s, else the nearest compile_commands.json
  /// (or build/compile_commands.json, or compile_flags.txt) in the file's directory or
  /// above, as clangd looks. A file the database lacks gets the flags of its nearest
  /// entry, as clangd infers them. Null when there is none.
  const CompilationDatabase *databaseFor(llvm::StringRef Path) {
    auto Load = [&](llvm::StringRef Dir) -> const CompilationDatabase * {
      auto It = Databases.find(Dir);
      if (It != Databases.end())
        return It->second.get();
      std::string Error;
      std::unique_ptr<CompilationDatabase> DB;
      llvm::SmallString<256> Json(Dir), Flags(Dir);
      llvm::sys::path::append(Json, "compile_commands.json");
      llvm::sys::path::append(Flags, "compile_flags.txt");
      if (llvm::sys::fs::exists(Json) || llvm::sys::fs::exists(Flags)) {
        DB = CompilationDatabase::autoDetectFromDirectory(Dir, Error);
        if (!DB)
          log(LogType::Error, "ownership-checker: cannot load the compilation database in '" +
                                  Dir.str() + "': " + llvm::StringRef(Error).trim().str());
        else
          DB = inferMissingCompileCommands(std::move(DB));
      }
      return (Databases[Dir] = std::move(DB)).get();
    };
    if (!Options.BuildPath.empty())
      return Load(Options.BuildPath);
    for (llvm::StringRef Dir = llvm::sys::path::parent_path(Path); !Dir.empty();
         Dir = llvm::sys::path::parent_path(Dir)) {
      if (const CompilationDatabase *DB = Load(Dir))
        return DB;
      llvm::SmallString<256> Build(Dir);
      llvm::sys::path::append(Build, "build");
      if (const CompilationDatabase *DB = Load(Build))
        return DB;
    }
    return nullptr;
  }

  void analyze(const std::string &Path) {
    const Document &Doc = Documents[Path];
    const CompilationDatabase *DB = databaseFor(Path);
    std::unique_ptr<CompilationDatabase> Fallback;
    if (!DB || DB->getCompileCommands(Path).empty()) {
      Fallback = std::make_unique<FixedCompilationDatabase>(llvm::sys::path::parent_path(Path),
                                                            Options.CompilerArgs);
      DB = Fallback.get();
      log(LogType::Info, "ownership-checker: no compile command for " + Path +
                             " in a compilation database; using the default flags");
    }
    std::string Directory = DB->getCompileCommands(Path).front().Directory;

    CompileErrors Errors;
    driver::FileRequest Request;
    Request.Path = Path;
    Request.Compilations = DB;
    Request.Contents = Doc.Text;
    Request.Diagnostics = &Errors;
    // Configuration files are read again for each analysis, so that an edit to one
    // applies at the next.
    S.reloadConfiguration();
    llvm::Expected<driver::FileResult> Result = S.analyze(Request);
    if (!Result) {
      log(LogType::Error, "ownership-checker: " + llvm::toString(Result.takeError()));
      publish(Doc.Uri, Doc.Version, json::Array());
      return;
    }
    if (!Errors.Messages.empty() || !Result->Compiled) {
      // Findings in the functions that compiled are still shown; clangd shows the errors.
      std::string Text = Path + " does not compile; findings are shown for the functions "
                                "that do:";
      for (const std::string &E : Errors.Messages)
        Text += "\n  " + E;
      log(LogType::Warning, "ownership-checker: " + Text);
    }

    json::Array Diagnostics;
    for (const ResolvedFinding &F : Result->Findings) {
      if (absolute(F.Loc.File, Directory) != Path)
        continue;
      json::Object D{{"range", range(F.Loc)},
                     {"severity", F.IsError ? 1 : 2},
                     {"code", F.RuleId},
                     {"source", "ownership-checker"},
                     {"message", utf8(F.Message)}};
      if (!Options.DocsBaseUri.empty() && ruleDoc(F.RuleId))
        D["codeDescription"] =
            json::Object{{"href", Options.DocsBaseUri + "rules/" + F.RuleId + ".rst"}};
      json::Array Related;
      for (const ResolvedNote &N : F.Notes) {
        if (N.Loc.Line == 0)
          continue;
        Related.push_back(json::Object{
            {"location", json::Object{{"uri", fileUri(absolute(N.Loc.File, Directory))},
                                      {"range", range(N.Loc)}}},
            {"message", utf8(N.Message)}});
      }
      if (!Related.empty())
        D["relatedInformation"] = std::move(Related);
      Diagnostics.push_back(std::move(D));
    }
    publish(Doc.Uri, Doc.Version, std::move(Diagnostics));
  }

  void publish(const std::string &Uri, std::optional<int64_t> Version, json::Array Diagnostics) {
    json::Object Params{{"uri", Uri}, {"diagnostics", std::move(Diagnostics)}};
    if (Version)
      Params["version"] = *Version;
    send(json::Object{{"method", "textDocument/publishDiagnostics"}, {"params", std::move(Params)}});
  }

  static std::string utf8(const std::string &S) {
    return json::isUTF8(S) ? S : json::fixUTF8(S);
  }

  static std::string absolute(llvm::StringRef File, llvm::StringRef Directory) {
    llvm::SmallString<256> Abs(File);
    if (!llvm::sys::path::is_absolute(Abs)) {
      Abs = Directory;
      llvm::sys::path::append(Abs, File);
    }
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    return Abs.str().str();
  }

  /// The range an editor underlines: the identifier or keyword at the location (`S` in
  /// `S.size()`, `delete`), else the one character there. Columns count UTF-16 units.
  static json::Object range(const ResolvedLocation &Loc) {
    unsigned Line = Loc.Line ? Loc.Line - 1 : 0;
    unsigned Begin = Loc.Column ? Loc.Column : 1;
    unsigned End = Begin;
    llvm::StringRef Text = Loc.SourceLine;
    while (End - 1 < Text.size() && (llvm::isAlnum(Text[End - 1]) || Text[End - 1] == '_'))
      ++End;
    if (End == Begin)
      ++End;
    auto Position = [&](unsigned Column) {
      return json::Object{{"line", Line}, {"character", utf16Column(Text, Column) - 1}};
    };
    return json::Object{{"start", Position(Begin)}, {"end", Position(End)}};
  }

  driver::Session &S;
  const driver::SessionOptions &Options;
  std::string Version;
  llvm::raw_ostream &Out;
  const json::Array NoChanges;
  bool Initialized = false;
  bool ShutDown = false;
  std::map<std::string, Document> Documents;
  llvm::StringMap<std::unique_ptr<CompilationDatabase>> Databases;
};

} // namespace

int runLspServer(driver::Session &Session, llvm::StringRef Version, std::FILE *In,
                 llvm::raw_ostream &Out) {
  Server S(Session, Version, Out);
  while (true) {
    Incoming M = readMessage(In);
    if (M.Eof && M.Error.empty())
      return 1; // the client went away without `exit`
    if (std::optional<int> Exit = S.handle(M))
      return *Exit;
    if (M.Eof)
      return 1;
  }
}

} // namespace ownership::lsp
