"""The in-process side of the benchmark: Django set up against the benchmark
database with the same settings as the server (``run.py`` sets the
environment first). It prepares the data and the pages to measure, counts
each page's SQL queries and EXPLAINs them, and times the report PDF and a
participant import.

Only ``run.py`` imports this module, after ``django.setup()``.
"""

import datetime
import io
import json
import os
import platform
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from importlib import metadata
from urllib.parse import urlencode

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Agency, Role, User
from demo import national_data
from reports.models import AdoptionItem, CheckIn, Photo, Report, ReportStatus
from visits.models import Participant, Side, Visit, VisitStatus
from visits.permissions import PLANNING_STATES, visits_for_agency

# Tables that grow with the data: a sequential scan on one of them is a page
# whose cost grows with the country, not with what it shows.
LARGE_TABLES = {
    "visits_visit",
    "visits_participant",
    "visits_visittopic",
    "visits_visitevent",
    "visits_agendaitem",
    "visits_venue",
    "reports_report",
    "reports_reportevent",
    "reports_finding",
    "reports_photo",
    "reports_adoptionitem",
    "reports_adoptionevent",
    "reports_checkin",
}
# A sequential scan is flagged on a table of at least this many rows; on a
# smaller one (at a small --scale) it is the planner's right choice.
SEQ_SCAN_MIN_ROWS = 10_000
# How many of a page's queries are EXPLAINed in the output: the slowest.
EXPLAIN_TOP = 3


@dataclass
class Page:
    key: str
    label: str
    path: str
    logged_in: bool = True
    load: bool = True  # measured with wrk; otherwise only its queries are counted
    note: str = ""


@dataclass
class Targets:
    """What the benchmark uses in the generated data."""

    email: str
    password: str
    agency: Agency
    visit: Visit  # 52 participants
    report: Report  # published, 6 photos, of a visit with 52 participants
    feed_token: str
    import_visit: Visit  # a visit still being planned, the agency visiting
    pages: list = field(default_factory=list)


# --- Static files and data ----------------------------------------------------------


def collect_static():
    """Collect the static files with their hashed names and the manifest, as
    production's ``collectstatic`` does, into ``STATIC_ROOT``. Whitenoise's
    storage would also write a gzip and a Brotli copy of every file (22 s of
    two cores); the pages render the same names without them, and static
    files are not what is measured, so the plain manifest storage does it."""
    storages = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    }
    with override_settings(STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)


def migrate():
    call_command("migrate", interactive=False, verbosity=0)


def has_generated_data() -> bool:
    return national_data.has_generated_data()


def generate(scale, seed, stdout):
    call_command("generate_national_data", scale=scale, seed=seed, stdout=stdout)


def find_targets() -> Targets:
    found = national_data.benchmark_targets()
    if found is None or found.report is None or found.visit is None:
        raise RuntimeError(
            "the generated data has no benchmark agency, report or visit "
            "(demo.national_data.benchmark_targets); run again with --regenerate"
        )
    agency = found.agency
    # The coordinator (staff) of the benchmark agency: sees every page, may import.
    account = (
        User.objects.filter(
            email__in=[email for email, _role, _agency in found.accounts],
            membership__agency=agency,
            membership__role=Role.STAFF,
        )
        .order_by("email")
        .first()
    )
    if account is None:
        raise RuntimeError(f"no benchmark account is a coordinator of {agency}")
    email = account.email
    import_visit = (
        Visit.objects.filter(visitor=agency, status__in=PLANNING_STATES)
        .order_by("-status", "start", "pk")  # scheduled first
        .first()
    )
    if import_visit is None:
        raise RuntimeError(f"{agency} has no visit being planned to import participants into")
    feed_token = found.feed_token or _feed_token(agency, email)
    targets = Targets(
        email=email,
        password=found.password,
        agency=agency,
        visit=found.visit,
        report=found.report,
        feed_token=feed_token,
        import_visit=import_visit,
    )
    targets.pages = _pages(targets)
    _check_photo_files(targets.report)
    return targets


def _feed_token(agency, email):
    from visits.feeds import reset_calendar_feed

    user = User.objects.get(email=email)
    return reset_calendar_feed(agency=agency, by=user).token


