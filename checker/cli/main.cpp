//===- main.cpp - ownership-checker's entry point -------------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Parses the command line and hands over to runTool(); no analysis here.
//===----------------------------------------------------------------------===//
#include "checker/cli/ToolRunner.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/thread.h"

#include <algorithm>

using namespace ownership::cli;

namespace ownership::cli {
extern llvm::cl::OptionCategory CheckerCategory;
} // namespace ownership::cli

int main(int Argc, const char **Argv) {
  llvm::InitLLVM X(Argc, Argv);
  registerToolOptions();
  // CommonOptionsParser keeps the arguments after `--` only in the compilation database it
  // builds; --lsp gives them to the files no database covers.
  const char **DashDash = std::find_if(Argv + 1, Argv + Argc,
                                       [](const char *A) { return llvm::StringRef(A) == "--"; });
  std::vector<std::string> CompilerArgs(DashDash + (DashDash != Argv + Argc), Argv + Argc);
  if (llvm::Error Err = checkExplicitCompilationDatabase(Argc, Argv)) {
    llvm::WithColor::error(llvm::errs(), "ownership-checker") << llvm::toString(std::move(Err))
                                                              << '\n';
    return ExitToolError;
  }
  auto Parser = clang::tooling::CommonOptionsParser::create(Argc, Argv, CheckerCategory,
                                                            llvm::cl::ZeroOrMore);
  if (!Parser) {
    // llvm::cl's message spans lines ("Did you mean ...?") and names the program; CI
    // logs and wrappers want one line per problem.
    std::string Message = llvm::toString(Parser.takeError());
    llvm::SmallVector<llvm::StringRef, 4> Lines;
    llvm::StringRef(Message).split(Lines, '\n', -1, /*KeepEmpty=*/false);
    std::string OneLine;
    for (llvm::StringRef L : Lines) {
      L = L.trim();
      L.consume_front("ownership-checker: ");
      if (!L.empty())
        OneLine += (OneLine.empty() ? "" : " ") + L.str();
    }
    llvm::WithColor::error(llvm::errs(), "ownership-checker") << OneLine << '\n';
    return ExitToolError;
  }
  // Clang's parser and our walks recurse on the depth of expressions; generated code
  // (a sum of 100,000 terms) overflows an 8 MB stack. Run on a thread whose stack is
  // large enough; only the pages actually used are committed.
  constexpr unsigned StackSize = 1u << 30;
  int Exit = ExitToolError;
  ownership::driver::SessionArgs Args = argsFromCommandLine();
  Args.CompilerArgs = std::move(CompilerArgs);
  llvm::thread Worker(std::optional<unsigned>(StackSize), [&] { Exit = runTool(*Parser, Args); });
  Worker.join();
  return Exit;
}
