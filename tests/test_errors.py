"""The portal's error pages: its layout, in Indonesian, with a way back; a 403
that names the lifecycle rule that refused the step; a 503 with Retry-After
when the database is unavailable, logged in one line; 4xx logged without a
traceback."""

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from agencies.models import Role
from reports.models import ReportStatus
from tests.factories import (
    make_adoption_item,
    make_agency,
    make_report,
    make_user,
    make_visit,
    reload_reference_data,
)
from visits.models import VisitStatus

ROOT = Path(__file__).resolve().parent.parent


def lead(response):
    """The page's first paragraph: what happened."""
    content = response.content.decode()
    start = content.index('<p class="lead"')
    return content[content.index(">", start) + 1 : content.index("</p>", start)].strip()


# --- The pages ----------------------------------------------------------------------


def test_a_page_not_found_is_the_portals_page_in_indonesian(client, salatiga):
    client.force_login(salatiga.staff)

    response = client.get("/tidak-ada/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "<title>Halaman tidak ditemukan · Portal Studi Tiru</title>" in content
    assert "Staf salatiga" in content  # the portal's menu, with the user
    assert f'href="{reverse("home")}"' in content
    assert "Kembali ke dasbor" in content
    assert "Not Found" not in content


def test_another_agencys_visit_is_not_found_without_saying_why(client, salatiga, magelang, malang):
    visit = make_visit(magelang.agency, salatiga.agency)
    client.force_login(malang.staff)

    response = client.get(reverse("visits:detail", args=[visit.pk]))

    assert response.status_code == 404
    assert "Visit" not in response.content.decode()
    assert lead(response) == (
        "Halaman yang Anda cari tidak ada, sudah dihapus, atau bukan milik instansi Anda."
    )


def test_a_page_not_found_speaks_english_to_who_chose_it(client, db):
    client.cookies["django_language"] = "en"

    response = client.get("/tidak-ada/")

    assert response.status_code == 404
    assert response["Content-Language"] == "en"


def test_a_bad_request_is_the_portals_page(client, db):
    response = client.get("/", headers={"host": "bad host name"})

    assert response.status_code == 400
    content = response.content.decode()
    assert "Permintaan tidak dapat diproses" in content
    assert "Kembali ke beranda" in content


def test_a_refused_role_is_the_portals_403(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED)
    client.force_login(magelang.penyuluh)

    response = client.get(reverse("visits:accept", args=[visit.pk]))

    assert response.status_code == 403
    content = response.content.decode()
    assert "<title>Langkah ini tidak dapat dilakukan · Portal Studi Tiru</title>" in content
    assert lead(response) == (
        "Peran Anda tidak dapat melakukan langkah ini: kunjungan diatur oleh staf, "
        "admin, dan kepala instansi."
    )
    assert "403 Forbidden" not in content


def test_back_to_an_accepted_visits_answer_page_says_it_is_accepted(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED)
    client.force_login(magelang.staff)
    assert client.post(reverse("visits:accept", args=[visit.pk])).status_code == 302

    for method in (client.get, client.post):
        response = method(reverse("visits:accept", args=[visit.pk]))
        assert response.status_code == 403
        assert lead(response) == "Kunjungan ini sudah diterima dan terjadwal."


def test_the_other_agencys_step_is_named_as_such(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED)
    client.force_login(salatiga.staff)

    response = client.get(reverse("visits:accept", args=[visit.pk]))

    assert response.status_code == 403
    assert lead(response) == "Langkah ini dilakukan oleh instansi lain dalam kunjungan ini."


def test_a_visit_not_begun_cannot_be_marked_held_and_says_so(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.SCHEDULED)
    client.force_login(salatiga.staff)

    response = client.post(reverse("visits:mark_held", args=[visit.pk]))

    assert response.status_code == 403
    assert lead(response) == "Kunjungan baru dapat dicatat terlaksana mulai hari pertamanya."


def test_a_cancelled_visits_participants_cannot_be_changed_and_it_says_so(
    client, salatiga, magelang
):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.CANCELLED)
    client.force_login(salatiga.staff)

    response = client.get(reverse("visits:participant_add", args=[visit.pk]))

    assert response.status_code == 403
    assert lead(response) == "Kunjungan ini sudah dibatalkan."


