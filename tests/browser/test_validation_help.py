"""Validation that helps, in Chromium: a field's limit shows while typing
and an over-long text stays whole (never cut by the browser) to be refused
with its limit; the report page says whether its text is saved, warns
before leaving unsaved changes (not when saving), and after a failed save
leads from the error summary to each field."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reports import services
from tests.browser.conftest import log_in
from tests.factories import make_visit
from visits.models import VisitStatus

pytestmark = pytest.mark.django_db(transaction=True)

LONG_TITLE = "Studi tiru" + " pengelolaan Forum TJSLP dan DTKS" * 16


def test_the_visit_title_counts_its_characters_and_keeps_a_long_paste(
    page, live_server, salatiga, csp_violations
):
    log_in(page, live_server, "staf.salatiga@test.id")
    page.goto(f"{live_server.url}/kunjungan/baru/")
    title = page.locator("input[name=title]")
    counter = page.locator(".char-counter").first

    title.fill("Studi tiru Forum TJSLP")
    expect(counter).to_have_text("22/250")
    # Read with the field (after its help text).
    expect(title).to_have_attribute(
        "aria-describedby", re.compile(rf"^id_title_helptext {counter.get_attribute('id')}$")
    )

    title.fill(LONG_TITLE)
    expect(counter).to_have_text(
        f"Terlalu panjang: {len(LONG_TITLE)} karakter, paling banyak 250 karakter."
    )
    expect(counter).to_have_class("form-text char-counter char-counter-over")
    expect(title).to_have_attribute("aria-invalid", "true")
    # The whole paste stays: nothing is cut at 250.
    assert len(title.input_value()) == len(LONG_TITLE) > 500

    title.fill("Studi tiru")
    expect(counter).to_have_text("10/250")
    expect(title).not_to_have_attribute("aria-invalid", "true")
    assert csp_violations == []


def test_the_report_page_keeps_track_of_unsaved_text_and_leads_to_errors(
    page, live_server, salatiga, magelang, csp_violations
):
    visit = make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.HELD,
        start=timezone.now() - datetime.timedelta(days=2),
        topics=["FTJSLP"],
    )
    report = services.report_create(visit=visit, by=salatiga.penyuluh)
    log_in(page, live_server, "penyuluh.salatiga@test.id")
    page.goto(f"{live_server.url}/laporan/{report.pk}/ubah/")

    state = page.locator("#save-state")
    expect(state).to_contain_text("Tersimpan pukul")
    expect(page.get_by_role("navigation", name="Bagian laporan")).to_be_visible()
    title_counter = page.locator("#id_title ~ .char-counter")
    expect(title_counter).to_have_text(f"{len(report.title)}/300")

    page.fill("textarea[name=conclusion]", "Forum TJSLP Salatiga perlu diperkuat.")
    expect(state).to_have_text("Ada perubahan yang belum disimpan")
    # A row added by the page gets its counters too.
    page.get_by_role("button", name="Tambah kutipan").click()
    expect(page.locator("#id_kutipan-0-speaker_name ~ .char-counter")).to_have_text("0/200")

    # Leaving asks first; staying keeps the text.
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Batal").click()
    expect(page.locator("textarea[name=conclusion]")).to_have_value(
        "Forum TJSLP Salatiga perlu diperkuat."
    )
    assert dialogs == ["beforeunload"]

    # Saving does not ask; a refused save comes back with the summary focused.
    page.on("dialog", lambda dialog: dialogs.append(dialog.type))
    page.fill("input[name=signatory_nip]", "12345")
    page.get_by_role("button", name="Simpan", exact=True).click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Laporan belum tersimpan: 1 isian perlu diperbaiki")
    expect(state).to_have_text("Belum tersimpan")
    summary.get_by_role("link", name="NIP penanda tangan").click()
    expect(page.locator("#id_signatory_nip")).to_be_focused()

    # Fixed and saved: the page says when.
    page.fill("input[name=signatory_nip]", "")
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Laporan tersimpan.")
    expect(state).to_contain_text("Tersimpan pukul")
    assert dialogs == ["beforeunload"]
    assert csp_violations == []
