"""The ATM plan PDF lists each item's progress (its check-ins, oldest first)
and is signed, like the report and the attendance sheet, at the agency's place
of signing: its region's seat ("Wonosari" for Kabupaten Gunungkidul) or the
place it set."""

import datetime
import io
import zoneinfo

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports import services
from tests.factories import make_adoption_item, make_agency, make_report, make_user, make_visit
from visits.models import VisitStatus

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
FRIDAY_MORNING = datetime.datetime(2025, 8, 1, 8, 30, tzinfo=WIB)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def gunungkidul(db):
    agency = make_agency("34.03", slug="kabupaten-gunungkidul")
    return {role: make_user(agency, role) for role in ("staff", "penyuluh", "head")} | {
        "agency": agency
    }


@pytest.fixture
def report(gunungkidul, magelang):
    visit = make_visit(
        magelang.agency,
        gunungkidul["agency"],
        status=VisitStatus.HELD,
        start=FRIDAY_MORNING,
        title="Studi tiru SLRT",
        topics=("SLRT",),
    )
    return make_report(visit, gunungkidul["agency"], title="Studi Tiru SLRT ke Kota Magelang")


def _text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_plan_lists_each_items_check_ins_oldest_first(client, gunungkidul, report):
    first = make_adoption_item(report, replicate="Integrasi SLRT ke Puskesos desa.")
    second = make_adoption_item(report, "DTKS", replicate="Pemutakhiran DTKS bulanan.")
    make_adoption_item(report, "SLRT", replicate="Pelatihan fasilitator.")
    for item in (first, second):
        services.item_approve(item=item, by=gunungkidul["head"])
    first.check_ins.create(date=datetime.date(2025, 10, 6), note="SK tim Puskesos terbit.")
    first.check_ins.create(date=datetime.date(2025, 9, 1), note="Rapat koordinasi camat.")
    second.check_ins.create(
        date=datetime.date(2025, 9, 15), note="Data 12 desa diperbarui.", evidence="bukti.pdf"
    )
    client.force_login(gunungkidul["staff"])

    text = _text(client.get(reverse("reports:plan_pdf", args=[report.pk])))

    assert "CATATAN KEMAJUAN" in text
    assert "2 catatan kemajuan" in text and "1 catatan kemajuan" in text
    oldest = text.index("1 September 2025 Rapat koordinasi camat.")
    newest = text.index("6 Oktober 2025 SK tim Puskesos terbit.")
    assert oldest < newest
    assert "15 September 2025 Data 12 desa diperbarui. Terlampir di portal" in text


def test_a_plan_without_check_ins_says_so(client, gunungkidul, report):
    make_adoption_item(report)
    client.force_login(gunungkidul["staff"])

    text = _text(client.get(reverse("reports:plan_pdf", args=[report.pk])))

    assert "Belum ada catatan kemajuan pada butir-butir rencana ini." in text


def test_the_plan_is_signed_at_the_seat_not_at_the_regencys_name(client, gunungkidul, report):
    services.item_approve(item=make_adoption_item(report), by=gunungkidul["head"])
    client.force_login(gunungkidul["staff"])
    url = reverse("reports:plan_pdf", args=[report.pk])

    at_seat = _text(client.get(url))
    gunungkidul["agency"].signing_place = "Playen"
    gunungkidul["agency"].save()
    elsewhere = _text(client.get(url))

    assert "Wonosari, " in at_seat
    assert "Gunungkidul, " not in at_seat
    assert "Playen, " in elsewhere


def test_a_new_report_is_signed_at_the_agencys_place(client, gunungkidul, report):
    gunungkidul["agency"].signing_place = "Playen"
    gunungkidul["agency"].save()
    visit = report.visit
    report.delete()

    report = services.report_create(visit=visit, by=gunungkidul["penyuluh"])

    assert report.signed_place == "Playen"
