"""The benchmark of Portal Studi Tiru at national scale (README, "Benchmark").

    .venv/bin/python benchmarks/run.py --scale 0.01
    .venv/bin/python benchmarks/run.py --scale 1            # the full national data set
    .venv/bin/python benchmarks/run.py --compare A.json B.json
    .venv/bin/python benchmarks/run.py --scale 0.01 --page-cache on --mixed-duration 0

Against PostgreSQL database ``studitiru_bench_<scale>`` (created, migrated
and filled by ``manage.py generate_national_data`` when it is not yet), it
starts the portal under gunicorn with production settings on 127.0.0.1, logs
in through the login page, and drives each key page with wrk (8 connections)
after a warm-up, once with the page cache on (``PAGE_CACHE=true``: a repeat
view, the "hit"), once with it off (``PAGE_CACHE=false``: every page made
from nothing, the "miss") and once with only the rows kept (``ROW_CACHE=true``:
the page made again from its rows, its first view after a write, "write"),
sessions and cache in Redis unless ``--no-redis``.
For each page and pass it reports requests/s, p50/p95/p99 latency, errors,
CPU per request and both as a ratio to the baseline ``/sehat/`` of the same
pass, and SQL queries per request; then the mixed load (``mixed.py``: readers
and writers of several agencies on a copy of the database, stale reads
counted); then the CPU seconds of the report PDF, the seconds of a 500-row
participant import, the peak memory of a worker and EXPLAIN (ANALYZE) of the
slowest queries of every page, flagging sequential scans of large tables.
The results go to stdout and to ``benchmarks/results/<date>-scale-<x>.json``.
"""

import argparse
import contextlib
import io
import json
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))

from benchmarks import load  # noqa: E402
from benchmarks.database import (  # noqa: E402
    connect_server,
    copy_database,
    database_backends,
    database_name,
    drop_database,
    mark_generated,
    prepare_database,
)
from benchmarks.report import compare, errors_of, log, print_report, scale_text  # noqa: E402

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/"
RESULTS_DIR = BENCH_DIR / "results"
# Targets of issue 13, at full scale on the 2-core machine, each against the
# trivial view (/sehat/) of the same pass.
PUBLIC_PAGES = ("news_list", "news_detail")  # anonymous, page cache on
PUBLIC_MIN_RPS_RATIO = 0.5
PUBLIC_MAX_P95_MS = 20
KEY_PAGES = ("dashboard", "visit_list", "visit_detail", "calendar", "report_detail", "atm_items")
HIT_MAX_CPU_RATIO = 8  # CPU per request (app + PostgreSQL), a repeat view
HIT_MAX_P95_MS = 50
MISS_MAX_CPU_RATIO = 30  # the same pages with the page cache off
MIXED_MAX_READ_P95_MS = 100
MIXED_MIN_WRITES_PER_S = 2
TARGET_PDF_CPU_S = 0.5
# The benchmark's own Redis database (flushed at the start of a run).
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/11"
# hit: a repeat view; miss: every page made from nothing; write: the first
# view after a write, the page made again with its rows from the cache
# (pagecache.rows; a write changes a row or two of a list, not the others).
PASSES = {
    "both": ("hit", "miss", "write"),
    "on": ("hit",),
    "off": ("miss",),
    "write": ("write",),
}
PASS_TITLES = {
    "hit": "on: a repeat view (hit)",
    "miss": "off: a miss, every page made from nothing",
    "write": "rows only: the first view after a write",
}
# A page that answers fewer than two rounds of the connections in --duration
# is measured again for longer, up to this many seconds.
MAX_DURATION = 60
# Environment the portal must not inherit from the shell or the test run.
CLEARED = (
    "DEBUG",
    "TESTING",
    "REDIS_URL",
    "EMAIL_HOST",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "BEHIND_PROXY",
    "DJANGO_SETTINGS_MODULE",
    "PAGE_CACHE",
    "ROW_CACHE",
)


def database_url_for(scale: float) -> str:
    return DEFAULT_SERVER + "studitiru_bench_" + scale_text(scale).replace(".", "_")


# --- The run ------------------------------------------------------------------------


