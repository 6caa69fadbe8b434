"""The portal on a phone (390×844) and on paper, in Chromium: lists become
cards, the calendar an agenda, a report's downloads sit in the first screen,
the 52-person delegation is searchable and scrolls by keyboard, the news page
is passed on by WhatsApp or its copied link, and a printed visit or report
page carries every participant and no navigation. Each check leaves a
screenshot (or the PDF) in the test's temporary folder."""

import datetime
import io
import re
from urllib.parse import quote

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.models import ReportStatus
from tests.browser.conftest import log_in
from tests.factories import make_adoption_item, make_participant, make_report, make_visit
from visits.models import EmploymentType, VisitStatus

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
FIRST_NAMES = ["Sri", "Agus", "Dewi", "Bambang", "Rina", "Eko", "Yuni", "Joko", "Siti", "Budi"]
LAST_NAMES = ["Lestari", "Prasetyo", "Wahyuni", "Santoso", "Hidayat", "Kusuma"]
NIP = "197805122006041003"


def _on_phone(page):
    page.set_viewport_size(PHONE)


def _no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _delegation_of_52(visit):
    """52 visitors with awkward, repeating names; one PNS with a NIP, a few in
    the Puskesos unit; and one receiving official of the host."""
    for number in range(52):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[number // len(FIRST_NAMES) % len(LAST_NAMES)]
        make_participant(
            visit,
            "visitor",
            name=f"{first} {last} {number + 1}",
            position="Fasilitator SLRT",
            division="Puskesos Kelurahan" if number % 13 == 0 else "SLRT Kabupaten",
        )
    make_participant(
        visit,
        "visitor",
        name="Hj. Ratna Dewi Anggraeni, S.Sos., M.Si.",
        position="Kepala Bidang",
        employment_type=EmploymentType.PNS,
        nip=NIP,
    )
    make_participant(visit, "host", name="Syahrul Hamid", position="Kepala Dinas")


def _held_visit(host, visitor):
    return make_visit(
        host,
        visitor,
        status=VisitStatus.HELD,
        start=timezone.now() - datetime.timedelta(days=3),
        topics=["SLRT", "DTKS"],
        title="Studi tiru penguatan Sistem Layanan dan Rujukan Terpadu (SLRT)",
    )


def test_the_lists_are_cards_without_sideways_scrolling_on_a_phone(
    page, live_server, salatiga, magelang, csp_violations, tmp_path
):
    visit = _held_visit(magelang.agency, salatiga.agency)
    make_visit(magelang.agency, salatiga.agency, title="Studi tiru DTKS ke Kota Magelang")
    report = make_report(visit, salatiga.agency, title="Laporan studi tiru SLRT")
    make_adoption_item(report, status="approved")
    _on_phone(page)
    log_in(page, live_server, "staf.salatiga@test.id")

    for path, title in [
        ("/kunjungan/", "Studi tiru DTKS ke Kota Magelang"),
        ("/laporan/", "Laporan studi tiru SLRT"),
        ("/atm/", "Integrasi SLRT ke Puskesos."),
    ]:
        page.goto(live_server.url + path)
        page.screenshot(path=tmp_path / f"list{path.replace('/', '-')}.png", full_page=True)
        table = page.locator("table.table-cards")
        # One card per row, its title first, every value under its column's name.
        expect(table.locator("thead")).to_have_css("position", "absolute")
        card = table.locator("tbody tr").filter(has_text=title)
        expect(card).to_have_css("display", "flex")
        first_cell = card.locator("td.cell-title")
        assert (
            first_cell.bounding_box()["y"]
            < card.locator("td[data-label]").first.bounding_box()["y"]
        )
        label = card.locator("td[data-label='Status']").evaluate(
            "(td) => getComputedStyle(td, '::before').content"
        )
        assert label == '"Status"'
        # Nothing hides to the right: not the page, not the table in its box.
        assert _no_sideways_scroll(page), path
        assert table.evaluate("(t) => t.parentElement.scrollWidth <= t.parentElement.clientWidth")

    # On a desk the same markup is a table again.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/kunjungan/")
    expect(page.locator("table.table-cards thead")).to_be_visible()
    expect(page.locator("table.table-cards tbody tr").first).to_have_css("display", "table-row")
    assert csp_violations == []


def test_the_calendar_is_an_agenda_of_the_month_on_a_phone(
    page, live_server, salatiga, magelang, tmp_path
):
    tz = salatiga.agency.tzinfo
    today = timezone.localdate(timezone.now(), tz)
    start = datetime.datetime.combine(today, datetime.time(9, 0), tzinfo=tz)
    make_visit(magelang.agency, salatiga.agency, start=start, title="Studi tiru ke Magelang")
    _on_phone(page)
    log_in(page, live_server, "staf.salatiga@test.id")

    page.goto(live_server.url + "/kalender/")
    page.screenshot(path=tmp_path / "calendar-phone.png", full_page=True)

    agenda = page.locator(".cal-agenda")
    expect(agenda).to_be_visible()
    expect(page.locator("table.calendar-month")).to_be_hidden()
    today = agenda.locator("li[aria-current=date]")
    expect(today).to_contain_text("Hari ini")
    expect(today.get_by_role("link", name="Studi tiru ke Magelang")).to_contain_text(
        "Berkunjung ke"
    )
    assert _no_sideways_scroll(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator("table.calendar-month")).to_be_visible()
    expect(agenda).to_be_hidden()


def test_a_reports_downloads_are_in_the_first_screen_of_a_phone(
    page, live_server, salatiga, magelang, tmp_path
):
    visit = _held_visit(magelang.agency, salatiga.agency)
    _delegation_of_52(visit)
    report = make_report(
        visit,
        salatiga.agency,
        status=ReportStatus.SUBMITTED,
        title="Studi Tiru Penguatan Sistem Layanan dan Rujukan Terpadu (SLRT) ke Kota Magelang",
        summary="Salatiga belajar SLRT dari Magelang. " * 8,
    )
    _on_phone(page)
    # The head sees the review buttons too: the downloads still fit.
    log_in(page, live_server, "kepala.salatiga@test.id")

    page.goto(f"{live_server.url}/laporan/{report.pk}/")
    page.screenshot(path=tmp_path / "report-phone.png")

    expect(page.get_by_role("link", name="Setujui laporan")).to_be_visible()
    for name in ("Laporan (PDF)", "Daftar hadir (PDF)", "Rencana ATM (PDF)"):
        link = page.get_by_role("link", name=name)
        expect(link).to_be_in_viewport()
        box = link.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], name
    response = page.context.request.get(
        live_server.url + page.get_by_role("link", name="Laporan (PDF)").get_attribute("href")
    )
    assert response.headers["content-type"] == "application/pdf"
    assert _no_sideways_scroll(page)


