//===- LspServer.h - The checker as a Language Server ---------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// `ownership-checker --lsp` speaks the Language Server Protocol over stdio, so that any
// editor with an LSP client shows findings beside clangd's (clangd cannot load clang-tidy
// plugins). The server owns the protocol, the open buffers and the choice of compile
// command; the analysis of a buffer is the command line's own (a driver::Session).
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LSP_LSPSERVER_H
#define OWNERSHIP_CHECKER_LSP_LSPSERVER_H

#include "checker/driver/Session.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdio>

namespace ownership::lsp {

/// Serves LSP requests read from \p In, writing responses and notifications to \p Out,
/// until the client sends `exit` or closes \p In. Returns the process's exit code: 0 after
/// `shutdown` then `exit`, 1 otherwise, as the protocol specifies.
/// Each analysis is \p S's, under the configuration files as they are at that moment
/// (they are read again for each); `-p`, the arguments after `--` and the docs' base
/// URI come from \p S's options. \p Version is the server's, for the editor.
int runLspServer(driver::Session &S, llvm::StringRef Version, std::FILE *In,
                 llvm::raw_ostream &Out);

} // namespace ownership::lsp

#endif // OWNERSHIP_CHECKER_LSP_LSPSERVER_H
