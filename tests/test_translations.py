"""The English catalogue: complete, in step with the code, and used.

The portal speaks Indonesian; a user who chooses English with the switch in
the footer sees every page in English, and receives their e-mails in it.
Official documents (the report, the attendance list, the ATM plan) stay in
Indonesian whatever the reader chose: they are signed letters of an agency."""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from reports import pdf
from reports.models import ReportStatus
from studitiru import mail
from tests import catalogue
from tests.factories import make_held_visit, make_participant, make_report

# --- The catalogue ---------------------------------------------------------------------


def test_makemessages_would_add_no_message_and_drop_none(tmp_path):
    """Run ``makemessages`` on a copy of the code and compare: a message added
    to the code (or changed) must be in the catalogue, with its translation,
    and the catalogue keeps no message the code no longer has."""
    copy = tmp_path / "portal"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", "__pycache__", "*.mo", "*.pyc", ".*_cache", "test-results", *catalogue.IGNORED
        ),
    )
    shutil.copytree(
        settings.BASE_DIR / "locale", copy / "locale", ignore=shutil.ignore_patterns("*.mo")
    )
    ignored = [f"--ignore={name}" for name in catalogue.IGNORED]
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "en",
            "--no-obsolete",
            "-v",
            "0",
            *ignored,
        ],
        cwd=copy,
        check=True,
    )

    current = {entry.key for entry in catalogue.read(catalogue.CATALOGUE)}
    extracted = {
        entry.key: entry
        for entry in catalogue.read(copy / catalogue.CATALOGUE.relative_to(settings.BASE_DIR))
    }
    missing = sorted(extracted[key].where() for key in extracted.keys() - current)
    stale = sorted(repr(msgid) for _context, msgid in current - extracted.keys())
    assert not missing, "Run `make messages` and translate:\n" + "\n".join(missing)
    assert not stale, "Run `make messages`: no longer in the code:\n" + "\n".join(stale)


def test_every_message_has_an_english_translation():
    entries = catalogue.read(catalogue.CATALOGUE)

    untranslated = [entry.where() for entry in entries if not entry.translated]

    assert len(entries) > 1000
    assert not untranslated, "Untranslated or fuzzy:\n" + "\n".join(untranslated)


def test_translations_keep_the_placeholders_of_their_message():
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
    wrong = []
    for entry in catalogue.read(catalogue.CATALOGUE):
        expected = {frozenset(placeholder.findall(entry.msgid))}
        if entry.msgid_plural is not None:
            expected.add(frozenset(placeholder.findall(entry.msgid_plural)))
        for text in entry.msgstr:
            if frozenset(placeholder.findall(text)) not in expected:
                wrong.append(entry.where())
    assert not wrong


def test_the_compiled_catalogue_is_the_one_django_reads():
    with translation.override("en"):
        assert translation.gettext("Kunjungan") == "Visits"
        assert translation.pgettext("nomor urut", "No") == "No"
        assert translation.ngettext(
            "%(count)d foto tersimpan.", "%(count)d foto tersimpan.", 2
        ) == ("%(count)d photos saved.")


# --- English on the pages --------------------------------------------------------------


class _VisibleText(HTMLParser):
    """The text nodes of a page a reader sees (not scripts or styles)."""

    def __init__(self):
        super().__init__()
        self.texts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def _indonesian_left(html):
    """Texts of the page that are a message of the catalogue still in
    Indonesian: a text the catalogue translates differently, shown as is."""
    translated = {
        " ".join(entry.msgid.split())
        for entry in catalogue.read(catalogue.CATALOGUE)
        if entry.msgid not in entry.msgstr and len(entry.msgid) > 3
    }
    parser = _VisibleText()
    parser.feed(html)
    return sorted({text for text in parser.texts if text in translated})


@pytest.fixture
def english_penyuluh(client, salatiga):
    """Salatiga's penyuluh, logged in, who chose English with the switch."""
    client.force_login(salatiga.penyuluh)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/dasbor/"})
    assert response.status_code == 302
    return salatiga.penyuluh


@pytest.fixture
def held_visit(salatiga, magelang):
    visit = make_held_visit(magelang.agency, salatiga.agency, topics=["SLRT"])
    make_participant(visit, name="Slamet Setyo Budi")
    return visit


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert response["Content-Language"] == "en"
    return html


def test_the_choice_of_english_is_kept_on_the_account(english_penyuluh):
    english_penyuluh.refresh_from_db()
    assert english_penyuluh.language == "en"


