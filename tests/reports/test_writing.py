"""Writing a report and its review: started from a held visit by a writer of
either agency, written on one page without two writers overwriting each
other, submitted, approved, returned with a comment, withdrawn and published
by a head of the same agency — and shown to that agency only, escaped."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import User
from reports import services
from reports.models import Author, Finding, Quote, Report, ReportEvent, ReportStatus
from reports.selectors import dashboard_report_sections
from tests.factories import make_held_visit, make_participant, make_report, make_user, make_visit
from tests.snapshots import unchanged
from visits.models import AgendaItem, Venue, VisitStatus

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def visit(salatiga, magelang):
    """Salatiga's visit to Magelang on FTJSLP and DTKS, held last week."""
    visit = make_held_visit(
        magelang.agency,
        salatiga.agency,
        days_ago=7,
        topics=["FTJSLP", "DTKS"],
        title="Studi tiru FTJSLP",
    )
    visit.visit_topics.filter(topic__code="FTJSLP").update(
        questions="Bagaimana forum TJSLP dibentuk?"
    )
    return visit


@pytest.fixture
def report(visit, salatiga):
    """Salatiga's draft report, started by its penyuluh."""
    return services.report_create(visit=visit, by=salatiga.penyuluh)


def url(name, obj):
    return reverse(f"reports:{name}", args=[obj.pk])


def edit_data(response, **changes):
    """The edit page's form as the browser would post it unchanged, then
    ``changes`` (field name -> value)."""
    data = {}
    form = response.context["form"]
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else str(value)
    for key in ("findings", "quotes", "authors"):
        formset = response.context[key]
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, 0)
        for row in formset.forms:
            for name, field in row.fields.items():
                if name == "DELETE":
                    continue
                value = row.initial.get(name, field.initial)
                data[row.add_prefix(name)] = "" if value is None else str(value)
    data.update(changes)
    return data


def open_editor(client, user, report):
    client.force_login(user)
    response = client.get(url("edit", report))
    assert response.status_code == 200
    return response


# --- Starting a report -----------------------------------------------------------------


def test_a_penyuluh_starts_the_report_and_lands_on_its_page_to_write(client, visit, salatiga):
    client.force_login(salatiga.penyuluh)

    response = client.post(reverse("reports:create", args=[visit.pk]))

    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("edit", report)
    assert (report.agency, report.status, report.created_by) == (
        salatiga.agency,
        ReportStatus.DRAFT,
        salatiga.penyuluh,
    )
    assert [f.topic.code for f in report.findings.order_by("order")] == ["FTJSLP", "DTKS"]
    assert [a.name for a in report.authors.all()] == ["Penyuluh salatiga"]


def test_the_host_writes_its_own_report_of_the_same_visit(client, visit, magelang, report):
    client.force_login(magelang.penyuluh)

    client.post(reverse("reports:create", args=[visit.pk]))

    assert sorted(Report.objects.values_list("agency__slug", flat=True)) == [
        "kota-magelang",
        "kota-salatiga",
    ]


def test_starting_a_report_answers_405_to_get(client, visit, salatiga):
    client.force_login(salatiga.penyuluh)

    with unchanged("reports", "visits"):
        assert client.get(reverse("reports:create", args=[visit.pk])).status_code == 405
    assert not Report.objects.exists()


def test_staff_cannot_start_a_report_and_another_agency_gets_404(client, visit, salatiga, malang):
    client.force_login(salatiga.staff)
    with unchanged("reports", "visits"):
        assert client.post(reverse("reports:create", args=[visit.pk])).status_code == 403
    client.force_login(malang.penyuluh)
    with unchanged("reports", "visits"):
        assert client.post(reverse("reports:create", args=[visit.pk])).status_code == 404
    assert not Report.objects.exists()


def test_a_report_cannot_be_started_before_the_visit_is_held(client, visit, salatiga):
    visit.status = VisitStatus.SCHEDULED
    visit.save()
    client.force_login(salatiga.penyuluh)

    with unchanged("reports", "visits"):
        assert client.post(reverse("reports:create", args=[visit.pk])).status_code == 403


