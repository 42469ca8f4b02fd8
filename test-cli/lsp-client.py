#!/usr/bin/env python3
"""A scripted Language Server Protocol client that drives `ownership-checker --lsp`.

It talks to the real binary over pipes, as an editor does, and checks every answer.

Usage:
  lsp-client.py scenario WORKDIR -- SERVER-COMMAND...
      The whole editor session: compile_commands.json found above the file, the unsaved
      buffer analysed, didChange/didSave/didClose, NOLINT and the configuration file,
      a buffer that does not compile, unknown requests, shutdown and exit.
  lsp-client.py malformed -- SERVER-COMMAND...
      Broken framing and broken JSON must be answered or logged, never fatal; exit
      without shutdown gives exit code 1.
  lsp-client.py smoke FILE LINE RULE -- SERVER-COMMAND...
      Opens FILE, expects a RULE diagnostic on 1-based LINE, then shuts down (used to
      check that the editor recipes start a working server).
  lsp-client.py robust WORKDIR -- SERVER-COMMAND...
      An analysis that crashes and one that runs past --lsp-timeout are reported to the
      editor (window/showMessage once, the log each time) and the server goes on; a
      function over --function-budget is an Information diagnostic. The server command
      must carry --debug-fault=crash:OWNERSHIP_TEST_CRASH,
      --debug-fault=hang:OWNERSHIP_TEST_HANG and a short --lsp-timeout.
  lsp-client.py budget WORKDIR -- SERVER-COMMAND...
      With --function-budget=1, the functions over it are Information diagnostics.
  lsp-client.py stale WORKDIR -- SERVER-COMMAND...
      An edit drops the analysis of the older text: no diagnostics are published for it.
      Needs --debug-fault=slow:OWNERSHIP_TEST_SLOW.
  lsp-client.py progress WORKDIR -- SERVER-COMMAND...
      A client that supports work-done progress gets window/workDoneProgress/create and
      $/progress begin ... end around a slow analysis, and nothing around a quick one.
      Needs --debug-fault=slow:OWNERSHIP_TEST_SLOW.
  lsp-client.py quickfix FILE FIXED -- SERVER-COMMAND...
      Opens FILE, asks for the code actions at its fix-it's finding, and checks that
      applying the quick fix's edits gives the text of FIXED (what --fix writes).

Prints each failed expectation; exits 1 if there was one, 0 otherwise.
"""

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

TIMEOUT = 120  # seconds; a parse of <string> under a loaded CI machine
FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print(f"FAIL: {what}", flush=True)
    return cond


def exit_status():
    """1 after a failed check (and says how many failed), else 0."""
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        return 1
    return 0


def uri_of(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


class Client:
    """One server process and the messages it sent."""

    def __init__(self, command, cwd=None):
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.stderr, cwd=cwd)
        self.inbox = queue.Queue()
        self.logs = []  # window/logMessage texts
        self.next_id = 1
        self.pending = []  # messages read but not yet asked for
        self.dead = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.rstrip(b"\r\n")
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if length is None:
                self.inbox.put({"__bad_framing__": True})
                continue
            body = out.read(length)
            try:
                self.inbox.put(json.loads(body))
            except ValueError:
                self.inbox.put({"__bad_json__": body.decode("utf-8", "replace")})

    def send_raw(self, data):
        if self.dead:
            return
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except OSError as e:  # the server is gone (crashed)
            self.dead = True
            check(False, f"cannot write to the server ({e}); stderr: {self.stderr_text()}")

    def send(self, message):
        message = dict(message, jsonrpc="2.0")
        body = json.dumps(message).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params=None):
        self.send({"method": method, "params": params or {}})

    def request_async(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params or {}})
        return rid

    def wait_for(self, pred, what):
        """The first message (kept or new) that satisfies pred; None after TIMEOUT."""
        for i, m in enumerate(self.pending):
            if pred(m):
                return self.pending.pop(i)
        while True:
            try:
                m = self.inbox.get(timeout=TIMEOUT)
            except queue.Empty:
                check(False, f"timed out waiting for {what}")
                return None
            if m is None:
                check(False, f"the server closed its output while waiting for {what}")
                self.inbox.put(None)
                return None
            check("__bad_framing__" not in m and "__bad_json__" not in m,
                  f"the server wrote a broken message: {m}")
            if m.get("method") == "window/logMessage":
                self.logs.append(m["params"]["message"])
            if pred(m):
                return m
            self.pending.append(m)

    def request(self, method, params=None):
        rid = self.request_async(method, params)
        return self.wait_for(lambda m: m.get("id") == rid and "method" not in m,
                             f"the answer to {method}")

    def diagnostics(self, uri, what):
        m = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri, f"diagnostics after {what}")
        return m["params"] if m else None

    def finish(self):
        """Waits for the process to end; returns its exit code (None if it hangs)."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            return self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None

    def stderr_text(self):
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")


def initialize(client, root):
    answer = client.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(root),
                                           "capabilities": {}})
    if not check(answer and "result" in answer, f"initialize answered {answer}"):
        return None
    client.notify("initialized")
    return answer["result"]


BAD = """\
#include <string>
#include <utility>

