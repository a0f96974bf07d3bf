"""The benchmark report: a JSON document and the Markdown table made from it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.wrk import WrkResult

CEILING_KEYS = ("healthz", "healthz_end")
# Deep pages must not crawl: page 400 of the site list at least two thirds of page 1 (issue 9).
DEEP_PAGE_CHECK = ("sites_deep", "sites_page1", 2 / 3)


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    path: str
    persona: str | None = None  # None: anonymous; else the bench user it signs in as
    target: float | None = None  # share of /healthz requests per second the issue asks for
    reference: bool = False  # not a portal page: a yardstick (the ceiling, a plain Django list)


@dataclass
class Measurement:
    page: Page
    result: WrkResult | None
    probe_status: int | None = None
    error: str | None = None
    weight_bytes: int | None = None  # the body of one GET as served (issue 15: the recommendation list's weight)

    @property
    def ok(self) -> bool:
        return self.result is not None and self.result.non_2xx == 0 and self.result.requests > 0


def ceiling_rps(measurements: list[Measurement]) -> float | None:
    """/healthz measured first and last in the same run; the mean of the two is the ceiling."""
    values = [m.result.requests_per_s for m in measurements if m.page.key in CEILING_KEYS and m.ok]
    return sum(values) / len(values) if values else None


def build_report(measurements: list[Measurement], *, meta: dict[str, Any]) -> dict[str, Any]:
    ceiling = ceiling_rps(measurements)
    pages = []
    for m in measurements:
        r = m.result
        # A share of /healthz only means something for a page that answered 2xx every time.
        ratio = r.requests_per_s / ceiling if m.ok and ceiling else None
        pages.append(
            {
                "key": m.page.key,
                "label": m.page.label,
                "path": m.page.path,
                "as": m.page.persona or "anonymous",
                "reference": m.page.reference,
                "target_ratio": m.page.target,
                "requests_per_s": r.requests_per_s if r else None,
                "p50_ms": r.p50_ms if r else None,
                "p95_ms": r.p95_ms if r else None,
                "p99_ms": r.p99_ms if r else None,
                "ratio_to_healthz": ratio,
                "statuses": r.statuses if r else {},
                "non_2xx": r.non_2xx if r else None,
                "probe_status": m.probe_status,
                "weight_bytes": m.weight_bytes,
                "meets_target": _meets(m, ratio),
                "error": m.error,
                "wrk": r.as_dict() if r else None,
            }
        )
    return {**meta, "ceiling_rps": ceiling, "pages": pages, "checks": _checks(measurements)}


def _meets(m: Measurement, ratio: float | None) -> bool | None:
    if m.page.target is None or ratio is None or not m.ok:
        return None
    return ratio >= m.page.target


def _checks(measurements: list[Measurement]) -> list[dict[str, Any]]:
    by_key = {m.page.key: m for m in measurements}
    deep, first, target = DEEP_PAGE_CHECK
    if deep not in by_key or first not in by_key:
        return []
    a, b = by_key[deep], by_key[first]
    value = a.result.requests_per_s / b.result.requests_per_s if a.ok and b.ok and b.result.requests_per_s else None
    return [
        {
            "name": f"{a.page.label} / {b.page.label} (requests per second)",
            "value": value,
            "target": target,
            "met": None if value is None else value >= target,
        }
    ]


# -- Markdown ------------------------------------------------------------------------------------------------


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if digits == 0 else f"{value:,.{digits}f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"


def _weight(size: int | None) -> str:
    if size is None:
        return "–"
    return f"{size / 1024:,.0f} KB" if size >= 1024 else f"{size} B"


def _target(page: dict[str, Any]) -> str:
    if page["target_ratio"] is None:
        return ""
    wanted = f"≥ {page['target_ratio'] * 100:.0f} %"
    if page["meets_target"] is None:
        return f"{wanted}: not measured"
    return f"{wanted}: met" if page["meets_target"] else f"{wanted}: **missed**"


def _statuses(page: dict[str, Any]) -> str:
    statuses = page["statuses"]
    if page["error"]:
        return f"error: {page['error']}"
    if statuses:
        text = " ".join(f"{code}×{count:,}" for code, count in sorted(statuses.items()))
    else:
        text = f"{page['non_2xx']:,} non-2xx" if page["non_2xx"] else "2xx/3xx"
    if page["non_2xx"]:
        text = f"**{text}**"
    errors = {k: v for k, v in ((page.get("wrk") or {}).get("socket_errors") or {}).items() if v}
    if errors:
        text += " **socket errors: " + ", ".join(f"{k} {v:,}" for k, v in errors.items()) + "**"
    return text


def render_markdown(report: dict[str, Any]) -> str:
    lines = [f"# Mura benchmark ({report.get('mode', 'full')})", ""]
    machine = report.get("machine", {})
    if machine:
        lines.append(
            f"Machine: {machine.get('cpu_model', '?')}, {machine.get('cores', '?')} cores, "
            f"{machine.get('memory_gb', '?')} GiB; {machine.get('os', '?')}; Python {machine.get('python', '?')}, "
            f"Django {machine.get('django', '?')}, PostgreSQL {machine.get('postgresql', '?')}, "
            f"Redis {machine.get('redis', '?')}."
        )
    server, load = report.get("server", {}), report.get("load", {})
    if server or load:
        lines.append(
            f"Server: {server.get('description', '?')}. Load: {load.get('tool', 'wrk')}, "
            f"{load.get('connections', '?')} concurrent clients on loopback, {load.get('duration_s', '?')} s per page "
            f"after a {load.get('warmup_s', '?')} s warm-up."
        )
    data = report.get("data", {})
    if data:
        lines.append("Data: " + ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in data.items()) + ".")
    if report.get("generated_at"):
        lines.append(f"Run: {report['generated_at']}, commit {report.get('commit', '?')}.")
    load = report.get("load_average")
    if load:
        lines.append(
            f"Load average (1 min) before and after: {load['before']:.1f} and {load['after']:.1f} "
            f"on {machine.get('cores', '?')} cores; more than the cores means other processes competed."
        )
    lines += [
        "",
        f"Ceiling (/healthz, mean of first and last): {_num(report.get('ceiling_rps'), 0)} requests/s.",
        "",
        "| Page | Path | As | Req/s | p50 ms | p95 ms | p99 ms | Share of /healthz | Target | Weight | Responses |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    for page in report["pages"]:
        lines.append(
            f"| {page['label']} | `{page['path']}` | {page['as']} | {_num(page['requests_per_s'], 0)} | "
            f"{_num(page['p50_ms'])} | {_num(page['p95_ms'])} | {_num(page['p99_ms'])} | "
            f"{_pct(page['ratio_to_healthz'])} | {_target(page)} | {_weight(page.get('weight_bytes'))} | "
            f"{_statuses(page)} |"
        )
    for check in report.get("checks", []):
        met = {True: "met", False: "**missed**", None: "not measured"}[check["met"]]
        lines += ["", f"{check['name']}: {_pct(check['value'])} (target ≥ {check['target'] * 100:.0f} %: {met})."]
    return "\n".join(lines) + "\n"


def write_report(report: dict[str, Any], directory: Path) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path, md_path = directory / "latest.json", directory / "latest.md"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(render_markdown(report), encoding="utf-8")
    return json_path, md_path