def test_starting_a_second_report_leads_to_the_existing_one(client, visit, salatiga, report):
    client.force_login(salatiga.head)

    response = client.post(reverse("reports:create", args=[visit.pk]), follow=True)

    assert response.redirect_chain == [(url("detail", report), 302)]
    assert "sudah memiliki laporan" in response.content.decode()
    assert Report.objects.count() == 1


# --- Writing ---------------------------------------------------------------------------


def test_the_writer_saves_text_findings_quotes_and_authors(client, salatiga, report):
    response = open_editor(client, salatiga.penyuluh, report)
    data = edit_data(
        response,
        general="Kota Salatiga belajar FTJSLP.",
        signatory_nip="197005051995031002",
        **{
            "temuan-0-text": "Forum dibentuk dengan Perda.",
            "kutipan-TOTAL_FORMS": "1",
            "kutipan-0-text": "CSR harus tepat sasaran.",
            "kutipan-0-speaker_name": "Hadi Sutopo",
            "kutipan-0-speaker_position": "Kepala Dinas Sosial Kota Magelang",
            "penulis-TOTAL_FORMS": "2",
            "penulis-1-front_title": "Drs.",
            "penulis-1-name": "Dwi Ambar Pratiknyo",
            "penulis-1-back_title": "MPSSp",
            "penulis-1-position": "Penyuluh Sosial Madya",
        },
    )

    response = client.post(url("edit", report), data)

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.general, report.signatory_nip, report.version) == (
        "Kota Salatiga belajar FTJSLP.",
        "197005051995031002",
        2,
    )
    assert [(f.topic.code, f.text) for f in report.findings.all()] == [
        ("FTJSLP", "Forum dibentuk dengan Perda."),
        ("DTKS", ""),
    ]
    assert [(q.speaker_name, q.text) for q in report.quotes.all()] == [
        ("Hadi Sutopo", "CSR harus tepat sasaran.")
    ]
    assert [(a.full_name, a.user) for a in report.authors.all()] == [
        ("Penyuluh salatiga", salatiga.penyuluh),
        ("Drs. Dwi Ambar Pratiknyo, MPSSp", None),
    ]


def test_a_quote_row_marked_for_deletion_is_removed(client, salatiga, report):
    Quote.objects.create(report=report, text="Satu", speaker_name="A")
    Quote.objects.create(report=report, text="Dua", speaker_name="B")
    response = open_editor(client, salatiga.penyuluh, report)

    client.post(url("edit", report), edit_data(response, **{"kutipan-0-DELETE": "on"}))

    assert list(report.quotes.values_list("text", flat=True)) == ["Dua"]


def test_a_bad_nip_keeps_the_text_and_saves_nothing(client, salatiga, report):
    response = open_editor(client, salatiga.penyuluh, report)

    with unchanged("reports", "visits"):
        response = client.post(
            url("edit", report),
            edit_data(response, conclusion="Simpulan panjang.", signatory_nip="12345"),
        )

    assert response.status_code == 200
    content = response.content.decode()
    assert "NIP harus terdiri dari 18 angka" in content
    assert "Simpulan panjang." in content
    report.refresh_from_db()
    assert (report.conclusion, report.version) == ("", 1)


def test_removing_every_author_is_refused(client, salatiga, report):
    response = open_editor(client, salatiga.penyuluh, report)

    with unchanged("reports", "visits"):
        response = client.post(
            url("edit", report), edit_data(response, **{"penulis-0-DELETE": "on"})
        )

    assert "sekurang-kurangnya satu penulis" in response.content.decode()
    assert report.authors.count() == 1