def portal_env(args, *, url, static_root, port) -> dict:
    """Production settings: DEBUG off, a secret key, one host, PostgreSQL."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(
        DJANGO_SETTINGS_MODULE="studitiru.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=url,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(args.media_root),
        TASKS_BACKEND="immediate",
        PORTAL_URL=f"http://127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
        # Plain HTTP on loopback: production's HTTPS defaults are off by name.
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        SECURE_HSTS_SECONDS="0",
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: how busy the machine was."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(args) -> dict:
    url = args.database_url or database_url_for(args.scale)
    if load.wrk_version() == "":
        raise load.BenchmarkError("wrk is not installed: `apt-get install wrk`")
    started = time.monotonic()
    load_before = load_average()
    generated = prepare_database(url, scale=args.scale, regenerate=args.regenerate)
    static_dir = tempfile.TemporaryDirectory(prefix="studitiru-bench-static-")
    port = load.free_port()
    env = portal_env(args, url=url, static_root=static_dir.name, port=port)
    passes = PASSES[args.page_cache]
    # In this process (queries counted, PDF timed) the first pass's setting.
    os.environ.update(env, **page_cache_env(passes[0]))
    for name in CLEARED:
        if name not in env and name not in ("PAGE_CACHE", "ROW_CACHE"):
            os.environ.pop(name, None)
    if args.redis_url:
        flush_redis(args.redis_url)

    import django

    django.setup()
    from benchmarks import measure

    log(f"Database {database_name(url)}, scale {scale_text(args.scale)}")
    measure.collect_static()
    measure.migrate()
    if generated is None and measure.has_generated_data():
        # Generated by hand (manage.py generate_national_data) before this run.
        generated = {"scale": args.scale, "seed": None, "generated_on": "before this run"}
        mark_generated(url, generated)
    if generated is None:
        log(f"Generating the national data set at scale {scale_text(args.scale)}…")
        began = time.monotonic()
        output = io.StringIO()
        measure.generate(args.scale, args.seed, output)
        if args.verbose:
            log(output.getvalue())
        generated = {
            "scale": args.scale,
            "seed": args.seed,
            "generated_on": measure.today(),
            "seconds": round(time.monotonic() - began, 1),
        }
        mark_generated(url, generated)
        log(f"  generated in {generated['seconds']} s")
    targets = measure.find_targets()
    pages = [p for p in targets.pages if not args.pages or p.key in args.pages]
    log_path = Path(static_dir.name) / "gunicorn.log"
    log(
        f"gunicorn: {args.workers} workers"
        + (f" x {args.threads} threads" if args.threads > 1 else " (sync)")
        + f"; wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s per page; "
        f"sessions and cache in {args.redis_url or 'the database'}"
    )
    by_pass = {}
    cookie = ""
    own_pid = measure.own_backend_pid()
    for mode in passes:
        server = load.Gunicorn(
            env=env | page_cache_env(mode),
            port=port,
            workers=args.workers,
            threads=args.threads,
            log_path=log_path,
        )
        log(f"Page cache {PASS_TITLES[mode]}")
        with server.serving(log):
            cookie = load.login(server.base_url, targets.email, targets.password)
            by_pass[mode] = load.measure_pages(
                args,
                server,
                pages,
                cookie,
                lambda: database_backends(url, exclude=own_pid),
                max_duration=MAX_DURATION,
                log=log,
            )
            worker_memory = server.worker_peak_memory_mb()

    log("Counting queries and EXPLAINing them…")
    counted_by_page = {}
    for page in pages:
        counted = measure.page_queries(page, cookie)
        plans = measure.explain_page(counted.pop("sql"))
        counted_by_page[page.key] = counted | {"explain": plans}
    log("Timing the report PDF and a 500-row import…")
    pdf = measure.pdf_cpu_seconds(targets.report.pk, runs=args.pdf_runs)
    participant_import = measure.import_seconds(
        targets.import_visit.pk, targets.email, rows=args.import_rows
    )
    machine = measure.machine_info() | {"wrk": load.wrk_version()}
    rows = measure.row_counts()
    facts = measure.target_facts(targets)

    mixed_figures = None
    if args.mixed_duration > 0:
        mixed_figures = run_mixed_on_copy(
            args,
            env | page_cache_env(passes[0]),
            url=url,
            port=port,
            log_path=log_path,
        )

    page_rows = []
    for page in pages:
        row = {
            "key": page.key,
            "label": page.label,
            "path": page.path,
            "logged_in": page.logged_in,
            "load": page.load,
            **counted_by_page[page.key],
        }
        if page.load:
            cached = {mode: load.with_ratios(by_pass[mode], page.key) for mode in passes}
            # The first pass's figures, as before the page cache, for --compare.
            row.update(cached[passes[0]])
            row["page_cache"] = cached
        page_rows.append(row)
    document = {
        "date": measure.today(),
        "scale": args.scale,
        "seed": generated.get("seed"),
        "database": database_name(url),
        "machine": machine,
        "server": {
            "workers": args.workers,
            "threads": args.threads,
            "worker_class": "gthread" if args.threads > 1 else "sync",
            "sessions": "redis cache" if args.redis_url else "database",
            "redis_url": args.redis_url,
            "page_cache_passes": list(passes),
        },
        "load": {
            "tool": "wrk",
            "threads": args.wrk_threads,
            "connections": args.connections,
            "duration_s": args.duration,
        },
        "rows": rows,
        "seq_scan_min_rows": measure.SEQ_SCAN_MIN_ROWS,
        "targets_used": facts,
        "pages": page_rows,
        "mixed": mixed_figures,
        "report_pdf_cpu": pdf,
        "participant_import": participant_import,
        "worker_peak_memory_mb": {
            "max": max(worker_memory, default=0),
            "workers": worker_memory,
        },
        "load_average": {"before": load_before, "after": load_average()},
        "seconds": round(time.monotonic() - started, 1),
    }
    document["verdict"] = verdict(document)
    static_dir.cleanup()
    return document


def page_cache_env(mode) -> dict:
    return {
        "PAGE_CACHE": "true" if mode == "hit" else "false",
        "ROW_CACHE": "true" if mode in ("hit", "write") else "false",
    }


def flush_redis(redis_url):
    """Empty the benchmark's Redis database: no session or page of an
    earlier run (another data set, maybe) is answered from it."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def run_mixed_on_copy(args, env, *, url, port, log_path) -> dict:
    """The mixed load (``mixed.py``) against a copy of the benchmark database,
    made for it and dropped after: its writes never change the data set the
    pages are measured on."""
    from django.db import connection

    from benchmarks import mixed, mixed_targets

    copy = database_name(url) + "_mixed"
    copy_url = url.rsplit("/", 1)[0] + "/" + copy
    connection.close()
    began = time.monotonic()
    copy_database(url, copy)
    log(f"Mixed load on {copy}, a copy made in {time.monotonic() - began:.1f} s")
    name = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = copy
    server = load.Gunicorn(
        env=env | {"DATABASE_URL": copy_url},
        port=port,
        workers=args.workers,
        threads=args.threads,
        log_path=log_path,
    )
    try:
        plan = mixed_targets.mixed_targets(readers=args.readers, per_kind=args.writers)
        connection.close()
        if args.redis_url:
            # The passes' pages and sessions: none may answer for the copy.
            flush_redis(args.redis_url)
        with server.serving(log):
            figures = mixed.run_mixed(
                server.base_url, plan, duration=args.mixed_duration, write_rate=args.write_rate
            )
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        with connect_server(url) as conn:
            drop_database(conn, copy)
    return figures


