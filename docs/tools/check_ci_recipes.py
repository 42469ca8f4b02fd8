#!/usr/bin/env python3
"""Runs the CI recipes of docs/guide/ci.rst against the example project, with the built tool.

The recipes (docs/recipes/ci/*.yml) are meant to be copied as they are, so this checks
them as CI would run them, as far as that is possible without GitHub or GitLab:

* the YAML parses, and says what the services need: GitHub's workflow may write security
  events (``permissions: security-events: write``), uploads the SARIF file that
  run-checker.sh writes with ``github/codeql-action/upload-sarif``, and uploads it even
  when the checker's step failed; GitLab's job keeps the SARIF file and the code quality
  report as artifacts ``when: always``;
* the install step clones the checker into ``$HOME/ownership-checker`` and puts that
  directory on ``PATH``. It needs the network, so it is not run: the test lays out
  ``$HOME/ownership-checker`` as that step would (run-checker.sh, docs/ and build/, the
  build under test) instead;
* every other shell step runs, in order, in a copy of docs/recipes/project/ (the
  checkout of the user's project), with the shell and the failure rules of the service:
  a failed step skips the later ones unless they say ``failure()`` or ``always()``;
* the checker's step exits with 1 when it printed findings and 0 when not (the example
  project has findings, so the single job must fail); the SARIF
  file exists, passes Microsoft's SARIF validator (rule kinds Sarif and Gh, as in
  test-cli/formats.test.sh), and holds exactly the findings that the step printed,
  with paths that resolve inside the checkout, as code scanning needs;
* the matrix workflow's shards together analyse every file once and find what the
  single job finds;
* the code quality report has one well-formed issue per SARIF result.

Usage: check_ci_recipes.py BUILD_DIR SOURCE_DIR
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    yaml = None

FINDING = re.compile(r"^(/[^:]+):(\d+):\d+: (?:warning|error): .* \[(ownership-[a-z0-9-]+)\]$")
PROGRESS = re.compile(r"^\[\d+/\d+\] (.*)$")
INSTALL_DIR = '"$HOME/ownership-checker"'

problems = []


def problem(message):
    problems.append(message)
    print("FAIL: " + message)


def multitool():
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "ownership-checker", "sarif-multitool", "Sarif.Multitool")


class Sandbox:
    """A scratch home with the checker installed, and a fresh checkout of the project."""

    def __init__(self, root, build_dir, source_dir, name):
        self.home = os.path.join(root, name, "home")
        checkout = os.path.join(self.home, "ownership-checker")
        os.makedirs(checkout)
        for entry in ("run-checker.sh", "docs"):
            os.symlink(os.path.join(source_dir, entry), os.path.join(checkout, entry))
        os.symlink(build_dir, os.path.join(checkout, "build"))
        self.workspace = os.path.join(root, name, "project")
        shutil.copytree(os.path.join(source_dir, "docs", "recipes", "project"), self.workspace,
                        ignore=shutil.ignore_patterns("*.session", "build"))
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI_"))}
        self.env.update(HOME=self.home, LC_ALL="C.UTF-8", TERM="dumb")
        self.checkout = checkout

    def run(self, script, shell, path_dirs, extra_env):
        env = dict(self.env, **extra_env)
        env["PATH"] = os.pathsep.join(path_dirs + [self.env.get("PATH", "/usr/bin:/bin")])
        proc = subprocess.run(shell + [script], cwd=self.workspace, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=600)
        return proc.returncode, proc.stdout.decode("utf-8", "replace")


def printed_findings(output, workspace):
    found = set()
    for line in output.splitlines():
        m = FINDING.match(line)
        if m:
            found.add((m.group(3), os.path.relpath(m.group(1), workspace), int(m.group(2))))
    return found


def analysed_files(output, workspace):
    return [os.path.relpath(m.group(1), workspace)
            for m in map(PROGRESS.match, output.splitlines()) if m]


def sarif_findings(path, workspace, what):
    """Checks the SARIF file; returns its results as (rule, path, line)."""
    if not os.path.isfile(path):
        problem(f"{what}: {os.path.basename(path)} was not written")
        return set()
    tool = multitool()
    if not os.access(tool, os.X_OK):
        problem(f"SARIF validator missing at {tool} (run scripts/install-deps.sh)")
    else:
        report = path + ".validation.sarif"
        proc = subprocess.run([tool, "validate", "--rule-kind", "Sarif;Gh", "-o", report, path],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if (re.search(r": (error|warning) [A-Z]+[0-9]+", proc.stdout)
                or "Analysis completed successfully" not in proc.stdout):
            problem(f"{what}: the SARIF validator reports:\n{proc.stdout}")
        os.remove(report)
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    found = set()
    for run in log["runs"]:
        bases = run.get("originalUriBaseIds", {})
        for result in run["results"]:
            loc = result["locations"][0]["physicalLocation"]
            artifact = loc["artifactLocation"]
            base = bases.get(artifact.get("uriBaseId"), {}).get("uri", "")
            # Code scanning needs paths it can find in the checkout: relative ones under a
            # base that is the checkout, or absolute ones inside it.
            uri = base + artifact["uri"] if not re.match(r"^[a-z]+:", artifact["uri"]) else artifact["uri"]
            if not uri.startswith("file://"):
                problem(f"{what}: result URI {uri} is not a file URI")
                continue
            file_path = uri[len("file://"):]
            rel = os.path.relpath(file_path, workspace)
            if rel.startswith("..") or not os.path.isfile(file_path):
                problem(f"{what}: result in {file_path}, which is not a file of the checkout")
            found.add((result["ruleId"], rel, loc["region"]["startLine"]))
    return found


def github_steps(path):
    with open(path, encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    name = os.path.basename(path)
    # YAML 1.1 reads the key 'on' as true.
    if not (workflow.get("on") or workflow.get(True)):
        problem(f"{name}: no 'on:' triggers")
    [(job_name, job)] = workflow["jobs"].items()
    permissions = dict(workflow.get("permissions") or {}, **(job.get("permissions") or {}))
    if permissions.get("security-events") != "write":
        problem(f"{name}: upload-sarif needs 'permissions: security-events: write'")
    return job, job["steps"]


def check_install(text, what, path_line):
    if f"git clone --depth 1 https://github.com/ownership-checker/ownership-checker {INSTALL_DIR}" not in text:
        problem(f"{what}: the install step does not clone the checker into {INSTALL_DIR}")
    if path_line not in text:
        problem(f"{what}: the install step does not put {INSTALL_DIR} on PATH ({path_line})")


def run_github(path, sandbox, matrix):
    """Runs the workflow's shell steps; returns (checker step output, its exit code, SARIF results)."""
    name = os.path.basename(path) + "".join(f" [{k}={v}]" for k, v in matrix.items())
    job, steps = github_steps(path)
    install = [s for s in steps if "git clone" in s.get("run", "")]
    if len(install) != 1:
        problem(f"{name}: expected one install step that clones the checker")
        return None
    check_install(install[0]["run"], name, f'echo {INSTALL_DIR} >> "$GITHUB_PATH"')
    github_path = os.path.join(sandbox.home, "github_path")
    open(github_path, "w").close()
    failed = False
    checker_output, checker_code, sarif_file, uploaded = None, None, None, False
    for step in steps:
        if step is install[0]:
            continue
        condition = str(step.get("if", "success()"))
        if failed and "failure()" not in condition and "always()" not in condition:
            continue
        uses = step.get("uses", "")
        if uses.startswith("actions/checkout@"):
            continue  # the sandbox's project copy is the checkout
        if uses.startswith("github/codeql-action/upload-sarif@"):
            if "failure()" not in condition and "always()" not in condition:
                problem(f"{name}: the upload step is skipped when the checker finds something")
            sarif_file = step["with"]["sarif_file"]
            uploaded = True
            continue
        if uses:
            problem(f"{name}: step uses {uses}, which this test cannot run")
            continue
        script = step["run"]
        for key, value in matrix.items():
            script = script.replace("${{ matrix.%s }}" % key, str(value))
        if "${{" in script:
            problem(f"{name}: step {step.get('name')!r} has an expression this test cannot evaluate")
            continue
        # GitHub runs a step's script with 'bash -e {0}'; PATH gains the lines of $GITHUB_PATH.
        with open(github_path, encoding="utf-8") as f:
            added = [l.strip() for l in f if l.strip()]
        code, output = sandbox.run(script, ["bash", "-e", "-c"], [sandbox.checkout] + added,
                                   {"GITHUB_PATH": github_path, "GITHUB_WORKSPACE": sandbox.workspace,
                                    "CI": "true"})
        print(f"--- {name}: {step.get('name', script)!r} exited with {code}\n{output}")
        if "run-checker.sh" in script:
            checker_output, checker_code = output, code
        if code != 0:
            failed = True
    if not uploaded:
        problem(f"{name}: no github/codeql-action/upload-sarif step")
        return None
    if checker_output is None:
        problem(f"{name}: no step runs run-checker.sh")
        return None
    sarif = sarif_findings(os.path.join(sandbox.workspace, sarif_file), sandbox.workspace, name)
    printed = printed_findings(checker_output, sandbox.workspace)
    if checker_code != (1 if printed else 0):
        problem(f"{name}: the checker's step exited with {checker_code} after "
                f"{len(printed)} finding(s)")
    if sarif != printed:
        problem(f"{name}: the SARIF file holds {sorted(sarif)}, the step printed {sorted(printed)}")
    return checker_output, sarif


