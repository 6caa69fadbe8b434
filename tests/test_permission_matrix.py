"""Every URL of the portal against every kind of user.

Salatiga (the visitor) visits Magelang (the host); Malang is an outsider; the
national admin is a superuser without an agency. Each row names a URL, how it
is called, the state the visit is in, and the answer each persona gets:

    ok   the page, or the action done (2xx, or a redirect that is not to login)
    L    redirect to the login page
    403  the right agency but the wrong role or state
    404  another agency's object: its existence does not leak
    405  the method is not allowed

A URL of the portal without a row here fails the test, so every new page has
to say who may use it.
"""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLResolver
from django.utils import timezone
from PIL import Image

from agencies.models import Role
from reports.models import AdoptionStatus, CheckIn, Photo, ReportStatus
from tests.factories import (
    make_adoption_item,
    make_agency,
    make_invitation,
    make_national_admin,
    make_participant,
    make_practice,
    make_report,
    make_user,
    make_visit,
)
from visits.feeds import reset_calendar_feed
from visits.models import AgendaItem, VisitStatus

PERSONAS = [
    "anonymous",
    "visitor_staff",
    "visitor_penyuluh",
    "visitor_head",
    "host_staff",
    "host_penyuluh",
    "host_head",
    "outsider_staff",
    "national_admin",
]

# Expected answers in PERSONAS order.
PARTIES = "L ok ok ok ok ok ok 404 403"
VISITOR_SCHEDULERS = "L ok 403 ok 403 403 403 404 403"
HOST_SCHEDULERS = "L 403 403 403 ok 403 ok 404 403"
BOTH_SCHEDULERS = "L ok 403 ok ok 403 ok 404 403"
BOTH_HEADS = "L 403 403 ok 403 403 ok 404 403"
ANY_MEMBER = "L ok ok ok ok ok ok ok 403"
ANY_SCHEDULER = "L ok 403 ok ok 403 ok ok 403"
LOGGED_IN = "L ok ok ok ok ok ok ok ok"
EVERYONE = "ok ok ok ok ok ok ok ok ok"
SALATIGA_COORDINATORS = "L ok 403 403 404 404 404 404 403"
MAGELANG_PRACTICE_OWNERS = "L 404 404 404 ok 403 ok 404 404"
ANY_COORDINATOR = "L ok 403 403 ok 403 403 ok 403"
# The reports below are Salatiga's (the visitor's).
OWN_REPORT = "L ok ok ok 404 404 404 404 403"
SALATIGA_WRITERS = "L 403 ok ok 404 404 404 404 403"
SALATIGA_HEADS = "L 403 403 ok 404 404 404 404 403"
SALATIGA_PROGRESS = "L ok ok ok 404 404 404 404 403"
NOBODY = "404 404 404 404 404 404 404 404 404"
# The personal-data pages are for agency admins only, and no persona is one
# (tests/privacy/ covers them).
AGENCY_ADMINS = "L 403 403 403 403 403 403 403 403"
# A national administrator's own pages: adding an agency, inviting its first
# coordinator, every agency's activity.
NATIONAL_ADMINS = "L 403 403 403 403 403 403 403 ok"