void sink(std::string S);

void useAfterMove() {
  std::string Name = "x";
#ifdef OWNERSHIP_FROM_DATABASE
  sink(std::move(Name));
  sink(Name);
#endif
}
"""
# Line 10 (1-based) is the use, line 9 the move: only the compile command from the
# database defines OWNERSHIP_FROM_DATABASE, so a finding proves the database was used.
FIXED = BAD.replace("  sink(Name);\n", "  Name = \"y\";\n  sink(Name);\n")
SILENCED = BAD.replace("  sink(Name);\n", "  sink(Name); // NOLINT(ownership-use-after-move)\n")
BROKEN = BAD + "\nvoid broken() { int X = ; }\n"


def expect_use_after_move(params, uri, version, what):
    if not check(params is not None, f"{what}: no diagnostics"):
        return
    check(params.get("version") == version, f"{what}: version {params.get('version')}, expected {version}")
    diags = params["diagnostics"]
    if not check(len(diags) == 1, f"{what}: expected one diagnostic, got {json.dumps(diags)}"):
        return
    d = diags[0]
    check(d["range"]["start"] == {"line": 9, "character": 7},
          f"{what}: range starts at {d['range']['start']}, expected line 9 (0-based) character 7")
    check(d["range"]["end"] == {"line": 9, "character": 11},
          f"{what}: range ends at {d['range']['end']}, expected the end of 'Name'")
    check(d.get("severity") == 2, f"{what}: severity {d.get('severity')}, expected 2 (Warning)")
    check(d.get("code") == "ownership-use-after-move", f"{what}: code {d.get('code')}")
    check(d.get("source") == "ownership-checker", f"{what}: source {d.get('source')}")
    check(d.get("message") == "'Name' used after it was moved", f"{what}: message {d.get('message')!r}")
    href = d.get("codeDescription", {}).get("href", "")
    check(href.endswith("/rules/ownership-use-after-move.rst"), f"{what}: codeDescription.href {href!r}")
    related = d.get("relatedInformation", [])
    if check(len(related) == 1, f"{what}: relatedInformation {related}"):
        r = related[0]
        check(r["location"]["uri"] == uri, f"{what}: note uri {r['location']['uri']}")
        check(r["location"]["range"]["start"]["line"] == 8, f"{what}: note on line {r['location']['range']['start']}")
        check(r["message"] == "moved here", f"{what}: note message {r['message']!r}")


def expect_none(params, version, what):
    if check(params is not None, f"{what}: no diagnostics"):
        check(params["diagnostics"] == [], f"{what}: expected no diagnostics, got {json.dumps(params['diagnostics'])}")
        if version is not None:
            check(params.get("version") == version, f"{what}: version {params.get('version')}")


def scenario(workdir, command):
    src = os.path.join(workdir, "src dir")
    build = os.path.join(workdir, "build")
    os.makedirs(src)
    os.makedirs(build)
    path = os.path.join(src, "use after.cpp")  # spaces: the URI is percent-encoded
    with open(path, "w") as f:
        f.write(FIXED)  # the file on disk is clean; only the editor's buffer is not
    with open(os.path.join(build, "compile_commands.json"), "w") as f:
        json.dump([{"directory": build, "file": path,
                    "arguments": ["clang++", "-std=c++17", "-DOWNERSHIP_FROM_DATABASE", "-c", path]}], f)
    uri = uri_of(path)

    c = Client(command, cwd=workdir)
    early = c.request("textDocument/hover", {})
    check(early and early.get("error", {}).get("code") == -32002,
          f"a request before initialize: expected error -32002, got {early}")
    result = initialize(c, workdir)
    if result:
        sync = result["capabilities"].get("textDocumentSync", {})
        check(sync.get("openClose") is True and sync.get("change") == 1 and "save" in sync,
              f"textDocumentSync should be open/close, full changes and save: {sync}")
        check(result.get("serverInfo", {}).get("name") == "ownership-checker", f"serverInfo {result.get('serverInfo')}")

    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp", "version": 1, "text": BAD}})
    expect_use_after_move(c.diagnostics(uri, "didOpen"), uri, 1, "didOpen")

    def change(version, text):
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                            "contentChanges": [{"text": text}]})
        return c.diagnostics(uri, f"didChange to version {version}")

    expect_none(change(2, FIXED), 2, "didChange to the fixed text")
    expect_use_after_move(change(3, BAD), uri, 3, "didChange back to the bad text")
    expect_none(change(4, SILENCED), 4, "NOLINT in the buffer")
    expect_use_after_move(change(5, BAD), uri, 5, "NOLINT removed")

    c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    expect_use_after_move(c.diagnostics(uri, "didSave"), uri, 5, "didSave")

    # A buffer that does not compile: findings of the functions that do, and a log line.
    logs_before = len(c.logs)
    expect_use_after_move(change(6, BROKEN), uri, 6, "a buffer with a compile error")
    check(any("error: expected expression" in l for l in c.logs[logs_before:]),
          f"the compile error should be logged with window/logMessage; logs: {c.logs[logs_before:]}")

    # The configuration file applies as on the command line.
    with open(os.path.join(workdir, ".ownership-checker.yaml"), "w") as f:
        f.write("Checks: '-ownership-use-after-move'\n")
    c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    expect_none(c.diagnostics(uri, "didSave with the rule disabled in .ownership-checker.yaml"), 6,
                "rule disabled by .ownership-checker.yaml")
    os.remove(os.path.join(workdir, ".ownership-checker.yaml"))

    # Unknown requests get MethodNotFound; unknown notifications are ignored.
    c.notify("$/somethingNew", {"x": 1})
    c.notify("workspace/didChangeConfiguration", {"settings": {}})
    unknown = c.request("textDocument/definitelyNotAMethod", {})
    check(unknown and unknown.get("error", {}).get("code") == -32601,
          f"an unknown request: expected error -32601, got {unknown}")
    strays = [m for m in c.pending if "id" in m and "method" not in m]
    check(not strays, f"unknown notifications were answered: {strays}")

    c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    expect_none(c.diagnostics(uri, "didClose"), None, "didClose")

    shutdown = c.request("shutdown")
    check(shutdown and "result" in shutdown and shutdown["result"] is None, f"shutdown answered {shutdown}")
    after = c.request("textDocument/hover", {})
    check(after and after.get("error", {}).get("code") == -32600,
          f"a request after shutdown: expected error -32600, got {after}")
    c.notify("exit")
    rc = c.finish()
    check(rc == 0, f"exit after shutdown: exit code {rc}, expected 0; stderr: {c.stderr_text()}")


def malformed(command):
    c = Client(command)
    # Broken JSON with right framing: a ParseError answer, with id null.
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    m = c.wait_for(lambda m: "error" in m, "the answer to broken JSON")
    check(m and m["error"]["code"] == -32700 and m.get("id") is None, f"broken JSON answered {m}")
    # Not an object.
    c.send_raw(b"Content-Length: 5\r\n\r\n[1,2]")
    m = c.wait_for(lambda m: "error" in m, "the answer to a JSON array")
    check(m and m["error"]["code"] == -32600, f"a JSON array answered {m}")
    # A header block without Content-Length: logged, skipped.
    c.send_raw(b"Content-Type: application/vscode-jsonrpc\r\n\r\n")
    m = c.wait_for(lambda m: m.get("method") == "window/logMessage" and "Content-Length" in m["params"]["message"],
                   "a log line about the missing Content-Length")
    # A bad Content-Length value.
    c.send_raw(b"Content-Length: many\r\n\r\n")
    c.wait_for(lambda m: m.get("method") == "window/logMessage" and "Content-Length" in m["params"]["message"],
               "a log line about the bad Content-Length")
    # The server still works.
    result = initialize(c, os.getcwd())
    check(result is not None, "initialize after malformed messages")
    again = c.request("initialize", {"capabilities": {}})
    check(again and again.get("error", {}).get("code") == -32600, f"a second initialize answered {again}")
    # didOpen of a document without text: logged, no crash.
    c.notify("textDocument/didOpen", {"textDocument": {"uri": "file:///nowhere.cpp"}})
    c.wait_for(lambda m: m.get("method") == "window/logMessage" and "without text" in m["params"]["message"],
               "a log line about didOpen without text")
    # exit without shutdown: exit code 1, as the protocol says.
    c.notify("exit")
    rc = c.finish()
    check(rc == 1, f"exit without shutdown: exit code {rc}, expected 1; stderr: {c.stderr_text()}")

    # The client going away (end of input) ends the server too, with 1.
    c = Client(command)
    initialize(c, os.getcwd())
    rc = c.finish()
    check(rc == 1, f"end of input without exit: exit code {rc}, expected 1")


def smoke(path, line, rule, command):
    c = Client(command, cwd=os.path.dirname(os.path.abspath(path)))
    initialize(c, os.path.dirname(os.path.abspath(path)))
    uri = uri_of(path)
    with open(path) as f:
        text = f.read()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp", "version": 1, "text": text}})
    params = c.diagnostics(uri, "didOpen")
    if params is not None:
        found = [d for d in params["diagnostics"] if d.get("code") == rule and d["range"]["start"]["line"] == line - 1]
        check(found, f"no {rule} diagnostic on line {line}: {json.dumps(params['diagnostics'])}")
    shutdown = c.request("shutdown")
    check(shutdown and "result" in shutdown, f"shutdown answered {shutdown}")
    c.notify("exit")
    rc = c.finish()
    check(rc == 0, f"exit code {rc}, expected 0; stderr: {c.stderr_text()}")


def open_doc(c, uri, text, version=1):
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp",
                                                       "version": version, "text": text}})


def change_doc(c, uri, text, version):
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                        "contentChanges": [{"text": text}]})


def shutdown_and_exit(c):
    shutdown = c.request("shutdown")
    check(shutdown and "result" in shutdown, f"shutdown answered {shutdown}")
    c.notify("exit")
    rc = c.finish()
    check(rc == 0, f"exit code {rc}, expected 0; stderr: {c.stderr_text()}")


def shown(c, what):
    """Every window/showMessage so far (kept or new), taken out of the pending list."""
    found = [m for m in c.pending if m.get("method") == "window/showMessage"]
    c.pending = [m for m in c.pending if m.get("method") != "window/showMessage"]
    return found


def robust(workdir, command):
    path = os.path.join(workdir, "robust.cpp")
    with open(path, "w") as f:
        f.write(BAD)
    uri = uri_of(path)
    crashing = BAD + "// OWNERSHIP_TEST_CRASH\n"
    hanging = BAD + "// OWNERSHIP_TEST_HANG\n"
    c = Client(command, cwd=workdir)
    initialize(c, workdir)

    # A crash: said to the user once, logged, no findings for that version; the server
    # lives on.
    open_doc(c, uri, crashing, 1)
    expect_none(c.diagnostics(uri, "a crashing analysis"), 1, "a crashing analysis")
    messages = shown(c, "a crash")
    check(len(messages) == 1 and messages[0]["params"]["type"] == 2
          and "crashed" in messages[0]["params"]["message"]
          and "the server goes on" in messages[0]["params"]["message"],
          f"a crash: expected one warning window/showMessage, got {messages}")
    check(any("crashed: it was stopped by signal" in l for l in c.logs),
          f"a crash: the log should say how it died; logs: {c.logs}")
    change_doc(c, uri, crashing + "\n", 2)
    expect_none(c.diagnostics(uri, "a second crash"), 2, "a second crash")
    check(not shown(c, "a second crash"), "a second crash in a row should only be logged")
    change_doc(c, uri, BAD, 3)
    expect_use_after_move(c.diagnostics(uri, "after the crashes"), uri, 3, "after the crashes")

    # An analysis that never ends is stopped at --lsp-timeout and said so.
    change_doc(c, uri, hanging, 4)
    expect_none(c.diagnostics(uri, "a hanging analysis"), 4, "a hanging analysis")
    messages = shown(c, "a time-out")
    check(len(messages) == 1 and "did not finish within" in messages[0]["params"]["message"]
          and "--lsp-timeout" in messages[0]["params"]["message"],
          f"a time-out: expected a window/showMessage naming --lsp-timeout, got {messages}")
    change_doc(c, uri, BAD, 5)
    expect_use_after_move(c.diagnostics(uri, "after the time-out"), uri, 5, "after the time-out")
    shutdown_and_exit(c)


def budget(workdir, command):
    """Run with --function-budget=1: every function is over it."""
    path = os.path.join(workdir, "budget.cpp")
    uri = uri_of(path)
    c = Client(command, cwd=workdir)
    initialize(c, workdir)
    open_doc(c, uri, BAD.replace("#ifdef OWNERSHIP_FROM_DATABASE\n", "").replace("#endif\n", ""))
    params = c.diagnostics(uri, "didOpen over budget")
    if params is not None:
        infos = [d for d in params["diagnostics"] if d.get("severity") == 3]
        check(infos and all("was not analysed" in d["message"] and "--function-budget" in d["message"]
                            for d in infos),
              f"functions over the budget should be Information diagnostics: {json.dumps(params['diagnostics'])}")
        check(any(d["range"]["start"]["line"] == 5 for d in infos),
              f"one at useAfterMove (line 6): {json.dumps(infos)}")
    shutdown_and_exit(c)


def stale(workdir, command):
    path = os.path.join(workdir, "stale.cpp")
    uri = uri_of(path)
    c = Client(command, cwd=workdir)
    initialize(c, workdir)
    slow = BAD + "// OWNERSHIP_TEST_SLOW\n"
    open_doc(c, uri, slow, 1)
    time.sleep(0.5)  # the analysis of version 1 has started; it takes two seconds
    change_doc(c, uri, FIXED, 2)
    params = c.diagnostics(uri, "didChange during a slow analysis")
    check(params is not None and params.get("version") == 2,
          f"the first diagnostics should be version 2's, got {params}")
    if params is not None:
        expect_none(params, 2, "the newer text")
    check(any("dropped the analysis of" in l and "(version 1)" in l and "version 2 arrived" in l
              for l in c.logs), f"the dropped analysis should be logged; logs: {c.logs}")
    # Closing the document drops its analysis too.
    change_doc(c, uri, slow, 3)
    time.sleep(0.5)
    c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    expect_none(c.diagnostics(uri, "didClose during a slow analysis"), None, "didClose")
    c.request("shutdown")  # answered only after anything the server still had to say
    late = [m for m in c.pending if m.get("method") == "textDocument/publishDiagnostics"]
    check(not late, f"no diagnostics for dropped analyses: {late}")
    check(any("the document was closed" in l for l in c.logs), f"drop on close logged: {c.logs}")
    creates = [m for m in c.pending if m.get("method") == "window/workDoneProgress/create"]
    check(not creates, f"no progress for a client that did not ask for it: {creates}")
    c.notify("exit")
    check(c.finish() == 0, "exit after shutdown")


def progress(workdir, command):
    path = os.path.join(workdir, "progress.cpp")
    uri = uri_of(path)
    c = Client(command, cwd=workdir)
    answer = c.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(workdir),
                                      "capabilities": {"window": {"workDoneProgress": True}}})
    check(answer and "result" in answer, f"initialize answered {answer}")
    c.notify("initialized")
    open_doc(c, uri, BAD + "// OWNERSHIP_TEST_SLOW\n", 1)
    create = c.wait_for(lambda m: m.get("method") == "window/workDoneProgress/create",
                        "window/workDoneProgress/create")
    if not create:
        return
    token = create["params"]["token"]
    c.send({"id": create["id"], "result": None})
    kinds = []
    while True:
        m = c.wait_for(lambda m: m.get("method") == "$/progress"
                       or m.get("method") == "textDocument/publishDiagnostics", "progress")
        if m is None or m["method"] == "textDocument/publishDiagnostics":
            break
        check(m["params"]["token"] == token, f"progress with another token: {m}")
        kinds.append(m["params"]["value"]["kind"])
        if kinds[-1] == "begin":
            check(m["params"]["value"].get("title") == "ownership-checker"
                  and "progress.cpp" in m["params"]["value"].get("message", ""),
                  f"begin should name the file: {m}")
    check(kinds[:1] == ["begin"] and kinds[-1:] == ["end"] and set(kinds[1:-1]) <= {"report"},
          f"progress should be begin, reports, end before the diagnostics; got {kinds}")
    # A quick analysis shows none. The server waits 500 ms before it shows progress; on a
    # loaded machine the small file may take longer than that, and then progress is right,
    # so the check is made only when the diagnostics came back well within the delay.
    started = time.monotonic()
    change_doc(c, uri, BAD, 2)
    expect_use_after_move(c.diagnostics(uri, "a quick analysis"), uri, 2, "a quick analysis")
    if time.monotonic() - started < 0.4:
        creates = [m for m in c.pending
                   if m.get("method") in ("window/workDoneProgress/create", "$/progress")]
        check(not creates, f"no progress for a quick analysis: {creates}")
    shutdown_and_exit(c)


def quickfix(path, fixed, command):
    c = Client(command, cwd=os.path.dirname(os.path.abspath(path)))
    result = initialize(c, os.path.dirname(os.path.abspath(path)))
    if result:
        provider = result["capabilities"].get("codeActionProvider", {})
        check("quickfix" in provider.get("codeActionKinds", []), f"codeActionProvider {provider}")
    uri = uri_of(path)
    with open(path) as f:
        text = f.read()
    open_doc(c, uri, text, 1)
    params = c.diagnostics(uri, "didOpen")
    fixable = [d for d in (params or {}).get("diagnostics", []) if d.get("code") == "ownership-mismatched-dealloc"]
    if not check(len(fixable) == 1, f"expected one mismatched-dealloc diagnostic: {params}"):
        return
    d = fixable[0]
    answer = c.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"],
                                                   "context": {"diagnostics": [d]}})
    actions = answer.get("result") if answer else None
    if not check(isinstance(actions, list) and len(actions) == 1, f"one code action expected: {answer}"):
        return
    a = actions[0]
    check(a.get("kind") == "quickfix" and a.get("diagnostics") == [d], f"a quick fix for the diagnostic: {a}")
    check(a.get("title") == "change 'delete' to 'delete[]' (ownership-mismatched-dealloc)",
          f"the title says what it does: {a.get('title')}")
    edits = a["edit"]["changes"].get(uri, [])
    lines = text.split("\n")

    def offset(pos):  # ASCII text: UTF-16 units are bytes
        return sum(len(l) + 1 for l in lines[:pos["line"]]) + pos["character"]
    result_text = text
    for e in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        result_text = (result_text[:offset(e["range"]["start"])] + e["newText"]
                       + result_text[offset(e["range"]["end"]):])
    with open(fixed) as f:
        check(result_text == f.read(), f"the quick fix should give what --fix writes; got:\n{result_text}")
    # Elsewhere, or for other kinds, nothing; nor once the text changed.
    none = c.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                                                 "range": {"start": {"line": 0, "character": 0},
                                                           "end": {"line": 0, "character": 1}},
                                                 "context": {"diagnostics": []}})
    check(none and none.get("result") == [], f"no action away from the finding: {none}")
    only = c.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"],
                                                 "context": {"diagnostics": [d], "only": ["refactor"]}})
    check(only and only.get("result") == [], f"no quick fix when only refactorings are asked: {only}")
    change_doc(c, uri, text + "\n", 2)
    stale_fix = c.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"],
                                                      "context": {"diagnostics": [d]}})
    check(stale_fix and stale_fix.get("result") == [], f"no quick fix for a text not analysed: {stale_fix}")
    shutdown_and_exit(c)


def main(argv):
    if "--" not in argv:
        sys.exit(__doc__)
    split = argv.index("--")
    args, command = argv[1:split], argv[split + 1:]
    if not command or not args:
        sys.exit(__doc__)
    if args[0] == "scenario" and len(args) == 2:
        scenario(args[1], command)
    elif args[0] == "malformed" and len(args) == 1:
        malformed(command)
    elif args[0] == "smoke" and len(args) == 4:
        smoke(args[1], int(args[2]), args[3], command)
    elif args[0] in ("robust", "budget", "stale", "progress") and len(args) == 2:
        globals()[args[0]](args[1], command)
    elif args[0] == "quickfix" and len(args) == 3:
        quickfix(args[1], args[2], command)
    else:
        sys.exit(__doc__)
    return exit_status()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
