"""The demo reports: seed 000 as Dinas Sosial Kota Magelang's published report,
seed 004 as Dinas Sosial Kabupaten Madiun's approved report with its ATM plan,
both as the articles tell them, and a second run that restores the demo's
text without touching the users' own rows or the lifecycle."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from agencies.models import Topic, User
from reports import permissions, services
from reports.models import (
    AdoptionItem,
    AdoptionStatus,
    CheckIn,
    Photo,
    Quote,
    Report,
    ReportStatus,
)

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


def load_demo():
    out = StringIO()
    call_command("load_demo", "--demo-server", stdout=out)
    return out.getvalue()


def magelang_report():
    return Report.objects.get(agency__slug="kota-magelang")


def madiun_report():
    return Report.objects.get(agency__slug="kabupaten-madiun")


def user(email):
    return User.objects.select_related("membership__agency").get(email=email)


def in_jakarta(moment):
    return moment.astimezone(JAKARTA).replace(tzinfo=None)


# --- Seed 000: Dinas Sosial Kota Magelang's report ------------------------------


def test_magelang_reports_the_salatiga_visit_and_published_it_the_day_after():
    load_demo()
    report = magelang_report()
    assert (report.visit.visitor.slug, report.visit.host.slug) == (
        "kota-salatiga",
        "kota-magelang",
    )
    assert report.status == ReportStatus.PUBLISHED
    assert in_jakarta(report.published_at) == datetime.datetime(2023, 6, 15, 10, 15)
    assert report.full_title == "Laporan tentang Penerimaan Studi Tiru Dinas Sosial Kota Salatiga"


def test_magelang_report_keeps_the_articles_definition_basis_and_atm_paragraph():
    load_demo()
    report = magelang_report()
    assert report.general.startswith(
        "Studi tiru merupakan konsep belajar yang dilakukan pada suatu lembaga"
    )
    assert "Sedangkan makna lain dari studi tiru" in report.general
    assert report.basis == "Peraturan Daerah Kota Magelang Nomor 11 Tahun 2017 tentang TJSLP."
    assert report.conclusion.endswith(
        "Konteks ATM (Amati, Tiru, Modifikasi) inilah menjadi bagian penting dalam "
        "meningkatkan pelayanan masyarakat."
    )
    assert "Drs. Hadi Sutopo, Sekretaris Dinas Sosial Kota Magelang" in report.activities


def test_magelang_report_has_a_finding_for_each_topic_of_the_visit_in_its_order():
    load_demo()
    report = magelang_report()
    visit_topics = list(report.visit.visit_topics.values_list("topic__code", flat=True))
    findings = list(report.findings.values_list("topic__code", "text"))
    assert (
        [code for code, _text in findings]
        == visit_topics
        == [
            "FTJSLP",
            "DTKS",
            "TMP",
            "ATENSI",
        ]
    )
    assert all(text for _code, text in findings)
    assert "Perda Nomor 11 Tahun 2017 tentang TJSLP" in findings[0][1]


def test_magelang_report_quotes_only_what_the_article_puts_in_quotation_marks():
    load_demo()
    assert list(
        magelang_report().quotes.values_list("speaker_name", "speaker_position", "text")
    ) == [
        (
            "Slamet Setyo Budi, S.E., M.Acc.",
            "Kepala Dinas Sosial Kota Salatiga",
            "Saya berharap membawa oleh-oleh ilmu yang dapat kami aplikasikan di Kota "
            "Salatiga terkait Penguatan Forum TJSLP",
        )
    ]


def test_magelang_report_is_signed_by_the_receiving_official_without_an_invented_nip():
    load_demo()
    report = magelang_report()
    assert (
        report.signed_place,
        report.signed_on,
        report.signatory_name,
        report.signatory_position,
        report.signatory_nip,
    ) == (
        "Magelang",
        datetime.date(2023, 6, 15),
        "Drs. Hadi Sutopo",
        "Sekretaris Dinas Sosial Kota Magelang",
        "",
    )


def test_magelang_report_names_its_two_penyuluh_as_at_the_end_of_the_article():
    load_demo()
    authors = list(magelang_report().authors.select_related("user"))
    assert [(a.full_name, a.name, a.back_title, a.position, a.user.email) for a in authors] == [
        (
            "Dwi Ambar Pratiknyo, S.Sos., MPSSp",
            "Dwi Ambar Pratiknyo",
            "S.Sos., MPSSp",
            "Penyuluh Sosial Madya",
            "penyuluh.magelang@studitiru.test",
        ),
        (
            "Tutut Hari Martanto, S.Psi",
            "Tutut Hari Martanto",
            "S.Psi",
            "Penyuluh Sosial Ahli Muda",
            "penyuluh2.magelang@studitiru.test",
        ),
    ]


def test_magelang_report_went_from_draft_to_published_by_its_penyuluh_and_its_head():
    load_demo()
    report = magelang_report()
    events = list(report.events.select_related("actor"))
    assert [(e.from_status, e.to_status, e.actor.email) for e in events] == [
        ("", ReportStatus.DRAFT, "penyuluh.magelang@studitiru.test"),
        (ReportStatus.DRAFT, ReportStatus.SUBMITTED, "penyuluh.magelang@studitiru.test"),
        (ReportStatus.SUBMITTED, ReportStatus.APPROVED, "kepala.magelang@studitiru.test"),
        (ReportStatus.APPROVED, ReportStatus.PUBLISHED, "kepala.magelang@studitiru.test"),
    ]
    assert [in_jakarta(e.created_at) for e in events] == [
        datetime.datetime(2023, 6, 14, 13, 30),
        datetime.datetime(2023, 6, 15, 8, 30),
        datetime.datetime(2023, 6, 15, 10, 0),
        datetime.datetime(2023, 6, 15, 10, 15),
    ]
    assert report.created_at == events[0].created_at
    assert events[-1].created_at == report.published_at


def test_magelang_learns_nothing_in_the_demo_so_its_report_has_no_atm_plan():
    load_demo()
    assert magelang_report().adoption_items.exists() is False


# --- Seed 004: Dinas Sosial Kabupaten Madiun's report and ATM plan ----------------


def test_madiun_reports_its_visit_to_malang_approved_and_not_yet_published():
    load_demo()
    report = madiun_report()
    assert (report.visit.visitor.slug, report.visit.host.slug) == (
        "kabupaten-madiun",
        "kota-malang",
    )
    assert (report.status, report.published_at) == (ReportStatus.APPROVED, None)
    assert "52 peserta" in report.activities
    assert "Kelurahan Pandanwangi" in report.activities


def test_a_madiun_head_can_publish_the_demo_report_and_its_penyuluh_cannot():
    load_demo()
    report = madiun_report()
    assert permissions.can_publish(user("kepala.madiun@studitiru.test"), report) is True
    assert permissions.can_publish(user("penyuluh.madiun@studitiru.test"), report) is False


def test_madiun_report_has_findings_on_slrt_puskesos_and_bpjs():
    load_demo()
    findings = list(madiun_report().findings.values_list("topic__code", "text"))
    assert [code for code, _text in findings] == ["SLRT", "PUSKESOS", "BPJS"]
    assert "Kelurahan Pandanwangi" in findings[1][1]
    assert "MoU" in findings[2][1]


def test_madiun_report_quotes_the_three_people_of_the_article_in_its_order():
    load_demo()
    quotes = list(madiun_report().quotes.values_list("speaker_name", "speaker_position", "text"))
    malang_head = "Kepala Bidang Pemberdayaan Sosial Dinas Sosial Kota Malang"
    madiun_head = "Kepala Bidang Perlindungan dan Jaminan Sosial Dinas Sosial Kabupaten Madiun"
    assert [(name, position) for name, position, _text in quotes] == [
        ("Syahrial Hamid", malang_head),
        ("Syahrial Hamid", malang_head),
        ("Andre", "Koordinator SLRT Kabupaten Madiun"),
        ("Dedy Anggoro", madiun_head),
        ("Dedy Anggoro", madiun_head),
    ]
    assert quotes[3][2] == (
        "SLRT di Kota Malang terintegrasi dalam Puskesos Kelurahan. Kami harap model ini "
        "bisa kami replikasi di Madiun. Apalagi kami memiliki 52 tenaga SLRT, masing-masing "
        "menangani 3 hingga 4 desa."
    )
    assert quotes[1][2].endswith("kami juga terbuka belajar dari pengalaman teman-teman di sana.")


def test_madiun_report_is_written_by_the_demo_penyuluh_since_the_article_names_no_author():
    load_demo()
    authors = list(madiun_report().authors.select_related("user"))
    assert [(a.full_name, a.position, a.user.email) for a in authors] == [
        (
            "Penyuluh Demo Dinsos Kabupaten Madiun",
            "Penyuluh Sosial",
            "penyuluh.madiun@studitiru.test",
        )
    ]


def test_madiun_report_was_approved_by_its_head_after_the_visit():
    load_demo()
    report = madiun_report()
    events = list(report.events.select_related("actor"))
    assert [(e.to_status, e.actor.email) for e in events] == [
        (ReportStatus.DRAFT, "penyuluh.madiun@studitiru.test"),
        (ReportStatus.SUBMITTED, "penyuluh.madiun@studitiru.test"),
        (ReportStatus.APPROVED, "kepala.madiun@studitiru.test"),
    ]
    assert all(e.created_at > report.visit.end for e in events)
    assert report.signatory_nip == ""


def test_madiun_plan_integrates_slrt_into_puskesos_at_desa_level_then_bpjs_enrolment():
    load_demo()
    items = list(madiun_report().adoption_items.select_related("topic", "division"))
    assert [
        (item.topic.code, item.status, item.division.name, item.target_date) for item in items
    ] == [
        (
            "SLRT",
            AdoptionStatus.IN_PROGRESS,
            "Bidang Perlindungan dan Jaminan Sosial",
            datetime.date(2027, 6, 30),
        ),
        (
            "BPJS",
            AdoptionStatus.APPROVED,
            "Bidang Perlindungan dan Jaminan Sosial",
            datetime.date(2027, 3, 31),
        ),
    ]
    slrt, bpjs = items
    assert "Puskesos kelurahan" in slrt.observe
    assert "tingkat desa" in slrt.modify
    assert "52 orang" in slrt.modify
    assert "3–4 desa" in slrt.modify
    assert "Puskesos aktif" in slrt.success_indicator
    assert "Penerima Bantuan Iuran (PBI)" in bpjs.replicate
    assert "MoU dengan Dinas Kesehatan dan BPJS Kesehatan" in bpjs.modify


def test_madiun_plan_items_were_proposed_by_the_penyuluh_and_approved_by_the_head():
    load_demo()
    slrt, bpjs = madiun_report().adoption_items.all()
    assert [(e.to_status, e.actor.email) for e in slrt.events.select_related("actor")] == [
        (AdoptionStatus.PROPOSED, "penyuluh.madiun@studitiru.test"),
        (AdoptionStatus.APPROVED, "kepala.madiun@studitiru.test"),
        (AdoptionStatus.IN_PROGRESS, "penyuluh.madiun@studitiru.test"),
    ]
    assert [in_jakarta(e.created_at) for e in bpjs.events.all()] == [
        datetime.datetime(2025, 8, 8, 9, 45),
        datetime.datetime(2025, 8, 11, 14, 15),
    ]
    assert in_jakarta(slrt.created_at) == datetime.datetime(2025, 8, 8, 9, 30)


def test_the_slrt_item_in_progress_has_one_dated_check_in():
    load_demo()
    slrt = madiun_report().adoption_items.get(topic__code="SLRT")
    check_ins = list(slrt.check_ins.select_related("created_by"))
    assert [(c.date, c.created_by.email, c.evidence.name) for c in check_ins] == [
        (datetime.date(2025, 10, 31), "penyuluh.madiun@studitiru.test", "")
    ]
    assert "Puskesos desa" in check_ins[0].note


def test_the_demo_has_no_photos():
    load_demo()
    assert Photo.objects.exists() is False


# --- A second run -------------------------------------------------------------------


def test_an_edited_report_title_is_restored_and_its_version_moves_on():
    load_demo()
    report = madiun_report()
    Report.objects.filter(pk=report.pk).update(title="Judul diubah")
    output = load_demo()
    restored = madiun_report()
    assert restored.title == (
        "Studi Tiru Penguatan Sistem Layanan dan Rujukan Terpadu (SLRT) ke Dinas Sosial Kota Malang"
    )
    # A form opened on the edited text can no longer save over the restore.
    assert restored.version == report.version + 1
    assert restored.events.count() == 3
    assert output.endswith("(0 baris baru, 1 baris dipulihkan).\n")


def test_an_edited_quote_is_restored_and_a_quote_added_by_hand_is_kept():
    load_demo()
    report = magelang_report()
    report.quotes.update(speaker_name="Orang Lain")
    Quote.objects.create(report=report, text="Kutipan tambahan", speaker_name="Tamu", order=5)
    load_demo()
    assert list(report.quotes.values_list("speaker_name", flat=True)) == [
        "Slamet Setyo Budi, S.E., M.Acc.",
        "Tamu",
    ]


def test_an_edited_atm_item_is_restored_but_its_status_is_left_to_its_lifecycle():
    load_demo()
    bpjs = madiun_report().adoption_items.get(topic__code="BPJS")
    AdoptionItem.objects.filter(pk=bpjs.pk).update(modify="Diubah")
    services.item_start(item=bpjs, by=user("kepala.madiun@studitiru.test"))
    load_demo()
    bpjs.refresh_from_db()
    assert bpjs.modify.startswith("Berdasarkan MoU dengan Dinas Kesehatan dan BPJS Kesehatan")
    assert bpjs.status == AdoptionStatus.IN_PROGRESS
    assert bpjs.events.count() == 3


def test_an_atm_item_added_by_a_user_is_kept_and_the_demo_items_are_not_doubled():
    load_demo()
    report = madiun_report()
    services.item_create(
        report=report,
        by=user("penyuluh.madiun@studitiru.test"),
        topic=Topic.objects.get(code="PUSKESOS"),
        observe="Amati",
        replicate="Tiru",
        modify="Modifikasi",
        target_date=datetime.date(2027, 12, 31),
        success_indicator="Indikator",
    )
    load_demo()
    assert list(report.adoption_items.values_list("topic__code", "order")) == [
        ("SLRT", 0),
        ("BPJS", 1),
        ("PUSKESOS", 2),
    ]


def test_a_deleted_check_in_comes_back_and_one_added_by_a_user_is_kept():
    load_demo()
    slrt = madiun_report().adoption_items.get(topic__code="SLRT")
    slrt.check_ins.all().delete()
    CheckIn.objects.create(item=slrt, date=datetime.date(2026, 1, 15), note="Catatan pengguna")
    load_demo()
    assert list(slrt.check_ins.values_list("date", flat=True)) == [
        datetime.date(2026, 1, 15),
        datetime.date(2025, 10, 31),
    ]


def test_a_report_a_head_took_back_to_draft_stays_a_draft():
    load_demo()
    report = madiun_report()
    services.report_withdraw(report=report, by=user("kepala.madiun@studitiru.test"))
    load_demo()
    assert madiun_report().status == ReportStatus.DRAFT
    assert madiun_report().events.count() == 4


def test_a_deleted_demo_report_is_written_again_with_its_timeline():
    load_demo()
    Report.objects.filter(agency__slug="kota-magelang").delete()
    load_demo()
    report = magelang_report()
    assert report.status == ReportStatus.PUBLISHED
    assert report.events.count() == 4
    assert report.authors.count() == 2


def test_a_deleted_finding_comes_back_and_the_report_version_moves_on():
    load_demo()
    report = magelang_report()
    report.findings.filter(topic__code="DTKS").delete()
    output = load_demo()
    assert list(magelang_report().findings.values_list("topic__code", flat=True)) == [
        "FTJSLP",
        "DTKS",
        "TMP",
        "ATENSI",
    ]
    assert magelang_report().version == report.version + 1
    assert output.endswith("(1 baris baru, 0 baris dipulihkan).\n")


def test_loading_the_demo_emails_nobody(db, mailoutbox):
    """The demo replays reviews that happened in 2023 and 2025: no head or
    writer is told about them (the console backend would print each one)."""
    call_command("load_demo", "--demo-server", stdout=StringIO())

    assert Report.objects.count() == 2
    assert mailoutbox == []