def test_the_second_of_two_concurrent_saves_keeps_its_text_and_is_told_who_saved(
    client, salatiga, report
):
    colleague = make_user(salatiga.agency, "penyuluh", name="Rina Wulandari")
    first = open_editor(client, colleague, report)
    second = open_editor(client, salatiga.penyuluh, report)
    client.force_login(colleague)
    assert (
        client.post(
            url("edit", report), edit_data(first, conclusion="Teks Rina yang tersimpan.")
        ).status_code
        == 302
    )

    client.force_login(salatiga.penyuluh)
    with unchanged("reports", "visits"):
        response = client.post(
            url("edit", report),
            edit_data(second, conclusion="Teks kedua <b>tebal</b>", **{"temuan-1-text": "DTKS."}),
        )

    assert response.status_code == 409
    content = response.content.decode()
    saved_at = timezone.localtime(Report.objects.get().updated_at, salatiga.agency.tzinfo)
    assert f"Laporan ini telah diubah oleh Rina Wulandari pada {saved_at.day} " in content.replace(
        "\n", " "
    )
    assert "Perubahan Anda belum tersimpan; salin teks Anda, muat ulang halaman" in content
    # The user's text is in the re-rendered form, escaped ...
    assert "Teks kedua &lt;b&gt;tebal&lt;/b&gt;</textarea>" in content
    assert ">DTKS.</textarea>" in content
    # ... and the saved text is shown beside it.
    assert "Teks Rina yang tersimpan." in content
    report.refresh_from_db()
    assert (report.conclusion, report.version, report.updated_by) == (
        "Teks Rina yang tersimpan.",
        2,
        colleague,
    )
    assert report.findings.get(topic__code="DTKS").text == ""


def test_a_save_after_the_report_was_submitted_keeps_the_text(client, salatiga, report):
    page = open_editor(client, salatiga.penyuluh, report)
    services.report_submit(report=report, by=salatiga.head)

    with unchanged("reports", "visits"):
        response = client.post(url("edit", report), edit_data(page, closing="Penutup saya."))

    assert response.status_code == 409
    content = response.content.decode()
    assert "Laporan ini telah diubah oleh Kepala salatiga" in content
    assert "Menunggu persetujuan" in content
    assert "Penutup saya.</textarea>" in content
    report.refresh_from_db()
    assert report.closing == ""


def test_only_writers_of_the_agency_open_the_editor_of_a_draft(client, salatiga, magelang, report):
    for user, status in [
        (salatiga.head, 200),
        (salatiga.staff, 403),
        (magelang.penyuluh, 404),
    ]:
        client.force_login(user)
        assert client.get(url("edit", report)).status_code == status, user
    client.force_login(salatiga.staff)
    with unchanged("reports", "visits"):
        assert client.post(url("edit", report), {}).status_code == 403


def test_a_submitted_report_cannot_be_edited(client, salatiga, report):
    services.report_submit(report=report, by=salatiga.penyuluh)
    client.force_login(salatiga.penyuluh)

    assert client.get(url("edit", report)).status_code == 403


def test_the_editor_shows_the_visit_facts_read_only_and_the_heads_comment(
    client, visit, salatiga, report
):
    Venue.objects.create(visit=visit, name="Aula Dinas Sosial Kota Magelang")
    AgendaItem.objects.create(visit=visit, start=visit.start, title="Paparan FTJSLP")
    make_participant(visit, name="Slamet Setyo Budi")
    services.report_submit(report=report, by=salatiga.penyuluh)
    services.report_return(report=report, by=salatiga.head, comment="Lengkapi bagian dasar.")

    content = open_editor(client, salatiga.penyuluh, report).content.decode()

    assert "Aula Dinas Sosial Kota Magelang" in content
    assert "Paparan FTJSLP" in content
    assert "Rombongan Dinas Sosial Kota Salatiga: 1 orang" in content
    assert "Bagaimana forum TJSLP dibentuk?" in content
    assert "Lengkapi bagian dasar." in content
    assert 'name="start"' not in content and 'name="venue"' not in content


# --- Review ----------------------------------------------------------------------------


def page_as(client, user, name, report):
    """The content of ``report``'s page ``name`` as ``user`` sees it."""
    client.force_login(user)
    return client.get(url(name, report)).content.decode()


def act(client, user, name, report, data=None):
    client.force_login(user)
    return client.post(url(name, report), data or {})


def test_the_writer_submits_and_a_head_approves_and_the_held_visit_becomes_reported(
    client, visit, salatiga, report
):
    assert act(client, salatiga.penyuluh, "submit", report).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    assert act(client, salatiga.head, "approve", report, {"comment": "Bagus."}).status_code == 302

    report.refresh_from_db()
    visit.refresh_from_db()
    assert (report.status, visit.status) == (ReportStatus.APPROVED, VisitStatus.REPORTED)
    assert list(report.events.values_list("from_status", "to_status", "comment")) == [
        ("", "draft", ""),
        ("draft", "submitted", ""),
        ("submitted", "approved", "Bagus."),
    ]


