"""Every predicate of ``reports.permissions`` on its own: who (role × agency)
may do what with a report, an ATM item and its check-ins in which state, and
what the loaders and the refusals answer. The tables list whom a predicate
lets through; every other person of ``tests.rules.people()`` in every state
is refused.

The report and its ATM plan are the visiting agency's (Salatiga's, "visitor"
in the tables); "host" is the other agency of the visit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from agencies.models import Role
from reports import permissions
from reports.models import AdoptionItem, AdoptionStatus, CheckIn, Report, ReportStatus
from tests.factories import make_adoption_item, make_report, make_visit
from tests.rules import HOST, OUTSIDER, ROLES, VISITOR, Pinned, granted, of, person, request_by
from visits.models import Visit, VisitStatus

R = ReportStatus
A = AdoptionStatus
ALL_REPORTS = tuple(ReportStatus)
ALL_ITEMS = tuple(AdoptionStatus)
ALL_VISITS = tuple(VisitStatus)
WRITERS = (Role.PENYULUH, Role.HEAD)
HEADS = (Role.HEAD,)
PROGRESS = (Role.STAFF, Role.PENYULUH, Role.HEAD)
HISTORY_READERS = (Role.HEAD, Role.ADMIN)
DAY = datetime.timedelta(days=1)

pinned = Pinned()


def visit_in(state) -> Visit:
    start = timezone.now() - 10 * DAY
    return Visit(host=HOST, visitor=VISITOR, status=state, start=start, end=start + DAY)


def reports(agency=VISITOR) -> dict:
    """``agency``'s report of the held visit in each state, by state."""
    visit = visit_in(VisitStatus.HELD)
    return {state: Report(visit=visit, agency=agency, status=state) for state in ALL_REPORTS}


def items() -> dict:
    """An ATM item of the visitor's report in each state, by state."""
    report = reports()[R.APPROVED]
    return {state: AdoptionItem(report=report, status=state) for state in ALL_ITEMS}


REPORT_TABLES = {
    "is_own": of("visitor", ROLES, ALL_REPORTS),
    "can_view": of("visitor", ROLES, ALL_REPORTS),
    # The PDF: the other agency of the visit opens it once it is published.
    "can_view_document": of("visitor", ROLES, ALL_REPORTS) | of("host", ROLES, (R.PUBLISHED,)),
    "can_edit": of("visitor", WRITERS, (R.DRAFT,)),
    "can_write": of("visitor", WRITERS, ALL_REPORTS),
    "can_submit": of("visitor", WRITERS, (R.DRAFT,)),
    "can_review": of("visitor", HEADS, (R.SUBMITTED,)),
    "can_publish": of("visitor", HEADS, (R.APPROVED,)),
    "can_unpublish": of("visitor", HEADS, (R.PUBLISHED,)),
    "can_withdraw_approval": of("visitor", HEADS, (R.APPROVED,)),
    "can_view_history": of("visitor", HISTORY_READERS, ALL_REPORTS),
    "can_manage_photos": of("visitor", WRITERS, (R.DRAFT,)),
    # A new lesson may come up months after the report is published.
    "can_add_item": of("visitor", WRITERS, ALL_REPORTS),
}
ITEM_TABLES = {
    "can_view_item_history": of("visitor", HISTORY_READERS, ALL_ITEMS),
    "can_edit_item": of("visitor", WRITERS, (A.PROPOSED, A.RETURNED)),
    "can_propose_item": of("visitor", WRITERS, (A.RETURNED,)),
    "can_review_item": of("visitor", HEADS, (A.PROPOSED,)),
    "can_start_item": of("visitor", PROGRESS, (A.APPROVED,)),
    "can_check_in": of("visitor", PROGRESS, (A.APPROVED, A.IN_PROGRESS)),
    "can_conclude_item": of("visitor", HEADS, (A.RETURNED, A.APPROVED, A.IN_PROGRESS)),
    "can_adopt_item": of("visitor", HEADS, (A.IN_PROGRESS,)),
}
HELD_OR_REPORTED = (VisitStatus.HELD, VisitStatus.REPORTED)
SUBMITTED_VISITS = tuple(state for state in ALL_VISITS if state != VisitStatus.DRAFT)
VISIT_TABLES = {
    "can_start_report": of("visitor", WRITERS, HELD_OR_REPORTED)
    | of("host", WRITERS, HELD_OR_REPORTED),
    "can_view_outcome": of("visitor", ROLES, ALL_VISITS) | of("host", ROLES, SUBMITTED_VISITS),
}
pinned.update(getattr(permissions, name) for name in [*REPORT_TABLES, *ITEM_TABLES, *VISIT_TABLES])


@pytest.mark.parametrize("name", REPORT_TABLES)
def test_the_report_predicate_lets_through_exactly_its_table(name):
    assert granted(getattr(permissions, name), reports()) == REPORT_TABLES[name]


