//===- AnalysisProcess.h - One analysis in a child process ----------------===//
//
// Part of ownership-checker, under the MIT license.
//
// The language server runs each analysis in a process of its own (fork), so that the
// server outlives anything an analysis does: a crash, even one that corrupts the heap or
// overflows the stack, ends only the child; an analysis that runs too long, or that a
// newer edit made stale, is killed at once; and the memory of each analysis goes back to
// the system. llvm::CrashRecoveryContext on a fresh thread was the alternative: it
// survives a signal but leaves the server with whatever state the crashed thread left
// (held locks, a damaged heap, leaked memory), and it cannot stop an analysis that is
// merely slow, so it covers half of what is needed. A fork costs about a millisecond
// next to a parse; the child sends its result back as JSON through a pipe.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LSP_ANALYSISPROCESS_H
#define OWNERSHIP_CHECKER_LSP_ANALYSISPROCESS_H

#include "checker/driver/Session.h"

#include "llvm/Support/Error.h"

#include <functional>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ownership::lsp {

/// How an analysis ended.
struct AnalysisOutcome {
  enum class Kind {
    Done,    ///< Result and CompileErrors hold what it found
    Failed,  ///< it could not start (a bad configuration file); Message says why
    Crashed, ///< the process died; Message says how
  };
  Kind What = Kind::Done;
  driver::FileResult Result;
  std::vector<std::string> CompileErrors; ///< clang's errors, as it prints them
  std::string Message;
};

/// The analysis the child runs: the result, with the compiler's errors added to
/// CompileErrors.
using AnalysisJob =
    std::function<llvm::Expected<driver::FileResult>(std::vector<std::string> &CompileErrors)>;

class AnalysisProcess {
public:
  ~AnalysisProcess();

  /// Starts \p Job in a child process; an error when the system cannot make one.
  static llvm::Expected<std::unique_ptr<AnalysisProcess>> start(const AnalysisJob &Job);

  /// The descriptor to poll for the child's output.
  int fd() const { return Fd; }
  /// Reads what the child wrote; true once its output is complete.
  bool read();
  /// Waits for the child, after read() returned true, and says how it ended.
  AnalysisOutcome finish();
  /// Stops the child (a stale or runaway analysis) and waits for it.
  void kill();

private:
  AnalysisProcess(pid_t Pid, int Fd) : Pid(Pid), Fd(Fd) {}

  pid_t Pid;
  int Fd;
  std::string Output;
};

} // namespace ownership::lsp

#endif // OWNERSHIP_CHECKER_LSP_ANALYSISPROCESS_H