# Not "page": that is pytest-playwright's fixture, and a test asking for it is
# run with the browser tests (after them the database is empty).
@pytest.mark.parametrize(
    "page_name",
    [
        "dashboard",
        "visit",
        "report",
        "report_list",
        "visit_list",
        "calendar",
        "items",
        "agencies",
        "practices",
        "participants",
    ],
)
def test_key_pages_are_in_english_for_a_user_who_chose_it(
    client, english_penyuluh, held_visit, salatiga, page_name
):
    report = make_report(held_visit, salatiga.agency, title="Studi Tiru SLRT ke Kota Magelang")
    url = {
        "dashboard": reverse("visits:dashboard"),
        "visit": reverse("visits:detail", args=[held_visit.pk]),
        "report": reverse("reports:detail", args=[report.pk]),
        "report_list": reverse("reports:list"),
        "visit_list": reverse("visits:list"),
        "calendar": reverse("visits:calendar"),
        "items": reverse("reports:items"),
        "agencies": reverse("visits:agency_list"),
        "practices": reverse("agencies:practices"),
        "participants": reverse("visits:participants", args=[held_visit.pk]),
    }[page_name]

    html = _page(client, url)

    assert "Dashboard" in html and "Dasbor" not in html
    assert _indonesian_left(html) == []


def test_logging_in_on_another_browser_brings_the_language_chosen(
    client, english_penyuluh, held_visit
):
    client.logout()
    client.cookies.clear()  # another browser

    response = client.post(
        reverse("account_login"), {"login": english_penyuluh.email, "password": "password"}
    )

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Visits" in _page(client, reverse("visits:detail", args=[held_visit.pk]))


def test_a_language_chosen_before_logging_in_is_kept_on_the_account(client, salatiga):
    client.post(reverse("set_language"), {"language": "en", "next": "/akun/login/"})

    client.post(reverse("account_login"), {"login": salatiga.staff.email, "password": "password"})

    salatiga.staff.refresh_from_db()
    assert salatiga.staff.language == "en"


def test_the_next_person_on_a_shared_computer_keeps_their_own_language(
    client, english_penyuluh, salatiga
):
    # The penyuluh read in English and logs out; the browser keeps the cookie.
    client.post(reverse("account_logout"))
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    response = client.post(
        reverse("account_login"), {"login": salatiga.staff.email, "password": "password"}
    )

    salatiga.staff.refresh_from_db()
    assert salatiga.staff.language == "id"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"


def test_the_public_news_is_in_english_for_a_reader_who_chose_it(client, held_visit, salatiga):
    report = make_report(
        held_visit, salatiga.agency, status=ReportStatus.PUBLISHED, title="Studi Tiru SLRT"
    )
    client.post(reverse("set_language"), {"language": "en", "next": "/berita/"})

    listing = _page(client, reverse("reports:news_list"))
    story = _page(client, reverse("reports:news_detail", args=[report.pk, report.public_slug]))

    assert _indonesian_left(listing) == []
    assert _indonesian_left(story) == []
    assert "Study visit news" in story


def test_the_login_page_is_in_english_for_a_visitor_who_chose_it(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/akun/login/"})

    html = _page(client, reverse("account_login"))

    assert "Sign in to Portal Studi Tiru" in html
    assert _indonesian_left(html) == []


# --- E-mails in the recipient's language ------------------------------------------------


@mail.composer
def one_message_to_three(object_id):
    yield mail.Email(
        "reports/report_email_subject.txt",
        "reports/report_email_body.txt",
        {"report": None, "to_heads": False, "tz": "Asia/Jakarta", "url": "https://x.test/"},
        object_id.split(","),
    )


def test_each_recipient_reads_an_email_in_the_language_they_chose(salatiga, magelang, mailoutbox):
    salatiga.staff.language = "en"
    salatiga.staff.save()
    to = [salatiga.staff.email, magelang.staff.email.upper(), "tamu@luar.test"]

    with translation.override("en"):  # whoever triggered it: their language does not matter
        sent = mail.send_composed.call(mail.composer_name(one_message_to_three), ",".join(to))

    assert sent == 3
    by_recipients = {tuple(message.to): message.body for message in mailoutbox}
    assert "Dear report author," in by_recipients[(salatiga.staff.email,)]
    assert (
        "Yth. penulis laporan," in by_recipients[(magelang.staff.email.upper(), "tamu@luar.test")]
    )


# --- Official documents stay Indonesian ------------------------------------------------


def test_official_documents_are_indonesian_for_a_user_who_chose_english(held_visit, salatiga):
    report = make_report(held_visit, salatiga.agency, title="Studi Tiru SLRT")
    expected = {
        "report": "Daftar Peserta",
        "attendance": "Daftar Hadir",
        "plan": "Rencana Tindak Lanjut ATM",
    }
    english = {
        "report": "List of Participants",
        "attendance": "Attendance List",
        "plan": "Approved by",
    }

    with translation.override("en"):
        documents = {
            "report": pdf.Document("reports/pdf/report.html", pdf.report_context(report)),
            "attendance": pdf.Document(
                "reports/pdf/attendance.html", pdf.attendance_context(held_visit, "visitor")
            ),
            "plan": pdf.Document("reports/pdf/plan.html", pdf.plan_context(report)),
        }
        for name, document in documents.items():
            assert '<html lang="id">' in document.html
            assert expected[name] in document.html, name
            assert english[name] not in document.html, name