S = VisitStatus
# (url name, method, visit status, url kwargs from the world, expected)
MATRIX = [
    ("home", "GET", S.SCHEDULED, {}, EVERYONE),
    ("favicon", "GET", S.SCHEDULED, {}, EVERYONE),
    ("health", "GET", S.SCHEDULED, {}, EVERYONE),
    ("set_language", "POST", S.SCHEDULED, {}, EVERYONE),
    # Finding visits
    ("visits:dashboard", "GET", S.SCHEDULED, {}, ANY_MEMBER),
    ("visits:list", "GET", S.SCHEDULED, {}, ANY_MEMBER),
    ("visits:calendar", "GET", S.SCHEDULED, {}, ANY_MEMBER),
    ("visits:calendar_feed", "GET", S.SCHEDULED, {}, ANY_MEMBER),
    ("visits:calendar_feed_reset", "POST", S.SCHEDULED, {}, ANY_SCHEDULER),
    ("visits:ical", "GET", S.SCHEDULED, {"token": "feed_token"}, EVERYONE),
    ("visits:agency_list", "GET", S.SCHEDULED, {}, LOGGED_IN),
    ("visits:agency_detail", "GET", S.SCHEDULED, {"slug": "host_slug"}, LOGGED_IN),
    # The request and its lifecycle
    ("visits:create", "GET", S.SCHEDULED, {}, ANY_SCHEDULER),
    ("visits:detail", "GET", S.SCHEDULED, {"pk": "visit"}, PARTIES),
    ("visits:detail", "GET", S.DRAFT, {"pk": "visit"}, "L ok ok ok 404 404 404 404 403"),
    ("visits:edit", "GET", S.REQUESTED, {"pk": "visit"}, VISITOR_SCHEDULERS),
    ("visits:edit", "GET", S.SCHEDULED, {"pk": "visit"}, "L 403 403 403 403 403 403 404 403"),
    ("visits:submit", "POST", S.DRAFT, {"pk": "visit"}, "L ok 403 ok 404 404 404 404 403"),
    ("visits:accept", "POST", S.REQUESTED, {"pk": "visit"}, HOST_SCHEDULERS),
    ("visits:accept", "GET", S.REQUESTED, {"pk": "visit"}, HOST_SCHEDULERS),
    ("visits:decline", "POST", S.REQUESTED, {"pk": "visit"}, HOST_SCHEDULERS),
    ("visits:propose_date", "POST", S.REQUESTED, {"pk": "visit"}, HOST_SCHEDULERS),
    ("visits:accept_proposal", "POST", S.DATE_PROPOSED, {"pk": "visit"}, VISITOR_SCHEDULERS),
    ("visits:refuse_proposal", "POST", S.DATE_PROPOSED, {"pk": "visit"}, VISITOR_SCHEDULERS),
    ("visits:cancel", "POST", S.SCHEDULED, {"pk": "visit"}, VISITOR_SCHEDULERS),
    ("visits:cancel", "POST", S.HELD, {"pk": "visit"}, "L 403 403 403 403 403 403 404 403"),
    ("visits:mark_held", "POST", S.SCHEDULED, {"pk": "started_visit"}, BOTH_SCHEDULERS),
    ("visits:reply_letter", "POST", S.REQUESTED, {"pk": "visit"}, HOST_SCHEDULERS),
    ("visits:letter", "GET", S.SCHEDULED, {"pk": "visit", "kind": "permohonan"}, PARTIES),
    # Who changed what, when: the heads and admins of either agency
    ("visits:history", "GET", S.SCHEDULED, {"pk": "visit"}, BOTH_HEADS),
    ("visits:history", "GET", S.DRAFT, {"pk": "visit"}, "L 403 403 ok 404 404 404 404 403"),
    # Delegation, attendance, agenda
    ("visits:participants", "GET", S.SCHEDULED, {"pk": "visit"}, PARTIES),
    ("visits:participant_add", "GET", S.SCHEDULED, {"pk": "visit"}, BOTH_SCHEDULERS),
    (
        "visits:participant_edit",
        "GET",
        S.SCHEDULED,
        {"pk": "visit", "participant_pk": "delegate"},
        VISITOR_SCHEDULERS,
    ),
    (
        "visits:participant_delete",
        "POST",
        S.SCHEDULED,
        {"pk": "visit", "participant_pk": "delegate"},
        VISITOR_SCHEDULERS,
    ),
    (
        "visits:participant_make_head",
        "POST",
        S.SCHEDULED,
        {"pk": "visit", "participant_pk": "delegate"},
        VISITOR_SCHEDULERS,
    ),
    ("visits:participant_import", "GET", S.SCHEDULED, {"pk": "visit"}, BOTH_SCHEDULERS),
    ("visits:participant_template", "GET", S.SCHEDULED, {"pk": "visit"}, PARTIES),
    ("visits:attendance", "GET", S.SCHEDULED, {"pk": "visit"}, PARTIES),
    (
        "visits:attendance_mark",
        "POST",
        S.SCHEDULED,
        {"pk": "visit", "participant_pk": "delegate"},
        BOTH_SCHEDULERS,
    ),
    ("visits:attendance_save", "POST", S.SCHEDULED, {"pk": "visit"}, BOTH_SCHEDULERS),
    ("visits:agenda", "GET", S.SCHEDULED, {"pk": "visit"}, PARTIES),
    ("visits:agenda_add", "GET", S.SCHEDULED, {"pk": "visit"}, BOTH_SCHEDULERS),
    ("visits:agenda_edit", "GET", S.SCHEDULED, {"pk": "visit", "item_pk": "item"}, BOTH_SCHEDULERS),
    (
        "visits:agenda_delete",
        "POST",
        S.SCHEDULED,
        {"pk": "visit", "item_pk": "item"},
        BOTH_SCHEDULERS,
    ),
    # The team
    ("agencies:members", "GET", S.SCHEDULED, {}, ANY_MEMBER),
    ("agencies:invite", "POST", S.SCHEDULED, {}, ANY_COORDINATOR),
    ("agencies:invite", "GET", S.SCHEDULED, {}, "L 405 405 405 405 405 405 405 405"),
    (
        "agencies:revoke_invitation",
        "POST",
        S.SCHEDULED,
        {"pk": "invitation"},
        SALATIGA_COORDINATORS,
    ),
    (
        "agencies:resend_invitation",
        "POST",
        S.SCHEDULED,
        {"pk": "invitation"},
        SALATIGA_COORDINATORS,
    ),
    ("agencies:edit_member", "GET", S.SCHEDULED, {"pk": "colleague"}, SALATIGA_COORDINATORS),
    (
        "agencies:deactivate_member",
        "POST",
        S.SCHEDULED,
        {"pk": "colleague"},
        SALATIGA_COORDINATORS,
    ),
    (
        "agencies:reactivate_member",
        "POST",
        S.SCHEDULED,
        {"pk": "colleague"},
        SALATIGA_COORDINATORS,
    ),
    ("agencies:accept_invitation", "GET", S.SCHEDULED, {"token": "invitation_token"}, EVERYONE),
    # A national administrator brings an agency in (the host here)
    ("agencies:agency_create", "GET", S.SCHEDULED, {}, NATIONAL_ADMINS),
    ("agencies:agency_create", "POST", S.SCHEDULED, {}, NATIONAL_ADMINS),
    ("agencies:agency_regencies", "GET", S.SCHEDULED, {}, NATIONAL_ADMINS),
    ("agencies:agency_regencies", "POST", S.SCHEDULED, {}, "L 405 405 405 405 405 405 405 405"),
    ("agencies:invite_coordinator", "GET", S.SCHEDULED, {"slug": "host_slug"}, NATIONAL_ADMINS),
    ("agencies:invite_coordinator", "POST", S.SCHEDULED, {"slug": "host_slug"}, NATIONAL_ADMINS),
    ("reports:agency_activity", "GET", S.SCHEDULED, {}, NATIONAL_ADMINS),
    # Searching agencies for the selects that choose one
    ("agencies:search", "GET", S.SCHEDULED, {}, ANY_MEMBER),
    ("agencies:search", "POST", S.SCHEDULED, {}, "L 405 405 405 405 405 405 405 405"),
    # Good practices
    ("agencies:practices", "GET", S.SCHEDULED, {}, LOGGED_IN),
    ("agencies:practice_detail", "GET", S.SCHEDULED, {"pk": "practice"}, LOGGED_IN),
    ("agencies:practice_create", "GET", S.SCHEDULED, {}, ANY_SCHEDULER),
    ("agencies:practice_edit", "GET", S.SCHEDULED, {"pk": "practice"}, MAGELANG_PRACTICE_OWNERS),
    (
        "agencies:practice_deactivate",
        "POST",
        S.SCHEDULED,
        {"pk": "practice"},
        MAGELANG_PRACTICE_OWNERS,
    ),
    # Accounts (django-allauth): public pages, and the ones behind login
    ("account_login", "GET", S.SCHEDULED, {}, EVERYONE),
    ("account_logout", "GET", S.SCHEDULED, {}, EVERYONE),
    ("account_inactive", "GET", S.SCHEDULED, {}, EVERYONE),
    ("account_signup", "GET", S.SCHEDULED, {}, EVERYONE),
    ("account_reset_password", "GET", S.SCHEDULED, {}, EVERYONE),
    ("account_reset_password_done", "GET", S.SCHEDULED, {}, EVERYONE),
    ("account_reset_password_from_key_done", "GET", S.SCHEDULED, {}, EVERYONE),
    (
        "account_reset_password_from_key",
        "GET",
        S.SCHEDULED,
        {"uidb36": "0", "key": "bad-key"},
        EVERYONE,
    ),
    ("account_email_verification_sent", "GET", S.SCHEDULED, {}, EVERYONE),
    ("account_confirm_email", "GET", S.SCHEDULED, {"key": "bad-key"}, EVERYONE),
    # Without a login in progress there is no code to confirm: back to the login page.
    ("account_confirm_login_code", "GET", S.SCHEDULED, {}, LOGGED_IN),
    ("account_change_password", "GET", S.SCHEDULED, {}, LOGGED_IN),
    ("account_set_password", "GET", S.SCHEDULED, {}, LOGGED_IN),
    ("account_email", "GET", S.SCHEDULED, {}, LOGGED_IN),
    ("account_reauthenticate", "GET", S.SCHEDULED, {}, LOGGED_IN),
    # Account security: the second factor (allauth.mfa) and the sessions. Each
    # is the user's own: nothing of another user's can be named in a URL.
    ("mfa_index", "GET", S.SCHEDULED, {}, LOGGED_IN),
    # Without a login in progress there is no code to ask for: home, or login.
    ("mfa_authenticate", "GET", S.SCHEDULED, {}, LOGGED_IN),
    ("mfa_reauthenticate", "GET", S.SCHEDULED, {}, LOGGED_IN),
    ("mfa_activate_totp", "GET", S.SCHEDULED, {}, LOGGED_IN),
    # Only an account with an authenticator app has one to switch off (the heads
    # and the national admin; the page refuses them, their role requires it).
    ("mfa_deactivate_totp", "GET", S.SCHEDULED, {}, "L 404 404 ok 404 404 ok 404 ok"),
    # Nobody in this world has recovery codes yet (tests/agencies/test_mfa.py).
    ("mfa_view_recovery_codes", "GET", S.SCHEDULED, {}, "L 404 404 404 404 404 404 404 404"),
    ("mfa_download_recovery_codes", "GET", S.SCHEDULED, {}, "L 404 404 404 404 404 404 404 404"),
    ("mfa_generate_recovery_codes", "GET", S.SCHEDULED, {}, LOGGED_IN),
    ("usersessions_list", "GET", S.SCHEDULED, {}, LOGGED_IN),
    # Reports: written by an agency's penyuluh, reviewed by its head
    ("reports:list", "GET", S.SCHEDULED, {}, ANY_MEMBER),
    (
        "reports:create",
        "POST",
        S.SCHEDULED,
        {"visit_pk": "held_visit"},
        "L 403 ok ok 403 ok ok 404 403",
    ),
    (
        "reports:create",
        "GET",
        S.SCHEDULED,
        {"visit_pk": "held_visit"},
        "L 405 405 405 405 405 405 405 405",
    ),
    ("reports:detail", "GET", S.SCHEDULED, {"pk": "draft_report"}, OWN_REPORT),
    ("reports:edit", "GET", S.SCHEDULED, {"pk": "draft_report"}, SALATIGA_WRITERS),
    (
        "reports:edit",
        "GET",
        S.SCHEDULED,
        {"pk": "submitted_report"},
        "L 403 403 403 404 404 404 404 403",
    ),
    ("reports:submit", "POST", S.SCHEDULED, {"pk": "draft_report"}, SALATIGA_WRITERS),
    ("reports:approve", "POST", S.SCHEDULED, {"pk": "submitted_report"}, SALATIGA_HEADS),
    ("reports:return", "POST", S.SCHEDULED, {"pk": "submitted_report"}, SALATIGA_HEADS),
    ("reports:withdraw", "POST", S.SCHEDULED, {"pk": "approved_report"}, SALATIGA_HEADS),
    ("reports:publish", "POST", S.SCHEDULED, {"pk": "approved_report"}, SALATIGA_HEADS),
    ("reports:history", "GET", S.SCHEDULED, {"pk": "draft_report"}, SALATIGA_HEADS),
    (
        "reports:publish",
        "POST",
        S.SCHEDULED,
        {"pk": "submitted_report"},
        "L 403 403 403 404 404 404 404 403",
    ),
    ("reports:unpublish", "POST", S.SCHEDULED, {"pk": "published_report"}, SALATIGA_HEADS),
    (
        "reports:unpublish",
        "POST",
        S.SCHEDULED,
        {"pk": "approved_report"},
        "L 403 403 403 404 404 404 404 403",
    ),
    # Photos
    ("reports:photo_upload", "GET", S.SCHEDULED, {"pk": "draft_report"}, SALATIGA_WRITERS),
    (
        "reports:photo_edit",
        "GET",
        S.SCHEDULED,
        {"pk": "draft_report", "photo_pk": "draft_photo"},
        SALATIGA_WRITERS,
    ),
    (
        "reports:photo_delete",
        "POST",
        S.SCHEDULED,
        {"pk": "draft_report", "photo_pk": "draft_photo"},
        SALATIGA_WRITERS,
    ),
    (
        "reports:photo_file",
        "GET",
        S.SCHEDULED,
        {"photo_pk": "draft_photo", "size": "kecil"},
        "L ok ok ok 404 404 404 404 404",
    ),
    (
        "reports:photo_file",
        "GET",
        S.SCHEDULED,
        {"photo_pk": "published_photo", "size": "kecil"},
        EVERYONE,
    ),
    # Public news pages
    ("reports:news_list", "GET", S.SCHEDULED, {}, EVERYONE),
    ("reports:news_rss", "GET", S.SCHEDULED, {}, EVERYONE),
    ("reports:news_atom", "GET", S.SCHEDULED, {}, EVERYONE),
    (
        "reports:news_detail",
        "GET",
        S.SCHEDULED,
        {"pk": "published_report", "slug": "studi-tiru"},
        EVERYONE,
    ),
    (
        "reports:news_detail",
        "GET",
        S.SCHEDULED,
        {"pk": "draft_report", "slug": "studi-tiru"},
        NOBODY,
    ),
    # ATM plan
    ("reports:items", "GET", S.SCHEDULED, {}, ANY_MEMBER),
    ("reports:plan", "GET", S.SCHEDULED, {"pk": "draft_report"}, OWN_REPORT),
    ("reports:item_add", "GET", S.SCHEDULED, {"pk": "draft_report"}, SALATIGA_WRITERS),
    ("reports:item_detail", "GET", S.SCHEDULED, {"item_pk": "proposed_item"}, OWN_REPORT),
    ("reports:item_edit", "GET", S.SCHEDULED, {"item_pk": "proposed_item"}, SALATIGA_WRITERS),
    ("reports:item_approve", "POST", S.SCHEDULED, {"item_pk": "proposed_item"}, SALATIGA_HEADS),
    ("reports:item_return", "POST", S.SCHEDULED, {"item_pk": "proposed_item"}, SALATIGA_HEADS),
    (
        "reports:item_propose_again",
        "POST",
        S.SCHEDULED,
        {"item_pk": "returned_item"},
        SALATIGA_WRITERS,
    ),
    ("reports:item_start", "POST", S.SCHEDULED, {"item_pk": "approved_item"}, SALATIGA_PROGRESS),
    ("reports:item_adopt", "POST", S.SCHEDULED, {"item_pk": "started_item"}, SALATIGA_HEADS),
    ("reports:item_drop", "POST", S.SCHEDULED, {"item_pk": "approved_item"}, SALATIGA_HEADS),
    ("reports:checkin_add", "POST", S.SCHEDULED, {"item_pk": "approved_item"}, SALATIGA_PROGRESS),
    ("reports:item_history", "GET", S.SCHEDULED, {"item_pk": "proposed_item"}, SALATIGA_HEADS),
    ("reports:checkin_evidence", "GET", S.SCHEDULED, {"checkin_pk": "checkin"}, OWN_REPORT),
    # Documents
    ("reports:report_pdf", "GET", S.SCHEDULED, {"pk": "draft_report"}, OWN_REPORT),
    ("reports:plan_pdf", "GET", S.SCHEDULED, {"pk": "draft_report"}, OWN_REPORT),
    ("reports:attendance_pdf", "GET", S.SCHEDULED, {"visit_pk": "visit"}, PARTIES),
    # Personal data (UU PDP)
    ("privacy:index", "GET", S.SCHEDULED, {}, AGENCY_ADMINS),
    ("privacy:export", "POST", S.SCHEDULED, {}, AGENCY_ADMINS),
    ("privacy:erase", "GET", S.SCHEDULED, {}, AGENCY_ADMINS),
    ("privacy:erase", "POST", S.SCHEDULED, {}, AGENCY_ADMINS),
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The matrix holds with the page cache on: its pages check first."""
    settings.PAGE_CACHE = True


@pytest.fixture
def world(db, media_root):
    salatiga = make_agency("33.73", slug="kota-salatiga")
    magelang = make_agency("33.71", slug="kota-magelang")
    malang = make_agency("35.73", slug="kota-malang")
    users = {
        "visitor_staff": make_user(salatiga, Role.STAFF),
        "visitor_penyuluh": make_user(salatiga, Role.PENYULUH),
        "visitor_head": make_user(salatiga, Role.HEAD),
        "host_staff": make_user(magelang, Role.STAFF),
        "host_penyuluh": make_user(magelang, Role.PENYULUH),
        "host_head": make_user(magelang, Role.HEAD),
        "outsider_staff": make_user(malang, Role.STAFF),
    }
    users["national_admin"] = make_national_admin(name="Admin")
    visit = make_visit(
        magelang,
        salatiga,
        topics=["DTKS"],
        request_letter_file=SimpleUploadedFile("surat.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    started = make_visit(
        magelang, salatiga, start=timezone.now() - datetime.timedelta(hours=1), topics=["DTKS"]
    )
    delegate = make_participant(visit, "visitor")
    make_participant(visit, "host")
    item = AgendaItem.objects.create(visit=visit, start=visit.start, title="Sambutan")
    invitation, invitation_token = make_invitation(salatiga, by=users["visitor_staff"])
    feed = reset_calendar_feed(agency=salatiga, by=users["visitor_staff"])
    reports = _reports_world(salatiga, magelang, users)
    return {
        **reports,
        "users": users,
        "visit": visit,
        "started_visit": started,
        "delegate": delegate.pk,
        "item": item.pk,
        "invitation": invitation.pk,
        "invitation_token": invitation_token,
        "colleague": make_user(salatiga, Role.PENYULUH).membership.pk,
        "practice": make_practice(magelang, "FTJSLP").pk,
        "feed_token": feed.token,
        "host_slug": magelang.slug,
    }


def _held_visit(host, visitor):
    start = timezone.now() - datetime.timedelta(days=3)
    return make_visit(host, visitor, status=S.HELD, start=start, topics=["SLRT"])


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def _photo(report):
    return Photo.objects.create(
        report=report,
        image=ContentFile(_jpeg(), name="foto.jpg"),
        thumbnail=ContentFile(_jpeg(), name="foto-kecil.jpg"),
        caption="Sambutan",
    )


def _reports_world(salatiga, magelang, users):
    """Salatiga's reports in each review state, on held visits to Magelang,
    with photos and ATM items in each state of their own lifecycle."""
    by = users["visitor_penyuluh"]
    reports = {
        status: make_report(_held_visit(magelang, salatiga), salatiga, status=status, by=by)
        for status in ReportStatus
    }
    draft = reports[ReportStatus.DRAFT]
    item = {
        status: make_adoption_item(draft, status=status)
        for status in (
            AdoptionStatus.PROPOSED,
            AdoptionStatus.RETURNED,
            AdoptionStatus.APPROVED,
            AdoptionStatus.IN_PROGRESS,
        )
    }
    checkin = CheckIn.objects.create(
        item=item[AdoptionStatus.IN_PROGRESS],
        date=timezone.localdate(),
        note="Rapat koordinasi dengan desa.",
        evidence=ContentFile(b"%PDF-1.4\n%%EOF\n", name="bukti.pdf"),
    )
    return {
        "held_visit": _held_visit(magelang, salatiga),
        "draft_report": draft,
        "submitted_report": reports[ReportStatus.SUBMITTED],
        "approved_report": reports[ReportStatus.APPROVED],
        "published_report": reports[ReportStatus.PUBLISHED],
        "draft_photo": _photo(draft),
        "published_photo": _photo(reports[ReportStatus.PUBLISHED]),
        "proposed_item": item[AdoptionStatus.PROPOSED],
        "returned_item": item[AdoptionStatus.RETURNED],
        "approved_item": item[AdoptionStatus.APPROVED],
        "started_item": item[AdoptionStatus.IN_PROGRESS],
        "checkin": checkin,
    }


def _url(world, name, kwargs):
    values = {}
    for key, source in kwargs.items():
        value = world.get(source, source)
        values[key] = value.pk if hasattr(value, "pk") else value
    return reverse(name, kwargs=values)


def _answer(response, login_url):
    if response.status_code in (301, 302) and response["Location"].startswith(login_url):
        return "L"
    if response.status_code < 400:
        return "ok"
    return str(response.status_code)


@pytest.mark.parametrize(
    ("name", "method", "status", "kwargs", "expected"),
    MATRIX,
    ids=[f"{row[0]}-{row[1]}-{row[2]}" for row in MATRIX],
)
def test_each_persona_gets_the_expected_answer(
    client, world, name, method, status, kwargs, expected
):
    for key in ("visit", "started_visit"):
        type(world[key]).objects.filter(pk=world[key].pk).update(status=status)
    if status == S.DATE_PROPOSED:
        world["visit"].__class__.objects.filter(pk=world["visit"].pk).update(
            proposed_start=world["visit"].start, proposed_end=world["visit"].end
        )
    url = _url(world, name, kwargs)
    login_url = reverse("account_login")

    answers = []
    for persona in PERSONAS:
        # Each persona acts on the same world; what it changes is rolled back.
        with transaction.atomic():
            client.logout()
            if persona != "anonymous":
                client.force_login(world["users"][persona])
            response = client.post(url) if method == "POST" else client.get(url)
            answers.append(_answer(response, login_url))
            transaction.set_rollback(True)

    assert dict(zip(PERSONAS, answers, strict=True)) == dict(
        zip(PERSONAS, expected.split(), strict=True)
    )


def _portal_url_names():
    names = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue  # Django's admin guards itself (staff only)
                walk(pattern.url_patterns, pattern.namespace or namespace)
            else:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_of_the_portal_has_a_row():
    assert _portal_url_names() - {row[0] for row in MATRIX} == set()


def test_every_row_names_a_real_url():
    assert {row[0] for row in MATRIX} - _portal_url_names() == set()
