//===- LspServer.cpp - The checker as a Language Server -------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// JSON-RPC over stdio with Content-Length framing (LSP 3.17), full text synchronisation,
// one publishDiagnostics per analysis, and the findings' fix-its as quick fixes. One
// analysis runs at a time, in a child process (AnalysisProcess.h says why); the server
// keeps reading the editor's messages meanwhile, so that an edit drops the analysis it
// makes stale, a slow analysis shows progress, and one that crashes or runs past
// --lsp-timeout is reported to the editor while the server goes on.
//===----------------------------------------------------------------------===//
#include "checker/lsp/LspServer.h"

#include "checker/cli/RuleDocs.h"
#include "checker/lsp/AnalysisProcess.h"
#include "checker/lsp/Protocol.h"
#include "checker/report/SarifReporter.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <poll.h>

using namespace ownership::cli;
using namespace ownership::driver;
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
  ServerNotInitialized = -32002,
};

/// window/logMessage's and window/showMessage's MessageType.
enum class LogType : int { Error = 1, Warning = 2, Info = 3, Log = 4 };

using Clock = std::chrono::steady_clock;

/// Progress is shown for analyses that take longer than this, so that a quick one does
/// not flash in the editor's status bar; then it is reported every ProgressInterval.
constexpr auto ProgressDelay = std::chrono::milliseconds(500);
constexpr auto ProgressInterval = std::chrono::seconds(1);

/// A finding's fix-it, offered as a quick fix for as long as the text is the one that
/// was analysed.
struct QuickFix {
  json::Object Diagnostic;
  std::pair<int64_t, int64_t> Start, End; ///< the diagnostic's range, (line, character)
  std::string Title;
  json::Array Edits;
};

/// An open document: its text as the editor has it.
struct Document {
  std::string Uri;
  std::string Text;
  std::optional<int64_t> Version;
  std::vector<QuickFix> Fixes; ///< of the last analysis
  bool FixesCurrent = false;   ///< Text is what the last analysis saw
  bool ProblemShown = false;   ///< a crash or time-out was shown; the next is only logged
};

/// Keeps the compiler's errors, to log them instead of printing them on stderr (which
/// editors often do not show). Runs in the analysis process.
class CompileErrors : public DiagnosticConsumer {
public:
  explicit CompileErrors(std::vector<std::string> &Messages) : Messages(Messages) {}

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

private:
  std::vector<std::string> &Messages;
};

/// The analysis that runs now.
struct Running {
  std::string Path;
  std::optional<int64_t> Version;
  std::string Directory; ///< of the compile command: findings' relative paths start there
  std::unique_ptr<AnalysisProcess> Process;
  Clock::time_point Start;
  std::optional<Clock::time_point> Deadline;
  std::string Token; ///< the progress token, once asked for
  bool ProgressBegun = false;
  Clock::time_point LastReport;
};

std::pair<int64_t, int64_t> position(const json::Object &Range, llvm::StringRef Which) {
  const json::Object *P = Range.getObject(Which);
  return {P ? P->getInteger("line").value_or(0) : 0,
          P ? P->getInteger("character").value_or(0) : 0};
}

class Server {
public:
  Server(Session &S, llvm::StringRef Version, llvm::raw_ostream &Out)
      : S(S), Options(S.options()), Version(Version.str()), Out(Out) {}

  /// Handles one message; returns the exit code once the client asked to exit.
  std::optional<int> handle(const Incoming &M);
  /// Starts the next queued analysis when none runs.
  void startNext();
  /// The analysis process's output descriptor, -1 when none runs.
  int analysisFd() const { return Current ? Current->Process->fd() : -1; }
  /// Reads the analysis's output; publishes its result once it is complete.
  void onAnalysisOutput();
  /// Reports progress and stops an analysis past its time limit.
  void onTimer();
  /// How long the loop may wait for input before onTimer() has work, in ms; -1: forever.
  int timeoutMs() const;
  /// Stops the running analysis, when the server ends.
  void stop() { Current.reset(); }

private:
  // --- messages --------------------------------------------------------------------
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
  void notify(llvm::StringRef Method, json::Object Params) {
    send(json::Object{{"method", Method}, {"params", std::move(Params)}});
  }
  void log(LogType Type, const std::string &Message) {
    notify("window/logMessage", json::Object{{"type", static_cast<int>(Type)},
                                             {"message", utf8("ownership-checker: " + Message)}});
  }
  void show(LogType Type, const std::string &Message) {
    notify("window/showMessage", json::Object{{"type", static_cast<int>(Type)},
                                              {"message", utf8("ownership-checker: " + Message)}});
  }

