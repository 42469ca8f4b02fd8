#!/usr/bin/env python3
"""Turns ownership-checker's SARIF into a GitLab code quality report.

GitLab shows a code quality report (a JSON list of issues, each with a description, a
check name, a fingerprint, a severity and a location) in merge requests. This writes one
issue per SARIF result: the message, the rule id, the finding's stable fingerprint (the
same for a finding whose lines moved), a severity from the SARIF level, and the file
relative to the directory the checker ran in (the project root in CI).

Usage: sarif-to-codequality.py FINDINGS.sarif REPORT.json
"""

import hashlib
import json
import os
import sys
from urllib.parse import unquote, urlparse

SEVERITY = {"error": "critical", "warning": "major", "note": "minor", "none": "info"}


def relative_path(location, bases):
    artifact = location["physicalLocation"]["artifactLocation"]
    uri = artifact["uri"]
    base = bases.get(artifact.get("uriBaseId", ""), {}).get("uri", "")
    if not urlparse(uri).scheme:
        uri = base + uri
    path = unquote(urlparse(uri).path) if urlparse(uri).scheme == "file" else unquote(uri)
    return os.path.relpath(path) if os.path.isabs(path) else path


def convert(log):
    issues = []
    seen = {}
    for run in log.get("runs", []):
        bases = run.get("originalUriBaseIds", {})
        for result in run.get("results", []):
            location = result["locations"][0]
            path = relative_path(location, bases)
            line = location["physicalLocation"]["region"]["startLine"]
            rule = result["ruleId"]
            stable = result.get("partialFingerprints", {}).get("ownershipFinding/v1", str(line))
            key = (rule, path, stable)
            seen[key] = seen.get(key, 0) + 1
            fingerprint = hashlib.sha256(
                "\0".join([rule, path, stable, str(seen[key])]).encode()).hexdigest()
            issues.append({
                "description": "%s [%s]" % (result["message"]["text"], rule),
                "check_name": rule,
                "fingerprint": fingerprint,
                "severity": SEVERITY.get(result.get("level", "warning"), "major"),
                "location": {"path": path, "lines": {"begin": line}},
            })
    return issues


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            log = json.load(f)
        issues = convert(log)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as e:
        print("sarif-to-codequality.py: error: cannot convert %s: %s" % (argv[1], e),
              file=sys.stderr)
        return 2
    try:
        with open(argv[2], "w", encoding="utf-8") as f:
            json.dump(issues, f, indent=2)
            f.write("\n")
    except OSError as e:
        print("sarif-to-codequality.py: error: cannot write %s: %s" % (argv[2], e.strerror),
              file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
