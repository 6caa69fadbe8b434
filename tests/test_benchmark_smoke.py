"""A tiny run of the benchmark (benchmarks/run.py, README "Benchmark"), so that
it cannot rot: the generator at scale 0.001 in a throwaway PostgreSQL
database, gunicorn with production settings, wrk for one second a page with
the page cache on, off and with only the rows kept, then a few seconds of the mixed load of readers
and writers, which must end without an error or a stale read.

It needs PostgreSQL (CI has it; skipped with the reason when it cannot be
reached), Redis (the run's sessions and cache, in a database of its own) and
Debian's wrk, which ``make test`` installs."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.postgres import drop_database, reachable_server

ROOT = Path(__file__).resolve().parent.parent
LOAD_PAGES = {
    "baseline",
    "dashboard",
    "visit_list",
    "visit_detail",
    "calendar",
    "ical",
    "news_list",
    "news_detail",
    "report_pdf",
    "report_detail",
    "atm_items",
}
# Not the benchmark's default Redis database: a full run may be under way.
SMOKE_REDIS_URL = "redis://127.0.0.1:6379/12"


@pytest.fixture
def benchmark_database():
    """The address of a database the benchmark creates and fills; dropped after."""
    server = reachable_server("the benchmark")
    name = f"studitiru_bench_smoke_{os.getpid()}"
    yield server + name
    drop_database(server, name)


def test_the_benchmark_measures_every_page_without_errors(benchmark_database, tmp_path):
    output = tmp_path / "result.json"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--scale",
            "0.001",
            "--duration",
            "1",
            # Two connections: the smoke run checks that everything works,
            # and the PDF answers in a second instead of four.
            "--connections",
            "2",
            "--pdf-runs",
            "1",
            "--database-url",
            benchmark_database,
            "--regenerate",
            "--redis-url",
            SMOKE_REDIS_URL,
            "--mixed-duration",
            "6",
            "--output",
            str(output),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(output.read_text())

    pages = {page["key"]: page for page in result["pages"]}
    assert set(pages) >= LOAD_PAGES
    for key in LOAD_PAGES:
        page = pages[key]
        assert set(page["page_cache"]) == {"hit", "miss", "write"}, key
        for mode, figures in page["page_cache"].items():
            # Every answer was a 200: no error, no redirect to the login page.
            assert figures["requests"] > 0, (key, mode)
            assert figures["statuses"] == {"200": figures["requests"]}, (key, mode)
            assert figures["errors"]["total"] == 0, (key, mode)
            assert figures["rps"] > 0, (key, mode)
            assert 0 < figures["latency_ms"]["p50"] <= figures["latency_ms"]["p95"], (key, mode)
            assert figures["latency_ms"]["p95"] <= figures["latency_ms"]["p99"], (key, mode)
            assert figures["ratio_to_baseline"] > 0, (key, mode)
            assert figures["cpu_ratio_to_baseline"] > 0, (key, mode)
        assert page["status"] == 200, key
        assert isinstance(page["queries"], int), key
        assert "slowest" in page["explain"], key
    assert pages["baseline"]["queries"] == 0
    assert pages["dashboard"]["queries"] > 0
    assert result["server"]["sessions"] == "redis cache"

    # The mixed load: logged in, read, wrote every kind of write, checked
    # the writes on the pages, and never an error or a stale read.
    mixed = result["mixed"]
    assert mixed["errors"] == 0, mixed["error_details"]
    assert mixed["stale_reads"] == 0, mixed["stale_details"]
    assert mixed["readers"] >= 2
    assert mixed["reads"]["count"] > 0
    assert set(mixed["writes_by_kind"]) == {"lifecycle", "participants", "report"}
    assert mixed["checks"] >= mixed["writes_done"] > 0
    assert 0 < mixed["writes"]["p50"] <= mixed["writes"]["p95"] <= mixed["writes"]["p99"]
    assert "Mixed load" in run.stdout

    used = result["targets_used"]
    assert used["visit_delegation"] == 52
    assert used["report_photos"] == 6
    assert result["report_pdf_cpu"]["cpu_s"] > 0
    assert result["participant_import"]["rows"] == 500
    assert result["participant_import"]["seconds"] > 0
    memory = result["worker_peak_memory_mb"]
    assert len(memory["workers"]) == result["server"]["workers"]
    assert memory["max"] > 0
    for key in ("cpu", "cores", "ram_gb", "python", "postgresql", "wrk"):
        assert result["machine"][key], key
    assert result["rows"]["visits"] > 0
    assert result["rows"]["participants"] > 0
    checked = {(check["page"], check["target"]) for check in result["verdict"]["checks"]}
    assert ("mixed", "stale reads") in checked
    assert ("report_detail", "CPU ratio") in checked
    assert ("news_list", "p95 ms") in checked
    # The table on stdout carries the same figures.
    assert "x base" in run.stdout
    assert "Report PDF:" in run.stdout
    assert "All targets met:" in run.stdout


class _Reading:
    """A browser of one agency whose next page is ``page``."""

    def __init__(self, agency, page):
        self.agency, self.page = agency, page

    def read(self, path, kind="read"):
        return self.page


def test_a_page_without_its_agencys_last_write_is_a_stale_read():
    from benchmarks.mixed import Expectation, Run

    run = Run(base_url="http://127.0.0.1", password="")
    key = (7, "/laporan/1/")
    run.expectations.expect([key], lambda key: Expectation("Ringkasan baru", True, "the summary"))

    run.check(_Reading(7, "<p>Ringkasan lama</p>"), "/laporan/1/")
    run.check(_Reading(7, "<p>Ringkasan baru</p>"), "/laporan/1/")
    # Another agency's page, and a page read once the next write was sent,
    # are not judged by this write.
    run.check(_Reading(8, "<p>Ringkasan lama</p>"), "/laporan/1/")
    run.expectations.supersede([key])
    run.check(_Reading(7, "<p>Ringkasan lama</p>"), "/laporan/1/")

    assert run.stats.checks == 2
    assert run.stats.stale_count == 1
    assert run.stats.stale == ["agency 7 read /laporan/1/ without the summary"]


def test_the_mixed_load_sends_a_form_as_the_browser_would():
    from benchmarks.mixed import post_form

    page = """
    <form method="post" action="/akun/logout/"><input type="hidden" name="csrfmiddlewaretoken"
      value="t"></form>
    <form method="post" novalidate>
      <input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input type="hidden" name="version" value="7">
      <textarea name="summary">
Baris &amp; dua</textarea>
      <select name="role"><option value="">---</option><option value="a">A</option>
        <option value="b" selected>B</option></select>
      <select name="kind"><option value="">---</option><option value="x">X</option></select>
      <input type="checkbox" name="keep" checked><input type="checkbox" name="drop">
      <input type="text" name="kutipan-__prefix__-text" value="">
      <input type="submit" name="go" value="Simpan">
    </form>"""

    form = post_form(page, "version")

    assert form["fields"] == {
        "csrfmiddlewaretoken": "t",
        "version": "7",
        "summary": "Baris & dua",
        "role": "b",
        "kind": "x",
        "keep": "on",
    }
