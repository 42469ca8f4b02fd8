#!/usr/bin/env python3
"""Checks the editor recipes of docs/guide/editors.rst against the built tool.

Every file in docs/recipes/editors/ is read as its editor reads it (JSON, TOML) or, for
Lua, Vim script and Emacs Lisp, by the one expression that holds the server's command.
The command must start with `ownership-checker`; it is run with the built binary in its
place and driven by lsp-client.py, which must see the finding of a use after move. The
VS Code task runs its command on the same file and its problem matcher's regexp must
read each warning the tool prints, with the right file, line, column, rule and message.
A recipe file this script does not know is an error, so no recipe goes untested.

Usage: lsp-recipes.py RECIPES-DIR CHECKER UAM-CPP WORKDIR
"""

import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("lsp_client", os.path.join(HERE, "lsp-client.py"))
lsp_client = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lsp_client)
# inputs/uam.cpp: the use after move the server must report (1-based line).
USE_LINE, USE_COLUMN = 10, 8
RULE = "ownership-use-after-move"
MESSAGE = "'Name' used after it was moved"


def fail(what):
    lsp_client.check(False, what)


def strings(text):
    """The double- or single-quoted strings of a Lua table, Vim list or Lisp list."""
    return [a or b for a, b in re.findall(r'"([^"]*)"|\'([^\']*)\'', text)]


def one(pattern, text, name):
    found = re.findall(pattern, text, re.S)
    if len(found) != 1:
        fail(f"{name}: expected one server command matching /{pattern}/, found {len(found)}")
        return None
    return strings(found[0])


def vscode_settings(text, name):
    settings = json.loads(text)
    if "cpp" not in settings.get("glspc.server.languageId", []):
        fail(f"{name}: the server is not started for C++ (glspc.server.languageId)")
    return [settings["glspc.server.command"]] + settings["glspc.server.commandArguments"]


def helix(text, name):
    config = tomllib.loads(text)
    server = config["language-server"]["ownership-checker"]
    cpp = [l for l in config.get("language", []) if l.get("name") == "cpp"]
    if not cpp or "ownership-checker" not in cpp[0].get("language-servers", []):
        fail(f"{name}: the cpp language does not list the ownership-checker server")
    if cpp and "clangd" not in cpp[0].get("language-servers", []):
        fail(f"{name}: the cpp language should keep clangd beside ownership-checker")
    return [server["command"]] + server.get("args", [])


# How each recipe names the server's command.
SERVER_RECIPES = {
    "vscode-settings.json": vscode_settings,
    "helix-languages.toml": helix,
    "neovim.lua": lambda t, n: one(r"\bcmd\s*=\s*\{([^}]*)\}", t, n),
    "neovim-lspconfig.lua": lambda t, n: one(r"\bcmd\s*=\s*\{([^}]*)\}", t, n),
    "vim-lsp.vim": lambda t, n: one(r"'cmd':\s*\{\s*server_info\s*->\s*\[([^\]]*)\]\s*\}", t, n),
    "eglot.el": lambda t, n: one(r"eglot-server-programs.*?\.\s*\(([^()]*)\)\)", t, n),
    "lsp-mode.el": lambda t, n: one(r"lsp-stdio-connection\s+'\(([^()]*)\)", t, n),
}
TASK_RECIPES = {"vscode-tasks.json"}


def make_project(workdir, uam):
    """A project as the recipes expect one: src/uam.cpp and build/compile_commands.json."""
    src, build = os.path.join(workdir, "src"), os.path.join(workdir, "build")
    os.makedirs(src, exist_ok=True)
    os.makedirs(build, exist_ok=True)
    path = os.path.join(src, "uam.cpp")
    with open(uam) as f, open(path, "w") as out:
        out.write(f.read())
    with open(os.path.join(build, "compile_commands.json"), "w") as f:
        json.dump([{"directory": build, "file": path,
                    "arguments": ["clang++", "-std=c++17", "-c", path]}], f)
    return path


def check_server(name, command, checker, source):
    if not command:
        return
    if command[0] != "ownership-checker":
        fail(f"{name}: the command should start with ownership-checker: {command}")
        return
    if "--lsp" not in command:
        fail(f"{name}: the command lacks --lsp: {command}")
    run = [checker] + command[1:]
    result = subprocess.run([sys.executable, os.path.join(HERE, "lsp-client.py"), "smoke", source,
                             str(USE_LINE), RULE, "--"] + run, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"{name}: the server {shlex.join(command)} did not work:\n{result.stdout}{result.stderr}")
    else:
        print(f"ok: {name}: {shlex.join(command)}")


def check_task(name, text, checker, workdir, source):
    task = json.loads(text)["tasks"][0]
    if task["command"] != "ownership-checker":
        fail(f"{name}: the task should run ownership-checker, not {task['command']}")
        return
    subst = {"${workspaceFolder}": workdir, "${file}": source}
    args = [re.sub(r"\$\{\w+\}", lambda m: subst[m.group(0)], a) for a in task["args"]]
    out = subprocess.run([checker] + args, capture_output=True, text=True, cwd=workdir)
    if out.returncode != 1:
        fail(f"{name}: the task's command exited with {out.returncode}, expected 1:\n{out.stderr}")
    pattern = task["problemMatcher"]["pattern"]
    regexp = re.compile(pattern["regexp"])
    lines = out.stdout.splitlines()
    problems = [m for m in map(regexp.match, lines) if m]
    warnings = [l for l in lines if re.search(r": (warning|error): ", l)]
    if len(problems) != len(warnings) or not problems:
        fail(f"{name}: the problem matcher read {len(problems)} of {len(warnings)} findings:\n{out.stdout}")
        return
    m = problems[0]
    got = {k: m.group(pattern[k]) for k in ("file", "line", "column", "severity", "message", "code")}
    want = {"file": source, "line": str(USE_LINE), "column": str(USE_COLUMN), "severity": "warning",
            "message": MESSAGE, "code": RULE}
    if got != want:
        fail(f"{name}: the problem matcher read {got}, expected {want}")
    else:
        print(f"ok: {name}: the problem matcher reads {len(problems)} finding(s)")


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    recipes, checker, uam, workdir = argv[1:]
    source = make_project(workdir, uam)
    names = sorted(os.listdir(recipes))
    for name in names:
        with open(os.path.join(recipes, name), encoding="utf-8") as f:
            text = f.read()
        if name in SERVER_RECIPES:
            check_server(name, SERVER_RECIPES[name](text, name), checker, source)
        elif name in TASK_RECIPES:
            check_task(name, text, checker, workdir, source)
        else:
            fail(f"{name}: a recipe this test does not know; teach lsp-recipes.py to check it")
    for name in sorted(set(SERVER_RECIPES) | TASK_RECIPES):
        if name not in names:
            fail(f"{name}: recipe missing from {recipes}")
    return lsp_client.exit_status()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
