#!/usr/bin/env python3
"""Checks the shape of the code that the architecture asks for (docs/architecture.rst):

- layers: each file under checker/<layer>/ and rules/ includes only headers of the layers it
  may use; rules include only the analysis result, the finding builder and their own headers;
- size: no function in checker/ or rules/ is longer than 80 lines unless the comment just
  above it says why, in a sentence starting with "Longer than 80 lines:".

Prints one line per problem (file:line: message) and exits 1 when there is any.
Usage: scripts/check-layers.py [ROOT]    (or --self-test)
"""
import os
import re
import sys

# Which layers each layer's files may include (besides their own).
ALLOWED = {
    "model": set(),
    "lowering": {"model"},
    "passes": {"model"},
    "analysis": {"model", "lowering", "passes"},
    "config": set(),
    "report": {"config"},
    "rules": None,  # see RULE_HEADERS
    "driver": {"model", "lowering", "passes", "analysis", "config", "report", "rules"},
    "lsp": {"model", "passes", "analysis", "config", "report", "rules", "driver"},
    "tidy": {"model", "passes", "analysis", "config", "report", "rules", "driver"},
    "cli": {"model", "passes", "analysis", "config", "report", "rules", "driver", "lsp"},
    "unittests": None,  # tests may look anywhere
    "corpus": set(),
    "support": set(),  # checker/support: below every layer, usable by all (rules too)
}
# What a rule may include of the checker: the analyses it reads, the sink its findings go
# to (through rules/FindingBuilder.h) and its options.
RULE_HEADERS = {
    "checker/analysis/FunctionAnalysis.h",
    "checker/analysis/UnitAnalysis.h",
    "checker/report/FindingSink.h",
    "checker/config/RuleOptions.h",
    "checker/config/Glob.h",
}
MAX_LINES = 80
REASON = "Longer than 80 lines:"
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
NOT_FUNCTION = re.compile(r"^(namespace|struct|class|enum|union|extern|template\s*<[^>]*>\s*(struct|class))\b")


def layer_of(rel):
    parts = rel.split("/")
    if parts[0] == "rules":
        return "rules"
    if parts[0] == "checker" and len(parts) > 2:
        return parts[1]
    return None


def check_includes(rel, lines, problems):
    layer = layer_of(rel)
    if layer is None or ALLOWED.get(layer, set()) is None and layer != "rules":
        return
    for number, line in enumerate(lines, 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        target = m.group(1)
        if layer == "rules":
            if target.startswith(("rules/", "checker/support/")) or target in RULE_HEADERS:
                continue
            if target.startswith("checker/"):
                problems.append(f"{rel}:{number}: a rule includes '{target}'; rules read "
                                "the analysis result (checker/analysis/FunctionAnalysis.h, "
                                "UnitAnalysis.h) and report through rules/FindingBuilder.h")
            continue
        if not target.startswith(("checker/", "rules/")):
            continue
        if target.startswith("checker/support/"):
            continue  # below every layer: compatibility across LLVM versions
        target_layer = layer_of(target)
        if target_layer in (None, layer) or target_layer in ALLOWED[layer]:
            continue
        problems.append(f"{rel}:{number}: layer '{layer}' includes '{target}' from layer "
                        f"'{target_layer}', which it may not use")


def check_function_sizes(rel, lines, problems):
    i = 0
    while i < len(lines):
        line = lines[i]
        # A function definition at namespace level: its header ends with `{` and its body
        # ends with a `}` in column 0 (LLVM style).
        if line and not line[0].isspace() and line.rstrip().endswith("{") \
                and not NOT_FUNCTION.match(line) and "=" not in line.split("(")[0] \
                and "(" in "".join(lines[max(0, i - 4):i + 1]):
            start = i
            # The signature may start a few lines up.
            while start > 0 and lines[start - 1] and not lines[start - 1][0].isspace() \
                    and not lines[start - 1].rstrip().endswith((";", "}", "{")) \
                    and not lines[start - 1].startswith(("//", "#")):
                start -= 1
            end = i + 1
            while end < len(lines) and not lines[end].startswith("}"):
                end += 1
            length = end - start + 1
            if length > MAX_LINES:
                # The reason is in the comment block just above the function.
                k = start - 1
                comment = []
                while k >= 0 and lines[k].lstrip().startswith("//"):
                    comment.append(lines[k])
                    k -= 1
                if not any(REASON in c for c in comment):
                    name = re.sub(r"\s+", " ", " ".join(lines[start:i + 1]))[:90]
                    problems.append(f"{rel}:{start + 1}: function is {length} lines long "
                                    f"(over {MAX_LINES}) with no stated reason: {name}")
            i = end + 1
            continue
        i += 1


def self_test():
    """The checks find what they should: a tree with one upward include, one rule reaching
    past the analysis, and one long function without a reason must give three problems."""
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        def write(rel, text):
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w") as f:
                f.write(text)
        write("checker/model/A.h", '#include "checker/passes/B.h"\n')
        write("rules/R.cpp", '#include "checker/lowering/X.h"\n#include "rules/Rule.h"\n')
        body = "\n".join("  f();" for _ in range(MAX_LINES))
        write("checker/passes/C.cpp", "void longOne() {\n" + body + "\n}\n"
              "// Longer than 80 lines: a test.\nvoid excused() {\n" + body + "\n}\n")
        problems = scan(root)
    expected = ["checker/model/A.h:1", "checker/passes/C.cpp:1", "rules/R.cpp:1"]
    found = sorted(p.split(": ")[0] for p in problems)
    if found != expected:
        print("self-test failed: expected problems at", expected, "got:", *problems, sep="\n  ")
        return 1
    print("self-test passed")
    return 0


def scan(root):
    problems = []
    for top in ("checker", "rules"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith((".h", ".cpp")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8") as f:
                    lines = f.read().split("\n")
                check_includes(rel, lines, problems)
                if layer_of(rel) not in ("unittests",):
                    check_function_sizes(rel, lines, problems)
    return problems


def main():
    if sys.argv[1:2] == ["--self-test"]:
        return self_test()
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    problems = scan(os.path.abspath(root))
    for p in sorted(problems):
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