def check_github(root, build_dir, source_dir):
    recipes = os.path.join(source_dir, "docs", "recipes", "ci")
    single = run_github(os.path.join(recipes, "github-actions.yml"),
                        Sandbox(root, build_dir, source_dir, "github"), {})
    if not single:
        return
    output, findings = single
    if not findings:
        problem("github-actions.yml: the example project should have findings")
    workspace = os.path.join(root, "github", "project")
    every_file = sorted(analysed_files(output, workspace))

    path = os.path.join(recipes, "github-actions-shards.yml")
    job, _ = github_steps(path)
    shards = job["strategy"]["matrix"]["shard"]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if "category: ownership-checker-shard-${{ matrix.shard }}" not in text:
        problem("github-actions-shards.yml: each shard must upload under its own category")
    if f"--shard ${{{{ matrix.shard }}}}/{len(shards)}" not in text:
        problem(f"github-actions-shards.yml: --shard must be 'K/{len(shards)}' for {shards}")
    union, files = set(), []
    for k in shards:
        sandbox = Sandbox(root, build_dir, source_dir, f"shard-{k}")
        result = run_github(path, sandbox, {"shard": k})
        if result:
            union |= result[1]
            files += analysed_files(result[0], sandbox.workspace)
    if sorted(files) != every_file:
        problem(f"shards analysed {sorted(files)}, the single job {every_file}")
    if union != findings:
        problem(f"shards found {sorted(union)}, the single job {sorted(findings)}")


