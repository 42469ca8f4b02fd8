//===- CorpusRunner.cpp - End-to-end checks of one corpus file ------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Runs the built ownership-checker on one test-corpus file and compares what it prints
// with the expectations written in the file's comments:
//
//   // expect: RULE-ID [xK] [{{substring}}]        a finding on this line
//   // expect-note: RULE-ID [xK] [{{substring}}]   a note of such a finding on this line
//   // expect@+N: ... / expect@-N: ...             the same, N lines below / above
//   // RUN-ARGS: -std=c++20                        compiler arguments (default -std=c++17)
//   // EXPECT-EXIT: 2                              the exit code, when it is not 0 or 1
//   // REQUIRES-HEADER: openssl/x509.h libssl-dev  skip the file (exit code 77, which
//                                                  CTest shows as skipped) when the header
//                                                  is not installed, naming the package
//   // REQUIRES-CLANG: 20                         skip the file (77) when the checker is
//                                                  built against an older Clang (one that
//                                                  ignores an attribute the file tests)
//
// Findings are matched both ways: every expected finding must be reported and every
// reported finding must be expected. Expected notes must be reported. A note belongs to the
// finding printed before it. A finding none of whose notes is expected may have any notes,
// so that a case can focus on the story it tests; once one of its notes is expected, all
// of its notes in the corpus file must be.
//===----------------------------------------------------------------------===//
#include "checker/support/ClangCompat.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace {

struct Expectation {
  bool IsNote;
  unsigned Line;
  std::string Rule;
  std::string Substring;
  bool Met = false;
};

struct Reported {
  bool IsNote;
  std::string File;
  unsigned Line;
  std::string Rule; ///< for notes, the rule of the finding they belong to
  std::string Message;
  std::string Text; ///< the line as printed
  bool Matched = false;
  /// For a note, the index in the reports of the finding it belongs to; -1 when none
  /// was printed before it.
  int Finding = -1;
};

/// A header a corpus file needs (a library's), and the Debian package that has it.
struct RequiredHeader {
  std::string Header;
  std::string Package;
};

struct CorpusFile {
  std::vector<Expectation> Expectations;
  std::vector<std::string> RunArgs;
  std::vector<RequiredHeader> Requires;
  /// The oldest Clang major version the file's cases hold with (REQUIRES-CLANG).
  unsigned RequiredClang = 0;
  int ExpectedExit = -1; ///< -1: 1 when findings are expected, else 0
};

bool parseFile(llvm::StringRef Path, CorpusFile &Out, std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer) {
    Error = "cannot read " + Path.str() + ": " + Buffer.getError().message();
    return false;
  }
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  llvm::Regex Marker("expect(-note)?(@([+-][0-9]+))?:[ \t]*([a-z0-9-]+)([ \t]+x([0-9]+))?"
                     "([ \t]*\\{\\{(.*)\\}\\})?");
  bool SawRunArgs = false;
  for (unsigned I = 0; I < Lines.size(); ++I) {
    llvm::StringRef Line = Lines[I];
    size_t Comment = Line.find("//");
    if (Comment == llvm::StringRef::npos)
      continue;
    llvm::StringRef Text = Line.substr(Comment + 2).trim();
    if (Text.consume_front("RUN-ARGS:")) {
      llvm::SmallVector<llvm::StringRef, 8> Args;
      Text.split(Args, ' ', -1, false);
      for (llvm::StringRef A : Args)
        Out.RunArgs.push_back(A.str());
      SawRunArgs = true;
      continue;
    }
    if (Text.consume_front("REQUIRES-HEADER:")) {
      auto [Header, Package] = Text.trim().split(' ');
      Out.Requires.push_back({Header.str(), Package.trim().str()});
      continue;
    }
    if (Text.consume_front("REQUIRES-CLANG:")) {
      if (Text.trim().getAsInteger(10, Out.RequiredClang)) {
        Error = Path.str() + ":" + std::to_string(I + 1) +
                ": REQUIRES-CLANG needs a major version number";
        return false;
      }
      continue;
    }
    if (Text.consume_front("EXPECT-EXIT:")) {
      Text.trim().getAsInteger(10, Out.ExpectedExit);
      continue;
    }
    // Several markers may share one comment: split at each "expect".
    llvm::StringRef Rest = Line.substr(Comment);
    while (true) {
      size_t At = Rest.find("expect");
      if (At == llvm::StringRef::npos)
        break;
      Rest = Rest.substr(At);
      size_t Next = Rest.find("expect", 6);
      llvm::StringRef One = Rest.substr(0, Next);
      Rest = Next == llvm::StringRef::npos ? llvm::StringRef() : Rest.substr(Next);
      llvm::SmallVector<llvm::StringRef, 9> M;
      if (!Marker.match(One, &M))
        continue;
      int Offset = 0;
      if (!M[3].empty())
        M[3].getAsInteger(10, Offset);
      unsigned Count = 1;
      if (!M[6].empty())
        M[6].getAsInteger(10, Count);
      for (unsigned K = 0; K < Count; ++K)
        Out.Expectations.push_back({!M[1].empty(), I + 1 + Offset, M[4].str(), M[8].str()});
    }
  }
  if (!SawRunArgs)
    Out.RunArgs.push_back(llvm::sys::path::extension(Path) == ".c" ? "-std=c11" : "-std=c++17");
  return true;
}