@pytest.mark.parametrize("name", ITEM_TABLES)
def test_the_item_predicate_lets_through_exactly_its_table(name):
    assert granted(getattr(permissions, name), items()) == ITEM_TABLES[name]


@pytest.mark.parametrize("name", VISIT_TABLES)
def test_the_visit_predicate_lets_through_exactly_its_table(name):
    visits = {state: visit_in(state) for state in ALL_VISITS}

    assert granted(getattr(permissions, name), visits) == VISIT_TABLES[name]


@pinned.by(permissions.is_own, permissions.can_view)
def test_the_hosts_report_is_the_hosts_own():
    for predicate in (permissions.is_own, permissions.can_view):
        assert granted(predicate, reports(HOST)) == of("host", ROLES, ALL_REPORTS)


@pinned.by(permissions.can_view_evidence)
def test_a_check_ins_evidence_is_seen_by_the_items_agency_in_every_state():
    check_ins = {state: CheckIn(item=item) for state, item in items().items()}

    assert granted(permissions.can_view_evidence, check_ins) == of("visitor", ROLES, ALL_ITEMS)


# --- Why a step is refused -------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "check", "obj", "message"),
    [
        (
            (VISITOR, Role.PENYULUH),
            "can_submit",
            reports()[R.SUBMITTED],
            permissions.REPORT_RULES[R.SUBMITTED],
        ),
        ((VISITOR, Role.STAFF), "can_submit", reports()[R.DRAFT], permissions.NOT_YOUR_ROLE),
        ((HOST, Role.HEAD), "can_review", reports()[R.SUBMITTED], permissions.NOT_YOUR_ROLE),
        (
            (VISITOR, Role.HEAD),
            "can_review_item",
            items()[A.APPROVED],
            permissions.ITEM_RULES[A.APPROVED],
        ),
        (
            (VISITOR, Role.PENYULUH),
            "can_review_item",
            items()[A.PROPOSED],
            permissions.NOT_YOUR_ROLE,
        ),
    ],
)
def test_the_refusal_names_the_state_or_the_role(who, check, obj, message):
    refusal = permissions.refusal(person(*who), obj, getattr(permissions, check))

    assert isinstance(refusal, PermissionDenied)
    assert refusal.args == (message,)


pinned.add(permissions.refusal)


@pytest.mark.parametrize(
    ("who", "state", "message"),
    [
        ((VISITOR, Role.PENYULUH), VisitStatus.SCHEDULED, permissions.NOT_HELD_YET),
        ((HOST, Role.HEAD), VisitStatus.SCHEDULED, permissions.NOT_HELD_YET),
        ((VISITOR, Role.STAFF), VisitStatus.HELD, permissions.NOT_YOUR_ROLE),
        ((VISITOR, Role.STAFF), VisitStatus.SCHEDULED, permissions.NOT_YOUR_ROLE),
        ((OUTSIDER, Role.PENYULUH), VisitStatus.SCHEDULED, permissions.NOT_YOUR_ROLE),
    ],
)
def test_a_report_started_too_early_or_by_the_wrong_role_is_refused_with_why(who, state, message):
    refusal = permissions.report_start_refusal(person(*who), visit_in(state))

    assert refusal.args == (message,)


pinned.add(permissions.report_start_refusal)


# --- What an agency sees, and the loaders (database) -----------------------------------


@pytest.fixture
def report(visit, salatiga):
    return make_report(visit, salatiga.agency)


@pytest.fixture
def item(report):
    return make_adoption_item(report, status=A.IN_PROGRESS, replicate="Puskesos desa")


@pytest.fixture
def check_in(item):
    return CheckIn.objects.create(item=item, date=timezone.localdate(), note="SK tim terbit.")


@pinned.by(permissions.reports_for_agency)
def test_an_agency_lists_its_own_reports_only(visit, report, salatiga, magelang, malang):
    hosts = make_report(visit, magelang.agency)

    assert list(permissions.reports_for_agency(salatiga.agency)) == [report]
    assert list(permissions.reports_for_agency(magelang.agency)) == [hosts]
    assert list(permissions.reports_for_agency(malang.agency)) == []


@pinned.by(permissions.items_for_agency)
def test_an_agency_lists_its_own_items_with_their_progress(
    visit, item, check_in, salatiga, magelang
):
    make_adoption_item(make_report(visit, magelang.agency), replicate="Milik Magelang")

    listed = list(permissions.items_for_agency(salatiga.agency))

    assert [
        (i.replicate, i.checkin_count, i.last_checkin_date, i.last_checkin_note) for i in listed
    ] == [("Puskesos desa", 1, check_in.date, "SK tim terbit.")]


