"""A request and the host's other date are for a time to come, on the
host's clock; a visit that really took place earlier is recorded by a
national administrator in the admin."""

import datetime
import zoneinfo

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.editing import opened
from tests.factories import make_agency, make_visit
from tests.snapshots import unchanged
from tests.visits.test_request_form import request_data
from visits import services
from visits.models import Visit, VisitStatus

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def errors_of(response):
    return response.context["form"].errors


def test_a_new_request_dated_in_the_past_is_refused_naming_the_rule(client, salatiga, magelang):
    client.force_login(salatiga.staff)

    with unchanged("visits"):
        response = client.post(
            reverse("visits:create"), request_data(magelang.agency, start_date="2019-01-01")
        )

    assert response.status_code == 200
    [message] = errors_of(response)["start_date"]
    assert message.startswith("Tanggal mulai 1 Januari 2019 sudah lewat: kunjungan hanya dapat")
    assert "hari ini atau sesudahnya" in message and "WIB" in message
    # The rest of the input is kept.
    assert response.context["form"]["title"].value() == "Studi tiru Forum TJSLP"


def test_a_new_request_for_an_hour_already_gone_today_is_refused(salatiga, magelang):
    now = datetime.datetime(2026, 6, 14, 10, 0, tzinfo=WIB)
    start = now - datetime.timedelta(hours=1)

    field, message = services.date_refusal(
        host=magelang.agency, start=start, end=now + datetime.timedelta(hours=3), now=now
    )

    assert field == "start_time"
    assert message == (
        "Jam mulai 09.00 WIB sudah lewat hari ini (sekarang pukul 10.00 WIB): "
        "kunjungan hanya dapat diajukan untuk waktu yang akan datang."
    )
    assert (
        services.date_refusal(
            host=magelang.agency, start=now, end=now + datetime.timedelta(hours=3), now=now
        )
        is None
    )


def test_today_is_counted_on_the_hosts_clock(salatiga):
    ambon = make_agency("81.71")  # Kota Ambon, Maluku: WIT, UTC+9
    # 23.30 WIB on 14 June is already 01.30 WIT on the 15th.
    now = datetime.datetime(2026, 6, 14, 16, 30, tzinfo=datetime.UTC)
    start = datetime.datetime(2026, 6, 14, 14, 0, tzinfo=datetime.UTC)

    field, message = services.date_refusal(host=salatiga.agency, start=start, end=now, now=now)
    assert field == "start_time"
    assert "Jam mulai 21.00 WIB sudah lewat hari ini (sekarang pukul 23.30 WIB)" in message

    field, message = services.date_refusal(host=ambon, start=start, end=now, now=now)
    assert field == "start_date"
    assert "Tanggal mulai 14 Juni 2026 sudah lewat" in message
    assert "(hari ini 15 Juni 2026, waktu WIT)" in message


def test_the_service_refuses_a_past_request_too(salatiga, magelang):
    start = timezone.now() - datetime.timedelta(days=400)
    visit = Visit(host=magelang.agency, title="Studi tiru", start=start, end=start)

    with unchanged("visits"), pytest.raises(ValidationError, match="sudah lewat"):
        services.visit_create(visit=visit, topics=[], by=salatiga.staff)


def test_a_draft_whose_date_has_passed_is_edited_but_not_submitted(client, salatiga, magelang):
    past = timezone.now() - datetime.timedelta(days=3)
    visit = make_visit(
        magelang.agency, salatiga.agency, status=VisitStatus.DRAFT, start=past, topics=["DTKS"]
    )
    client.force_login(salatiga.staff)

    with unchanged("visits"):
        response = client.post(reverse("visits:submit", args=[visit.pk]), {})

    assert response.status_code == 200
    assert "sudah lewat" in str(errors_of(response))
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DRAFT