  void request(llvm::StringRef Method, const json::Value &Id, const json::Value *Params);
  void initialize(const json::Value &Id, const json::Value *Params);
  void codeAction(const json::Value &Id, const json::Value *Params);
  void response(const json::Value &Id, const json::Object &Message);
  std::optional<int> notification(llvm::StringRef Method, const json::Value *Params);
  void documentEvent(llvm::StringRef Method, const std::string &Path, llvm::StringRef Uri,
                     const json::Object &Params);
  void changed(Document &Doc, const std::string &Path, const json::Object &Params);

  // --- analyses --------------------------------------------------------------------
  void schedule(const std::string &Path);
  void drop(const std::string &Why);
  void start(const std::string &Path);
  void finish();
  void problem(Document &Doc, const std::string &Path, const std::string &What);
  void endProgress(const std::string &Message);
  const CompilationDatabase *databaseFor(llvm::StringRef Path);
  const CompilationDatabase *loadDatabase(llvm::StringRef Dir);

  // --- results ---------------------------------------------------------------------
  void publishResult(Document &Doc, const std::string &Path, const std::string &Directory,
                     const AnalysisOutcome &Outcome);
  json::Object diagnosticOf(const ResolvedFinding &F, const std::string &Directory) const;
  std::optional<QuickFix> quickFixOf(const ResolvedFinding &F, const json::Object &Diagnostic,
                                     const Document &Doc, const std::string &Path,
                                     const std::string &Directory) const;
  void publish(const std::string &Uri, std::optional<int64_t> Version, json::Array Diagnostics) {
    json::Object Params{{"uri", Uri}, {"diagnostics", std::move(Diagnostics)}};
    if (Version)
      Params["version"] = *Version;
    notify("textDocument/publishDiagnostics", std::move(Params));
  }

  Session &S;
  const SessionOptions &Options;
  std::string Version;
  llvm::raw_ostream &Out;
  bool Initialized = false;
  bool ShutDown = false;
  bool ProgressSupported = false; ///< the client said window.workDoneProgress
  unsigned ProgressTokens = 0;
  std::map<std::string, Document> Documents;
  llvm::StringMap<std::unique_ptr<CompilationDatabase>> Databases;
  std::deque<std::string> Queue; ///< paths waiting for an analysis, each once
  std::optional<Running> Current;
};

// --- messages ----------------------------------------------------------------------

std::optional<int> Server::handle(const Incoming &M) {
  if (!M.Error.empty())
    log(LogType::Error, M.Error);
  if (M.Body.empty() && !M.Error.empty())
    return std::nullopt;
  llvm::Expected<json::Value> Parsed = json::parse(M.Body);
  if (!Parsed) {
    std::string Why = llvm::toString(Parsed.takeError());
    log(LogType::Error, "malformed JSON message: " + Why);
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
    if (!Id)
      replyError(nullptr, InvalidRequest, "a message without 'method' or 'id'");
    else
      response(*Id, *Message);
    return std::nullopt;
  }
  const json::Value *Params = Message->get("params");
  if (Id)
    request(*Method, *Id, Params);
  else
    return notification(*Method, Params);
  return std::nullopt;
}

void Server::request(llvm::StringRef Method, const json::Value &Id, const json::Value *Params) {
  if (Method == "initialize")
    return initialize(Id, Params);
  if (!Initialized)
    return replyError(Id, ServerNotInitialized, "the server is not initialized");
  if (ShutDown)
    return replyError(Id, InvalidRequest, "the server is shut down");
  if (Method == "shutdown") {
    ShutDown = true;
    return reply(Id, nullptr);
  }
  if (Method == "textDocument/codeAction")
    return codeAction(Id, Params);
  replyError(Id, MethodNotFound, "method not found: " + Method.str());
}

