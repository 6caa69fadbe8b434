"""The benchmark's report on stdout (``run.py``): the table of every page
in each pass, the mixed load, the slowest queries and the targets of
issue 13; and ``--compare`` of two result files."""

import json
from pathlib import Path


def log(message=""):
    print(message, flush=True)


def scale_text(scale: float) -> str:
    """0.01 -> "0.01", 1.0 -> "1"."""
    return f"{scale:g}"


def errors_of(figures) -> int:
    """wrk's errors, plus answers that were not 200 (a redirect to the login
    page is no error to wrk)."""
    other = sum(n for status, n in figures["statuses"].items() if int(status) != 200)
    return figures["errors"]["total"] + other - figures["errors"]["status"]


def _mark(ok):
    return "ok" if ok else "MISSED"


def print_report(document):
    machine = document["machine"]
    log()
    log(f"Portal Studi Tiru benchmark — {document['date']}, scale {scale_text(document['scale'])}")
    log(
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['ram_gb']} GB RAM; "
        f"Python {machine['python']}, PostgreSQL {machine['postgresql']}, "
        f"Django {machine['django']}, gunicorn {machine['gunicorn']}, {machine['wrk']}"
    )
    server, load_ = document["server"], document["load"]
    log(
        f"Server: gunicorn {server['workers']} {server['worker_class']} workers"
        + (f" x {server['threads']} threads" if server["threads"] > 1 else "")
        + f", sessions in {server['sessions']}; load: wrk -t{load_['threads']} "
        f"-c{load_['connections']} -d{load_['duration_s']}s"
    )
    log("Rows: " + ", ".join(f"{k} {v:,}" for k, v in document["rows"].items()))
    log()
    header = (
        f"{'page':<34} {'pass':<4} {'req/s':>8} {'x base':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'errors':>6} {'SQL':>4} {'app CPU':>8} {'DB CPU':>7} {'CPU x':>6}"
    )
    log(header)
    log("-" * len(header))
    for page in document["pages"]:
        if not page["load"]:
            log(f"{page['label']:<34} {'(queries only)':>38} {'':>15} {page['queries']:>4}")
            continue
        for mode, figures in page["page_cache"].items():
            lat, cpu = figures["latency_ms"], figures["cpu"]
            log(
                f"{page['label']:<34} {mode:<5} {figures['rps']:>8.1f} "
                f"{figures['ratio_to_baseline']:>7.3f} "
                f"{lat['p50']:>8.1f} {lat['p95']:>8.1f} {lat['p99']:>8.1f} "
                f"{errors_of(figures):>6} {page['queries']:>4} "
                f"{cpu['app_ms_per_request']:>8.2f} {cpu['db_ms_per_request']:>7.2f} "
                f"{figures['cpu_ratio_to_baseline'] or 0:>6.1f}"
            )
    log(
        "app CPU, DB CPU: milliseconds of CPU per request of the gunicorn workers and of "
        "their PostgreSQL backends; x base: requests/s, CPU x: CPU per request, as a "
        "ratio to the baseline of the same pass (hit: page cache on, miss: off, "
        "write: only the rows kept, the first view after a write)."
    )
    busy = [
        f["cpu"]["other_share"]
        for p in document["pages"]
        if p["load"]
        for f in p["page_cache"].values()
    ]
    log(
        f"Load average before/after: {document['load_average']['before']} / "
        f"{document['load_average']['after']}; CPU used by other processes (wrk included) "
        f"during the pages: {min(busy):.0%}–{max(busy):.0%}"
    )
    log()
    pdf, imp = document["report_pdf_cpu"], document["participant_import"]
    memory = document["worker_peak_memory_mb"]
    log(
        f"Report PDF: {pdf['cpu_s']:.3f} s CPU (median of {pdf['runs']}, warm; "
        f"{pdf['wall_s']:.3f} s wall, {pdf['bytes'] // 1024} KiB); "
        f"from the cache {pdf['cached_cpu_s'] * 1000:.1f} ms CPU"
    )
    log(
        f"Participant import, {imp['rows']} rows (XLSX): {imp['seconds']:.3f} s "
        f"(reading and checking {imp['read_s']:.3f} s, saving {imp['save_s']:.3f} s)"
    )
    log(f"Peak memory of a worker (VmHWM): {memory['max']} MiB (all: {memory['workers']})")
    log()
    log("Slowest queries per page (EXPLAIN ANALYZE), sequential scans of large tables:")
    for page in document["pages"]:
        plans = page["explain"]
        log(
            f"  {page['label']}: {page['queries']} queries; PostgreSQL executes them in "
            f"{plans['sql_ms']:.2f} ms and plans them in {plans['planning_ms']:.2f} ms"
        )
        for query in plans["slowest"]:
            scans = ", ".join(f"Seq Scan {s['table']}" for s in query["seq_scans"])
            log(
                f"    {query['execution_ms']:>8.2f} ms  {scans or 'no seq scan of a large table'}:"
                f"  {query['sql'][:300]}"
            )
            if "plan" in query:
                for line in query["plan"]:
                    log(f"        {line}")
    flagged = [(p["label"], s) for p in document["pages"] for s in p["explain"]["seq_scans"]]
    if flagged:
        log("  FLAGGED: sequential scans of large tables:")
        for label, scan in flagged:
            log(
                f"    {label}: {scan['table']} ({scan['table_rows']:,} rows), {scan['rows']:,} "
                f"rows kept, {scan['removed']:,} filtered out, query {scan['query_ms']:.2f} ms"
            )
    else:
        log(
            f"  No sequential scan of a large table (one of at least "
            f"{document['seq_scan_min_rows']:,} rows)."
        )
    log()
    if document.get("mixed"):
        from benchmarks import mixed

        mixed.print_mixed(document["mixed"], log)
        log()
    log("Targets of issue 13 (ratios to the baseline of the same pass):")
    for c in document["verdict"]["checks"]:
        sign = "<=" if c["at_most"] else ">="
        log(
            f"  {c['page']:<18} {c['mode']:<5} {c['target']:<17} {c['figure']:>9} "
            f"{sign} {c['limit']:<6} {_mark(c['met']):<6} by {abs(c['margin']):g}"
        )
    log(f"All targets met: {'yes' if document['verdict']['all_met'] else 'no'}")


