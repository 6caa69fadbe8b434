"""``manage.py generate_national_data`` (demo/national_data/) at a
thousandth of the national scale: rows in every state, consistent with the
lifecycle and the app's own rules, the same for the same seed, and a
``--replace`` that touches nothing but generated rows."""

import datetime
from collections import Counter
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from agencies.models import Agency, Membership, User
from agencies.validators import validate_nip
from demo import national_data
from reports.models import (
    ADOPTION_TRANSITIONS,
    REPORT_TRANSITIONS,
    AdoptionEvent,
    AdoptionItem,
    AdoptionStatus,
    CheckIn,
    Photo,
    Report,
    ReportEvent,
    ReportStatus,
)
from visits.models import (
    VISIT_TRANSITIONS,
    DelegationRole,
    EmploymentType,
    Participant,
    Side,
    Visit,
    VisitEvent,
    VisitStatus,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)
# The reference instant: the start of TODAY in Jakarta.
NOW = datetime.datetime(2026, 1, 15, tzinfo=ZoneInfo("Asia/Jakarta"))
WAITING = {
    VisitStatus.DRAFT,
    VisitStatus.REQUESTED,
    VisitStatus.DATE_PROPOSED,
    VisitStatus.SCHEDULED,
}


@pytest.fixture(scope="session")
def shared_media(tmp_path_factory):
    return tmp_path_factory.mktemp("national-media")


@pytest.fixture(autouse=True)
def media(settings, shared_media):
    """One media folder for the session: the shared photo files are made once."""
    settings.MEDIA_ROOT = shared_media


def generate(*args, seed=1):
    out = StringIO()
    call_command(
        "generate_national_data",
        "--scale=0.001",
        f"--seed={seed}",
        f"--today={TODAY.isoformat()}",
        *args,
        stdout=out,
    )
    return out.getvalue()


def snapshot():
    """What two runs with the same seed must share (not the primary keys)."""
    first_visits = list(
        Visit.objects.order_by("start", "title").values_list(
            "host__slug", "visitor__slug", "title", "status", "start", "end", "created_at"
        )[:5]
    )
    first_visit = Visit.objects.order_by("start", "title").first()
    return {
        "counts": {
            model.__name__: model.objects.count()
            for model in (Agency, User, Visit, Participant, VisitEvent, Report, AdoptionItem)
        },
        "visit states": Counter(Visit.objects.values_list("status", flat=True)),
        "report states": Counter(Report.objects.values_list("status", flat=True)),
        "item states": Counter(AdoptionItem.objects.values_list("status", flat=True)),
        "first visits": first_visits,
        "first delegation": list(
            first_visit.participants.values_list("name", "back_title", "nip", "position")
        ),
        "first report": Report.objects.order_by("created_at").values_list("title", "activities")[0],
    }


def test_it_makes_a_thousandth_of_the_national_data_set():
    output = generate()
    assert Agency.objects.filter(slug__startswith="gen-").count() == 20
    assert Visit.objects.count() == 50
    assert Participant.objects.count() == 1000
    assert Report.objects.count() == 20
    assert AdoptionItem.objects.count() == 60
    assert CheckIn.objects.exists()
    assert Photo.objects.exists()
    for agency in Agency.objects.all():
        assert 3 <= agency.divisions.count() <= 5
        roles = set(Membership.objects.filter(agency=agency).values_list("role", flat=True))
        assert roles == {"staff", "penyuluh", "head", "admin"}
        assert 6 <= agency.memberships.count() <= 12
    assert "Selesai: " in output
    assert "participant" in output  # the per-table timing lines


def test_visits_reports_and_items_are_in_every_state():
    generate()
    assert set(Visit.objects.values_list("status", flat=True)) == set(VisitStatus.values)
    assert set(Report.objects.values_list("status", flat=True)) == set(ReportStatus.values)
    assert set(AdoptionItem.objects.values_list("status", flat=True)) == set(AdoptionStatus.values)
    assert AdoptionItem.objects.overdue(today=TODAY).exists()