void Server::initialize(const json::Value &Id, const json::Value *Params) {
  if (Initialized)
    return replyError(Id, InvalidRequest, "initialize was already received");
  Initialized = true;
  const json::Object *P = Params ? Params->getAsObject() : nullptr;
  const json::Object *Capabilities = P ? P->getObject("capabilities") : nullptr;
  const json::Object *Window = Capabilities ? Capabilities->getObject("window") : nullptr;
  ProgressSupported = Window && Window->getBoolean("workDoneProgress").value_or(false);
  json::Object Sync{{"openClose", true},
                    {"change", 1}, // TextDocumentSyncKind.Full
                    {"save", json::Object{{"includeText", false}}}};
  json::Object Provided{{"textDocumentSync", std::move(Sync)},
                        {"codeActionProvider",
                         json::Object{{"codeActionKinds", json::Array{"quickfix"}}}}};
  reply(Id, json::Object{{"capabilities", std::move(Provided)},
                         {"serverInfo",
                          json::Object{{"name", "ownership-checker"}, {"version", Version}}}});
}

/// The quick fixes of the findings whose range meets the requested one, while the
/// document is the text that was analysed (a fix-it's offsets are into that text).
void Server::codeAction(const json::Value &Id, const json::Value *Params) {
  const json::Object *P = Params ? Params->getAsObject() : nullptr;
  const json::Object *TextDocument = P ? P->getObject("textDocument") : nullptr;
  std::optional<llvm::StringRef> Uri = TextDocument ? TextDocument->getString("uri") : std::nullopt;
  std::optional<std::string> Path = Uri ? pathOfUri(*Uri) : std::nullopt;
  const json::Object *Range = P ? P->getObject("range") : nullptr;
  const json::Object *Context = P ? P->getObject("context") : nullptr;
  const json::Array *Only = Context ? Context->getArray("only") : nullptr;
  bool WantsQuickFix = !Only || llvm::any_of(*Only, [](const json::Value &K) {
    return K.getAsString() && llvm::StringRef(*K.getAsString()).starts_with("quickfix");
  });
  auto It = Path ? Documents.find(*Path) : Documents.end();
  json::Array Actions;
  if (It != Documents.end() && It->second.FixesCurrent && Range && WantsQuickFix) {
    auto From = position(*Range, "start"), To = position(*Range, "end");
    for (const QuickFix &Fix : It->second.Fixes) {
      if (Fix.Start > To || From > Fix.End)
        continue;
      Actions.push_back(json::Object{
          {"title", Fix.Title},
          {"kind", "quickfix"},
          {"isPreferred", true},
          {"diagnostics", json::Array{json::Object(Fix.Diagnostic)}},
          {"edit", json::Object{{"changes", json::Object{{It->second.Uri, json::Array(Fix.Edits)}}}}}});
    }
  }
  reply(Id, std::move(Actions));
}

/// A response to a request of the server's: only window/workDoneProgress/create, whose
/// answer lets the progress begin.
void Server::response(const json::Value &Id, const json::Object &Message) {
  std::optional<llvm::StringRef> Token = Id.getAsString();
  if (!Token || !Current || Current->Token != *Token || Current->ProgressBegun ||
      Message.get("error"))
    return;
  Current->ProgressBegun = true;
  Current->LastReport = Clock::now();
  notify("$/progress",
         json::Object{{"token", Current->Token},
                      {"value", json::Object{{"kind", "begin"},
                                             {"title", "ownership-checker"},
                                             {"message", "analysing " + utf8(llvm::sys::path::filename(Current->Path))},
                                             {"cancellable", false}}}});
}

std::optional<int> Server::notification(llvm::StringRef Method, const json::Value *Params) {
  if (Method == "exit")
    return ShutDown ? 0 : 1;
  // Before initialize the protocol drops notifications; after shutdown nothing should
  // arrive but exit.
  if (!Initialized || ShutDown)
    return std::nullopt;
  bool IsDocumentEvent = Method == "textDocument/didOpen" || Method == "textDocument/didChange" ||
                         Method == "textDocument/didSave" || Method == "textDocument/didClose";
  if (!IsDocumentEvent)
    return std::nullopt; // unknown notifications are ignored, as the protocol says
  const json::Object *P = Params ? Params->getAsObject() : nullptr;
  const json::Object *TextDocument = P ? P->getObject("textDocument") : nullptr;
  std::optional<llvm::StringRef> Uri = TextDocument ? TextDocument->getString("uri") : std::nullopt;
  if (!Uri) {
    log(LogType::Error, Method.str() + " without textDocument.uri");
    return std::nullopt;
  }
  std::optional<std::string> Path = pathOfUri(*Uri);
  if (!Path) {
    log(LogType::Warning, "not a local file, not analysed: " + Uri->str());
    return std::nullopt;
  }
  documentEvent(Method, *Path, *Uri, *P);
  return std::nullopt;
}

