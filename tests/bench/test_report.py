"""The report writer, fed with what wrk really printed (captured from `make bench` runs on this machine)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.report import Measurement, Page, build_report, render_markdown, write_report
from bench.wrk import WrkError, duration_ms, parse_wrk_output

DATA = Path(__file__).with_name("data")
RECOMMENDATIONS = "/recommendations/?status=in_progress"


def wrk_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_parse_wrk_lua_output_reads_percentiles_and_statuses():
    result = parse_wrk_output(wrk_text("wrk-lua-healthz.txt"))
    assert (
        result.requests,
        round(result.requests_per_s, 2),
        result.p50_ms,
        result.p95_ms,
        result.p99_ms,
        result.statuses,
        result.non_2xx,
    ) == (1566, 750.79, 17.174, 157.008, 252.225, {"200": 1566}, 0)


def test_parse_wrk_lua_output_counts_non_2xx_responses():
    result = parse_wrk_output(wrk_text("wrk-lua-404.txt"))
    assert (result.statuses, result.non_2xx, result.status_summary) == ({"404": 385}, 385, "404×385")


def test_parse_wrk_plain_latency_text_without_the_script():
    # wrk's own --latency output has p50/p75/p90/p99 but no p95, and only a count of 4xx/5xx responses.
    result = parse_wrk_output(wrk_text("wrk-plain-404.txt"))
    assert (result.requests, result.requests_per_s, result.p50_ms, result.p95_ms, result.p99_ms, result.non_2xx) == (
        88,
        42.57,
        267.01,
        None,
        652.33,
        88,
    )


def test_parse_wrk_plain_text_with_latencies_in_seconds():
    result = parse_wrk_output(wrk_text("wrk-plain-latency.txt"))
    assert (result.requests, result.p50_ms, result.p99_ms, result.non_2xx) == (1, 1980.0, 1980.0, 0)


@pytest.mark.parametrize(
    ("text", "ms"), [("850.00us", 0.85), ("12.31ms", 12.31), ("1.98s", 1980.0), ("2.00m", 120_000.0)]
)
def test_duration_ms_reads_every_wrk_unit(text, ms):
    assert duration_ms(text) == pytest.approx(ms)


def test_parse_wrk_output_without_a_summary_raises():
    with pytest.raises(WrkError, match="Connection refused"):
        parse_wrk_output("unable to connect to 127.0.0.1:8109 Connection refused\n")


def _measurements() -> list[Measurement]:
    return [
        Measurement(Page("healthz", "/healthz (ceiling)", "/healthz", reference=True), parse("wrk-lua-healthz.txt")),
        Measurement(
            Page(
                "recommendations",
                "Recommendations in progress",
                "/recommendations/?status=in_progress",
                "official",
                0.2,
            ),
            parse("wrk-lua-signed-in.txt"),
            weight_bytes=84_480,
        ),
        Measurement(
            Page("participants", "Participants", "/seminars/s/participants/", "organizer", 0.2),
            parse("wrk-lua-404.txt"),
            probe_status=404,
        ),
        Measurement(Page("sites_geojson", "GeoJSON", "/sites/export.geojson"), None, error="wrk exited with 1"),
    ]


def parse(name: str):
    return parse_wrk_output(wrk_text(name))


def test_render_markdown_table_from_real_wrk_output():
    report = build_report(_measurements(), meta={"mode": "quick"})
    table = [line for line in render_markdown(report).splitlines() if line.startswith("|")]
    # 750.79 req/s is the ceiling; 21.88 / 750.79 = 3 %; the participants page answered 404: no share.
    assert table == [
        "| Page | Path | As | Req/s | p50 ms | p95 ms | p99 ms | Share of /healthz | Target | Weight | Responses |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---:|---|",
        "| /healthz (ceiling) | `/healthz` | anonymous | 751 | 17.2 | 157.0 | 252.2 | 100 % |  | – | 200×1,566 |",
        "| Recommendations in progress | `/recommendations/?status=in_progress` | official | 22 | 430.7 | 1,156.8 | "
        "1,233.1 | 3 % | ≥ 20 %: **missed** | 82 KB | 200×45 |",
        "| Participants | `/seminars/s/participants/` | organizer | 183 | 41.6 | 385.7 | 518.5 | – | "
        "≥ 20 %: not measured | – | **404×385** |",
        "| GeoJSON | `/sites/export.geojson` | anonymous | – | – | – | – | – |  | – | error: wrk exited with 1 |",
    ]
    assert {line.count("|") for line in table} == {12}
    assert report["pages"][1]["weight_bytes"] == 84_480


def test_write_report_json_round_trips_and_keeps_the_wrk_figures(tmp_path):
    meta = {
        "mode": "quick",
        "machine": {"cpu_model": "AMD EPYC", "cores": 2},
        "load_average": {"before": 11.8, "after": 15.08},
    }
    report = build_report(_measurements(), meta=meta)
    json_path, md_path = write_report(report, tmp_path)
    stored = json.loads(json_path.read_text(encoding="utf-8"))
    participants = stored["pages"][2]
    assert (stored == report, stored["ceiling_rps"] == pytest.approx(750.79, abs=0.01)) == (True, True)
    assert (participants["meets_target"], participants["non_2xx"], participants["probe_status"]) == (None, 385, 404)
    lines = md_path.read_text(encoding="utf-8").splitlines()
    assert (lines[2][:27], lines[3]) == (
        "Machine: AMD EPYC, 2 cores,",
        "Load average (1 min) before and after: 11.8 and 15.1 on 2 cores; "
        "more than the cores means other processes competed.",
    )


def test_build_report_checks_that_deep_pages_do_not_crawl():
    healthz = parse("wrk-lua-healthz.txt")
    first, deep = parse("wrk-lua-signed-in.txt"), parse("wrk-lua-signed-in.txt")
    deep.requests_per_s = first.requests_per_s / 2
    report = build_report(
        [
            Measurement(Page("healthz", "/healthz", "/healthz", reference=True), healthz),
            Measurement(Page("sites_page1", "Page 1", "/sites/", target=0.5), first),
            Measurement(Page("sites_deep", "Page 400", "/sites/?page=400", target=0.5), deep),
        ],
        meta={},
    )
    assert report["checks"] == [
        {"name": "Page 400 / Page 1 (requests per second)", "value": 0.5, "target": 2 / 3, "met": False}
    ]
    assert "Page 400 / Page 1 (requests per second): 50 % (target ≥ 67 %: **missed**)." in render_markdown(report)


def test_render_markdown_shows_socket_errors_such_as_timeouts():
    result = parse("wrk-lua-healthz.txt")
    result.socket_errors = {"connect": 0, "read": 0, "write": 0, "timeout": 12}
    report = build_report([Measurement(Page("healthz", "/healthz", "/healthz", reference=True), result)], meta={})
    assert render_markdown(report).splitlines()[-1].endswith("| 200×1,566 **socket errors: timeout 12** |")