def test_a_penyuluh_cannot_approve_publish_or_return(client, salatiga, report):
    services.report_submit(report=report, by=salatiga.penyuluh)

    for name in ("approve", "return"):
        with unchanged("reports", "visits"):
            assert act(client, salatiga.penyuluh, name, report, {"comment": "x"}).status_code == 403
            assert client.get(url(name, report)).status_code == 403
    services.report_approve(report=report, by=salatiga.head)
    for name in ("publish", "withdraw"):
        with unchanged("reports", "visits"):
            assert act(client, salatiga.penyuluh, name, report).status_code == 403

    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED


def test_staff_cannot_submit(client, salatiga, report):
    with unchanged("reports", "visits"):
        assert act(client, salatiga.staff, "submit", report).status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_head_of_the_other_agency_gets_404(client, salatiga, magelang, malang, report):
    services.report_submit(report=report, by=salatiga.penyuluh)

    for user in (magelang.head, malang.head):
        client.force_login(user)
        assert client.get(url("detail", report)).status_code == 404
        with unchanged("reports", "visits"):
            assert act(client, user, "approve", report).status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_returning_needs_a_comment(client, salatiga, report):
    services.report_submit(report=report, by=salatiga.penyuluh)

    with unchanged("reports", "visits"):
        response = act(client, salatiga.head, "return", report, {"comment": "  "})

    assert response.status_code == 200
    assert "Tuliskan apa yang perlu diperbaiki." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_returned_report_is_a_draft_again_with_the_heads_comment(client, salatiga, report):
    services.report_submit(report=report, by=salatiga.penyuluh)

    act(client, salatiga.head, "return", report, {"comment": "Tambahkan kutipan."})

    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    event = report.events.last()
    assert (event.actor, event.comment) == (salatiga.head, "Tambahkan kutipan.")
    content = page_as(client, salatiga.penyuluh, "detail", report)
    assert "Dikembalikan untuk diperbaiki" in content
    assert "Tambahkan kutipan." in content


def test_a_head_withdraws_an_approval_and_publishes_after_approving_again(client, salatiga, report):
    services.report_submit(report=report, by=salatiga.penyuluh)
    services.report_approve(report=report, by=salatiga.head)

    act(client, salatiga.head, "withdraw", report)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT

    services.report_submit(report=report, by=salatiga.penyuluh)
    services.report_approve(report=report, by=salatiga.head)
    assert act(client, salatiga.head, "publish", report).status_code == 302

    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_at is not None


def test_a_draft_cannot_be_published_or_approved(client, salatiga, report):
    with unchanged("reports", "visits"):
        assert act(client, salatiga.head, "publish", report).status_code == 403
        assert act(client, salatiga.head, "approve", report).status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_submit_page_lists_the_sections_still_empty(client, salatiga, report):
    content = page_as(client, salatiga.penyuluh, "submit", report)

    assert "Bagian berikut masih kosong" in content
    assert "Temuan FTJSLP, DTKS" in content


def test_the_report_page_shows_the_actions_each_person_may_take(client, salatiga, report):
    services.report_submit(report=report, by=salatiga.penyuluh)

    content = page_as(client, salatiga.head, "detail", report)
    assert url("approve", report) in content and url("return", report) in content

    content = page_as(client, salatiga.penyuluh, "detail", report)
    assert url("approve", report) not in content and url("edit", report) not in content


# --- E-mail ----------------------------------------------------------------------------


def test_submitting_emails_the_heads_and_returning_emails_the_writers(
    client, salatiga, magelang, report, mailoutbox, django_capture_on_commit_callbacks
):
    make_user(magelang.agency, "head", email="kepala2.magelang@test.id")  # another agency

    with django_capture_on_commit_callbacks(execute=True):
        act(client, salatiga.penyuluh, "submit", report)
    assert [m.to for m in mailoutbox] == [["kepala.salatiga@test.id"]]
    assert "Diajukan untuk disetujui" in mailoutbox[0].subject
    assert f"/laporan/{report.pk}/" in mailoutbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        act(client, salatiga.head, "return", report, {"comment": "Lengkapi dasar & tujuan."})
    assert [m.to for m in mailoutbox[1:]] == [["penyuluh.salatiga@test.id"]]
    assert "Dikembalikan untuk diperbaiki" in mailoutbox[1].subject
    assert "Lengkapi dasar & tujuan." in mailoutbox[1].body