void Server::documentEvent(llvm::StringRef Method, const std::string &Path, llvm::StringRef Uri,
                           const json::Object &Params) {
  const json::Object *TextDocument = Params.getObject("textDocument");
  auto It = Documents.find(Path);
  if (Method == "textDocument/didOpen") {
    std::optional<llvm::StringRef> Text = TextDocument->getString("text");
    if (!Text) {
      log(LogType::Error, "didOpen without text for " + Uri.str());
      return;
    }
    Document &Doc = Documents[Path];
    Doc = Document{Uri.str(), Text->str(), TextDocument->getInteger("version")};
    schedule(Path);
  } else if (Method == "textDocument/didChange") {
    if (It == Documents.end())
      return log(LogType::Error, "didChange for a document that is not open: " + Uri.str());
    changed(It->second, Path, Params);
  } else if (Method == "textDocument/didSave") {
    // Headers the buffer includes may have been saved too; analyse again.
    if (It != Documents.end())
      schedule(Path);
  } else {
    std::string ClosedUri = It != Documents.end() ? It->second.Uri : Uri.str();
    if (Current && Current->Path == Path)
      drop("the document was closed");
    Queue.erase(std::remove(Queue.begin(), Queue.end(), Path), Queue.end());
    if (It != Documents.end())
      Documents.erase(It);
    publish(ClosedUri, std::nullopt, json::Array());
  }
}

void Server::changed(Document &Doc, const std::string &Path, const json::Object &Params) {
  static const json::Array NoChanges;
  const json::Array *Changes = Params.getArray("contentChanges");
  bool Changed = false;
  for (const json::Value &C : Changes ? *Changes : NoChanges) {
    const json::Object *Change = C.getAsObject();
    std::optional<llvm::StringRef> Text = Change ? Change->getString("text") : std::nullopt;
    if (!Text || Change->get("range")) {
      // The server asked for full text; a range edit would leave the buffer wrong.
      log(LogType::Error, "didChange without the full text of " + Doc.Uri +
                              "; the server asks for full synchronisation");
      continue;
    }
    Doc.Text = Text->str();
    Doc.FixesCurrent = false;
    Changed = true;
  }
  Doc.Version = Params.getObject("textDocument")->getInteger("version");
  if (Changed)
    schedule(Path);
}

// --- analyses ----------------------------------------------------------------------

/// Queues an analysis of \p Path; one that runs for it now analyses an older text (or
/// misses a saved header) and is dropped.
void Server::schedule(const std::string &Path) {
  if (Current && Current->Path == Path) {
    const Document &Doc = Documents[Path];
    drop(Doc.Version && Doc.Version != Current->Version
             ? "version " + std::to_string(*Doc.Version) + " arrived"
             : std::string("the document was saved"));
  }
  if (llvm::find(Queue, Path) == Queue.end())
    Queue.push_back(Path);
}

void Server::drop(const std::string &Why) {
  std::string Which = Current->Version ? " (version " + std::to_string(*Current->Version) + ")" : "";
  log(LogType::Info, "dropped the analysis of " + Current->Path + Which + ": " + Why);
  endProgress("dropped: " + Why);
  Current.reset(); // kills the process
}

void Server::startNext() {
  while (!Current && !Queue.empty()) {
    std::string Path = Queue.front();
    Queue.pop_front();
    if (Documents.count(Path))
      start(Path);
  }
}