def test_the_delegation_is_searchable_and_scrolls_by_keyboard(
    page, live_server, salatiga, magelang, csp_violations, tmp_path
):
    visit = _held_visit(magelang.agency, salatiga.agency)
    _delegation_of_52(visit)
    _on_phone(page)
    log_in(page, live_server, "staf.salatiga@test.id")
    page.goto(f"{live_server.url}/kunjungan/{visit.pk}/")

    card = page.locator("#peserta")
    search = card.get_by_label("Cari peserta")
    count = card.get_by_role("status")
    rows = card.locator("tr[data-filter-text]")
    expect(count).to_have_text("54 dari 54 peserta ditampilkan")

    search.fill("ratna")
    expect(count).to_have_text("1 dari 54 peserta ditampilkan")
    expect(rows.filter(visible=True)).to_have_count(1)
    expect(card).to_contain_text("Hj. Ratna Dewi Anggraeni")
    # The host's table, with no match, says so.
    expect(
        card.get_by_text("Tidak ada peserta pihak ini yang cocok.").filter(visible=True)
    ).to_have_count(1)
    card.screenshot(path=tmp_path / "delegation-search-phone.png")

    # A unit, two words in any order.
    search.fill("puskesos")
    expect(count).to_have_text("4 dari 54 peserta ditampilkan")
    search.fill("lestari sri")
    expect(count).to_have_text("1 dari 54 peserta ditampilkan")
    search.fill("tidak ada orang ini")
    expect(count).to_have_text("Tidak ada peserta yang cocok dari 54 peserta.")
    search.fill("")
    expect(rows.filter(visible=True)).to_have_count(54)

    # The scroll box takes the focus from the keyboard and scrolls with it.
    box = card.get_by_role("region", name=re.compile("^Rombongan"))
    assert box.evaluate("(el) => el.scrollHeight > el.clientHeight")
    search.focus()
    for _ in range(5):  # past the side's "Tambah" and "Impor" links
        page.keyboard.press("Tab")
        if box.evaluate("(el) => el === document.activeElement"):
            break
    expect(box).to_be_focused()
    page.keyboard.press("End")
    page.wait_for_function(
        "(el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1", arg=box.element_handle()
    )
    # The visit page may sit in the browser's cache: no NIP in it. The
    # participants page, never stored, finds a NIP typed with its usual spaces.
    assert NIP not in page.content()
    page.goto(f"{live_server.url}/kunjungan/{visit.pk}/peserta/")
    search = page.get_by_label("Saring cepat di halaman ini")
    count = page.locator("[data-participant-filter]").get_by_role("status")
    expect(count).to_have_text("54 dari 54 peserta ditampilkan")
    search.fill("19780512 200604 1 003")
    expect(count).to_have_text("1 dari 54 peserta ditampilkan")
    expect(page.locator("tr[data-filter-text]").filter(visible=True)).to_contain_text(
        "Hj. Ratna Dewi Anggraeni"
    )
    page.screenshot(path=tmp_path / "participants-nip-phone.png")
    assert _no_sideways_scroll(page)
    assert csp_violations == []


