//===- NoLint.cpp - clang-tidy's NOLINT comments, for our findings --------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/report/NoLint.h"

#include "checker/config/Glob.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>

namespace ownership::report {

bool NoLintDirectives::CheckList::matches(llvm::StringRef RuleId) const {
  bool Match = false;
  for (const auto &[Positive, Glob] : Globs)
    if (config::globMatches(Glob, RuleId))
      Match = Positive;
  return Match;
}

namespace {

enum class DirectiveKind { Line, NextLine, Begin, End };

struct Directive {
  DirectiveKind Kind;
  unsigned Offset;
  std::string ChecksText; ///< between the parentheses, or "*" without them
};

std::vector<Directive> findDirectives(llvm::StringRef Buffer) {
  std::vector<Directive> Result;
  size_t Pos = 0;
  while ((Pos = Buffer.find("NOLINT", Pos)) != llvm::StringRef::npos) {
    Directive D{DirectiveKind::Line, static_cast<unsigned>(Pos), "*"};
    size_t After = Pos + 6;
    llvm::StringRef Rest = Buffer.substr(After);
    // Longest suffix first: "NOLINTEND" must not be read as "NOLINT" + "END..." twice.
    if (Rest.starts_with("NEXTLINE")) {
      D.Kind = DirectiveKind::NextLine;
      After += 8;
    } else if (Rest.starts_with("BEGIN")) {
      D.Kind = DirectiveKind::Begin;
      After += 5;
    } else if (Rest.starts_with("END")) {
      D.Kind = DirectiveKind::End;
      After += 3;
    }
    // A check list must close on the same line; an unclosed one means all checks, as in
    // clang-tidy, so that a typo never turns a suppression into something narrower.
    if (After < Buffer.size() && Buffer[After] == '(') {
      size_t Close = Buffer.find_first_of(")\n", After);
      if (Close != llvm::StringRef::npos && Buffer[Close] == ')') {
        D.ChecksText = Buffer.slice(After + 1, Close).str();
        After = Close + 1;
      }
    }
    Result.push_back(std::move(D));
    Pos = After;
  }
  return Result;
}

} // namespace

NoLintDirectives::NoLintDirectives(llvm::StringRef Buffer) {
  LineStarts.push_back(0);
  for (size_t I = 0; I < Buffer.size(); ++I)
    if (Buffer[I] == '\n')
      LineStarts.push_back(I + 1);
  auto LineBegin = [&](unsigned Line) { return Line < LineStarts.size() ? LineStarts[Line] : ~0u; };
  auto LineEnd = [&](unsigned Line) {
    return Line + 1 < LineStarts.size() ? LineStarts[Line + 1] - 1
                                        : static_cast<unsigned>(Buffer.size());
  };
  auto Parse = [](llvm::StringRef Text) {
    CheckList L;
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Text.split(Parts, ',', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef P : Parts) {
      P = P.trim();
      bool Positive = !P.consume_front("-");
      P = P.trim();
      if (!P.empty())
        L.Globs.push_back({Positive, P.str()});
    }
    return L;
  };

  std::vector<Directive> Open; // NOLINTBEGINs not yet closed, innermost last
  for (Directive &D : findDirectives(Buffer)) {
    unsigned Line = lineOf(D.Offset);
    switch (D.Kind) {
    case DirectiveKind::Line:
      Regions.push_back({LineBegin(Line), LineEnd(Line), Parse(D.ChecksText)});
      break;
    case DirectiveKind::NextLine:
      if (Line + 1 < LineStarts.size())
        Regions.push_back({LineBegin(Line + 1), LineEnd(Line + 1), Parse(D.ChecksText)});
      break;
    case DirectiveKind::Begin:
      Open.push_back(std::move(D));
      break;
    case DirectiveKind::End: {
      // An END closes the innermost BEGIN with the same check list, so that the
      // regions of different lists may overlap.
      auto It = std::find_if(Open.rbegin(), Open.rend(), [&](const Directive &B) {
        return B.ChecksText == D.ChecksText;
      });
      if (It == Open.rend()) {
        Problems.push_back({D.Offset, "'NOLINTEND' has no matching 'NOLINTBEGIN' before it"});
        break;
      }
      Regions.push_back({LineBegin(lineOf(It->Offset)), LineEnd(Line), Parse(D.ChecksText)});
      Open.erase(std::next(It).base());
      break;
    }
    }
  }
  for (const Directive &B : Open)
    Problems.push_back({B.Offset, "'NOLINTBEGIN' has no matching 'NOLINTEND' later in the file"});
  std::sort(Problems.begin(), Problems.end(),
            [](const Problem &A, const Problem &B) { return A.Offset < B.Offset; });
}

unsigned NoLintDirectives::lineOf(unsigned Offset) const {
  return std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset) - LineStarts.begin() - 1;
}

bool NoLintDirectives::suppresses(llvm::StringRef RuleId, unsigned Offset) const {
  return std::any_of(Regions.begin(), Regions.end(), [&](const Region &R) {
    return R.Begin <= Offset && Offset <= R.End && R.Checks.matches(RuleId);
  });
}

} // namespace ownership::report