std::vector<Reported> parseOutput(llvm::StringRef Output) {
  std::vector<Reported> Result;
  llvm::Regex Diag("^(.+):([0-9]+):([0-9]+): (warning|note): (.*)$");
  llvm::Regex RuleSuffix(" \\[(ownership-[a-z0-9-]+)\\]$");
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Output.split(Lines, '\n');
  std::string CurrentRule;
  int CurrentFinding = -1;
  for (llvm::StringRef Line : Lines) {
    llvm::SmallVector<llvm::StringRef, 6> M;
    if (!Diag.match(Line, &M))
      continue;
    Reported R;
    R.IsNote = M[4] == "note";
    R.File = M[1].str();
    M[2].getAsInteger(10, R.Line);
    R.Message = M[5].str();
    R.Text = Line.str();
    if (!R.IsNote) {
      llvm::SmallVector<llvm::StringRef, 2> RM;
      CurrentRule = RuleSuffix.match(R.Message, &RM) ? RM[1].str() : "";
      CurrentFinding = static_cast<int>(Result.size());
    }
    R.Rule = CurrentRule;
    R.Finding = R.IsNote ? CurrentFinding : -1;
    Result.push_back(std::move(R));
  }
  return Result;
}

bool matches(const Expectation &E, const Reported &R, llvm::StringRef File) {
  return R.IsNote == E.IsNote && R.Line == E.Line && R.Rule == E.Rule && R.File == File &&
         llvm::StringRef(R.Message).contains(E.Substring);
}

/// Matches the note expectations to the notes of \p Reports. Each finding whose notes (in
/// \p File) can all be expected is matched first, those with the most notes first: a
/// finding whose notes are only partly expected fails, so an expectation should go where it
/// completes one. The expectations left over then match any note.
void matchNotes(std::vector<Expectation> &Expectations, std::vector<Reported> &Reports,
                llvm::StringRef File) {
  // By finding, its notes in the corpus file; in the order the findings were printed.
  std::vector<std::pair<size_t, std::vector<size_t>>> Findings;
  for (size_t I = 0; I < Reports.size(); ++I) {
    const Reported &R = Reports[I];
    if (!R.IsNote)
      Findings.push_back({I, {}});
    else if (R.Finding >= 0 && R.File == File)
      Findings.back().second.push_back(I);
  }
  std::stable_sort(Findings.begin(), Findings.end(), [](const auto &A, const auto &B) {
    return A.second.size() > B.second.size();
  });
  for (const auto &Entry : Findings) {
    const std::vector<size_t> &Notes = Entry.second;
    std::vector<Expectation *> Taken;
    for (size_t N : Notes) {
      auto It = llvm::find_if(Expectations, [&](const Expectation &E) {
        return E.IsNote && !E.Met && matches(E, Reports[N], File);
      });
      if (It == Expectations.end())
        break;
      It->Met = true;
      Taken.push_back(&*It);
    }
    if (Notes.empty() || Taken.size() != Notes.size()) {
      for (Expectation *E : Taken)
        E->Met = false;
      continue;
    }
    for (size_t N : Notes)
      Reports[N].Matched = true;
  }
  for (Expectation &E : Expectations) {
    if (!E.IsNote || E.Met)
      continue;
    for (Reported &R : Reports)
      if (!R.Matched && matches(E, R, File)) {
        R.Matched = E.Met = true;
        break;
      }
  }
}

