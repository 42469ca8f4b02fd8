//===- Protocol.cpp - LSP's base protocol and the positions it speaks -----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/lsp/Protocol.h"

#include "checker/report/SarifReporter.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <unistd.h>

namespace json = llvm::json;

namespace ownership::lsp {

bool MessageReader::fill() {
  if (Closed)
    return false;
  char Chunk[65536];
  ssize_t N;
  do
    N = ::read(Fd, Chunk, sizeof(Chunk));
  while (N < 0 && errno == EINTR);
  if (N <= 0) {
    Closed = true;
    return false;
  }
  Buffer.append(Chunk, N);
  return true;
}

std::optional<Incoming> MessageReader::next() {
  auto EndOfInput = [&](llvm::StringRef Why) -> std::optional<Incoming> {
    if (EofSent)
      return std::nullopt;
    EofSent = true;
    Incoming M;
    M.Eof = true;
    M.Error = Why.str();
    Buffer.clear();
    return M;
  };
  // Stray blank lines between messages are skipped.
  size_t Start = Buffer.find_first_not_of("\r\n");
  if (Start == std::string::npos) {
    Buffer.clear();
    return Closed ? EndOfInput("") : std::nullopt;
  }
  Buffer.erase(0, Start);
  // The header block: lines up to an empty one.
  std::optional<size_t> Length;
  std::string Error;
  size_t Pos = 0;
  while (true) {
    size_t Newline = Buffer.find('\n', Pos);
    if (Newline == std::string::npos)
      return Closed ? EndOfInput("end of input inside a message header") : std::nullopt;
    llvm::StringRef Line = llvm::StringRef(Buffer).slice(Pos, Newline).rtrim('\r');
    Pos = Newline + 1;
    if (Line.empty())
      break;
    auto [Name, Value] = Line.split(':');
    if (!Name.trim().equals_insensitive("Content-Length"))
      continue;
    size_t N;
    if (Value.trim().getAsInteger(10, N)) {
      Error = "bad Content-Length header '" + Line.str() + "'";
      Length.reset();
    } else {
      Length = N;
    }
  }
  if (!Length) {
    Buffer.erase(0, Pos);
    Incoming M;
    M.Error = Error.empty() ? "message without a Content-Length header" : Error;
    return M;
  }
  if (Buffer.size() - Pos < *Length)
    return Closed ? EndOfInput("end of input inside a message body") : std::nullopt;
  Incoming M;
  M.Body = Buffer.substr(Pos, *Length);
  Buffer.erase(0, Pos + *Length);
  return M;
}

std::optional<std::string> pathOfUri(llvm::StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return std::nullopt;
  // An authority (file://host/path) names another machine; only local files are read.
  if (!Uri.starts_with("/"))
    return std::nullopt;
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    unsigned Byte;
    if (Uri[I] == '%' && I + 2 < Uri.size() && !Uri.substr(I + 1, 2).getAsInteger(16, Byte)) {
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

std::string absolutePath(llvm::StringRef File, llvm::StringRef Directory) {
  llvm::SmallString<256> Abs(File);
  if (!llvm::sys::path::is_absolute(Abs)) {
    Abs = Directory;
    llvm::sys::path::append(Abs, File);
  }
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return Abs.str().str();
}

json::Object positionAt(llvm::StringRef Text, size_t Offset) {
  Offset = std::min(Offset, Text.size());
  llvm::StringRef Before = Text.take_front(Offset);
  size_t LineStart = Before.rfind('\n');
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef Line = Text.drop_front(LineStart);
  unsigned Column = unsigned(Offset - LineStart) + 1;
  return json::Object{{"line", int64_t(Before.count('\n'))},
                      {"character", int64_t(report::utf16Column(Line, Column) - 1)}};
}

json::Object rangeOf(const report::ResolvedLocation &Loc) {
  unsigned Line = Loc.Line ? Loc.Line - 1 : 0;
  unsigned Begin = Loc.Column ? Loc.Column : 1;
  unsigned End = Begin;
  llvm::StringRef Text = Loc.SourceLine;
  while (End - 1 < Text.size() && (llvm::isAlnum(Text[End - 1]) || Text[End - 1] == '_'))
    ++End;
  if (End == Begin)
    ++End;
  auto Position = [&](unsigned Column) {
    return json::Object{{"line", Line}, {"character", report::utf16Column(Text, Column) - 1}};
  };
  return json::Object{{"start", Position(Begin)}, {"end", Position(End)}};
}

std::string utf8(llvm::StringRef S) { return json::isUTF8(S) ? S.str() : json::fixUTF8(S); }

} // namespace ownership::lsp