@pinned.by(permissions.outcome_reports_for_user)
def test_the_outcome_shows_our_items_and_the_others_approved_ones(
    visit, report, item, salatiga, magelang, malang, national_admin
):
    make_adoption_item(report, status=A.PROPOSED, replicate="Usulan kami")
    hosts = make_report(visit, magelang.agency)
    make_adoption_item(hosts, status=A.APPROVED, replicate="Disetujui Magelang")
    make_adoption_item(hosts, status=A.PROPOSED, replicate="Usulan Magelang")

    def outcome(user):
        return {
            r.agency.slug: {i.replicate for i in r.outcome_items}
            for r in permissions.outcome_reports_for_user(user, visit)
        }

    assert outcome(salatiga.staff) == {
        "kota-salatiga": {"Puskesos desa", "Usulan kami"},
        "kota-magelang": {"Disetujui Magelang"},
    }
    assert outcome(magelang.penyuluh) == {
        "kota-salatiga": {"Puskesos desa"},
        "kota-magelang": {"Disetujui Magelang", "Usulan Magelang"},
    }
    assert outcome(malang.head) == {}
    assert outcome(national_admin) == {}


# Each loader: what it loads, a check the penyuluh passes, a check the head
# fails and the rule the refusal names.
LOADERS = {
    "report": (
        "get_report_for_user",
        "can_submit",
        "can_review",
        permissions.REPORT_RULES[R.DRAFT],
    ),
    "item": (
        "get_item_for_user",
        "can_check_in",
        "can_review_item",
        permissions.ITEM_RULES[A.IN_PROGRESS],
    ),
}
pinned.update(getattr(permissions, loader) for loader, *_ in LOADERS.values())


@pytest.mark.parametrize("loaded", LOADERS)
def test_the_loader_gives_the_agency_its_own_and_404_to_others(
    request, loaded, salatiga, magelang, malang
):
    obj = request.getfixturevalue(loaded)
    load = getattr(permissions, LOADERS[loaded][0])

    assert load(request_by(salatiga.staff), obj.pk) == obj
    for other in (magelang.head, malang.head):
        with pytest.raises(Http404):
            load(request_by(other), obj.pk)
    with pytest.raises(Http404):
        load(request_by(salatiga.staff), obj.pk + 1000)


@pytest.mark.parametrize("loaded", LOADERS)
def test_the_loader_answers_403_without_an_agency_or_when_the_check_refuses(
    request, loaded, salatiga, national_admin
):
    obj = request.getfixturevalue(loaded)
    loader, passing, refusing, rule = LOADERS[loaded]
    load = getattr(permissions, loader)

    passed = load(request_by(salatiga.penyuluh), obj.pk, check=getattr(permissions, passing))
    with pytest.raises(PermissionDenied):
        load(request_by(national_admin), obj.pk)
    with pytest.raises(PermissionDenied) as refused:
        load(request_by(salatiga.head), obj.pk, check=getattr(permissions, refusing))

    assert passed == obj
    assert refused.value.args == (rule,)


@pinned.by(permissions.get_visit_for_report)
def test_a_writer_of_either_agency_starts_a_report_of_the_held_visit(visit, salatiga, magelang):
    for writer in (salatiga.penyuluh, magelang.head):
        assert permissions.get_visit_for_report(request_by(writer), visit.pk) == visit


@pinned.by(permissions.get_visit_for_report)
def test_starting_a_report_answers_404_to_an_outsider_and_403_to_the_wrong_role_or_state(
    visit, salatiga, malang, national_admin
):
    with pytest.raises(Http404):
        permissions.get_visit_for_report(request_by(malang.penyuluh), visit.pk)
    with pytest.raises(PermissionDenied):
        permissions.get_visit_for_report(request_by(national_admin), visit.pk)
    with pytest.raises(PermissionDenied) as staff:
        permissions.get_visit_for_report(request_by(salatiga.staff), visit.pk)
    Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.SCHEDULED)
    with pytest.raises(PermissionDenied) as too_early:
        permissions.get_visit_for_report(request_by(salatiga.penyuluh), visit.pk)

    assert staff.value.args == (permissions.NOT_YOUR_ROLE,)
    assert too_early.value.args == (permissions.NOT_HELD_YET,)


@pinned.by(permissions.get_visit_for_report)
def test_the_host_cannot_start_a_report_of_a_draft_it_does_not_see(salatiga, magelang):
    draft = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.DRAFT)

    with pytest.raises(Http404):
        permissions.get_visit_for_report(request_by(magelang.penyuluh), draft.pk)


@pinned.by(permissions.get_checkin_for_user)
def test_a_check_in_is_found_for_its_agency_only(check_in, salatiga, magelang, national_admin):
    assert permissions.get_checkin_for_user(request_by(salatiga.penyuluh), check_in.pk) == (
        check_in
    )
    with pytest.raises(Http404):
        permissions.get_checkin_for_user(request_by(magelang.head), check_in.pk)
    with pytest.raises(PermissionDenied):
        permissions.get_checkin_for_user(request_by(national_admin), check_in.pk)


def test_every_public_function_of_the_module_is_pinned():
    assert pinned.missing_from(permissions) == set()