def _check_photo_files(report):
    """The PDF embeds the report's photos: their files must be there."""
    from django.core.files.storage import default_storage

    missing = [
        p.image.name for p in report.photos.all() if not default_storage.exists(p.image.name)
    ]
    if missing:
        raise RuntimeError(
            f"photo files of report {report.pk} are missing under {settings.MEDIA_ROOT}: "
            f"{missing[:3]}; run again with --regenerate"
        )


def _busiest_month(agency):
    """(year, month) of the agency's calendar with the most visits."""
    tz = agency.tzinfo
    months = Counter(
        timezone.localtime(start, tz).strftime("%Y-%m")
        for start in visits_for_agency(agency).on_calendar().values_list("start", flat=True)
    )
    year, month = months.most_common(1)[0][0].split("-")
    return int(year), int(month)


def _search_word(agency):
    """A word a coordinator would type: the place of the agency it visits or
    receives most often (its last word, e.g. "Malang")."""
    partners = Counter()
    for host_id, visitor_id in visits_for_agency(agency).values_list("host_id", "visitor_id"):
        partners[visitor_id if host_id == agency.pk else host_id] += 1
    partner = Agency.objects.get(pk=partners.most_common(1)[0][0])
    return partner.name.split()[-1]


def _pages(targets) -> list[Page]:
    from visits.filters import STATUS_DONE

    year, month = _busiest_month(targets.agency)
    word = _search_word(targets.agency)
    report = targets.report
    return [
        Page("baseline", "Baseline /sehat/", "/sehat/", note="no database"),
        Page("dashboard", "Dasbor", "/dasbor/"),
        Page(
            "visit_list",
            "Daftar kunjungan (filter + cari)",
            "/kunjungan/?" + urlencode({"status": STATUS_DONE, "q": word}),
        ),
        Page("visit_detail", "Kunjungan, 52 peserta", f"/kunjungan/{targets.visit.pk}/"),
        Page("calendar", "Kalender bulan tersibuk", f"/kalender/?tahun={year}&bulan={month}"),
        Page("ical", "Umpan iCalendar", f"/kalender/{targets.feed_token}.ics", logged_in=False),
        Page("news_list", "Berita (publik)", "/berita/", logged_in=False),
        Page("news_detail", "Halaman berita (publik)", report.get_public_url(), logged_in=False),
        Page("report_detail", "Laporan (52 peserta, 6 foto)", f"/laporan/{report.pk}/"),
        Page("atm_items", "Daftar butir ATM instansi", "/atm/"),
        Page("report_pdf", "PDF laporan (52 peserta, 6 foto)", f"/laporan/{report.pk}/laporan.pdf"),
    ]


def own_backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


# --- Queries per page and their plans -----------------------------------------------


def page_queries(page: Page, cookie: str) -> dict:
    """The page requested twice in-process with the Django test client and the
    same session; the SQL of the second request, counted and EXPLAINed."""
    client = Client(HTTP_HOST="127.0.0.1")
    if page.logged_in and cookie:
        client.cookies = SimpleCookie(cookie)
    first = client.get(page.path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.path)
    queries = [q["sql"] for q in captured.captured_queries]
    return {
        "status": response.status_code,
        "first_status": first.status_code,
        "queries": len(queries),
        "sql": queries,
    }


_table_rows = {}


def table_rows() -> dict[str, int]:
    """The planner's row count of each large table (after ANALYZE)."""
    if not _table_rows:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, reltuples::bigint FROM pg_class WHERE relname = ANY(%s)",
                [sorted(LARGE_TABLES)],
            )
            _table_rows.update(cursor.fetchall())
    return _table_rows