std::string readFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string();
}

/// Runs \p Tool on \p File with the corpus file's arguments and the runner's extra ones;
/// returns its exit code (negative when it could not run or crashed, after saying so).
int runChecker(const std::string &Tool, llvm::StringRef File, const CorpusFile &Corpus, int Argc,
               char **Argv, std::vector<std::string> &Args, std::string &Output,
               std::string &Errors) {
  Args = {Tool, "--color=never"};
  for (int I = 3; I < Argc; ++I)
    Args.push_back(Argv[I]);
  Args.push_back(File.str());
  Args.push_back("--");
  Args.insert(Args.end(), Corpus.RunArgs.begin(), Corpus.RunArgs.end());
  llvm::SmallVector<llvm::StringRef, 16> ArgRefs(Args.begin(), Args.end());

  llvm::SmallString<128> OutPath, ErrPath;
  llvm::sys::fs::createTemporaryFile("corpus", "out", OutPath);
  llvm::sys::fs::createTemporaryFile("corpus", "err", ErrPath);
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, llvm::StringRef(OutPath),
                                                llvm::StringRef(ErrPath)};
  std::string ExecError;
  int Exit = llvm::sys::ExecuteAndWait(Tool, ArgRefs, std::nullopt, Redirects,
                                       /*SecondsToWait=*/120, 0, &ExecError);
  Output = readFile(OutPath);
  Errors = readFile(ErrPath);
  llvm::sys::fs::remove(OutPath);
  llvm::sys::fs::remove(ErrPath);
  if (Exit < 0)
    llvm::errs() << "error: running " << Tool << ": " << ExecError << "\n" << Errors;
  return Exit;
}

/// Exit code of a skipped corpus file (CTest's SKIP_RETURN_CODE, as for automake).
constexpr int SkipExit = 77;

/// The first header \p Corpus needs that is in none of the include directories: its
/// `-I` flags, /usr/local/include, /usr/include and the multiarch ones under it.
const RequiredHeader *missingHeader(const CorpusFile &Corpus) {
  std::vector<std::string> Dirs;
  for (const std::string &A : Corpus.RunArgs)
    if (llvm::StringRef(A).starts_with("-I"))
      Dirs.push_back(A.substr(2));
  Dirs.push_back("/usr/local/include");
  Dirs.push_back("/usr/include");
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It("/usr/include", EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).contains("-linux-"))
      Dirs.push_back(It->path());
  for (const RequiredHeader &R : Corpus.Requires) {
    bool Found = llvm::any_of(Dirs, [&](const std::string &D) {
      llvm::SmallString<256> P(D);
      llvm::sys::path::append(P, R.Header);
      return llvm::sys::fs::exists(P);
    });
    if (!Found)
      return &R;
  }
  return nullptr;
}

