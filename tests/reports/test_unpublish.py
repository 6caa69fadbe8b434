"""A head takes a published report off the public pages (UU PDP): it leaves
the news list and the feeds, its address answers 410 Gone, the reason is in
its timeline, and it can be published again."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports import services
from reports.models import ReportEvent, ReportStatus
from tests.factories import make_held_visit, make_report, make_visit
from visits.models import VisitStatus

pytestmark = pytest.mark.django_db

REASON = "Foto memuat wajah warga penerima manfaat tanpa persetujuan."


@pytest.fixture
def report(salatiga, magelang):
    visit = make_held_visit(magelang.agency, salatiga.agency, days_ago=7, topics=["FTJSLP"])
    report = make_report(visit, salatiga.agency, title="Studi Tiru FTJSLP ke Magelang")
    services.report_submit(report=report, by=salatiga.penyuluh)
    services.report_approve(report=report, by=salatiga.head)
    return services.report_publish(report=report, by=salatiga.head)


def unpublish(client, user, report, reason=REASON):
    client.force_login(user)
    return client.post(reverse("reports:unpublish", args=[report.pk]), {"comment": reason})


def test_a_head_unpublishes_with_a_reason_kept_in_the_timeline(client, salatiga, report):
    response = unpublish(client, salatiga.head, report)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert report.published_at is None
    event = report.events.last()
    assert (event.from_status, event.to_status, event.comment, event.actor) == (
        ReportStatus.PUBLISHED,
        ReportStatus.APPROVED,
        REASON,
        salatiga.head,
    )
    client.force_login(salatiga.penyuluh)
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Ditarik dari halaman publik" in detail
    assert REASON in detail


def test_the_report_leaves_the_news_list_and_the_feeds(client, salatiga, report):
    client.logout()
    for name in ("reports:news_list", "reports:news_rss", "reports:news_atom"):
        assert report.title in client.get(reverse(name)).content.decode()

    unpublish(client, salatiga.head, report)
    client.logout()

    for name in ("reports:news_list", "reports:news_rss", "reports:news_atom"):
        assert report.title not in client.get(reverse(name)).content.decode()


def test_its_public_address_answers_410_gone(client, salatiga, report):
    address = report.get_public_url()
    unpublish(client, salatiga.head, report)
    client.logout()

    response = client.get(address)

    assert response.status_code == 410
    assert "Berita tidak lagi tersedia" in response.content.decode()
    assert report.title not in response.content.decode()


def test_a_report_never_published_still_answers_404(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    draft = make_report(visit, salatiga.agency, status=ReportStatus.APPROVED)

    response = client.get(reverse("reports:news_detail", args=[draft.pk, "laporan"]))

    assert response.status_code == 404


def test_a_reason_is_required(client, salatiga, report):
    response = unpublish(client, salatiga.head, report, reason="   ")

    assert response.status_code == 200
    assert "Tuliskan alasan laporan ditarik dari halaman publik." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    with pytest.raises(ValidationError):
        services.report_unpublish(report=report, by=salatiga.head, comment="")


def test_only_a_head_of_the_agency_unpublishes(client, salatiga, magelang, report):
    assert unpublish(client, salatiga.penyuluh, report).status_code == 403
    assert unpublish(client, salatiga.staff, report).status_code == 403
    assert unpublish(client, magelang.head, report).status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED


def test_it_can_be_published_again(client, salatiga, report):
    unpublish(client, salatiga.head, report)
    client.force_login(salatiga.head)

    response = client.post(reverse("reports:publish", args=[report.pk]), {"comment": ""})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    client.logout()
    assert client.get(report.get_public_url()).status_code == 200
    assert list(report.events.values_list("to_status", flat=True))[-3:] == [
        ReportStatus.PUBLISHED,
        ReportStatus.APPROVED,
        ReportStatus.PUBLISHED,
    ]


def test_the_visit_stays_reported(salatiga, report):
    services.report_unpublish(report=report, by=salatiga.head, comment=REASON)

    report.visit.refresh_from_db()
    assert report.visit.status == VisitStatus.REPORTED
    assert list(ReportEvent.objects.filter(report=report).values_list("to_status", flat=True)) == [
        ReportStatus.SUBMITTED,
        ReportStatus.APPROVED,
        ReportStatus.PUBLISHED,
        ReportStatus.APPROVED,
    ]