def test_approving_emails_the_writers_but_not_the_head_who_wrote_too(
    salatiga, report, mailoutbox, django_capture_on_commit_callbacks
):
    Author.objects.create(report=report, name="Kepala", user=salatiga.head)
    services.report_submit(report=report, by=salatiga.penyuluh)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.report_approve(report=report, by=salatiga.head)

    assert [m.to for m in mailoutbox] == [["penyuluh.salatiga@test.id"]]
    assert "Disetujui" in mailoutbox[0].subject


# --- The pages -------------------------------------------------------------------------


def test_the_report_page_is_in_the_official_order_with_participants_and_authors(
    client, visit, salatiga, report
):
    make_participant(visit, name="Slamet Setyo Budi", position="Sekretaris Dinas")
    make_participant(visit, "host", name="Hadi Sutopo", position="Kepala Dinas")
    Quote.objects.create(report=report, text="Kutipan.", speaker_name="Bapak Wali Kota")
    Report.objects.filter(pk=report.pk).update(
        general="Umum.", conclusion="Simpulan.", signatory_name="Dra. Ani"
    )
    client.force_login(salatiga.staff)  # a member without a writer role reads it

    response = client.get(url("detail", report))

    assert response.status_code == 200
    content = response.content.decode()
    order = [
        "LAPORAN TENTANG",
        "A. Pendahuluan",
        "Umum.",
        "B. Kegiatan yang dilaksanakan",
        "C. Hasil yang dicapai",
        "Forum Tanggung Jawab Sosial",
        "Kutipan.",
        "D. Simpulan dan saran",
        "Simpulan.",
        "E. Penutup",
        "Dra. Ani",
        "Penulis laporan",
        "Penyuluh salatiga",
        "Slamet Setyo Budi",
        "Hadi Sutopo",
    ]
    positions = [content.index(text) for text in order]
    assert positions == sorted(positions)
    assert reverse("reports:attendance_pdf", args=[visit.pk]) in content
    assert url("report_pdf", report) in content and url("plan", report) in content
    assert url("edit", report) not in content


def test_user_text_is_escaped_on_the_report_page(client, salatiga, report):
    evil = "<script>alert(1)</script> <img src=http://example.com/x.png>"
    Report.objects.filter(pk=report.pk).update(title=evil, general=evil, conclusion=evil)
    Finding.objects.filter(report=report).update(text=evil)
    Quote.objects.create(report=report, text=evil, speaker_name=evil, speaker_position=evil)
    Author.objects.filter(report=report).update(name=evil)
    client.force_login(salatiga.penyuluh)

    for name in ("detail", "edit"):
        content = client.get(url(name, report)).content.decode()
        assert "<script>alert(1)" not in content
        assert "<img src=http://example.com" not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
        assert "&lt;img src=http://example.com/x.png&gt;" in content


def test_the_report_list_shows_the_agencys_reports_to_every_member(
    client, visit, salatiga, magelang, report
):
    make_report(visit, magelang.agency, title="Laporan Magelang")
    client.force_login(salatiga.staff)

    response = client.get(reverse("reports:list"))

    assert [r.pk for r in response.context["reports"]] == [report.pk]
    assert url("detail", report) in response.content.decode()


def test_the_report_list_filters_by_status_and_searches_the_title(client, salatiga, magelang):
    other_visits = [
        make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD) for _ in range(3)
    ]
    draft = make_report(other_visits[0], salatiga.agency, title="Studi tiru SLRT")
    submitted = make_report(
        other_visits[1], salatiga.agency, status="submitted", title="Studi tiru DTKS"
    )
    make_report(other_visits[2], salatiga.agency, status="published", title="Kunjungan FTJSLP")
    client.force_login(salatiga.penyuluh)

    def listed(query):
        response = client.get(reverse("reports:list"), query)
        return sorted(r.pk for r in response.context["reports"])

    assert listed({"status": "submitted"}) == [submitted.pk]
    assert listed({"q": "studi tiru"}) == sorted([draft.pk, submitted.pk])
    assert listed({"q": "slrt", "status": "draft"}) == [draft.pk]
    assert listed({"status": "bogus"}) == listed({})