def test_a_request_moved_into_the_past_is_refused_but_a_past_one_keeps_its_date(
    client, salatiga, magelang
):
    past = datetime.datetime.combine(
        timezone.localdate() - datetime.timedelta(days=30), datetime.time(9, 0), tzinfo=WIB
    )
    stale = make_visit(
        magelang.agency, salatiga.agency, status=VisitStatus.DRAFT, start=past, topics=["DTKS"]
    )
    coming = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.DRAFT)
    client.force_login(salatiga.staff)

    edit = reverse("visits:edit", args=[coming.pk])
    with unchanged("visits"):
        response = client.post(
            edit, request_data(magelang.agency, start_date="2019-01-01") | opened(client, edit)
        )
    assert "Tanggal mulai 1 Januari 2019 sudah lewat" in str(errors_of(response)["start_date"])

    # A draft whose date passed meanwhile is still edited with its date as it was.
    edit = reverse("visits:edit", args=[stale.pk])
    kept = request_data(
        magelang.agency, title="Judul baru", start_date=past.date().isoformat(), end_time="15:00"
    )
    response = client.post(edit, kept | opened(client, edit))
    assert response.status_code == 302
    stale.refresh_from_db()
    assert (stale.title, stale.start) == ("Judul baru", past)


def propose(client, user, visit, day, start="09:00", end="12:00"):
    client.force_login(user)
    data = {"start_date": day, "start_time": start, "end_time": end, "comment": "Rapat."}
    return client.post(reverse("visits:propose_date", args=[visit.pk]), data)


def test_the_host_may_not_propose_a_date_in_the_past(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED)

    with unchanged("visits"):
        response = propose(client, magelang.staff, visit, "2020-05-05")

    assert response.status_code == 200
    [message] = errors_of(response)["start_date"]
    assert message.startswith("Tanggal usulan 5 Mei 2020 sudah lewat")


def test_the_host_may_not_propose_the_date_already_requested(client, salatiga, magelang):
    start = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=30), datetime.time(9, 0), tzinfo=WIB
    )
    end = start + datetime.timedelta(hours=3)
    visit = make_visit(
        magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED, start=start, end=end
    )

    with unchanged("visits"):
        response = propose(client, magelang.staff, visit, start.date().isoformat())

    assert response.status_code == 200
    [message] = errors_of(response)["start_date"]
    assert message.startswith("Tanggal usulan sama dengan jadwal yang diajukan (")
    assert message.endswith(
        "09.00–12.00 WIB): usulkan tanggal atau jam lain, atau terima permohonan."
    )

    # The same day at other hours is another date.
    propose(client, magelang.staff, visit, start.date().isoformat(), "13:00", "15:00")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DATE_PROPOSED


def test_an_administrator_records_a_visit_held_before_the_portal(salatiga, magelang, admin_user):
    start = datetime.datetime(2019, 1, 1, 9, 0, tzinfo=WIB)
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.DRAFT, start=start)

    services.visit_record_past(visit=visit, by=admin_user)

    visit.refresh_from_db()
    assert visit.status == VisitStatus.HELD
    assert [(e.from_status, e.to_status) for e in visit.events.order_by("pk")] == [
        (VisitStatus.DRAFT, VisitStatus.REQUESTED),
        (VisitStatus.REQUESTED, VisitStatus.SCHEDULED),
        (VisitStatus.SCHEDULED, VisitStatus.HELD),
    ]
    assert {e.comment for e in visit.events.all()} == {
        "Dicatat oleh administrator: kunjungan yang sudah terlaksana."
    }


def test_only_a_draft_that_is_over_is_recorded_as_held(salatiga, magelang, admin_user):
    coming = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.DRAFT)
    past = timezone.now() - datetime.timedelta(days=30)
    scheduled = make_visit(magelang.agency, salatiga.agency, start=past)

    with unchanged("visits"):
        with pytest.raises(ValidationError, match="Kunjungan belum selesai"):
            services.visit_record_past(visit=coming, by=admin_user)
        with pytest.raises(ValidationError, match="Hanya draf"):
            services.visit_record_past(visit=scheduled, by=admin_user)
        with pytest.raises(PermissionDenied):
            services.visit_record_past(visit=coming, by=salatiga.staff)


def test_the_admin_action_records_the_chosen_past_visits(admin_client, salatiga, magelang):
    start = datetime.datetime(2019, 1, 1, 9, 0, tzinfo=WIB)
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.DRAFT, start=start)
    assert "record_past" in admin.site._registry[Visit].actions

    response = admin_client.post(
        reverse("admin:visits_visit_changelist"),
        {"action": "record_past", "_selected_action": [visit.pk]},
        follow=True,
    )

    assert "1 kunjungan dicatat sebagai sudah terlaksana." in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.HELD