def explain(sql: str) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS) of one query: its times, the buffers it
    touched and every sequential scan of a table that grows with the data."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
        (raw,) = cursor.fetchone()
    document = raw if isinstance(raw, list) else json.loads(raw)
    plan = document[0]
    top = plan["Plan"]
    seq_scans = []

    sizes = table_rows()

    def walk(node):
        table = node.get("Relation Name")
        if (
            node.get("Node Type") == "Seq Scan"
            and table in LARGE_TABLES
            and sizes.get(table, 0) >= SEQ_SCAN_MIN_ROWS
        ):
            seq_scans.append(
                {
                    "table": table,
                    "table_rows": sizes[table],
                    "rows": node.get("Actual Rows", 0) * node.get("Actual Loops", 1),
                    "removed": node.get("Rows Removed by Filter", 0),
                    "loops": node.get("Actual Loops", 1),
                }
            )
        for child in node.get("Plans", []):
            walk(child)

    walk(top)
    return {
        "execution_ms": round(plan.get("Execution Time", 0.0), 3),
        "planning_ms": round(plan.get("Planning Time", 0.0), 3),
        "top_node": top.get("Node Type"),
        "shared_hit": top.get("Shared Hit Blocks", 0),
        "shared_read": top.get("Shared Read Blocks", 0),
        "seq_scans": seq_scans,
        "plan": outline(top),
    }


def outline(node, depth=0, lines=None, limit=14) -> list[str]:
    """The plan's nodes, one short line each, indented by depth: what ran on
    which table with which index, and the rows it returned."""
    lines = [] if lines is None else lines
    if len(lines) >= limit:
        return lines
    what = node.get("Node Type", "?")
    if node.get("Relation Name"):
        what += f" on {node['Relation Name']}"
    if node.get("Index Name"):
        what += f" using {node['Index Name']}"
    rows = node.get("Actual Rows", 0)
    loops = node.get("Actual Loops", 1)
    detail = f"rows={rows}" + (f" loops={loops}" if loops != 1 else "")
    if node.get("Rows Removed by Filter"):
        detail += f" removed={node['Rows Removed by Filter']}"
    detail += f" time={node.get('Actual Total Time', 0):.2f}ms"
    lines.append("  " * depth + f"{what} ({detail})")
    for child in node.get("Plans", []):
        outline(child, depth + 1, lines, limit)
    return lines


def explain_page(sqls: list[str]) -> dict:
    """EXPLAIN every SELECT of a page; the slowest few and all flagged scans."""
    explained = []
    for sql in dict.fromkeys(sqls):
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        explained.append({"sql": sql, **explain(sql)})
    explained.sort(key=lambda e: -e["execution_ms"])
    flagged = [e for e in explained if e["seq_scans"]]
    shown = explained[:EXPLAIN_TOP] + [e for e in flagged if e not in explained[:EXPLAIN_TOP]]
    return {
        "sql_ms": round(sum(e["execution_ms"] for e in explained), 3),
        "planning_ms": round(sum(e["planning_ms"] for e in explained), 3),
        "slowest": [
            {
                **{k: v for k, v in e.items() if k not in ("sql", "plan")},
                "sql": _short(e["sql"]),
                # The plan of the slowest query; the others' are left out.
                **({"plan": e["plan"]} if number == 0 else {}),
            }
            for number, e in enumerate(shown)
        ],
        "seq_scans": [
            {**scan, "query_ms": e["execution_ms"], "sql": _short(e["sql"], 300)}
            for e in flagged
            for scan in e["seq_scans"]
        ],
    }


def _short(sql, limit=300):
    """The query without its column list (``SELECT … FROM …``), on one line."""
    sql = " ".join(sql.split())
    depth = 0
    for index, char in enumerate(sql):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and sql.startswith(" FROM ", index):
            sql = "SELECT …" + sql[index:]
            break
    return sql if len(sql) <= limit else sql[: limit - 1] + "…"


# --- CPU and time of the heavy operations -------------------------------------------


def pdf_cpu_seconds(report_pk, runs=5) -> dict:
    """CPU seconds of this process to build the report PDF (its context from
    the database and WeasyPrint's rendering, never taken from the cache),
    warm, median of ``runs``; and, as ``cached_cpu_s``, to answer it from
    the cache (the context and the HTML, which make the cache's key)."""
    from reports import pdf

    def document():
        report = Report.objects.select_related(
            "agency__province",
            "agency__regency",
            "visit__host__province",
            "visit__visitor__province",
        ).get(pk=report_pk)
        return pdf.Document("reports/pdf/report.html", pdf.report_context(report))

    rendered = document().render()  # warm: WeasyPrint's import, fonts, templates
    cpu, wall = _cpu_and_wall(lambda: document().render(), runs)
    document().pdf()  # into the cache
    cached_cpu, _wall = _cpu_and_wall(lambda: document().pdf(), runs)
    return {
        "cpu_s": round(statistics.median(cpu), 3),
        "wall_s": round(statistics.median(wall), 3),
        "runs": runs,
        "bytes": len(rendered),
        "cached_cpu_s": round(statistics.median(cached_cpu), 4),
    }


