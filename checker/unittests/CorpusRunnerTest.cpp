//===- CorpusRunnerTest.cpp - How the corpus runner matches expectations --===//
//
// Part of ownership-checker, under the MIT license.
//
// Runs the built corpus-runner on small corpus files, with a stand-in for the checker (a
// script that prints a fixed output), and checks which outputs it accepts: findings both
// ways, expected notes, and the notes of a finding some of whose notes are expected.
//===----------------------------------------------------------------------===//
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

using ::testing::HasSubstr;
using ::testing::Not;

namespace ownership {
namespace test {
namespace {

class CorpusRunnerTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("corpus-runner-test", Dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  /// Runs the corpus runner on a corpus file holding \p Source, with a checker that prints
  /// \p Output (each `FILE` replaced by the corpus file's path) and exits with \p Exit.
  /// Returns the runner's exit code; what it printed is in Printed.
  int run(llvm::StringRef Source, llvm::StringRef Output, int Exit = 1) {
    std::string File = path("case.cpp");
    std::string Tool = path("fake-checker.sh");
    write(File, Source);
    std::string Replaced;
    llvm::SmallVector<llvm::StringRef, 4> Pieces;
    Output.split(Pieces, "FILE");
    Replaced = llvm::join(Pieces, File);
    write(path("output.txt"), Replaced);
    write(Tool, "#!/bin/sh\ncat '" + path("output.txt") + "'\nexit " + std::to_string(Exit) + "\n");
    llvm::sys::fs::setPermissions(Tool, llvm::sys::fs::all_read | llvm::sys::fs::all_exe |
                                            llvm::sys::fs::owner_write);
    std::string Printout = path("runner.out");
    std::optional<llvm::StringRef> Redirects[] = {std::nullopt, llvm::StringRef(Printout),
                                                  llvm::StringRef(Printout)};
    llvm::StringRef Args[] = {OWNERSHIP_CORPUS_RUNNER, Tool, File};
    int Code = llvm::sys::ExecuteAndWait(OWNERSHIP_CORPUS_RUNNER, Args, std::nullopt, Redirects,
                                         /*SecondsToWait=*/60);
    auto Buffer = llvm::MemoryBuffer::getFile(Printout);
    Printed = Buffer ? (*Buffer)->getBuffer().str() : std::string();
    return Code;
  }

  std::string Printed;

private:
  std::string path(llvm::StringRef Name) const {
    llvm::SmallString<128> P(Dir);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }
  static void write(llvm::StringRef Path, llvm::StringRef Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    ASSERT_FALSE(EC) << EC.message();
    OS << Text;
  }

  llvm::SmallString<128> Dir;
};

// A finding on line 5 with notes on lines 3 and 4, as the checker prints it. (The corpus
// files below start with an empty line.)
const char *const FindingWithTwoNotes = "FILE:5:3: warning: 'p' used after [ownership-x]\n"
                                        "FILE:3:3: note: borrowed here\n"
                                        "FILE:4:3: note: modified here\n";

TEST_F(CorpusRunnerTest, EveryNoteExpected) {
  EXPECT_EQ(run(R"cpp(
void f() {
  a(); // expect-note: ownership-x {{borrowed}}
  b(); // expect-note: ownership-x {{modified}}
  c(); // expect: ownership-x
})cpp",
                FindingWithTwoNotes),
            0)
      << Printed;
}

TEST_F(CorpusRunnerTest, FindingWithoutExpectedNotesMayHaveAnyNotes) {
  EXPECT_EQ(run(R"cpp(
void f() {
  a();
  b();
  c(); // expect: ownership-x
})cpp",
                FindingWithTwoNotes),
            0)
      << Printed;
}

TEST_F(CorpusRunnerTest, UnexpectedNoteNextToAnExpectedOneFails) {
  EXPECT_EQ(run(R"cpp(
void f() {
  a();
  b(); // expect-note: ownership-x {{modified}}
  c(); // expect: ownership-x
})cpp",
                FindingWithTwoNotes),
            1);
  EXPECT_THAT(Printed, HasSubstr(":3: unexpected note of the finding on line 5"));
}

TEST_F(CorpusRunnerTest, ExpectedNoteNotReportedFails) {
  EXPECT_EQ(run(R"cpp(
void f() {
  a(); // expect-note: ownership-x {{borrowed}}
  b(); // expect-note: ownership-x {{modified}}
  c(); // expect: ownership-x
  d(); // expect-note: ownership-x
})cpp",
                FindingWithTwoNotes),
            1);
  EXPECT_THAT(Printed, HasSubstr(":6: expected note not reported"));
}

TEST_F(CorpusRunnerTest, UnexpectedFindingFails) {
  EXPECT_EQ(run("void f() {}\n", "FILE:1:1: warning: bad [ownership-x]\n"), 1);
  EXPECT_THAT(Printed, HasSubstr(":1: unexpected finding"));
}

TEST_F(CorpusRunnerTest, NotesBelongToTheFindingPrintedBeforeThem) {
  // Two findings share a note line. The expectations complete the second finding; the
  // first, none of whose notes is then expected, keeps its note unexpected.
  EXPECT_EQ(run(R"cpp(
void f() {
  a(); // expect-note: ownership-x {{allocated}}
  b(); // expect-note: ownership-x {{released}}
  c(); // expect: ownership-x
  d(); // expect: ownership-x
})cpp",
                "FILE:5:3: warning: first [ownership-x]\n"
                "FILE:3:3: note: allocated here\n"
                "FILE:6:3: warning: second [ownership-x]\n"
                "FILE:3:3: note: allocated here\n"
                "FILE:4:3: note: released here\n"),
            0)
      << Printed;
}

TEST_F(CorpusRunnerTest, NoteOfAnotherRuleDoesNotMatch) {
  EXPECT_EQ(run(R"cpp(
void f() {
  a(); // expect-note: ownership-y {{borrowed}}
  b();
  c(); // expect: ownership-x
})cpp",
                FindingWithTwoNotes),
            1);
  EXPECT_THAT(Printed, HasSubstr(":3: expected note not reported"));
  EXPECT_THAT(Printed, Not(HasSubstr("unexpected note")));
}

TEST_F(CorpusRunnerTest, FileForANewerClangIsSkipped) {
  // No Clang this project builds against is version 999; every one is at least 19.
  EXPECT_EQ(run(R"cpp(// REQUIRES-CLANG: 999
void f() {
  c(); // expect: ownership-x
})cpp",
                ""),
            77);
  EXPECT_THAT(Printed, HasSubstr("skipped: it needs Clang 999 or later"));
  EXPECT_EQ(run(R"cpp(// REQUIRES-CLANG: 19
void f() {
  a();
  b();
  c(); // expect: ownership-x
})cpp",
                "FILE:5:3: warning: 'p' used after [ownership-x]\n"),
            0)
      << Printed;
}

TEST_F(CorpusRunnerTest, MalformedRequiresClangIsAnError) {
  EXPECT_EQ(run("// REQUIRES-CLANG: twenty\nvoid f();\n", ""), 2);
  EXPECT_THAT(Printed, HasSubstr("REQUIRES-CLANG needs a major version number"));
}

} // namespace
} // namespace test
} // namespace ownership
