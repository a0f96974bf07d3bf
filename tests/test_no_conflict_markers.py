"""A merge left half-done must not reach main: no source or template file holds Git's conflict markers."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Built, not written out, so that this file does not hold them itself.
OURS, THEIRS = "\n" + "<" * 7 + " ", "\n" + ">" * 7 + " "


def test_no_file_holds_conflict_markers():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    found = []
    for name in tracked:
        if not name.endswith((".py", ".html", ".txt", ".css", ".js", ".po", ".md")) or name.startswith(
            "static/vendor/"
        ):
            continue
        text = (ROOT / name).read_text(encoding="utf-8", errors="replace")
        if OURS in "\n" + text or THEIRS in "\n" + text:
            found.append(name)
    assert found == []