@pytest.mark.parametrize("count", [2, 20])
def test_the_report_list_runs_a_fixed_number_of_queries(
    client, salatiga, magelang, django_assert_num_queries, count
):
    for _ in range(count):
        visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
        make_report(visit, salatiga.agency, by=salatiga.penyuluh, updated_by=salatiga.penyuluh)
    client.force_login(salatiga.penyuluh)

    # session, user with membership, count, page of reports with visits and agencies
    with django_assert_num_queries(4):
        response = client.get(reverse("reports:list"))

    assert len(response.context["reports"]) == count


def add_quotes_authors_and_members(report, visit, count):
    """``count`` quotes and authors of ``report``, and members of its delegation."""
    for n in range(count):
        Quote.objects.create(report=report, text=f"Kutipan {n}", speaker_name=f"Pembicara {n}")
        Author.objects.create(report=report, name=f"Penulis {n}")
        make_participant(visit)


@pytest.mark.parametrize("count", [2, 20])
def test_the_report_page_runs_a_fixed_number_of_queries(
    client, visit, salatiga, report, django_assert_num_queries, count
):
    add_quotes_authors_and_members(report, visit, count)
    for n in range(count):
        make_participant(visit, "host")
        AgendaItem.objects.create(visit=visit, start=visit.start, title=f"Acara {n}")
        ReportEvent.objects.create(report=report, actor=salatiga.head, to_status="draft")
    client.force_login(salatiga.penyuluh)

    # session, user, report, participants, venues, agenda, host's province,
    # findings, quotes, authors, photos, events
    with django_assert_num_queries(11):
        response = client.get(url("detail", report))

    assert response.content.decode().count("Kutipan ") == count


@pytest.mark.parametrize("count", [2, 20])
def test_the_edit_page_runs_a_fixed_number_of_queries(
    client, visit, salatiga, report, django_assert_num_queries, count
):
    add_quotes_authors_and_members(report, visit, count)
    client.force_login(salatiga.penyuluh)

    with django_assert_num_queries(11):
        response = client.get(url("edit", report))

    assert len(response.context["quotes"].forms) == count


# --- The visit page and the dashboard --------------------------------------------------


def visit_page(client, user, visit):
    client.force_login(user)
    return client.get(reverse("visits:detail", args=[visit.pk])).content.decode()


def test_the_write_button_shows_to_writers_of_either_agency_only(client, visit, salatiga, magelang):
    button = f'action="{reverse("reports:create", args=[visit.pk])}"'
    for user, shown in [
        (salatiga.penyuluh, True),
        (salatiga.head, True),
        (magelang.penyuluh, True),
        (salatiga.staff, False),
        (magelang.staff, False),
    ]:
        assert (button in visit_page(client, user, visit)) is shown, user


def test_no_write_button_before_the_visit_is_held(client, visit, salatiga):
    visit.status = VisitStatus.SCHEDULED
    visit.save()

    assert "reports:create" not in visit_page(client, salatiga.penyuluh, visit)
    assert reverse("reports:create", args=[visit.pk]) not in visit_page(
        client, salatiga.penyuluh, visit
    )


def test_the_visit_page_links_our_report_and_the_others_published_one(
    client, visit, salatiga, magelang, report
):
    host_report = make_report(visit, magelang.agency, title="Penerimaan studi tiru Salatiga")

    content = visit_page(client, salatiga.penyuluh, visit)
    assert url("detail", report) in content
    assert reverse("reports:create", args=[visit.pk]) not in content
    assert "Penerimaan studi tiru Salatiga" not in content  # a draft of the other agency

    host_report.status = ReportStatus.PUBLISHED
    host_report.published_at = timezone.now()
    host_report.save()
    content = visit_page(client, salatiga.penyuluh, visit)
    assert (
        reverse("reports:news_detail", args=[host_report.pk, "penerimaan-studi-tiru-salatiga"])
        in content
    )
    # Its public page and its PDF, never its page inside the portal.
    assert f'href="{url("detail", host_report)}"' not in content
    assert url("detail", host_report) not in content.replace(url("report_pdf", host_report), "")
    assert url("report_pdf", host_report) in content


