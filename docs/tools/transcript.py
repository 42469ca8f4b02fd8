"""What the transcript checkers of the docs share (check_output.py, check_session.py).

A transcript is a text file that the docs show with ``literalinclude`` and a test
replays. Both checkers end the same way: rewrite the file with what the tools print now
(``--update``), or compare and, on a difference, show a diff and how to update.
"""

import difflib
import os
import sys


def finish(path, expected_text, actual, update, summary, update_command,
           comparable=lambda lines: lines):
    """Compares the replayed transcript ``actual`` (lines) with the file's text.

    ``comparable`` maps both sides before the comparison, to ignore what varies between
    runs. Returns the exit code of the checker: 0 same (or updated), 1 different.
    """
    if update:
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(actual) + "\n")
        print(f"updated {path}")
        return 0
    expected = expected_text.splitlines()
    if comparable(actual) == comparable(expected):
        print(f"{path}: {summary}")
        return 0
    name = os.path.relpath(path)
    sys.stdout.writelines(difflib.unified_diff(
        [l + "\n" for l in expected], [l + "\n" for l in actual],
        fromfile=f"{name} (shown in the docs)", tofile="what the tools print now"))
    print(f"\nThe docs show output the tools no longer print. If the new output is right,"
          f" update the transcript:\n  {update_command} --update")
    return 1
