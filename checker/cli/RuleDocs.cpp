//===- RuleDocs.cpp - The rules' doc pages, embedded at build time --------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/cli/RuleDocs.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cstddef>
#include <map>

namespace ownership::cli {
namespace {

struct EmbeddedFile {
  const char *Name;
  const char *Text;
  size_t Size;
};

// EmbeddedRuleDocs: docs/rules/<id>.rst by id; EmbeddedIncludes: the files their
// literalinclude directives name, by the path as written in the page.
#include "RuleDocs.inc"

std::optional<llvm::StringRef> lookup(const EmbeddedFile *Table, llvm::StringRef Name) {
  for (const EmbeddedFile *F = Table; F->Name; ++F)
    if (Name == F->Name)
      return llvm::StringRef(F->Text, F->Size);
  return std::nullopt;
}

/// Inline markup as a terminal shows it: ``code`` as `code`, roles as their text (a
/// :doc: link as the page's address), `\ ` (an RST separator) removed.
std::string renderInline(llvm::StringRef Line, llvm::StringRef DocsBaseUri) {
  std::string Out;
  while (!Line.empty()) {
    if (Line.consume_front("``")) {
      size_t End = Line.find("``");
      Out += "`" + Line.substr(0, End).str() + "`";
      Line = End == llvm::StringRef::npos ? "" : Line.drop_front(End + 2);
      continue;
    }
    if (Line.consume_front("\\ "))
      continue;
    // A role: :name:`text <target>` or :name:`target`.
    if (Line.starts_with(":")) {
      size_t Tick = Line.find(":`");
      llvm::StringRef Name = Tick == llvm::StringRef::npos ? "" : Line.substr(1, Tick - 1);
      size_t Close = Tick == llvm::StringRef::npos ? Tick : Line.find('`', Tick + 2);
      if (!Name.empty() && Close != llvm::StringRef::npos &&
          llvm::all_of(Name, [](char C) { return llvm::isAlnum(C) || C == '-'; })) {
        llvm::StringRef Body = Line.slice(Tick + 2, Close);
        llvm::StringRef Text = Body, Target = Body;
        if (Body.ends_with(">") && Body.contains(" <")) {
          Text = Body.rsplit(" <").first.trim();
          Target = Body.rsplit(" <").second.drop_back();
        }
        if (Name == "doc") {
          // Relative to docs/rules/; the published docs are at DocsBaseUri.
          std::string Page = Target.str();
          while (llvm::StringRef(Page).starts_with("../"))
            Page = Page.substr(3);
          if (!Target.starts_with("../"))
            Page = "rules/" + Page;
          std::string Where = (DocsBaseUri.empty() ? "docs/" : DocsBaseUri.str()) + Page + ".rst";
          Out += Text == Body ? Where : Text.str() + " (" + Where + ")";
        } else {
          Out += Text.str();
        }
        Line = Line.drop_front(Close + 1);
        continue;
      }
    }
    Out += Line.front();
    Line = Line.drop_front();
  }
  return Out;
}

/// A directive's options (`   :lines: 6-10`), by name.
using DirectiveOptions = std::map<std::string, std::string>;

/// Sphinx's literalinclude selection: start-at/start-after, end-before/end-at, then
/// lines; returns the selected lines with their 1-based numbers in the file.
std::vector<std::pair<unsigned, llvm::StringRef>> selectLines(llvm::StringRef Text,
                                                              const DirectiveOptions &Opts) {
  llvm::SmallVector<llvm::StringRef, 64> All;
  Text.split(All, '\n');
  if (!All.empty() && All.back().empty())
    All.pop_back();
  size_t Begin = 0, End = All.size();
  auto Option = [&](const char *Name) -> llvm::StringRef {
    auto It = Opts.find(Name);
    return It == Opts.end() ? "" : llvm::StringRef(It->second);
  };
  for (const char *Start : {"start-at", "start-after"})
    if (llvm::StringRef Marker = Option(Start); !Marker.empty())
      for (size_t I = 0; I < All.size(); ++I)
        if (All[I].contains(Marker)) {
          Begin = llvm::StringRef(Start) == "start-at" ? I : I + 1;
          break;
        }
  for (const char *Stop : {"end-before", "end-at"})
    if (llvm::StringRef Marker = Option(Stop); !Marker.empty())
      for (size_t I = Begin; I < All.size(); ++I)
        if (All[I].contains(Marker)) {
          End = llvm::StringRef(Stop) == "end-at" ? I + 1 : I;
          break;
        }
  std::vector<std::pair<unsigned, llvm::StringRef>> Selected;
  for (size_t I = Begin; I < End; ++I)
    Selected.push_back({unsigned(I + 1), All[I]});
  llvm::StringRef Lines = Option("lines");
  if (Lines.empty())
    return Selected;
  // `6-10`, `21-`, `-5`, `1,3,5-7`: positions within what is selected so far.
  std::vector<std::pair<unsigned, llvm::StringRef>> Picked;
  llvm::SmallVector<llvm::StringRef, 4> Ranges;
  Lines.split(Ranges, ',');
  for (llvm::StringRef R : Ranges) {
    auto [From, To] = R.trim().split('-');
    unsigned First = 1, Last = Selected.size();
    if (!From.empty())
      From.getAsInteger(10, First);
    if (!R.contains('-'))
      Last = First;
    else if (!To.empty())
      To.getAsInteger(10, Last);
    for (unsigned N = std::max(First, 1u); N <= Last && N <= Selected.size(); ++N)
      Picked.push_back(Selected[N - 1]);
  }
  return Picked;
}

/// The included example, as a block indented by four spaces, numbered when the page
/// asks for line numbers.
void renderInclude(llvm::StringRef Path, const DirectiveOptions &Opts, std::string &Out) {
  std::optional<llvm::StringRef> Text = lookup(EmbeddedIncludes, Path);
  if (!Text) {
    Out += "    (" + Path.str() + " was not embedded in this build)\n";
    return;
  }
  std::vector<std::pair<unsigned, llvm::StringRef>> Lines = selectLines(*Text, Opts);
  bool Numbered = Opts.count("linenos");
  unsigned First = Lines.empty() ? 1 : Lines.front().first;
  if (auto It = Opts.find("lineno-start"); It != Opts.end())
    llvm::StringRef(It->second).getAsInteger(10, First);
  unsigned Width = std::to_string(First + Lines.size()).size();
  for (size_t I = 0; I < Lines.size(); ++I) {
    if (!Numbered && Lines[I].second.trim().empty()) {
      Out += "\n";
      continue;
    }
    Out += "    ";
    if (Numbered) {
      std::string Number = std::to_string(First + I);
      Out += std::string(Width - std::min(Width, unsigned(Number.size())), ' ') + Number + " | ";
    }
    Out += Lines[I].second.rtrim().str() + "\n";
  }
}

/// A list-table as one item per row: the first cell, then each other cell under its
/// column's header.
void renderListTable(llvm::ArrayRef<llvm::StringRef> Body, llvm::StringRef DocsBaseUri,
                     std::string &Out) {
  std::vector<std::vector<std::string>> Rows;
  for (llvm::StringRef Line : Body) {
    llvm::StringRef T = Line.trim();
    if (T.consume_front("* - "))
      Rows.push_back({T.str()});
    else if (T == "-" || T.consume_front("- "))
      Rows.back().push_back(T == "-" ? "" : T.str());
    else if (!T.empty() && !Rows.empty())
      Rows.back().back() += " " + T.str();
  }
  if (Rows.empty())
    return;
  const std::vector<std::string> &Header = Rows.front();
  for (size_t R = 1; R < Rows.size(); ++R) {
    Out += "  * " + renderInline(Rows[R][0], DocsBaseUri) + "\n";
    for (size_t C = 1; C < Rows[R].size() && C < Header.size(); ++C)
      Out += "      " + Header[C] + ": " +
             (Rows[R][C].empty() ? "-" : renderInline(Rows[R][C], DocsBaseUri)) + "\n";
  }
}

/// The lines of a directive's body: its options, then its indented content.
size_t directiveEnd(llvm::ArrayRef<llvm::StringRef> Lines, size_t Begin) {
  size_t I = Begin;
  while (I < Lines.size() && (Lines[I].trim().empty() || Lines[I].starts_with(" ")))
    ++I;
  // The blank lines after the body belong to the text that follows.
  while (I > Begin && Lines[I - 1].trim().empty())
    --I;
  return I;
}

DirectiveOptions optionsOf(llvm::ArrayRef<llvm::StringRef> Body) {
  DirectiveOptions Opts;
  for (llvm::StringRef Line : Body) {
    llvm::StringRef T = Line.trim();
    if (!T.consume_front(":"))
      break;
    auto [Name, Value] = T.split(':');
    Opts[Name.str()] = Value.trim().str();
  }
  return Opts;
}

} // namespace

std::optional<llvm::StringRef> ruleDoc(llvm::StringRef RuleId) {
  return lookup(EmbeddedRuleDocs, RuleId);
}

std::vector<llvm::StringRef> documentedRules() {
  std::vector<llvm::StringRef> Ids;
  for (const EmbeddedFile *F = EmbeddedRuleDocs; F->Name; ++F)
    Ids.push_back(F->Name);
  return Ids;
}

std::string renderRuleDoc(llvm::StringRef Rst, llvm::StringRef DocsBaseUri) {
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Rst.split(Lines, '\n');
  std::string Out;
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef Line = Lines[I];
    if (!Line.starts_with(".. ")) {
      // `Text::` introduces a literal block; the block itself is already indented.
      std::string Text = renderInline(Line, DocsBaseUri);
      llvm::StringRef T = llvm::StringRef(Text).rtrim();
      if (T == "::")
        continue;
      if (T.ends_with("::") && !T.ends_with(":::"))
        Text = T.drop_back(T.ends_with(" ::") ? 3 : 1).str();
      Out += Text + (I + 1 < Lines.size() ? "\n" : "");
      continue;
    }
    size_t End = directiveEnd(Lines, I + 1);
    llvm::ArrayRef<llvm::StringRef> Body = llvm::ArrayRef(Lines).slice(I + 1, End - I - 1);
    llvm::StringRef Directive = Line.drop_front(3);
    if (Directive.consume_front("literalinclude::"))
      renderInclude(Directive.trim(), optionsOf(Body), Out);
    else if (Directive.starts_with("list-table::"))
      renderListTable(Body, DocsBaseUri, Out);
    // Other directives (labels, comments, toctrees) have nothing to show in a terminal.
    I = End - 1;
  }
  // A directive that shows nothing leaves the blank lines around it: keep one.
  while (Out.find("\n\n\n") != std::string::npos)
    Out.replace(Out.find("\n\n\n"), 3, "\n\n");
  return Out;
}

} // namespace ownership::cli