def check_gitlab(root, build_dir, source_dir):
    path = os.path.join(source_dir, "docs", "recipes", "ci", "gitlab-ci.yml")
    with open(path, encoding="utf-8") as f:
        jobs = yaml.safe_load(f)
    [(name, job)] = [(k, v) for k, v in jobs.items() if isinstance(v, dict) and "script" in v]
    check_install("\n".join(job["before_script"]), "gitlab-ci.yml",
                  f'export PATH={INSTALL_DIR[:-1]}:$PATH"')
    artifacts = job.get("artifacts", {})
    if artifacts.get("when") != "always":
        problem("gitlab-ci.yml: artifacts must be kept 'when: always' (the job fails on findings)")
    sandbox = Sandbox(root, build_dir, source_dir, "gitlab")
    # GitLab runs the lines of 'script' as one bash script with 'set -eo pipefail'.
    script = "set -eo pipefail\n" + "\n".join(job["script"]) + "\n"
    code, output = sandbox.run(script, ["bash", "-c"], [sandbox.checkout], {"CI": "true"})
    print(f"--- gitlab-ci.yml: script exited with {code}\n{output}")
    if code != 1:
        problem(f"gitlab-ci.yml: the job exited with {code}, expected 1 (findings)")
    [sarif_file] = artifacts.get("paths", [None])
    sarif = sarif_findings(os.path.join(sandbox.workspace, sarif_file), sandbox.workspace,
                           "gitlab-ci.yml")
    printed = printed_findings(output, sandbox.workspace)
    if not sarif or sarif != printed:
        problem(f"gitlab-ci.yml: the SARIF file holds {sorted(sarif)}, the job printed {sorted(printed)}")
    report_file = artifacts.get("reports", {}).get("codequality")
    report_path = os.path.join(sandbox.workspace, report_file or "")
    if not report_file or not os.path.isfile(report_path):
        problem("gitlab-ci.yml: no code quality report written")
        return
    with open(report_path, encoding="utf-8") as f:
        issues = json.load(f)
    seen = set()
    for issue in issues:
        ok = (isinstance(issue.get("description"), str) and isinstance(issue.get("check_name"), str)
              and issue.get("severity") in ("info", "minor", "major", "critical", "blocker")
              and isinstance(issue.get("location", {}).get("lines", {}).get("begin"), int)
              and os.path.isfile(os.path.join(sandbox.workspace, issue["location"].get("path", "")))
              and not os.path.isabs(issue["location"]["path"]))
        if not ok:
            problem(f"gitlab-ci.yml: malformed code quality issue {issue}")
        if issue.get("fingerprint") in seen:
            problem(f"gitlab-ci.yml: two issues share the fingerprint {issue.get('fingerprint')}")
        seen.add(issue.get("fingerprint"))
    got = {(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues}
    if got != sarif or len(issues) != len(sarif):
        problem(f"gitlab-ci.yml: the code quality report has {sorted(got)}, the SARIF {sorted(sarif)}")


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    if yaml is None:
        print("check_ci_recipes.py: error: PyYAML is missing (Debian: python3-yaml, which "
              "clang-tidy-19 depends on)", file=sys.stderr)
        return 2
    build_dir, source_dir = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    if not os.access(os.path.join(build_dir, "bin", "ownership-checker"), os.X_OK):
        print(f"check_ci_recipes.py: error: {build_dir}/bin/ownership-checker is missing",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="docs-ci-") as root:
        check_github(root, build_dir, source_dir)
        check_gitlab(root, build_dir, source_dir)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
