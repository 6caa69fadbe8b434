"""Small builders for test data: real regions (loaded by the migrations),
agencies, people with a role, visits. Plain functions, no magic."""

import datetime
import importlib
import itertools

import pytest
from django.apps import apps
from django.utils import timezone

from agencies.mfa import current_totp_code, enrol_totp
from agencies.models import Agency, Division, Membership, Regency, Role, Topic, User
from visits.models import Visit, VisitStatus

_counter = itertools.count(1)

# The authenticator app of every head, agency admin and national admin the
# tests make: they must log in with a second factor, so they have one, as real
# people in those roles do. ``totp_code()`` gives the code it shows now.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

WIB = datetime.timezone(datetime.timedelta(hours=7))


def reload_reference_data():
    """Load the regions and topics again the way the migrations do, for the
    tests whose committed data is emptied afterwards, reference data included
    (a live server, a closed connection)."""
    regions = importlib.import_module("agencies.migrations.0003_load_regions")
    regions.load_regions(apps, None)
    topics = importlib.import_module("visits.migrations.0002_load_topics")
    topics.save_catalogue(Topic)


def make_agency(regency_code="33.71", **fields):
    """The Dinas Sosial of a kabupaten/kota, e.g. "33.71" (Kota Magelang)."""
    regency = Regency.objects.select_related("province").get(code=regency_code)
    defaults = {
        "name": f"Dinas Sosial {regency.name}",
        "short_name": f"Dinsos {regency.name}",
        "slug": regency.name.lower().replace(" ", "-"),
        "level": regency.kind,
        "province": regency.province,
        "regency": regency,
    }
    return Agency.objects.create(**(defaults | fields))


def agency_fixture(regency_code, **fields):
    """A fixture giving the agency of ``regency_code`` alone, without people,
    for the modules that make their own: ``malang = agency_fixture("35.73")``
    (pytest names the fixture after the module attribute)."""

    @pytest.fixture
    def agency(db):
        return make_agency(regency_code, **fields)

    return agency


def log_in(client, user):
    """Log ``user`` in on the test ``client`` and give the user back."""
    client.force_login(user)
    return user


def make_user(
    agency=None, role=Role.STAFF, *, email=None, name=None, second_factor=None, **membership_fields
):
    """A user, and their membership in ``agency`` with ``role`` when given.

    A head or agency admin gets an authenticator app (``TOTP_SECRET``) unless
    ``second_factor=False`` (one who has not enrolled yet); anyone else gets
    one only with ``second_factor=True``."""
    n = next(_counter)
    user = User.objects.create_user(
        email=email or f"user{n}@studitiru.test", password="password", name=name or f"Pengguna {n}"
    )
    if agency is not None:
        Membership.objects.create(user=user, agency=agency, role=role, **membership_fields)
    if second_factor is None:
        second_factor = agency is not None and role in (Role.HEAD, Role.ADMIN)
    if second_factor:
        enrol_totp(user, TOTP_SECRET)
    return user


def make_national_admin(*, email="admin@test.id", name="Admin Nasional", second_factor=True):
    """A superuser without an agency, enrolled with ``TOTP_SECRET`` unless
    ``second_factor=False``."""
    user = User.objects.create_superuser(email=email, password="password", name=name)
    if second_factor:
        enrol_totp(user, TOTP_SECRET)
    return user


def totp_code(secret=TOTP_SECRET):
    """The 6-digit code the authenticator app with ``secret`` shows now."""
    return current_totp_code(secret)


def make_held_visit(host, visitor, *, days_ago=10, **fields):
    """A visit of ``visitor`` to ``host`` held ``days_ago`` days ago."""
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=days_ago)
    return make_visit(host, visitor, status=VisitStatus.HELD, start=start, **fields)


def make_division(agency, name="Bidang Pemberdayaan Sosial"):
    return Division.objects.create(agency=agency, name=name)


def make_visit(host, visitor, *, status=VisitStatus.SCHEDULED, start=None, topics=(), **fields):
    """A visit of ``visitor`` to ``host``, by default a day-long one a month ahead."""
    start = start or timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    visit = Visit.objects.create(
        host=host,
        visitor=visitor,
        title=fields.pop("title", "Studi tiru"),
        status=status,
        start=start,
        end=fields.pop("end", start + datetime.timedelta(hours=6)),
        **fields,
    )
    for order, code in enumerate(topics):
        visit.visit_topics.create(topic=Topic.objects.get(code=code), order=order)
    return visit


def make_practice(agency, topic="SLRT", *, title=None, **fields):
    """A good practice of ``agency`` filed under the topic with code ``topic``."""
    from agencies.models import GoodPractice

    return GoodPractice.objects.create(
        agency=agency,
        topic=Topic.objects.get(code=topic),
        title=title or f"Praktik baik {next(_counter)}",
        **fields,
    )


def make_invitation(agency, role=Role.PENYULUH, *, email=None, by=None, **fields):
    """An open invitation into ``agency`` and the secret of its link, as the
    e-mail would carry it: returns ``(invitation, token)``."""
    import secrets

    from agencies.models import Invitation
    from agencies.services import hash_token

    n = next(_counter)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation.objects.create(
        agency=agency,
        email=email or f"undangan{n}@studitiru.test",
        name=fields.pop("name", f"Calon Anggota {n}"),
        role=role,
        invited_by=by,
        token_hash=hash_token(token),
        created_at=fields.pop("created_at", now),
        sent_at=fields.pop("sent_at", now),
        expires_at=fields.pop("expires_at", now + Invitation.VALID_FOR),
        **fields,
    )
    return invitation, token


def make_participant(visit, side="visitor", *, role=None, name=None, **fields):
    """A person at ``visit`` on ``side`` ("visitor" or "host"): a delegation
    member, or a receiving official of the host, unless ``role`` says otherwise.
    Numbered after the side's last participant."""
    from django.db.models import Max

    from visits.models import DelegationRole, Participant

    if role is None:
        role = DelegationRole.MEMBER if side == "visitor" else DelegationRole.RECEIVING_OFFICIAL
    last = visit.participants.filter(side=side).aggregate(last=Max("order"))["last"] or 0
    return Participant.objects.create(
        visit=visit,
        side=side,
        role=role,
        name=name or f"Peserta {next(_counter)}",
        order=fields.pop("order", last + 1),
        **fields,
    )


def make_report(visit, agency, *, status="draft", by=None, **fields):
    """``agency``'s report of ``visit`` in ``status`` (a published one has a date)."""
    from reports.models import Report, ReportStatus

    if status == ReportStatus.PUBLISHED:
        fields.setdefault("published_at", timezone.now())
    return Report.objects.create(
        visit=visit,
        agency=agency,
        status=status,
        title=fields.pop("title", f"Studi tiru {next(_counter)}"),
        created_by=by,
        **fields,
    )


def make_adoption_item(report, topic="SLRT", *, status="proposed", **fields):
    """An ATM item of ``report``'s plan, by default due in three months."""
    from reports.models import AdoptionItem

    return AdoptionItem.objects.create(
        report=report,
        topic=Topic.objects.get(code=topic),
        status=status,
        observe=fields.pop("observe", "SLRT terintegrasi Puskesos kelurahan."),
        replicate=fields.pop("replicate", "Integrasi SLRT ke Puskesos."),
        modify=fields.pop("modify", "Di tingkat desa."),
        target_date=fields.pop("target_date", timezone.localdate() + datetime.timedelta(days=90)),
        success_indicator=fields.pop("success_indicator", "Puskesos aktif di 10 desa."),
        **fields,
    )