def _cpu_and_wall(function, runs):
    cpu, wall = [], []
    for _ in range(runs):
        began_cpu, began = time.process_time(), time.perf_counter()
        function()
        cpu.append(time.process_time() - began_cpu)
        wall.append(time.perf_counter() - began)
    return cpu, wall


def participant_sheet(rows) -> bytes:
    """A filled-in participant template (XLSX) of ``rows`` delegation members
    with valid, distinct NIPs, phones and e-mail addresses as text."""
    import openpyxl

    from visits.participant_import import template_headers

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Peserta"
    sheet.append(template_headers(Side.VISITOR))
    for n in range(1, rows + 1):
        nip = f"{1970 + n % 20:04d}{1 + n % 12:02d}{1 + n % 28:02d}200501{1 + n % 2}{n % 1000:03d}"
        sheet.append(
            [
                n,
                "",
                f"Peserta Impor {n}",
                "S.Sos.",
                "Penyuluh Sosial Ahli Pertama",
                "Bidang Pemberdayaan Sosial",
                "Anggota",
                "PNS",
                nip,
                f"0812{n:08d}",
                f"peserta{n}@contoh.go.id",
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def import_seconds(visit_pk, email, rows=500) -> dict:
    """Seconds to read and check a ``rows``-row sheet and save its
    participants on a visit being planned, as the import page does; in a
    transaction that is rolled back."""
    from visits.delegation import participants_import, registered_nips
    from visits.participant_import import read_participant_sheet

    data = participant_sheet(rows)
    user = User.objects.select_related("membership__agency").get(email=email)
    visit = Visit.objects.select_related("host__province", "visitor__province").get(pk=visit_pk)
    with transaction.atomic():
        began = time.perf_counter()
        result = read_participant_sheet(
            data, filename="peserta.xlsx", side=Side.VISITOR, existing_nips=registered_nips(visit)
        )
        read = time.perf_counter() - began
        if not result.ok:
            raise RuntimeError(f"the benchmark sheet was refused: {result.problems[:3]}")
        saved = participants_import(
            visit=visit, side=Side.VISITOR, participants=result.participants, replace=False, by=user
        )
        total = time.perf_counter() - began
        transaction.set_rollback(True)
    if saved != rows:
        raise RuntimeError(f"the import saved {saved} participants, not {rows}")
    return {
        "rows": rows,
        "seconds": round(total, 3),
        "read_s": round(read, 3),
        "save_s": round(total - read, 3),
        "bytes": len(data),
    }


# --- What the results are about -----------------------------------------------------


def machine_info() -> dict:
    cpu = ""
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_kb = 0
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (pg_version,) = cursor.fetchone()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(memory_kb / 1024 / 1024, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "postgresql": pg_version.split()[0],
        "django": metadata.version("django"),
        "gunicorn": metadata.version("gunicorn"),
    }


def row_counts() -> dict:
    models = {
        "agencies": Agency,
        "users": User,
        "visits": Visit,
        "participants": Participant,
        "reports": Report,
        "photos": Photo,
        "adoption_items": AdoptionItem,
        "check_ins": CheckIn,
    }
    counts = {name: model.objects.count() for name, model in models.items()}
    counts["published_reports"] = Report.objects.filter(status=ReportStatus.PUBLISHED).count()
    return counts


def target_facts(targets) -> dict:
    visits = visits_for_agency(targets.agency)
    return {
        "agency": targets.agency.name,
        "agency_visits": visits.count(),
        "account": targets.email,
        "visit_participants": targets.visit.participants.count(),
        "visit_delegation": targets.visit.participants.filter(side=Side.VISITOR).count(),
        "report_photos": targets.report.photos.count(),
        "report_participants": Participant.objects.filter(visit=targets.report.visit_id).count(),
        "import_visit_status": str(VisitStatus(targets.import_visit.status).label),
    }


def today():
    return datetime.date.today().isoformat()