def test_without_javascript_every_participant_shows(browser, live_server, salatiga, magelang):
    visit = _held_visit(magelang.agency, salatiga.agency)
    _delegation_of_52(visit)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server, "staf.salatiga@test.id")
    page.goto(f"{live_server.url}/kunjungan/{visit.pk}/")

    # The filter box is on the page but stays hidden: it needs the script.
    expect(page.locator("[data-participant-filter]")).to_have_attribute("hidden", "")
    expect(page.locator("#peserta tr[data-filter-text]")).to_have_count(54)
    context.close()


def _pdf_words(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_printing_a_visit_or_its_report_gives_every_participant_and_no_navigation(
    page, live_server, salatiga, magelang, tmp_path
):
    visit = _held_visit(magelang.agency, salatiga.agency)
    _delegation_of_52(visit)
    report = make_report(visit, salatiga.agency, title="Laporan studi tiru SLRT")
    names = list(visit.participants.order_by("side", "order").values_list("name", flat=True))
    log_in(page, live_server, "staf.salatiga@test.id")

    for path in (f"/kunjungan/{visit.pk}/", f"/laporan/{report.pk}/"):
        page.goto(live_server.url + path)
        search = page.get_by_label("Cari peserta")
        if search.count():
            # Even with the list narrowed on screen, the paper has everyone.
            search.fill("ratna")
        page.emulate_media(media="print")
        page.screenshot(path=tmp_path / f"print{path.replace('/', '-')}.png", full_page=True)
        expect(page.locator("nav.navbar")).to_be_hidden()
        expect(page.locator("body > footer")).to_be_hidden()
        expect(page.locator("main .btn").first).to_be_hidden()
        pdf = page.pdf(format="A4")
        (tmp_path / f"print{path.replace('/', '-')}.pdf").write_bytes(pdf)
        words = _pdf_words(pdf)
        missing = [name for name in names if name not in words]
        assert missing == [], path
        assert "Keluar" not in words
        assert "Bahasa Indonesia" not in words
        page.emulate_media(media="screen")


def test_the_news_page_is_shared_to_whatsapp_or_by_its_copied_link(
    browser, live_server, salatiga, magelang, settings, tmp_path
):
    visit = _held_visit(magelang.agency, salatiga.agency)
    report = make_report(
        visit, salatiga.agency, status=ReportStatus.PUBLISHED, title="Belajar SLRT"
    )
    url = live_server.url + report.get_public_url()
    settings.PORTAL_URL = "https://studitiru.example.go.id"
    public_url = "https://studitiru.example.go.id" + report.get_public_url()

    # localhost is a secure context: the Clipboard API copies.
    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url)
    whatsapp = page.get_by_role("link", name="Bagikan ke WhatsApp")
    expect(whatsapp).to_have_attribute(
        "href", "https://wa.me/?text=" + quote(f"Belajar SLRT\n{public_url}", safe="")
    )
    expect(page.get_by_label("Tautan berita ini")).to_be_hidden()
    page.get_by_role("button", name="Salin tautan").click()
    expect(page.get_by_role("status")).to_have_text("Tautan disalin")
    assert page.evaluate("navigator.clipboard.readText()") == public_url
    page.screenshot(path=tmp_path / "news-share-phone.png")

    # No Clipboard API (plain http) and a browser that refuses to copy: the
    # link shows, selected, to copy by hand.
    page = context.new_page()
    page.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: undefined});"
        "document.execCommand = () => false;"
    )
    page.goto(url)
    page.get_by_role("button", name="Salin tautan").click()
    expect(page.get_by_role("status")).to_contain_text("salin tautan di bawah")
    field = page.get_by_label("Tautan berita ini")
    expect(field).to_be_visible()
    expect(field).to_have_value(public_url)
    expect(field).to_be_focused()
    assert _no_sideways_scroll(page)
    context.close()