void Server::start(const std::string &Path) {
  Document &Doc = Documents[Path];
  const CompilationDatabase *DB = databaseFor(Path);
  std::unique_ptr<CompilationDatabase> Fallback;
  if (!DB || DB->getCompileCommands(Path).empty()) {
    Fallback = std::make_unique<FixedCompilationDatabase>(llvm::sys::path::parent_path(Path),
                                                          Options.CompilerArgs);
    DB = Fallback.get();
    log(LogType::Info, "no compile command for " + Path +
                           " in a compilation database; using the default flags");
  }
  CompileCommand Command = DB->getCompileCommands(Path).front();
  if (llvm::StringRef(Command.Heuristic).starts_with("inferred from "))
    log(LogType::Info, Path + " is not in the compilation database; its compile command was " +
                           Command.Heuristic);
  // The child gets a copy of everything here, the document's text and the database
  // included; the server keeps none of what the analysis allocates.
  AnalysisJob Job = [&, DB](std::vector<std::string> &Errors) {
    CompileErrors Collector(Errors);
    FileRequest Request;
    Request.Path = Path;
    Request.Compilations = DB;
    Request.Contents = Doc.Text;
    Request.Diagnostics = &Collector;
    // Configuration files are read again for each analysis, so that an edit to one
    // applies at the next.
    S.reloadConfiguration();
    return S.analyze(Request);
  };
  llvm::Expected<std::unique_ptr<AnalysisProcess>> Process = AnalysisProcess::start(Job);
  if (!Process) {
    log(LogType::Error, llvm::toString(Process.takeError()));
    return publish(Doc.Uri, Doc.Version, json::Array());
  }
  Current.emplace();
  Current->Path = Path;
  Current->Version = Doc.Version;
  Current->Directory = Command.Directory;
  Current->Process = std::move(*Process);
  Current->Start = Clock::now();
  if (Options.LspTimeoutSeconds)
    Current->Deadline = Current->Start + std::chrono::seconds(Options.LspTimeoutSeconds);
}

void Server::onAnalysisOutput() {
  if (Current && Current->Process->read())
    finish();
}

void Server::finish() {
  AnalysisOutcome Outcome = Current->Process->finish();
  endProgress(Outcome.What == AnalysisOutcome::Kind::Done ? "done" : "failed");
  Running Done = std::move(*Current);
  Current.reset();
  auto It = Documents.find(Done.Path);
  if (It == Documents.end())
    return;
  Document &Doc = It->second;
  switch (Outcome.What) {
  case AnalysisOutcome::Kind::Failed:
    log(LogType::Error, Outcome.Message);
    return publish(Doc.Uri, Doc.Version, json::Array());
  case AnalysisOutcome::Kind::Crashed:
    return problem(Doc, Done.Path, "crashed: " + Outcome.Message);
  case AnalysisOutcome::Kind::Done:
    return publishResult(Doc, Done.Path, Done.Directory, Outcome);
  }
}

/// Tells the editor that an analysis gave no result: in its log each time, in a message
/// the user sees once until an analysis of the document succeeds again (an editor would
/// otherwise pop one up at every keystroke). The server goes on.
void Server::problem(Document &Doc, const std::string &Path, const std::string &What) {
  std::string Text = "the analysis of " + Path + " " + What +
                     "; its findings are not shown, and the server goes on";
  log(LogType::Error, Text);
  if (!Doc.ProblemShown)
    show(LogType::Warning, Text);
  Doc.ProblemShown = true;
  Doc.FixesCurrent = false;
  publish(Doc.Uri, Doc.Version, json::Array());
}

void Server::onTimer() {
  if (!Current)
    return;
  Clock::time_point Now = Clock::now();
  if (Current->Deadline && Now >= *Current->Deadline) {
    std::string Path = Current->Path;
    endProgress("stopped: over the time limit");
    Current.reset(); // kills the process
    if (auto It = Documents.find(Path); It != Documents.end())
      problem(It->second, Path,
              "did not finish within " + std::to_string(Options.LspTimeoutSeconds) +
                  " seconds (--lsp-timeout) and was stopped");
    return;
  }
  if (ProgressSupported && Current->Token.empty() && Now - Current->Start >= ProgressDelay) {
    // The token doubles as the request's id, to match the answer.
    Current->Token = "ownership-checker/progress/" + std::to_string(++ProgressTokens);
    send(json::Object{{"id", Current->Token},
                      {"method", "window/workDoneProgress/create"},
                      {"params", json::Object{{"token", Current->Token}}}});
  }
  if (Current->ProgressBegun && Now - Current->LastReport >= ProgressInterval) {
    Current->LastReport = Now;
    auto Seconds = std::chrono::duration_cast<std::chrono::seconds>(Now - Current->Start);
    notify("$/progress",
           json::Object{{"token", Current->Token},
                        {"value", json::Object{{"kind", "report"},
                                               {"message", "analysing " +
                                                               utf8(llvm::sys::path::filename(Current->Path)) +
                                                               " (" + std::to_string(Seconds.count()) + " s)"}}}});
  }
}

