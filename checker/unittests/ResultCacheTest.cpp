//===- ResultCacheTest.cpp - Findings of unchanged translation units --------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/driver/ResultCache.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace ownership::driver;
using namespace ownership::report;

namespace ownership {
namespace {

class ResultCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("result-cache-test", Root));
    Header = path("lib.h");
    Source = path("main.cpp");
    write(Header, "inline int f() { return 1; }\n");
    write(Source, "#include \"lib.h\"\n");
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }

  std::string path(llvm::StringRef Name) {
    llvm::SmallString<128> P(Root);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }
  static void write(llvm::StringRef Path, llvm::StringRef Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    ASSERT_FALSE(EC);
    OS << Text;
  }
  /// A finding with every field set, notes and fixes included.
  static CachedAnalysis sample() {
    ResolvedFinding F;
    F.RuleId = "ownership-mismatched-dealloc";
    F.Level = Confidence::Maybe;
    F.Loc = {"/src/a \"q\".cpp", 12, 3, "  delete p; // \\ \t\xc3\xa4", 345};
    F.Message = "memory from 'new[]' released with 'delete'";
    F.Notes.push_back({{"/src/a.cpp", 10, 13, "  int *p = new int[4];", 300}, "allocated here"});
    F.Function = "ns::f";
    F.Fixes.push_back({"/src/a.cpp", 345, 6, "delete[]"});
    F.IsError = true;
    CachedAnalysis A;
    A.Findings.push_back(F);
    A.LimitNotes.push_back("a.cpp:1:6: note: function 'g' was not analysed: too big");
    return A;
  }

  llvm::SmallString<128> Root;
  std::string Header, Source;
};

TEST_F(ResultCacheTest, KeysSeparateTheirParts) {
  EXPECT_EQ(ResultCache::key({"ab", "c"}), ResultCache::key({"ab", "c"}));
  EXPECT_NE(ResultCache::key({"ab", "c"}), ResultCache::key({"a", "bc"}));
  EXPECT_NE(ResultCache::key({"ab"}), ResultCache::key({"ab", ""}));
}

TEST_F(ResultCacheTest, StoredFindingsComeBackWhole) {
  ResultCache Cache(path("cache"));
  std::string Key = ResultCache::key({"tool", "config", "command"});
  EXPECT_FALSE(Cache.lookup(Key)) << "empty cache";
  Cache.store(Key, {Source, Header}, sample());
  std::optional<CachedAnalysis> Hit = Cache.lookup(Key);
  ASSERT_TRUE(Hit);
  ASSERT_EQ(Hit->Findings.size(), 1u);
  CachedAnalysis Sample = sample();
  const ResolvedFinding &Want = Sample.Findings[0], &Got = Hit->Findings[0];
  EXPECT_EQ(Got.RuleId, Want.RuleId);
  EXPECT_EQ(Got.Level, Confidence::Maybe);
  EXPECT_EQ(Got.Loc.File, Want.Loc.File);
  EXPECT_EQ(Got.Loc.Line, 12u);
  EXPECT_EQ(Got.Loc.Column, 3u);
  EXPECT_EQ(Got.Loc.SourceLine, Want.Loc.SourceLine);
  EXPECT_EQ(Got.Loc.Offset, 345u);
  EXPECT_EQ(Got.Message, Want.Message);
  ASSERT_EQ(Got.Notes.size(), 1u);
  EXPECT_EQ(Got.Notes[0].Message, "allocated here");
  EXPECT_EQ(Got.Notes[0].Loc.Line, 10u);
  EXPECT_EQ(Got.Function, "ns::f");
  ASSERT_EQ(Got.Fixes.size(), 1u);
  EXPECT_EQ(Got.Fixes[0].Text, "delete[]");
  EXPECT_EQ(Got.Fixes[0].Length, 6u);
  EXPECT_TRUE(Got.IsError);
  EXPECT_EQ(Hit->LimitNotes, Sample.LimitNotes);
  EXPECT_FALSE(Cache.lookup(ResultCache::key({"tool", "other config", "command"})));
}

TEST_F(ResultCacheTest, AChangedOrMissingInputIsAMiss) {
  ResultCache Cache(path("cache"));
  std::string Key = ResultCache::key({"k"});
  Cache.store(Key, {Source, Header}, sample());
  ASSERT_TRUE(Cache.lookup(Key));
  write(Header, "inline int f() { return 2; }\n");
  EXPECT_FALSE(Cache.lookup(Key)) << "the header changed";
  Cache.store(Key, {Source, Header}, sample());
  ASSERT_TRUE(Cache.lookup(Key)) << "stored again with the new contents";
  llvm::sys::fs::remove(Header);
  EXPECT_FALSE(Cache.lookup(Key)) << "the header is gone";
}

TEST_F(ResultCacheTest, ADamagedEntryIsAMiss) {
  ResultCache Cache(path("cache"));
  std::string Key = ResultCache::key({"k"});
  Cache.store(Key, {Source}, sample());
  std::string Entry;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(path("cache"), EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".json"))
      Entry = It->path();
  ASSERT_FALSE(Entry.empty());
  for (llvm::StringRef Damage : {"", "{\"version\": 1, \"inputs\": [", "[]", "{\"version\": 99}",
                                 "{\"version\": 1, \"inputs\": [], \"findings\": [{}], "
                                 "\"notes\": []}"}) {
    write(Entry, Damage);
    EXPECT_FALSE(Cache.lookup(Key)) << Damage.str();
  }
}

TEST_F(ResultCacheTest, AnInputThatCannotBeReadIsNotStored) {
  ResultCache Cache(path("cache"));
  std::string Key = ResultCache::key({"k"});
  Cache.store(Key, {Source, path("never-written.h")}, sample());
  EXPECT_FALSE(Cache.lookup(Key));
}

} // namespace
} // namespace ownership