# --- Judging and printing -----------------------------------------------------------


def verdict(document) -> dict:
    """Each target of issue 13: the figure, the limit, met or missed and by
    how much (``margin``: how far inside the limit, negative when missed)."""
    checks = []

    def check(what, page, mode, figure, limit, *, most):
        met = figure <= limit if most else figure >= limit
        margin = (limit - figure) if most else (figure - limit)
        checks.append(
            {
                "target": what,
                "page": page,
                "mode": mode,
                "figure": figure,
                "limit": limit,
                "at_most": most,
                "met": met,
                "margin": round(margin, 3),
            }
        )

    for page in document["pages"]:
        cached = page.get("page_cache", {})
        key = page["key"]
        for mode, figures in cached.items():
            if key != "baseline":
                errors = errors_of(figures)
                check("errors", key, mode, errors, 0, most=True)
        hit = cached.get("hit")
        if key in PUBLIC_PAGES and hit:
            check(
                "requests/s ratio",
                key,
                "hit",
                hit["ratio_to_baseline"],
                PUBLIC_MIN_RPS_RATIO,
                most=False,
            )
            check("p95 ms", key, "hit", hit["latency_ms"]["p95"], PUBLIC_MAX_P95_MS, most=True)
        if key in KEY_PAGES and hit:
            check(
                "CPU ratio", key, "hit", hit["cpu_ratio_to_baseline"], HIT_MAX_CPU_RATIO, most=True
            )
            check("p95 ms", key, "hit", hit["latency_ms"]["p95"], HIT_MAX_P95_MS, most=True)
        for mode in ("miss", "write"):
            if key in KEY_PAGES and (figures := cached.get(mode)):
                check(
                    "CPU ratio",
                    key,
                    mode,
                    figures["cpu_ratio_to_baseline"],
                    MISS_MAX_CPU_RATIO,
                    most=True,
                )
    mixed = document.get("mixed")
    if mixed:
        check("errors", "mixed", "", mixed["errors"], 0, most=True)
        check("stale reads", "mixed", "", mixed["stale_reads"], 0, most=True)
        check("read p95 ms", "mixed", "", mixed["reads"]["p95"], MIXED_MAX_READ_P95_MS, most=True)
        check("writes/s", "mixed", "", mixed["writes_per_s"], MIXED_MIN_WRITES_PER_S, most=False)
    check(
        "CPU s",
        "report_pdf_render",
        "",
        document["report_pdf_cpu"]["cpu_s"],
        TARGET_PDF_CPU_S,
        most=True,
    )
    return {"checks": checks, "all_met": all(c["met"] for c in checks)}


