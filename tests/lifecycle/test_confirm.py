"""The one confirmation page of the three lifecycles (visits, reports, ATM
items): generated URLs at their old addresses, a GET that only asks, a POST
that takes the step, and no other method."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from lifecycle.events import TimelineEvent
from reports.models import AdoptionEvent, AdoptionStatus, ReportEvent, ReportStatus
from tests.factories import make_adoption_item, make_report, make_visit
from visits.models import VisitEvent, VisitStatus

LIFECYCLE = Path(__file__).resolve().parents[2] / "lifecycle"

# Every action's URL name and address, as they were before the URLs were
# generated: templates, e-mails and bookmarks name them.
ADDRESSES = [
    ("visits:submit", "/kunjungan/7/ajukan/"),
    ("visits:accept", "/kunjungan/7/terima/"),
    ("visits:decline", "/kunjungan/7/tolak/"),
    ("visits:propose_date", "/kunjungan/7/usulkan-tanggal/"),
    ("visits:accept_proposal", "/kunjungan/7/terima-tanggal/"),
    ("visits:refuse_proposal", "/kunjungan/7/tolak-tanggal/"),
    ("visits:cancel", "/kunjungan/7/batalkan/"),
    ("visits:mark_held", "/kunjungan/7/terlaksana/"),
    ("reports:submit", "/laporan/7/ajukan/"),
    ("reports:approve", "/laporan/7/setujui/"),
    ("reports:return", "/laporan/7/kembalikan/"),
    ("reports:withdraw", "/laporan/7/tarik/"),
    ("reports:publish", "/laporan/7/terbitkan/"),
    ("reports:unpublish", "/laporan/7/tarik-terbitan/"),
    ("reports:item_approve", "/atm/7/setujui/"),
    ("reports:item_return", "/atm/7/kembalikan/"),
    ("reports:item_propose_again", "/atm/7/ajukan-ulang/"),
    ("reports:item_start", "/atm/7/mulai/"),
    ("reports:item_adopt", "/atm/7/diadopsi/"),
    ("reports:item_drop", "/atm/7/hentikan/"),
]


@pytest.mark.parametrize(("name", "address"), ADDRESSES)
def test_every_action_keeps_its_address(name, address):
    assert reverse(name, args=[7]) == address


def test_the_package_imports_no_domain_app():
    imported = set()
    for module in LIFECYCLE.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])

    assert imported & {"agencies", "visits", "reports", "privacy"} == set()


def test_every_timeline_extends_the_one_event_base():
    assert [issubclass(m, TimelineEvent) for m in (VisitEvent, ReportEvent, AdoptionEvent)] == [
        True,
        True,
        True,
    ]
    assert VisitEvent._meta.get_field("actor_agency").null


# --- The three pages -------------------------------------------------------------


@pytest.fixture
def requested_visit(salatiga, magelang):
    return make_visit(
        magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED, topics=["DTKS"]
    )


@pytest.fixture
def draft_report(salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    return make_report(visit, salatiga.agency)


@pytest.fixture
def proposed_item(draft_report):
    return make_adoption_item(draft_report, status=AdoptionStatus.PROPOSED)


def confirmation_page(client, user, action, obj):
    """The page ``user`` is shown before ``action`` on ``obj`` (it must be there)."""
    client.force_login(user)
    response = client.get(reverse(action, args=[obj.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_visit_step_is_asked_first_and_nothing_moves(client, magelang, requested_visit):
    content = confirmation_page(client, magelang.staff, "visits:accept", requested_visit)

    assert "<title>Terima permohonan kunjungan · Portal Studi Tiru</title>" in content
    assert f'<a href="/kunjungan/{requested_visit.pk}/">Studi tiru</a>' in content
    assert f'href="/kunjungan/{requested_visit.pk}/">Kembali</a>' in content
    assert "Dinas Sosial Kota Salatiga → Dinas Sosial Kota Magelang" in content
    requested_visit.refresh_from_db()
    assert requested_visit.status == VisitStatus.REQUESTED
    assert VisitEvent.objects.count() == 0


@pytest.mark.django_db
def test_a_report_submit_page_names_the_empty_sections(client, salatiga, draft_report):
    content = confirmation_page(client, salatiga.penyuluh, "reports:submit", draft_report)

    assert "Bagian berikut masih kosong" in content
    assert f'href="/laporan/{draft_report.pk}/">Kembali</a>' in content
    assert (
        '<svg class="bi me-1" aria-hidden="true"><use href="/static/build/icons.svg#send"></use></svg>'
        "Ajukan laporan"
    ) in content
    draft_report.refresh_from_db()
    assert draft_report.status == ReportStatus.DRAFT


@pytest.mark.django_db
def test_an_item_step_from_the_plan_leads_back_to_the_plan(client, salatiga, proposed_item):
    client.force_login(salatiga.head)
    url = reverse("reports:item_approve", args=[proposed_item.pk]) + "?dari=rencana"
    plan = reverse("reports:plan", args=[proposed_item.report_id])

    page = client.get(url)
    response = client.post(url, {"comment": "Lanjutkan."})

    assert f'href="{plan}">Kembali</a>' in page.content.decode()
    assert (response.status_code, response["Location"]) == (302, plan)
    event = AdoptionEvent.objects.get(item=proposed_item)
    assert (event.actor, event.to_status, event.comment) == (
        salatiga.head,
        AdoptionStatus.APPROVED,
        "Lanjutkan.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_only_get_and_post_reach_an_action(
    client, salatiga, magelang, requested_visit, draft_report, proposed_item, method
):
    answers = []
    for user, name, obj in [
        (magelang.staff, "visits:accept", requested_visit),
        (salatiga.penyuluh, "reports:submit", draft_report),
        (salatiga.head, "reports:item_approve", proposed_item),
    ]:
        client.force_login(user)
        answers.append(getattr(client, method)(reverse(name, args=[obj.pk])).status_code)

    assert answers == [405, 405, 405]
    for obj in (requested_visit, draft_report, proposed_item):
        obj.refresh_from_db()
    assert (requested_visit.status, draft_report.status, proposed_item.status) == (
        VisitStatus.REQUESTED,
        ReportStatus.DRAFT,
        AdoptionStatus.PROPOSED,
    )
    assert [VisitEvent.objects.count(), ReportEvent.objects.count()] == [0, 0]
    assert AdoptionEvent.objects.count() == 0