int Server::timeoutMs() const {
  if (!Current)
    return -1;
  Clock::time_point Now = Clock::now();
  std::optional<Clock::time_point> Next = Current->Deadline;
  auto Earliest = [&](Clock::time_point T) { Next = Next ? std::min(*Next, T) : T; };
  if (ProgressSupported && Current->Token.empty())
    Earliest(Current->Start + ProgressDelay);
  if (Current->ProgressBegun)
    Earliest(Current->LastReport + ProgressInterval);
  if (!Next)
    return -1;
  auto Wait = std::chrono::duration_cast<std::chrono::milliseconds>(*Next - Now).count();
  return Wait < 0 ? 0 : int(Wait) + 1;
}

void Server::endProgress(const std::string &Message) {
  if (!Current || !Current->ProgressBegun)
    return;
  notify("$/progress", json::Object{{"token", Current->Token},
                                    {"value", json::Object{{"kind", "end"}, {"message", Message}}}});
  Current->ProgressBegun = false;
}

/// The compilation database for \p Path: `-p`'s, else the nearest compile_commands.json
/// (or build/compile_commands.json, or compile_flags.txt) in the file's directory or
/// above, as clangd looks. A file the database lacks gets the flags of its nearest
/// entry, as clangd infers them. Null when there is none.
const CompilationDatabase *Server::databaseFor(llvm::StringRef Path) {
  if (!Options.BuildPath.empty())
    return loadDatabase(Options.BuildPath);
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(Path); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    if (const CompilationDatabase *DB = loadDatabase(Dir))
      return DB;
    llvm::SmallString<256> Build(Dir);
    llvm::sys::path::append(Build, "build");
    if (const CompilationDatabase *DB = loadDatabase(Build))
      return DB;
  }
  return nullptr;
}

const CompilationDatabase *Server::loadDatabase(llvm::StringRef Dir) {
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
      log(LogType::Error, "cannot load the compilation database in '" + Dir.str() +
                              "': " + llvm::StringRef(Error).trim().str());
    else
      DB = inferMissingCompileCommands(std::move(DB));
  }
  return (Databases[Dir] = std::move(DB)).get();
}

// --- results -----------------------------------------------------------------------

void Server::publishResult(Document &Doc, const std::string &Path, const std::string &Directory,
                           const AnalysisOutcome &Outcome) {
  Doc.ProblemShown = false;
  if (!Outcome.CompileErrors.empty() || !Outcome.Result.Compiled) {
    // Findings in the functions that compiled are still shown; clangd shows the errors.
    std::string Text = Path + " does not compile; findings are shown for the functions "
                              "that do:";
    for (const std::string &E : Outcome.CompileErrors)
      Text += "\n  " + E;
    log(LogType::Warning, Text);
  }
  json::Array Diagnostics;
  std::vector<QuickFix> Fixes;
  for (const ResolvedFinding &F : Outcome.Result.Findings) {
    if (absolutePath(F.Loc.File, Directory) != Path)
      continue;
    json::Object D = diagnosticOf(F, Directory);
    if (std::optional<QuickFix> Fix = quickFixOf(F, D, Doc, Path, Directory))
      Fixes.push_back(std::move(*Fix));
    Diagnostics.push_back(std::move(D));
  }
  // A function over its budget may hide findings: say so where it is.
  for (const ResolvedNote &N : Outcome.Result.Skipped)
    if (N.Loc.Line && absolutePath(N.Loc.File, Directory) == Path)
      Diagnostics.push_back(json::Object{{"range", rangeOf(N.Loc)},
                                         {"severity", 3}, // Information
                                         {"source", "ownership-checker"},
                                         {"message", utf8(N.Message)}});
  Doc.Fixes = std::move(Fixes);
  Doc.FixesCurrent = true;
  publish(Doc.Uri, Doc.Version, std::move(Diagnostics));
}