def results_path(document) -> Path:
    return RESULTS_DIR / f"{document['date']}-scale-{scale_text(document['scale'])}.json"


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Benchmark Portal Studi Tiru under gunicorn + PostgreSQL with wrk."
    )
    parser.add_argument("--scale", type=float, help="size of the data set (1 = national)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the data generator")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument(
        "--workers",
        type=int,
        default=(os.cpu_count() or 1) + 1,
        help="gunicorn sync workers (default: cores + 1, see the README)",
    )
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (> 1: gthread workers)"
    )
    parser.add_argument(
        "--database-url",
        help="PostgreSQL database (default postgres://postgres@127.0.0.1:5432/"
        "studitiru_bench_<scale>)",
    )
    parser.add_argument("--regenerate", action="store_true", help="drop and regenerate the data")
    parser.add_argument(
        "--redis-url",
        default=DEFAULT_REDIS_URL,
        help=f"sessions and cache in this Redis database, flushed first (default {DEFAULT_REDIS_URL})",
    )
    parser.add_argument(
        "--no-redis",
        dest="redis_url",
        action="store_const",
        const="",
        help="sessions and cache in the database, as without REDIS_URL",
    )
    parser.add_argument(
        "--page-cache",
        choices=sorted(PASSES),
        default="both",
        help="measure the pages with the page cache on (hit), off (miss), with only the "
        "rows kept (write: the first view after a write) or all three (both, the default)",
    )
    parser.add_argument(
        "--mixed-duration",
        type=int,
        default=60,
        help="seconds of the mixed load of readers and writers (0: none)",
    )
    parser.add_argument("--readers", type=int, default=8, help="readers of the mixed load")
    parser.add_argument(
        "--writers",
        type=int,
        default=3,
        help="writers of each kind (lifecycle, participants, report) of the mixed load",
    )
    parser.add_argument(
        "--write-rate", type=float, default=2.5, help="writes per second of the mixed load"
    )
    parser.add_argument(
        "--media-root",
        type=Path,
        default=ROOT / "var" / "benchmark" / "media",
        help="MEDIA_ROOT of the generated photos",
    )
    parser.add_argument(
        "--pages",
        type=lambda text: set(text.split(",")) | {"baseline"},
        help="only these pages (keys, comma-separated; the baseline always runs)",
    )
    parser.add_argument("--pdf-runs", type=int, default=5)
    parser.add_argument("--import-rows", type=int, default=500)
    parser.add_argument("--output", type=Path, help="result file (default benchmarks/results/)")
    parser.add_argument("--verbose", action="store_true", help="print the generator's output")
    parser.add_argument(
        "--compare", nargs=2, metavar=("A", "B"), help="compare two result files and exit"
    )
    args = parser.parse_args(argv)
    if args.compare:
        compare(*args.compare)
        return 0
    if args.scale is None or args.scale <= 0:
        parser.error("--scale is required (e.g. --scale 0.01), or --compare A B")
    if args.duration < 1:
        parser.error("--duration is whole seconds, at least 1")
    if args.redis_url:
        try:
            import redis  # noqa: F401 — Django's Redis cache needs it
        except ImportError:
            parser.error("--redis-url needs the redis package: run make install-test")
    try:
        document = run(args)
    except load.BenchmarkError as error:
        log(f"benchmark failed: {error}")
        return 1
    print_report(document)
    output = args.output or results_path(document)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    log(f"\nResults written to {output}")
    return 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
