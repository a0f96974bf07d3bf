"""A failing browser test leaves a screenshot and the HTML under $E2E_ARTIFACTS_DIR and prints where."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.helpers import ROOT

pytestmark = pytest.mark.e2e

SAMPLE = Path(__file__).resolve().parent / "samples" / "failing_on_purpose.py"


def test_failure_saves_screenshot_and_html_and_prints_the_path(browser, tmp_path):
    # `browser` makes this skip (or fail under REQUIRE_SERVICES) without Chromium, like the other e2e tests.
    artifacts = tmp_path / "artifacts"
    env = {**os.environ, "E2E_ARTIFACTS_DIR": str(artifacts)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(SAMPLE.relative_to(ROOT))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    stem = "tests_e2e_samples_failing_on_purpose.py_test_fails_on_purpose"
    png, html = artifacts / f"{stem}.png", artifacts / f"{stem}.html"
    assert sorted(artifacts.iterdir()) == [html, png]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<h1>Deliberate failure</h1>" in html.read_text()
    assert f"e2e artifacts for tests/e2e/samples/failing_on_purpose.py::test_fails_on_purpose:\n{png}" in result.stdout