/// Matches \p Reports against \p Corpus's expectations, each expectation to one report,
/// findings first, then notes; calls \p Fail for every mismatch and returns how many
/// findings (not notes) were reported.
size_t checkExpectations(CorpusFile &Corpus, std::vector<Reported> &Reports,
                         llvm::StringRef File,
                         llvm::function_ref<void(const llvm::Twine &)> Fail) {
  for (Expectation &E : Corpus.Expectations) {
    if (E.IsNote)
      continue;
    for (Reported &R : Reports)
      if (!R.Matched && matches(E, R, File)) {
        R.Matched = E.Met = true;
        break;
      }
  }
  matchNotes(Corpus.Expectations, Reports, File);
  for (const Expectation &E : Corpus.Expectations)
    if (!E.Met)
      Fail(llvm::Twine(E.Line) + ": expected " + (E.IsNote ? "note" : "finding") + " not reported: " +
           E.Rule + (E.Substring.empty() ? "" : " {{" + E.Substring + "}}"));
  size_t Findings = 0;
  for (const Reported &R : Reports) {
    if (R.IsNote)
      continue;
    ++Findings;
    if (!R.Matched)
      Fail(llvm::Twine(R.Line) + ": unexpected finding: " + R.Text);
  }
  // A finding with an expected note must have all of its notes expected.
  for (const Reported &R : Reports) {
    if (!R.IsNote || R.Matched || R.Finding < 0 || R.File != File)
      continue;
    bool SomeExpected = llvm::any_of(Reports, [&](const Reported &Other) {
      return Other.IsNote && Other.Matched && Other.Finding == R.Finding;
    });
    if (SomeExpected)
      Fail(llvm::Twine(R.Line) + ": unexpected note of the finding on line " +
           llvm::Twine(Reports[R.Finding].Line) + ", whose other notes are expected: " + R.Text);
  }

  return Findings;
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc < 3) {
    llvm::errs() << "usage: corpus-runner PATH/TO/ownership-checker CORPUS-FILE [EXTRA-TOOL-ARGS...]\n";
    return 2;
  }
  std::string Tool = Argv[1];
  llvm::SmallString<256> File(Argv[2]);
  llvm::sys::fs::make_absolute(File);

  CorpusFile Corpus;
  std::string Error;
  if (!parseFile(File, Corpus, Error)) {
    llvm::errs() << "error: " << Error << "\n";
    return 2;
  }

  // An attribute an older Clang does not know is ignored: the file's cases do not hold.
  if (Corpus.RequiredClang > ownership::compat::clangMajorVersion()) {
    llvm::outs() << File << ": skipped: it needs Clang " << Corpus.RequiredClang
                 << " or later; the checker is built against Clang "
                 << ownership::compat::clangMajorVersion() << "\n";
    return SkipExit;
  }
  // A library's case needs its headers; without them the compile error would hide what
  // the case tests. CI installs them (scripts/install-deps.sh).
  if (const RequiredHeader *Missing = missingHeader(Corpus)) {
    llvm::outs() << File << ": skipped: it needs <" << Missing->Header
                 << ">, which is not installed (Debian package " << Missing->Package
                 << "; scripts/install-deps.sh installs it)\n";
    return SkipExit;
  }

  std::vector<std::string> Args;
  std::string Output, Errors;
  int Exit = runChecker(Tool, File, Corpus, Argc, Argv, Args, Output, Errors);
  if (Exit < 0)
    return 1;

  std::vector<Reported> Reports = parseOutput(Output);
  bool Ok = true;
  auto Fail = [&](const llvm::Twine &Message) {
    llvm::outs() << File << ":" << Message << "\n";
    Ok = false;
  };

  size_t Findings = checkExpectations(Corpus, Reports, File, Fail);

  int ExpectedExit = Corpus.ExpectedExit >= 0 ? Corpus.ExpectedExit : (Findings ? 1 : 0);
  if (Exit != ExpectedExit)
    Fail(" exit code " + llvm::Twine(Exit) + ", expected " + llvm::Twine(ExpectedExit));

  if (!Ok) {
    llvm::outs() << "--- output of " << llvm::join(Args, " ") << "\n" << Output;
    if (!Errors.empty())
      llvm::outs() << "--- stderr\n" << Errors;
    return 1;
  }
  llvm::outs() << File << ": " << Corpus.Expectations.size() << " expectations met, "
               << Findings << " findings\n";
  return 0;
}
