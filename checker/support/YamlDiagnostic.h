//===- YamlDiagnostic.h - The first diagnostic of a YAML parse --------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
// Below every layer: the configuration file and the library models both read YAML and
// turn the parser's first complaint into one line with its position.
#ifndef OWNERSHIP_SUPPORT_YAMLDIAGNOSTIC_H
#define OWNERSHIP_SUPPORT_YAMLDIAGNOSTIC_H

#include "llvm/Support/SourceMgr.h"

#include <string>

namespace ownership::support {

/// Keeps the first diagnostic of the YAML parser, to turn it into one line. Install with
/// `llvm::yaml::Input In(Text, /*Ctxt=*/nullptr, &FirstDiagnostic::handle, &Diag)`.
struct FirstDiagnostic {
  bool Seen = false;
  unsigned Line = 0, Column = 0;
  std::string Message;

  static void handle(const llvm::SMDiagnostic &D, void *Context) {
    auto *Self = static_cast<FirstDiagnostic *>(Context);
    if (Self->Seen)
      return;
    Self->Seen = true;
    Self->Line = D.getLineNo();
    Self->Column = D.getColumnNo() + 1;
    Self->Message = D.getMessage().str();
  }
};

} // namespace ownership::support

#endif
