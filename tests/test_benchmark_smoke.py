"""A tiny run of the benchmark (benchmarks/run.py, README "Benchmark"), so that
it cannot rot: the generator at scale 0.001 in a throwaway PostgreSQL
database, gunicorn with production settings, wrk for one second a page.

It needs PostgreSQL (CI has it; skipped with the reason when it cannot be
reached) and Debian's wrk, which ``make test`` installs."""

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
}


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
        # Every answer was a 200: no error, no redirect to the login page.
        assert page["requests"] > 0, key
        assert page["statuses"] == {"200": page["requests"]}, key
        assert page["errors"]["total"] == 0, key
        assert page["rps"] > 0, key
        assert 0 < page["latency_ms"]["p50"] <= page["latency_ms"]["p95"], key
        assert page["latency_ms"]["p95"] <= page["latency_ms"]["p99"], key
        assert page["ratio_to_baseline"] > 0, key
        assert page["status"] == 200, key
        assert isinstance(page["queries"], int), key
        assert "slowest" in page["explain"], key
    assert pages["baseline"]["queries"] == 0
    assert pages["dashboard"]["queries"] > 0
    assert pages["atm_items"]["status"] == 200

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
    assert "report_pdf" in {check["page"] for check in result["verdict"]["pages"]}
    # The table on stdout carries the same figures.
    assert "x base" in run.stdout
    assert "Report PDF:" in run.stdout
    assert "All targets met:" in run.stdout