def test_waiting_visits_lie_ahead_and_every_recorded_step_behind():
    generate()
    for visit in Visit.objects.all():
        if visit.status in WAITING:
            assert visit.start > NOW, visit.status
        else:
            assert visit.end < NOW, visit.status
        assert visit.host_id != visit.visitor_id
        assert visit.end >= visit.start
        assert (visit.proposed_start is not None) == (visit.status == VisitStatus.DATE_PROPOSED)
    for model in (VisitEvent, ReportEvent, AdoptionEvent, CheckIn):
        assert not model.objects.filter(created_at__gte=NOW).exists(), model
    assert not Report.objects.filter(published_at__gte=NOW).exists()


def test_visits_start_in_working_hours_of_the_hosts_time_zone():
    generate()
    for visit in Visit.objects.select_related("host__province"):
        local = visit.start.astimezone(visit.host.tzinfo)
        assert 8 <= local.hour <= 13
        assert local.weekday() < 5


def _follows(events, transitions, status):
    """The timeline starts from nothing, each step leaves the state the one
    before reached along an allowed transition, and it ends in ``status``."""
    steps = [(event.from_status, event.to_status) for event in events]
    assert steps[0][0] == ""
    for (_before, reached), (left, to) in zip(steps, steps[1:], strict=False):
        assert left == reached
        assert to in transitions[left]
    assert steps[-1][1] == status
    moments = [event.created_at for event in events]
    assert moments == sorted(moments)


def test_each_timeline_follows_the_lifecycle():
    generate()
    for visit in Visit.objects.prefetch_related("events"):
        _follows(list(visit.events.all()), VISIT_TRANSITIONS, visit.status)
        assert visit.created_at <= visit.events.all()[0].created_at
    for report in Report.objects.prefetch_related("events"):
        _follows(list(report.events.all()), REPORT_TRANSITIONS, report.status)
    for item in AdoptionItem.objects.prefetch_related("events", "check_ins"):
        _follows(list(item.events.all()), ADOPTION_TRANSITIONS, item.status)
        started = any(e.to_status == AdoptionStatus.IN_PROGRESS for e in item.events.all())
        assert bool(item.check_ins.all()) == started


def test_reports_follow_the_visits_and_the_rules_of_publication():
    generate()
    for report in Report.objects.select_related("visit"):
        assert report.visit.status in {VisitStatus.HELD, VisitStatus.REPORTED}
        assert report.agency_id in {report.visit.host_id, report.visit.visitor_id}
        assert (report.published_at is not None) == (report.status == ReportStatus.PUBLISHED)
        assert report.findings.count() == report.visit.visit_topics.count()
        assert report.authors.exists()
        if report.status != ReportStatus.PUBLISHED:
            # Editable reports get no photos: deleting one would delete a shared file.
            assert not report.photos.exists()
    for visit in Visit.objects.filter(status=VisitStatus.REPORTED):
        assert visit.reports.filter(
            status__in=[ReportStatus.APPROVED, ReportStatus.PUBLISHED]
        ).exists()
        reported = visit.events.get(to_status=VisitStatus.REPORTED)
        approvals = ReportEvent.objects.filter(report__visit=visit, to_status=ReportStatus.APPROVED)
        assert reported.created_at == min(event.created_at for event in approvals)
    for photo in Photo.objects.all():
        assert default_storage.exists(photo.image.name)
        assert default_storage.exists(photo.thumbnail.name)


def test_participants_pass_the_apps_own_validation():
    generate()
    for participant in Participant.objects.all():
        participant.full_clean(validate_unique=False, validate_constraints=False)
        if participant.employment_type == EmploymentType.PNS:
            validate_nip(participant.nip)
        else:
            assert participant.nip == ""
    for membership in Membership.objects.select_related("division"):
        membership.full_clean(validate_unique=False, validate_constraints=False)
    for agency in Agency.objects.select_related("regency"):
        agency.full_clean(validate_unique=False, validate_constraints=False)
    heads = Counter(
        Participant.objects.filter(role=DelegationRole.HEAD).values_list("visit_id", flat=True)
    )
    assert set(heads.values()) == {1}
    assert len(heads) == Visit.objects.count()


def test_a_drawn_twin_nip_is_left_empty_so_the_one_nip_per_visit_rule_holds(monkeypatch):
    """The database allows one NIP once per visit; should the dice draw the
    same NIP twice for one visit, the second person's NIP is left unknown."""
    from demo.national_data import visit_rows, visits

    def same_nip(rng, sex, year):
        return "198001012005011001"

    monkeypatch.setattr(visit_rows, "random_nip", same_nip)
    monkeypatch.setattr(visits, "random_nip", same_nip)

    generate()

    per_visit = Counter(Participant.objects.exclude(nip="").values_list("visit_id", "nip"))
    assert set(per_visit.values()) == {1}
    assert len(per_visit) == Visit.objects.count()
    assert Participant.objects.filter(employment_type=EmploymentType.PNS, nip="").exists()