def dashboard_sections(client, user):
    client.force_login(user)
    content = client.get(reverse("visits:dashboard")).content.decode()
    return content


def test_a_penyuluh_sees_visits_to_report_on_and_drafts_on_the_dashboard(
    client, visit, salatiga, magelang
):
    content = dashboard_sections(client, salatiga.penyuluh)
    assert "Laporan yang perlu ditulis" in content
    assert reverse("visits:detail", args=[visit.pk]) in content
    assert "Laporan menunggu persetujuan" not in content

    report = services.report_create(visit=visit, by=salatiga.penyuluh)
    content = dashboard_sections(client, salatiga.penyuluh)
    assert f"{reverse('visits:detail', args=[visit.pk])}#laporan" not in content
    assert url("detail", report) in content  # among the drafts
    # The host has not written its own report yet.
    assert f"{reverse('visits:detail', args=[visit.pk])}#laporan" in dashboard_sections(
        client, magelang.penyuluh
    )


def test_a_head_sees_reports_to_approve_and_to_publish(client, salatiga, magelang, report):
    services.report_submit(report=report, by=salatiga.penyuluh)
    other_visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    approved = make_report(other_visit, salatiga.agency, status="approved")

    content = dashboard_sections(client, salatiga.head)

    assert 'data-count="reports_to_review">1<' in content
    assert 'data-count="reports_to_publish">1<' in content
    assert url("detail", report) in content and url("detail", approved) in content
    assert url("detail", report) not in dashboard_sections(client, magelang.head)


def test_staff_get_no_report_sections(client, visit, salatiga):
    assert "Laporan yang perlu ditulis" not in dashboard_sections(client, salatiga.staff)


@pytest.mark.parametrize("count", [1, 10])
def test_the_report_sections_of_the_dashboard_run_two_queries(
    salatiga, magelang, django_assert_num_queries, count
):
    for status in ("held", "draft", "submitted", "approved"):
        for _ in range(count):
            visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
            if status != "held":
                make_report(visit, salatiga.agency, status=status)
    # As the dashboard has it: the user with their membership and agency.
    user = User.objects.select_related("membership__agency").get(pk=salatiga.head.pk)

    with django_assert_num_queries(2):
        sections = dashboard_report_sections(user)

    assert {section.key: section.count for section in sections} == {
        "reports_to_write": count,
        "report_drafts": count,
        "reports_to_review": count,
        "reports_to_publish": count,
    }
    # The first eight of each list; its count and link cover the rest.
    assert [len(section.rows) for section in sections] == [min(count, 8)] * 4


# --- The admin -------------------------------------------------------------------------


def test_the_admin_shows_a_report_with_its_rows_and_its_status_read_only(
    admin_client, salatiga, report
):
    Quote.objects.create(report=report, text="Kutipan.", speaker_name="Hadi Sutopo")
    services.report_submit(report=report, by=salatiga.penyuluh)

    response = admin_client.get(reverse("admin:reports_report_change", args=[report.pk]))

    assert response.status_code == 200
    assert {
        inline.formset.prefix: len(inline.formset.forms)
        for inline in response.context["inline_admin_formsets"]
    } == {"findings": 2, "quotes": 1, "authors": 1, "photos": 0, "events": 2}
    adminform = response.context["adminform"]
    assert "status" not in adminform.form.fields
    assert {"status", "version", "published_at"} <= set(adminform.readonly_fields)


def test_a_text_change_in_the_admin_counts_as_a_new_version(admin_client, report):
    page = admin_client.get(reverse("admin:reports_report_change", args=[report.pk]))
    data = {
        name: value
        for name, value in page.context["adminform"].form.initial.items()
        if value is not None
    }
    # The inlines unchanged: no row sent, none touched.
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data.update(title="Judul yang dibetulkan admin", signed_on="")

    response = admin_client.post(reverse("admin:reports_report_change", args=[report.pk]), data)

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.title, report.version, report.status) == (
        "Judul yang dibetulkan admin",
        2,
        ReportStatus.DRAFT,
    )
