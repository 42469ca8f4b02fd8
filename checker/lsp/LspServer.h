//===- LspServer.h - The checker as a Language Server ---------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// `ownership-checker --lsp` speaks the Language Server Protocol over stdio, so that any
// editor with an LSP client shows findings beside clangd's (clangd cannot load clang-tidy
// plugins). The server owns the protocol, the open buffers and the choice of compile
// command; the analysis of a buffer is the tool's own (ToolRunner), passed in.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LSP_LSPSERVER_H
#define OWNERSHIP_CHECKER_LSP_LSPSERVER_H

#include "checker/report/Finding.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ownership::lsp {

/// One source file to analyse, as the command line and the language server ask for it.
struct FileRequest {
  std::string Path; ///< as given; the language server gives absolute paths
  const clang::tooling::CompilationDatabase *Compilations = nullptr;
  /// The editor's unsaved text, analysed instead of the file on disk; none for the file.
  std::optional<llvm::StringRef> Contents;
  /// Receives the compiler's diagnostics instead of standard error; may be null.
  clang::DiagnosticConsumer *Diagnostics = nullptr;
};

/// Analyses one file: its findings (warnings-as-errors applied) and whether it compiled.
/// An error is a problem before any analysis, e.g. a bad configuration file.
struct FileResult {
  std::vector<report::ResolvedFinding> Findings;
  bool Compiled = true;
};
using FileAnalyzer = std::function<llvm::Expected<FileResult>(const FileRequest &)>;

/// What the command line tells the server.
struct LspServerOptions {
  /// `-p`: the build directory whose compilation database applies to every file. Empty:
  /// search from each file upwards, as clangd does.
  std::string BuildPath;
  /// The compiler arguments after `--`, for files no compilation database covers.
  std::vector<std::string> FallbackArgs;
  /// Base of the rules' documentation URIs (the same as SARIF's helpUri).
  std::string DocsBaseUri;
  std::string Version;
};

/// Serves LSP requests read from \p In, writing responses and notifications to \p Out,
/// until the client sends `exit` or closes \p In. Returns the process's exit code: 0 after
/// `shutdown` then `exit`, 1 otherwise, as the protocol specifies.
int runLspServer(const LspServerOptions &Options, const FileAnalyzer &Analyze, std::FILE *In,
                 llvm::raw_ostream &Out);

} // namespace ownership::lsp

#endif // OWNERSHIP_CHECKER_LSP_LSPSERVER_H
