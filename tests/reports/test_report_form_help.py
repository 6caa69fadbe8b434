"""The report page helps its writer: a failed save lists every field to fix
at the top, each linked to its field; the page says whether the text is
saved; a section index leads through the long form; a title over its limit
is refused with the limit, never cut."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import Report
from tests.factories import make_held_visit
from tests.reports.test_writing import edit_data, open_editor, url
from tests.snapshots import unchanged
from tests.visits.test_request_form import request_data
from visits.models import Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(salatiga, magelang):
    visit = make_held_visit(magelang.agency, salatiga.agency, topics=["FTJSLP"])
    return services.report_create(visit=visit, by=salatiga.penyuluh)


def summary_of(content):
    start = content.index('id="error-summary"')
    return content[start : content.index("</ul>", start)]


def test_a_failed_save_lists_each_field_to_fix_linked_to_it(client, salatiga, report):
    response = open_editor(client, salatiga.penyuluh, report)
    data = edit_data(
        response,
        title="J" * 545,
        signatory_nip="12345",
        **{
            "kutipan-TOTAL_FORMS": "1",
            "kutipan-0-text": "CSR harus tepat sasaran.",
            "kutipan-0-speaker_name": "",
        },
    )

    with unchanged("reports", "visits"):
        response = client.post(url("edit", report), data)

    assert response.status_code == 200
    content = response.content.decode()
    summary = summary_of(content)
    assert "Laporan belum tersimpan: 3 isian perlu diperbaiki" in summary
    links = re.findall(r'<a href="#([\w-]+)" class="alert-link">([^<]+)</a>', summary)
    assert links == [
        ("id_title", "Judul laporan"),
        ("id_signatory_nip", "NIP penanda tangan"),
        ("id_kutipan-0-speaker_name", "Kutipan 1: Nama pembicara"),
    ]
    # The section index says which sections hold them.
    start = content.index('class="report-index')
    index = content[start : content.index("</nav>", start)]
    marked = re.findall(r'href="#([\w-]+)">[^<]+</a> <span class="badge[^"]*">(\d+) perlu', index)
    assert marked == [("sec-title", "1"), ("sec-c", "1"), ("sec-sign", "1")]
    # Each link leads to a field of the page.
    for anchor, _label in links:
        assert f'id="{anchor}"' in content
    # The title is refused naming its limit, never cut; the text stays.
    assert "paling banyak 300 karakter (sekarang 545 karakter)" in summary
    assert "J" * 545 in content
    assert Report.objects.get(pk=report.pk).title != "J" * 300


def test_a_rule_about_the_whole_author_list_links_to_the_list(client, salatiga, report):
    response = open_editor(client, salatiga.penyuluh, report)

    response = client.post(url("edit", report), edit_data(response, **{"penulis-0-DELETE": "on"}))

    summary = summary_of(response.content.decode())
    assert "Laporan belum tersimpan: 1 isian perlu diperbaiki" in summary
    assert '<a href="#penulis-rows" class="alert-link">Penulis</a>' in summary
    assert "sekurang-kurangnya satu penulis" in summary


def test_the_page_says_when_the_report_was_saved(client, salatiga, report):
    saved = timezone.now().replace(second=0, microsecond=0)
    Report.objects.filter(pk=report.pk).update(updated_at=saved)
    response = open_editor(client, salatiga.penyuluh, report)

    content = response.content.decode()
    start = content.index('id="save-state"')
    state = content[start : content.index("</span>", start)]
    assert 'data-unsaved="Ada perubahan yang belum disimpan"' in state
    wib = timezone.localtime(saved, salatiga.agency.tzinfo)
    assert f"Tersimpan pukul {wib:%H.%M} WIB" in state
    assert "error-summary" not in content


def test_an_older_save_says_its_day(client, salatiga, report):
    saved = datetime.datetime(2026, 3, 2, 2, 15, tzinfo=datetime.UTC)
    Report.objects.filter(pk=report.pk).update(updated_at=saved)

    content = open_editor(client, salatiga.penyuluh, report).content.decode()

    assert "Tersimpan 2 Maret 2026 pukul 09.15 WIB" in content


def test_the_section_index_links_every_section(client, salatiga, report):
    content = open_editor(client, salatiga.penyuluh, report).content.decode()

    start = content.index('class="report-index')
    index = content[start : content.index("</nav>", start)]
    anchors = re.findall(r'href="#([\w-]+)"', index)
    assert anchors == [
        "sec-title",
        "sec-a",
        "sec-b",
        "sec-c",
        "sec-d",
        "sec-e",
        "sec-sign",
        "sec-authors",
    ]
    for anchor in anchors:
        assert f'id="{anchor}"' in content


def test_a_545_character_visit_title_is_refused_naming_the_limit(client, salatiga, magelang):
    client.force_login(salatiga.staff)

    with unchanged("visits"):
        response = client.post(
            reverse("visits:create"), request_data(magelang.agency, title="T" * 545)
        )

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == [
        "Pastikan nilai ini mengandung paling banyak 250 karakter (sekarang 545 karakter)."
    ]
    assert not Visit.objects.exists()