json::Object Server::diagnosticOf(const ResolvedFinding &F, const std::string &Directory) const {
  json::Object D{{"range", rangeOf(F.Loc)},
                 {"severity", F.IsError ? 1 : 2},
                 {"code", F.RuleId},
                 {"source", "ownership-checker"},
                 {"message", utf8(F.Message)}};
  if (!Options.DocsBaseUri.empty() && ruleDoc(F.RuleId))
    D["codeDescription"] = json::Object{{"href", Options.DocsBaseUri + "rules/" + F.RuleId + ".rst"}};
  json::Array Related;
  for (const ResolvedNote &N : F.Notes) {
    if (N.Loc.Line == 0)
      continue;
    Related.push_back(json::Object{
        {"location", json::Object{{"uri", fileUri(absolutePath(N.Loc.File, Directory))},
                                  {"range", rangeOf(N.Loc)}}},
        {"message", utf8(N.Message)}});
  }
  if (!Related.empty())
    D["relatedInformation"] = std::move(Related);
  return D;
}

/// What a fix-it does, in the words around it: "change 'delete' to 'delete[]'" for the
/// insertion of `[]` after `delete`.
std::string fixTitle(const ResolvedFinding &F, llvm::StringRef Text) {
  if (F.Fixes.size() > 1)
    return "apply the fix-it of " + F.RuleId;
  const ResolvedFix &X = F.Fixes.front();
  auto IsWord = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  size_t Begin = X.Offset, End = X.Offset + X.Length;
  while (Begin > 0 && IsWord(Text[Begin - 1]))
    --Begin;
  while (End < Text.size() && IsWord(Text[End]))
    ++End;
  std::string Before = Text.slice(Begin, End).str();
  std::string After = (Text.slice(Begin, X.Offset) + X.Text + Text.slice(X.Offset + X.Length, End)).str();
  if (Before.empty())
    return "insert '" + After + "'";
  if (After.empty())
    return "remove '" + Before + "'";
  return "change '" + Before + "' to '" + After + "'";
}

/// \p F's fix-it as edits of the document, with a title that says what it does; none
/// when it has none, or edits another file.
std::optional<QuickFix> Server::quickFixOf(const ResolvedFinding &F, const json::Object &Diagnostic,
                                           const Document &Doc, const std::string &Path,
                                           const std::string &Directory) const {
  if (F.Fixes.empty())
    return std::nullopt;
  QuickFix Fix;
  for (const ResolvedFix &X : F.Fixes) {
    if (absolutePath(X.File, Directory) != Path || X.Offset + X.Length > Doc.Text.size())
      return std::nullopt;
    Fix.Edits.push_back(json::Object{
        {"range", json::Object{{"start", positionAt(Doc.Text, X.Offset)},
                               {"end", positionAt(Doc.Text, X.Offset + X.Length)}}},
        {"newText", utf8(X.Text)}});
  }
  Fix.Title = utf8(fixTitle(F, Doc.Text) + " (" + F.RuleId + ")");
  const json::Object *Range = Diagnostic.getObject("range");
  Fix.Start = position(*Range, "start");
  Fix.End = position(*Range, "end");
  Fix.Diagnostic = Diagnostic;
  return Fix;
}

} // namespace

int runLspServer(Session &Session, llvm::StringRef Version, std::FILE *In,
                 llvm::raw_ostream &Out) {
  Server S(Session, Version, Out);
  MessageReader Reader(fileno(In));
  while (true) {
    S.startNext();
    pollfd Fds[2] = {{Reader.fd(), POLLIN, 0}, {S.analysisFd(), POLLIN, 0}};
    if (::poll(Fds, 2, S.timeoutMs()) < 0 && errno != EINTR) {
      S.stop();
      return 1;
    }
    if (Fds[1].fd >= 0 && Fds[1].revents)
      S.onAnalysisOutput();
    if (Fds[0].revents) {
      Reader.fill();
      while (std::optional<Incoming> M = Reader.next()) {
        // The client went away without `exit`, or sent it: the analysis goes too.
        std::optional<int> Exit = (M->Eof && M->Error.empty()) ? 1 : S.handle(*M);
        if (!Exit && M->Eof)
          Exit = 1;
        if (Exit) {
          S.stop();
          return *Exit;
        }
      }
    }
    S.onTimer();
  }
}

} // namespace ownership::lsp