def test_a_bad_nip_would_have_been_caught():
    """The validation above can fail: a TMT before the birth date is refused."""
    with pytest.raises(ValidationError):
        validate_nip("198001012019011001".replace("2019", "1990"))


def test_the_benchmark_gets_a_visit_of_52_with_a_published_report_and_accounts(client):
    output = generate()
    targets = national_data.benchmark_targets()
    assert targets.visit.participants.filter(side=Side.VISITOR).count() == 52
    assert targets.visit.visitor == targets.agency
    assert targets.report.status == ReportStatus.PUBLISHED
    assert targets.report.photos.count() == 6
    assert targets.feed_token
    assert Visit.objects.filter(visitor=targets.agency, status=VisitStatus.SCHEDULED).exists()
    assert "Akun untuk benchmark" in output
    assert f"/kunjungan/{targets.visit.pk}/" in output
    emails = [email for email, _role, _agency in targets.accounts]
    assert "benchmark.staf@gen.studitiru.test" in emails
    assert client.login(email="benchmark.staf@gen.studitiru.test", password="benchmark-studitiru")
    other = User.objects.filter(email__endswith="@gen.studitiru.test").exclude(
        email__startswith="benchmark."
    )[0]
    assert not other.has_usable_password()


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    generate()
    first = snapshot()
    generate("--replace")
    assert snapshot() == first
    generate("--replace", seed=2)
    second = snapshot()
    for model in ("Visit", "Participant", "Report", "AdoptionItem"):
        assert second["counts"][model] == first["counts"][model]
    assert second["first visits"] != first["first visits"]
    assert second["first delegation"] != first["first delegation"]


def test_it_refuses_to_add_to_generated_data_without_replace():
    generate()
    with pytest.raises(CommandError, match="--replace"):
        generate()
    assert Visit.objects.count() == 50


def test_replace_leaves_the_demo_data_alone():
    call_command("load_demo", "--demo-server", stdout=StringIO())
    demo = {
        "agencies": set(Agency.objects.values_list("slug", flat=True)),
        "users": set(User.objects.values_list("email", flat=True)),
        "visits": set(Visit.objects.values_list("pk", "status")),
        "participants": Participant.objects.count(),
        "reports": set(Report.objects.values_list("pk", "status", "version")),
        "items": set(AdoptionItem.objects.values_list("pk", "status")),
    }
    output = generate()
    # The demo's four kabupaten/kota already have their Dinas Sosial.
    assert "4 wilayah dilewati" in output
    generate("--replace")
    assert Agency.objects.exclude(slug__in=demo["agencies"]).count() == 20
    assert (
        set(Agency.objects.exclude(slug__startswith="gen-").values_list("slug", flat=True))
        == (demo["agencies"])
    )
    assert demo["users"] <= set(User.objects.values_list("email", flat=True))
    demo_visits = Visit.objects.filter(pk__in=[pk for pk, _status in demo["visits"]])
    assert set(demo_visits.values_list("pk", "status")) == demo["visits"]
    assert Participant.objects.filter(visit__in=demo_visits).count() == demo["participants"]
    assert demo["reports"] <= set(Report.objects.values_list("pk", "status", "version"))
    assert demo["items"] <= set(AdoptionItem.objects.values_list("pk", "status"))
    assert not Visit.objects.filter(
        host__slug__startswith="gen-", visitor__in=demo_visits.values("visitor")
    ).exists()


def test_counts_scale_and_agencies_stay_at_least_twenty():
    assert national_data.scaled_counts(1.0) == {
        "visits": 50_000,
        "participants": 1_000_000,
        "reports": 20_000,
        "items": 60_000,
        "agencies": 552,
    }
    assert national_data.scaled_counts(0.01)["agencies"] == 20
    assert national_data.scaled_counts(0.01)["participants"] == 10_000
    assert national_data.scaled_counts(0.5, available_regions=548)["agencies"] == 276
    assert national_data.scaled_counts(1.0, available_regions=548)["agencies"] == 548
