//===- AnalysisProcess.cpp - One analysis in a child process --------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lsp/AnalysisProcess.h"

#include "checker/cli/ResultCache.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace json = llvm::json;

namespace ownership::lsp {
namespace {

/// The child's result as JSON: what the parent reads back.
std::string serialize(llvm::Expected<driver::FileResult> Result,
                      const std::vector<std::string> &CompileErrors) {
  json::Object Out;
  if (!Result) {
    Out["error"] = llvm::toString(Result.takeError());
  } else {
    json::Array Findings, Skipped;
    for (const report::ResolvedFinding &F : Result->Findings)
      Findings.push_back(cli::toJson(F));
    for (const report::ResolvedNote &N : Result->Skipped)
      Skipped.push_back(cli::toJson(N));
    Out["compiled"] = Result->Compiled;
    Out["findings"] = std::move(Findings);
    Out["skipped"] = std::move(Skipped);
    Out["compileErrors"] = json::Array(CompileErrors);
  }
  std::string Text;
  llvm::raw_string_ostream(Text) << json::Value(std::move(Out));
  return Text;
}

/// Reads the child's result; false when it is not one (the child died mid-way).
bool deserialize(llvm::StringRef Text, AnalysisOutcome &Out) {
  llvm::Expected<json::Value> V = json::parse(Text);
  if (!V) {
    llvm::consumeError(V.takeError());
    return false;
  }
  const json::Object *O = V->getAsObject();
  if (!O)
    return false;
  if (std::optional<llvm::StringRef> Error = O->getString("error")) {
    Out.What = AnalysisOutcome::Kind::Failed;
    Out.Message = Error->str();
    return true;
  }
  const json::Array *Findings = O->getArray("findings");
  const json::Array *Skipped = O->getArray("skipped");
  const json::Array *Errors = O->getArray("compileErrors");
  std::optional<bool> Compiled = O->getBoolean("compiled");
  if (!Findings || !Skipped || !Errors || !Compiled)
    return false;
  json::Path::Root Root;
  for (const json::Value &F : *Findings)
    if (!cli::fromJson(F, Out.Result.Findings.emplace_back(), json::Path(Root)))
      return false;
  for (const json::Value &N : *Skipped)
    if (!cli::fromJson(N, Out.Result.Skipped.emplace_back(), json::Path(Root)))
      return false;
  for (const json::Value &E : *Errors)
    if (std::optional<llvm::StringRef> S = E.getAsString())
      Out.CompileErrors.push_back(S->str());
  Out.Result.Compiled = *Compiled;
  Out.What = AnalysisOutcome::Kind::Done;
  return true;
}

void writeAll(int Fd, llvm::StringRef Text) {
  while (!Text.empty()) {
    ssize_t N = ::write(Fd, Text.data(), Text.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return;
    Text = Text.drop_front(N);
  }
}

/// What the child does: the analysis, its result through \p Fd, and nothing else of
/// the server's (no destructors, no flushing of the server's streams).
[[noreturn]] void runChild(const AnalysisJob &Job, int Fd) {
  // Standard output is the protocol's channel: whatever the analysis prints there
  // (--dump) goes to standard error, which editors keep as the server's log.
  ::dup2(STDERR_FILENO, STDOUT_FILENO);
  std::vector<std::string> CompileErrors;
  llvm::Expected<driver::FileResult> Result = Job(CompileErrors);
  writeAll(Fd, serialize(std::move(Result), CompileErrors));
  llvm::errs().flush();
  ::_exit(0);
}

std::string describeStatus(int Status) {
  if (WIFSIGNALED(Status)) {
    int Signal = WTERMSIG(Status);
    return "it was stopped by signal " + std::to_string(Signal) + " (" + strsignal(Signal) + ")";
  }
  if (WIFEXITED(Status) && WEXITSTATUS(Status) != 0)
    return "it exited with code " + std::to_string(WEXITSTATUS(Status));
  return "its result could not be read";
}

} // namespace

llvm::Expected<std::unique_ptr<AnalysisProcess>> AnalysisProcess::start(const AnalysisJob &Job) {
  int Pipe[2];
  if (::pipe2(Pipe, O_CLOEXEC) != 0)
    return llvm::createStringError(std::error_code(errno, std::generic_category()),
                                   "cannot make a pipe for the analysis");
  // Whatever the server has buffered for the editor must not be written twice.
  llvm::outs().flush();
  llvm::errs().flush();
  pid_t Pid = ::fork();
  if (Pid < 0) {
    int Error = errno;
    ::close(Pipe[0]);
    ::close(Pipe[1]);
    return llvm::createStringError(std::error_code(Error, std::generic_category()),
                                   "cannot start the analysis process");
  }
  if (Pid == 0) {
    ::close(Pipe[0]);
    runChild(Job, Pipe[1]);
  }
  ::close(Pipe[1]);
  return std::unique_ptr<AnalysisProcess>(new AnalysisProcess(Pid, Pipe[0]));
}

AnalysisProcess::~AnalysisProcess() {
  if (Pid > 0)
    kill();
}

bool AnalysisProcess::read() {
  char Chunk[65536];
  ssize_t N;
  do
    N = ::read(Fd, Chunk, sizeof(Chunk));
  while (N < 0 && errno == EINTR);
  if (N > 0) {
    Output.append(Chunk, N);
    return false;
  }
  return true;
}

AnalysisOutcome AnalysisProcess::finish() {
  int Status = 0;
  while (::waitpid(Pid, &Status, 0) < 0 && errno == EINTR) {
  }
  Pid = -1;
  ::close(Fd);
  AnalysisOutcome Out;
  bool Clean = WIFEXITED(Status) && WEXITSTATUS(Status) == 0;
  if (!Clean || !deserialize(Output, Out)) {
    Out = AnalysisOutcome();
    Out.What = AnalysisOutcome::Kind::Crashed;
    Out.Message = describeStatus(Status);
  }
  return Out;
}

void AnalysisProcess::kill() {
  ::kill(Pid, SIGKILL);
  int Status;
  while (::waitpid(Pid, &Status, 0) < 0 && errno == EINTR) {
  }
  Pid = -1;
  ::close(Fd);
}

} // namespace ownership::lsp
