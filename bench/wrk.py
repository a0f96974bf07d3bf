"""Run wrk and read what it prints: the JSON line of bench/wrk_report.lua, or wrk's own `--latency` text."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

LUA_SCRIPT = Path(__file__).with_name("wrk_report.lua")
JSON_MARKER = "MURA-WRK-JSON "


class WrkError(Exception):
    pass


@dataclass
class WrkResult:
    requests: int
    duration_s: float
    requests_per_s: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    mean_ms: float | None = None
    max_ms: float | None = None
    bytes_read: int | None = None
    statuses: dict[str, int] = field(default_factory=dict)
    socket_errors: dict[str, int] = field(default_factory=dict)
    non_2xx: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def status_summary(self) -> str:
        """`200×1234`, or `200×10 404×5`; wrk's own text only tells how many were 4xx/5xx."""
        if self.statuses:
            return " ".join(f"{code}×{count}" for code, count in sorted(self.statuses.items()))
        return f"{self.non_2xx} non-2xx" if self.non_2xx else "2xx/3xx"


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_SIZE = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}


def duration_ms(text: str) -> float:
    """wrk's `850.00us`, `12.31ms`, `1.02s`, `2.00m` in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise WrkError(f"not a wrk duration: {text!r}")
    return float(match[1]) * _UNITS_MS[match[2]]


def parse_wrk_output(text: str) -> WrkResult:
    for line in text.splitlines():
        if line.startswith(JSON_MARKER):
            return _from_json(json.loads(line[len(JSON_MARKER) :]))
    return _from_text(text)


def _from_json(data: dict) -> WrkResult:
    latency = data["latency_us"]
    duration = data["duration_us"] / 1e6
    statuses = {str(k): int(v) for k, v in data.get("statuses", {}).items()}
    errors = data.get("errors", {})
    return WrkResult(
        requests=data["requests"],
        duration_s=duration,
        requests_per_s=data["requests"] / duration if duration else 0.0,
        p50_ms=latency["p50"] / 1000,
        p95_ms=latency["p95"] / 1000,
        p99_ms=latency["p99"] / 1000,
        mean_ms=latency["mean"] / 1000,
        max_ms=latency["max"] / 1000,
        bytes_read=data.get("bytes"),
        statuses=statuses,
        socket_errors={k: errors.get(k, 0) for k in ("connect", "read", "write", "timeout")},
        non_2xx=sum(count for code, count in statuses.items() if not code.startswith("2")),
    )


def _from_text(text: str) -> WrkResult:
    """wrk's plain output (with --latency for the percentiles; it has no p95)."""
    summary = re.search(r"(\d+) requests in ([\d.]+\w+), ([\d.]+)(\w+) read", text)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not summary or not rate:
        raise WrkError("wrk printed no summary: " + (text.strip().splitlines() or ["(nothing)"])[-1])
    percentiles = {int(p): duration_ms(d) for p, d in re.findall(r"^\s+(\d+)%\s+([\d.]+\w+)\s*$", text, re.M)}
    latency = re.search(r"Latency\s+([\d.]+\w+)\s+[\d.]+\w+\s+([\d.]+\w+)", text)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return WrkResult(
        requests=int(summary[1]),
        duration_s=duration_ms(summary[2]) / 1000,
        requests_per_s=float(rate[1]),
        p50_ms=percentiles.get(50),
        p95_ms=percentiles.get(95),
        p99_ms=percentiles.get(99),
        mean_ms=duration_ms(latency[1]) if latency else None,
        max_ms=duration_ms(latency[2]) if latency else None,
        bytes_read=int(float(summary[3]) * _SIZE[summary[4]]),
        socket_errors=dict(zip(("connect", "read", "write", "timeout"), map(int, socket.groups()), strict=True))
        if socket
        else {},
        non_2xx=int(non_2xx[1]) if non_2xx else 0,
    )


def find_wrk(install: bool = True) -> str:
    """The wrk binary; installs Debian's package when missing and we may (root with apt-get)."""
    path = shutil.which("wrk")
    if path:
        return path
    if install and shutil.which("apt-get") and os.geteuid() == 0:
        print("wrk is missing: installing Debian's package (apt-get install wrk)...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install_wrk = ["apt-get", "install", "-y", "-qq", "wrk"]
        # Try with the package lists as they are; refresh them once if that fails.
        for commands in ([install_wrk], [["apt-get", "update", "-qq"], install_wrk]):
            for command in commands:
                subprocess.run(command, env=env, capture_output=True, check=False)
            path = shutil.which("wrk")
            if path:
                return path
    raise WrkError(
        "The load generator wrk is not installed and could not be installed here. "
        "Install it (Debian/Ubuntu: `apt-get install wrk`, macOS: `brew install wrk`) and run `make bench` again."
    )


def wrk_version(binary: str) -> str:
    result = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    text = (result.stdout or result.stderr).strip()
    return text.splitlines()[0].split(" Copyright")[0].strip() if text else "wrk"


def run_wrk(
    binary: str,
    url: str,
    *,
    duration_s: float,
    connections: int,
    cookies: list[str] | None = None,
    timeout_s: float = 10.0,
) -> tuple[WrkResult, str]:
    """One connection per wrk thread, each with its own cookie (see wrk_report.lua). Returns result and text."""
    command = [
        binary,
        f"--threads={connections}",
        f"--connections={connections}",
        f"--duration={max(1, round(duration_s))}s",
        f"--timeout={max(1, round(timeout_s))}s",
        "--latency",
        f"--script={LUA_SCRIPT}",
        url,
    ]
    if cookies:
        command += ["--", *cookies]
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration_s + timeout_s + 30, check=False)
    text = result.stdout + result.stderr
    if result.returncode != 0:
        raise WrkError(f"wrk exited with {result.returncode}: {text.strip()[-500:]}")
    return parse_wrk_output(text), text