def compare(first_path, second_path):
    """The p95 of each page in two result files (say scale 0.01 and 1) and
    their ratio, near 1 when the cost does not grow with the data; the same
    for the CPU a request costs, which other work on the machine disturbs less."""
    first = json.loads(Path(first_path).read_text())
    second = json.loads(Path(second_path).read_text())
    pages = {p["key"]: p for p in second["pages"] if p["load"]}
    a, b = scale_text(first["scale"]), scale_text(second["scale"])
    log(f"Scale {a} ({first['date']}) vs scale {b} ({second['date']})")
    header = (
        f"{'page':<34} {'p95 ' + a:>10} {'p95 ' + b:>10} {'ratio':>6} "
        f"{'CPU ' + a:>9} {'CPU ' + b:>9} {'ratio':>6} {'SQL':>7}"
    )
    log(header)
    log("-" * len(header))
    rows = []
    for page in first["pages"]:
        other = pages.get(page["key"])
        if not page["load"] or other is None:
            continue
        p95_ratio = other["latency_ms"]["p95"] / page["latency_ms"]["p95"]
        cpu_a = page["cpu"]["app_ms_per_request"] + page["cpu"]["db_ms_per_request"]
        cpu_b = other["cpu"]["app_ms_per_request"] + other["cpu"]["db_ms_per_request"]
        cpu_ratio = cpu_b / cpu_a if cpu_a else 0.0
        rows.append(
            {
                "page": page["key"],
                "p95_ratio": round(p95_ratio, 2),
                "cpu_ratio": round(cpu_ratio, 2),
            }
        )
        log(
            f"{page['label']:<34} {page['latency_ms']['p95']:>10.1f} "
            f"{other['latency_ms']['p95']:>10.1f} {p95_ratio:>6.2f} {cpu_a:>9.1f} {cpu_b:>9.1f} "
            f"{cpu_ratio:>6.2f} {page['queries']:>3}/{other['queries']:<3}"
        )
    log("p95 in ms; CPU: ms of CPU per request, app and database together.")
    return rows