def test_back_to_an_approved_reports_approval_says_it_is_approved(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    report = make_report(visit, salatiga.agency, status=ReportStatus.APPROVED)
    client.force_login(salatiga.head)

    response = client.post(reverse("reports:approve", args=[report.pk]))

    assert response.status_code == 403
    assert lead(response) == "Laporan ini sudah disetujui."


def test_a_penyuluh_cannot_approve_and_is_told_it_is_the_heads_step(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    report = make_report(visit, salatiga.agency, status=ReportStatus.SUBMITTED)
    client.force_login(salatiga.penyuluh)

    response = client.post(reverse("reports:approve", args=[report.pk]))

    assert response.status_code == 403
    assert lead(response).startswith("Peran Anda tidak dapat melakukan langkah ini")


def test_an_adopted_atm_item_cannot_be_edited_and_it_says_so(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    item = make_adoption_item(make_report(visit, salatiga.agency), status="adopted")
    client.force_login(salatiga.penyuluh)

    response = client.get(reverse("reports:item_edit", args=[item.pk]))

    assert response.status_code == 403
    assert lead(response) == "Butir ATM ini sudah diadopsi."


def test_a_report_cannot_be_started_before_the_visit_is_held_and_it_says_so(
    client, salatiga, magelang
):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.SCHEDULED)
    client.force_login(salatiga.penyuluh)

    response = client.post(reverse("reports:create", args=[visit.pk]))

    assert response.status_code == 403
    assert lead(response) == "Laporan baru dapat ditulis setelah kunjungan terlaksana."


def test_an_expired_form_gets_the_portals_page_that_says_how_to_keep_the_text(salatiga):
    client = Client(enforce_csrf_checks=True)
    client.force_login(salatiga.staff)

    response = client.post(reverse("visits:create"), {"title": "Studi tiru"})

    assert response.status_code == 403
    content = response.content.decode()
    assert "<title>Formulir sudah kedaluwarsa · Portal Studi Tiru</title>" in content
    assert "salin teks Anda" in content
    assert "CSRF verification failed" not in content


def test_a_server_error_is_the_portals_page_without_the_database(db, monkeypatch):
    """A bug in a view: the 500 page, which reads no user or session."""

    def broken(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr("studitiru.views.Agency.objects.filter", broken)
    client = Client(raise_request_exception=False)

    response = client.get("/")

    assert response.status_code == 500
    content = response.content.decode()
    assert "<title>Terjadi kesalahan pada portal · Portal Studi Tiru</title>" in content
    assert 'href="/"' in content
    assert response["Cache-Control"] == "no-store"
    assert "Retry-After" not in response


# --- Logging ------------------------------------------------------------------------


def request_records(caplog):
    return [r for r in caplog.records if r.name.startswith("django.")]


def test_a_refused_step_is_logged_in_one_line_without_a_traceback(client, salatiga, caplog):
    client.force_login(salatiga.penyuluh)
    caplog.set_level(logging.WARNING)

    response = client.get(reverse("visits:create"))

    assert response.status_code == 403
    [record] = request_records(caplog)
    assert record.getMessage() == "Forbidden (Permission denied): /kunjungan/baru/"
    assert record.exc_info is None
    assert record.exc_text is None


def test_a_page_not_found_is_logged_in_one_line(client, db, caplog):
    caplog.set_level(logging.WARNING)

    client.get("/tidak-ada/")

    [record] = request_records(caplog)
    assert record.getMessage() == "Not Found: /tidak-ada/"
    assert record.exc_info is None


def test_a_bug_keeps_its_traceback_in_the_log(db, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr("studitiru.views.Agency.objects.filter", broken)
    caplog.set_level(logging.WARNING)

    Client(raise_request_exception=False).get("/")

    [record] = request_records(caplog)
    assert record.exc_info[0] is ZeroDivisionError


# --- The database unavailable -------------------------------------------------------


@pytest.fixture
def database_down_after_login(transactional_db, monkeypatch):
    """A logged-in staff member's client; then every attempt to connect to
    the database is refused, as when PostgreSQL is stopped, and the
    connection open so far is closed. The session, the user and the
    second-factor check all need the database.

    The connection is closed, so the test cannot run inside a transaction:
    its data is committed, and the database emptied afterwards, the regions
    the migrations load included (loaded again here, as in the browser
    tests)."""
    reload_reference_data()
    staff = make_user(make_agency("33.73"), Role.STAFF, name="Staf Salatiga")
    client = Client(raise_request_exception=False)
    client.force_login(staff)

    def refuse(self, conn_params):
        raise self.Database.OperationalError(
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
            "Connection refused\n\tIs the server running on that host?"
        )

    connection = connections["default"]
    monkeypatch.setattr(type(connection), "get_new_connection", refuse)
    # Django never closes an in-memory SQLite database (it would be lost):
    # set its connection aside instead, and give it back afterwards.
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    kept = connection.connection if in_memory else None
    if in_memory:
        connection.connection = None
    else:
        connection.close()
    yield client
    monkeypatch.undo()
    if in_memory:
        connection.connection = kept
    else:
        connection.close()


@pytest.mark.parametrize("path", ["/dasbor/", "/kunjungan/", "/tim/", "/sehat/"])
def test_with_the_database_down_pages_answer_503_and_log_one_line(
    database_down_after_login, caplog, path
):
    client = database_down_after_login
    caplog.set_level(logging.INFO)

    response = client.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    content = response.content.decode()
    assert "<title>Portal sedang tidak dapat diakses · Portal Studi Tiru</title>" in content
    assert "Kembali ke beranda" in content
    [record] = request_records(caplog)
    assert record.levelno == logging.ERROR
    assert record.exc_info is None
    assert record.exc_text is None
    assert record.getMessage() == (
        f"Service Unavailable: {path} (database unavailable: OperationalError: "
        'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
        "Connection refused)"
    )
    assert all(r.exc_info is None for r in caplog.records)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_production_process_without_its_database_answers_503_in_one_log_line(tmp_path):
    """A real connection refused (nothing listens on the port), DEBUG off."""
    script = (
        "import django; django.setup(); from django.test import Client;"
        "c = Client(raise_request_exception=False);"
        "[print(p, r.status_code, r.get('Retry-After')) for p in ('/sehat/', '/')"
        " for r in [c.get(p)]]"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "studitiru.settings",
        "DEBUG": "false",
        "TESTING": "true",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/studitiru",
        "LOG_LEVEL": "INFO",
        "STATIC_ROOT": str(tmp_path),
    }

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["/sehat/ 503 30", "/ 503 30"]
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("Service Unavailable: /sehat/ (database unavailable: ")
    assert lines[1].startswith("Service Unavailable: / (database unavailable: ")
    assert "Traceback" not in result.stderr
