//===- Protocol.h - LSP's base protocol and the positions it speaks -------===//
//
// Part of ownership-checker, under the MIT license.
//
// The pieces of the Language Server Protocol the server needs apart from its logic:
// reading Content-Length framed messages from a file descriptor without blocking the
// server's loop, `file:` URIs, and positions in UTF-16 code units.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LSP_PROTOCOL_H
#define OWNERSHIP_CHECKER_LSP_PROTOCOL_H

#include "checker/report/Finding.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>

namespace ownership::lsp {

/// One message read from the client: its body, or why there is none.
struct Incoming {
  bool Eof = false;
  std::string Body;
  std::string Error; ///< a framing problem; the message is skipped
};

/// Reads `Content-Length: N\r\n ... \r\n\r\n<N bytes>` messages from a file descriptor
/// that the server also polls, so that it can read while an analysis runs. Header lines
/// may end in a bare '\n' too, as some clients write them.
class MessageReader {
public:
  explicit MessageReader(int Fd) : Fd(Fd) {}

  int fd() const { return Fd; }
  /// Reads what the descriptor has (one read(), which blocks only when nothing is
  /// there). Returns false at the end of input.
  bool fill();
  /// The next message from what was read; none when more input is needed. After the end
  /// of input, a last message with Eof set (and Error when a message was cut short).
  std::optional<Incoming> next();

private:
  int Fd;
  std::string Buffer;
  bool Closed = false;
  bool EofSent = false;
};

/// The path of a `file:` URI, percent-decoded and without `.` and `..`; none for other
/// schemes and for other machines' files.
std::optional<std::string> pathOfUri(llvm::StringRef Uri);

/// \p File made absolute against \p Directory, without `.` and `..`.
std::string absolutePath(llvm::StringRef File, llvm::StringRef Directory);

/// The LSP position of byte \p Offset in \p Text: its line, and its column in UTF-16
/// code units, as the protocol counts.
llvm::json::Object positionAt(llvm::StringRef Text, size_t Offset);

/// The range an editor underlines for a finding at \p Loc: the identifier or keyword
/// there (`S` in `S.size()`, `delete`), else the one character.
llvm::json::Object rangeOf(const report::ResolvedLocation &Loc);

/// \p S, repaired where it is not UTF-8 (JSON strings must be).
std::string utf8(llvm::StringRef S);

} // namespace ownership::lsp

#endif // OWNERSHIP_CHECKER_LSP_PROTOCOL_H
