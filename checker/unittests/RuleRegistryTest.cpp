//===- RuleRegistryTest.cpp - Check globs, as clang-tidy reads them -------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/RuleRegistry.h"
#include "checker/config/Glob.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace ownership::analysis;
using namespace ownership::config;
using namespace ownership::model;
using namespace ownership::passes;
using namespace ownership::report;
using namespace ownership::rules;

using ::testing::HasSubstr;

namespace ownership {
namespace {

TEST(MatchesGlobTest, Literal) {
  EXPECT_TRUE(config::globMatches("ownership-leak", "ownership-leak"));
  EXPECT_FALSE(config::globMatches("ownership-leak", "ownership-leaks"));
  EXPECT_FALSE(config::globMatches("ownership-leaks", "ownership-leak"));
  EXPECT_FALSE(config::globMatches("ownership-leak", "Ownership-leak"));
  EXPECT_TRUE(config::globMatches("", ""));
  EXPECT_FALSE(config::globMatches("", "ownership-leak"));
}

TEST(MatchesGlobTest, Star) {
  EXPECT_TRUE(config::globMatches("*", ""));
  EXPECT_TRUE(config::globMatches("*", "ownership-leak"));
  EXPECT_TRUE(config::globMatches("ownership-*", "ownership-leak"));
  EXPECT_TRUE(config::globMatches("ownership-*", "ownership-"));
  EXPECT_FALSE(config::globMatches("ownership-*", "bugprone-use-after-move"));
  EXPECT_TRUE(config::globMatches("*-after-*", "ownership-use-after-move"));
  EXPECT_TRUE(config::globMatches("*move", "ownership-use-after-move"));
  EXPECT_FALSE(config::globMatches("*move", "ownership-move-x"));
  EXPECT_TRUE(config::globMatches("own**leak", "ownership-leak"));
}

TEST(MatchesGlobTest, StarBacktracks) {
  // The first `-` the star could stop at is not the right one.
  EXPECT_TRUE(config::globMatches("*-free", "ownership-use-after-free"));
  EXPECT_TRUE(config::globMatches("*e-a*", "ownership-use-after-free"));
  EXPECT_TRUE(config::globMatches("o*-*-*e", "ownership-double-free"));
  EXPECT_FALSE(config::globMatches("o*-*-*e", "ownership-leak"));
  EXPECT_TRUE(config::globMatches("*a*b", "xaxbyb"));
  EXPECT_FALSE(config::globMatches("*a*b", "xaxbyc"));
}

/// A rule that finds nothing, so that the filter can be tested against any set of ids.
class SilentRule : public Rule {
public:
  explicit SilentRule(llvm::StringRef Id) : Rule(Id) {}
  void check(const FunctionAnalysis &, FindingSink &) override {}
};

class CheckFilterTest : public ::testing::Test {
protected:
  CheckFilterTest() {
    for (const char *Id : {"ownership-dangling", "ownership-double-free", "ownership-leak",
                           "ownership-use-after-move"})
      Registry.add<SilentRule>(Id, "test rule");
  }
  /// The enabled ids, comma-separated; or `error: ...`.
  std::string enabled(llvm::StringRef Globs) {
    llvm::Expected<CheckFilter> F = CheckFilter::parse(Globs, Registry);
    if (!F)
      return "error: " + llvm::toString(F.takeError());
    std::string Out;
    for (const RuleInfo &R : Registry.rules())
      if (F->isEnabled(R.Id))
        Out += (Out.empty() ? "" : ",") + R.Id;
    return Out;
  }
  RuleRegistry Registry;
};

TEST_F(CheckFilterTest, PositiveGlobs) {
  EXPECT_EQ(enabled("ownership-*"),
            "ownership-dangling,ownership-double-free,ownership-leak,ownership-use-after-move");
  EXPECT_EQ(enabled("ownership-leak"), "ownership-leak");
  EXPECT_EQ(enabled("ownership-leak,ownership-dangling"), "ownership-dangling,ownership-leak");
}

TEST_F(CheckFilterTest, TheLastMatchingPatternWins) {
  EXPECT_EQ(enabled("ownership-*,-ownership-leak"),
            "ownership-dangling,ownership-double-free,ownership-use-after-move");
  EXPECT_EQ(enabled("-*,ownership-leak"), "ownership-leak");
  EXPECT_EQ(enabled("ownership-leak,-ownership-*"), "");
  EXPECT_EQ(enabled("-ownership-leak,ownership-*"),
            "ownership-dangling,ownership-double-free,ownership-leak,ownership-use-after-move");
  EXPECT_EQ(enabled("ownership-*,-*free,ownership-double-*"),
            "ownership-dangling,ownership-double-free,ownership-leak,ownership-use-after-move");
}

TEST_F(CheckFilterTest, NothingIsEnabledByDefault) {
  EXPECT_EQ(enabled(""), "");
  EXPECT_EQ(enabled(",,"), "");
  EXPECT_EQ(enabled("-*"), "");
}

TEST_F(CheckFilterTest, SpacesAroundPatternsAreIgnored) {
  EXPECT_EQ(enabled(" ownership-leak , - ownership-leak"), "");
  EXPECT_EQ(enabled(" ownership-leak ,ownership-dangling "),
            "ownership-dangling,ownership-leak");
}

TEST_F(CheckFilterTest, UnknownChecksAreErrors) {
  EXPECT_THAT(enabled("ownership-lake"), HasSubstr("error: unknown check 'ownership-lake'"));
  EXPECT_THAT(enabled("ownership-*,bugprone-*"), HasSubstr("unknown check 'bugprone-*'"));
  // Disabling a specific check that does not exist is a typo too.
  EXPECT_THAT(enabled("ownership-*,-ownership-lake"), HasSubstr("'ownership-lake'"));
}

TEST_F(CheckFilterTest, ClangTidyStyleNegativeGlobsAreAccepted) {
  // A .clang-tidy style list that turns off other tools' checks stays usable.
  EXPECT_EQ(enabled("-clang-analyzer-*,ownership-leak"), "ownership-leak");
}

TEST(RegistryTest, RegisteredRulesAreSortedAndUnique) {
  RuleRegistry R;
  registerAllRules(R);
  ASSERT_FALSE(R.rules().empty());
  for (size_t I = 0; I < R.rules().size(); ++I) {
    const RuleInfo &Info = R.rules()[I];
    EXPECT_TRUE(llvm::StringRef(Info.Id).starts_with("ownership-")) << Info.Id;
    EXPECT_FALSE(Info.Summary.empty()) << Info.Id;
    if (I > 0)
      EXPECT_LT(R.rules()[I - 1].Id, Info.Id) << "registerAllRules() must list ids in order";
    std::unique_ptr<Rule> Made = Info.Create(Info.Id);
    ASSERT_TRUE(Made);
    EXPECT_EQ(Made->id(), Info.Id);
  }
  llvm::Expected<CheckFilter> Default = CheckFilter::parse("ownership-*", R);
  ASSERT_TRUE(static_cast<bool>(Default));
  EXPECT_TRUE(Default->isEnabled("ownership-use-after-move"));
}

} // namespace
} // namespace ownership
