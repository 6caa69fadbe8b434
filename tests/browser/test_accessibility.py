"""Accessibility in Chromium: axe-core (from npm, node_modules/axe-core) checks
the key pages of every role against WCAG 2.1 A and AA, and fails on any serious
or critical violation; then what axe cannot see: the skip link, the searchable
selects' labels, the focus on the dark navigation bar, fields never hidden
under the report form's sticky save bar, and htmx requests carrying the CSRF
header.

One test per role, one browser context each, the role's pages in turn: the
world is built once per role, not once per page."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from agencies.models import Role
from reports.models import AdoptionStatus, ReportStatus
from tests.browser.conftest import log_in
from tests.factories import (
    make_adoption_item,
    make_national_admin,
    make_participant,
    make_practice,
    make_report,
    make_user,
    make_visit,
)
from visits.models import AgendaItem, VisitStatus

pytestmark = pytest.mark.django_db(transaction=True)

AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# Served to the page from the portal's own origin (intercepted, never reaching
# Django), so that the page's Content-Security-Policy (script-src 'self') lets
# it run without being switched off for the test.
AXE_PATH = "/__axe__/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
FAILING_IMPACTS = ("serious", "critical")


@pytest.fixture
def axe(page, live_server):
    """``axe(name)`` checks the page open in ``page`` and returns one readable
    line per serious or critical violation (rule, impact, help, the elements)."""
    page.route(
        live_server.url + AXE_PATH,
        lambda route: route.fulfill(path=AXE_SCRIPT, content_type="text/javascript"),
    )

    def check(name):
        page.add_script_tag(url=live_server.url + AXE_PATH)
        violations = page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {
                    runOnly: { type: "tag", values: tags }, resultTypes: ["violations"],
                });
                return result.violations.map((v) => ({
                    id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map((node) => node.target.join(" ")),
                }));
            }""",
            AXE_TAGS,
        )
        return [
            f"{name} ({page.url.removeprefix(live_server.url)}): {v['id']} [{v['impact']}] "
            f"{v['help']} — {', '.join(v['targets'][:6])}"
            + (f" (+{len(v['targets']) - 6})" if len(v["targets"]) > 6 else "")
            for v in violations
            if v["impact"] in FAILING_IMPACTS
        ]

    return check


def _world(salatiga, magelang):
    """Salatiga's visits to Magelang in every stage a page shows: one proposed
    another date (the orange badge), one held two days ago with its delegation,
    agenda and Salatiga's report being written, one reported with Salatiga's
    approved report and ATM plan and Magelang's published news."""
    now = timezone.now().replace(microsecond=0)
    make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.DATE_PROPOSED,
        topics=["SLRT"],
        title="Studi tiru SLRT ke Kota Magelang",
    )
    held = make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.HELD,
        start=now - datetime.timedelta(days=2),
        topics=["DTKS", "FTJSLP"],
        title="Studi tiru FTJSLP ke Kota Magelang",
    )
    # More people than the participant box shows at once: it scrolls.
    for n in range(18):
        make_participant(held, "visitor", name=f"Peserta Salatiga {n + 1}", position="Penyuluh")
    for n in range(3):
        make_participant(held, "host", name=f"Pejabat Magelang {n + 1}", position="Kepala Bidang")
    AgendaItem.objects.create(
        visit=held,
        start=held.start,
        end=held.start + datetime.timedelta(hours=1),
        title="Paparan Forum TJSLP",
        kind="presentation",
        place="Aula Dinas Sosial",
    )
    draft = make_report(held, salatiga.agency, by=salatiga.penyuluh, title="Laporan FTJSLP")
    reported = make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.REPORTED,
        start=now - datetime.timedelta(days=40),
        topics=["SLRT"],
        title="Studi tiru SLRT dan Puskesos",
    )
    make_participant(reported, "visitor", name="Slamet Setyo Budi")
    approved = make_report(
        reported, salatiga.agency, status=ReportStatus.APPROVED, title="Laporan SLRT"
    )
    item = make_adoption_item(approved, status=AdoptionStatus.IN_PROGRESS)
    make_adoption_item(approved, topic="SLRT", status=AdoptionStatus.RETURNED)
    news = make_report(
        reported, magelang.agency, status=ReportStatus.PUBLISHED, title="Penerimaan studi tiru"
    )
    make_practice(magelang.agency, "SLRT", title="SLRT terintegrasi Puskesos kelurahan")
    # A visit on the eve of a month whose grid opens with the days before it
    # (the month does not start on a Monday): drawn in a cell of another month.
    month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    while month.weekday() == 0:
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    eve = month - datetime.timedelta(days=1)
    make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.SCHEDULED,
        start=datetime.datetime.combine(eve, datetime.time(9), tzinfo=magelang.agency.tzinfo),
        topics=["DTKS"],
        title="Studi tiru DTKS",
    )
    return {
        "held": held,
        "draft": draft,
        "approved": approved,
        "item": item,
        "news": news,
        "month": month,
    }


def _pages(role, world):
    held, approved = world["held"], world["approved"]
    public = [
        ("berita", reverse("reports:news_list")),
        ("halaman berita", world["news"].get_public_url()),
        ("404", "/halaman-yang-tidak-ada/"),
    ]
    visit_pages = [
        ("dasbor", reverse("visits:dashboard")),
        ("daftar kunjungan", reverse("visits:list")),
        ("halaman kunjungan", reverse("visits:detail", args=[held.pk])),
        ("peserta", reverse("visits:participants", args=[held.pk])),
        ("agenda", reverse("visits:agenda", args=[held.pk])),
        ("daftar hadir", reverse("visits:attendance", args=[held.pk])),
        ("kalender", reverse("visits:calendar")),
        (
            "kalender bulan depan",
            reverse("visits:calendar")
            + f"?tahun={world['month'].year}&bulan={world['month'].month}",
        ),
    ]
    report_pages = [
        ("daftar laporan", reverse("reports:list")),
        ("halaman laporan", reverse("reports:detail", args=[approved.pk])),
        ("rencana ATM", reverse("reports:plan", args=[approved.pk])),
        ("butir ATM", reverse("reports:item_detail", args=[world["item"].pk])),
        ("daftar butir ATM", reverse("reports:items")),
    ]
    directory = [
        ("praktik baik", reverse("agencies:practices")),
        ("tim", reverse("agencies:members")),
    ]
    return {
        "anonymous": [
            ("beranda", reverse("home")),
            ("masuk", reverse("account_login")),
            ("lupa kata sandi", reverse("account_reset_password")),
            *public,
        ],
        "staff": [
            *visit_pages,
            ("permohonan baru", reverse("visits:create")),
            *report_pages,
            *directory,
            *public,
        ],
        "penyuluh": [
            ("dasbor", reverse("visits:dashboard")),
            ("halaman kunjungan", reverse("visits:detail", args=[held.pk])),
            *report_pages,
            ("laporan ditulis", reverse("reports:detail", args=[world["draft"].pk])),
            ("formulir laporan", reverse("reports:edit", args=[world["draft"].pk])),
            ("unggah foto", reverse("reports:photo_upload", args=[world["draft"].pk])),
        ],
        "head": [
            *visit_pages[:3],
            *report_pages,
            ("kalender", reverse("visits:calendar")),
        ],
        "agency_admin": [
            ("dasbor", reverse("visits:dashboard")),
            *directory,
            ("keamanan akun", reverse("mfa_index")),
        ],
        "national_admin": [("dasbor", reverse("visits:dashboard")), *public],
    }[role]


ROLES = ["anonymous", "staff", "penyuluh", "head", "agency_admin", "national_admin"]


@pytest.mark.parametrize("role", ROLES)
def test_key_pages_have_no_serious_accessibility_violations(
    page, live_server, axe, salatiga, magelang, role
):
    world = _world(salatiga, magelang)
    if role == "agency_admin":
        make_user(salatiga.agency, Role.ADMIN, email="admin.salatiga@test.id", name="Admin")
        log_in(page, live_server, "admin.salatiga@test.id")
    elif role == "national_admin":
        make_national_admin(email="admin@test.id")
        log_in(page, live_server, "admin@test.id")
    elif role != "anonymous":
        log_in(page, live_server, getattr(salatiga, role).email)

    problems = []
    for name, path in _pages(role, world):
        page.goto(live_server.url + path)
        problems += axe(name)

    assert problems == [], "\n" + "\n".join(problems)


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(page, live_server):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Langsung ke konten")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")

    assert page.url.endswith("#konten")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_the_navigation_links_show_a_white_focus_outline(page, live_server):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    brand = page.locator(".navbar-brand")
    expect(brand).to_be_focused()

    outline = brand.evaluate(
        "el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineColor]"
    )
    assert outline == ["solid", "rgb(255, 255, 255)"]


def test_the_searchable_agency_selects_keep_their_labels(page, live_server, salatiga, magelang):
    log_in(page, live_server, salatiga.staff.email)

    page.goto(live_server.url + reverse("visits:create"))
    # Tom Select's search box and the original select, which stays in the form.
    expect(page.locator("#id_host-ts-control")).to_have_accessible_name(re.compile("^Tuan rumah"))
    expect(page.locator("select#id_host")).to_have_accessible_name(re.compile("^Tuan rumah"))

    page.goto(live_server.url + reverse("visits:list"))
    expect(page.locator("#id_instansi-ts-control")).to_have_accessible_name("Instansi lain")
    expect(page.locator("select#id_instansi")).to_have_accessible_name("Instansi lain")


def test_a_field_in_error_is_described_by_its_message_on_the_search_box(
    page, live_server, salatiga, magelang
):
    log_in(page, live_server, salatiga.staff.email)
    page.goto(live_server.url + reverse("visits:create"))

    page.get_by_role("button", name="Simpan sebagai draf").click()
    page.wait_for_load_state()

    message = page.locator("#id_host_error").inner_text().strip()
    assert message
    search_box = page.locator("#id_host-ts-control")
    expect(search_box).to_have_attribute("aria-invalid", "true")
    expect(search_box).to_have_accessible_description(re.compile(re.escape(message)))


def test_no_focused_field_of_the_report_form_hides_under_the_save_bar(
    page, live_server, salatiga, magelang
):
    world = _world(salatiga, magelang)
    log_in(page, live_server, salatiga.penyuluh.email)
    page.set_viewport_size({"width": 1280, "height": 720})
    # Where the focus ends up, not halfway through Bootstrap's smooth scrolling.
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server.url + reverse("reports:edit", args=[world["draft"].pk]))

    hidden = []
    page.locator("form textarea").first.focus()
    # Tab through the form until the focus reaches the save bar itself.
    for _ in range(100):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => document.activeElement.closest(".report-save-bar") ? null
                : document.activeElement.name || document.activeElement.id
                  || document.activeElement.textContent.trim()"""
        )
        if focused is None:
            break
        try:
            page.wait_for_function(
                """() => {
                    const bar = document.querySelector(".report-save-bar").getBoundingClientRect();
                    return document.activeElement.getBoundingClientRect().bottom <= bar.top;
                }""",
                timeout=2000,
            )
        except PlaywrightTimeoutError:
            hidden.append(focused)

    assert hidden == []


def test_marking_attendance_sends_the_csrf_header_and_saves(page, live_server, salatiga, magelang):
    world = _world(salatiga, magelang)
    participant = world["held"].participants.get(name="Peserta Salatiga 1")
    log_in(page, live_server, salatiga.staff.email)
    page.goto(live_server.url + reverse("visits:attendance", args=[world["held"].pk]))

    with page.expect_request(lambda request: request.method == "POST") as posted:
        page.get_by_role("group", name="Kehadiran Peserta Salatiga 1", exact=True).get_by_role(
            "button", name="Hadir", exact=True
        ).click()
    expect(
        page.get_by_role("group", name="Kehadiran Peserta Salatiga 1", exact=True).get_by_role(
            "button", name="Hadir", exact=True
        )
    ).to_have_attribute("aria-pressed", "true")

    assert posted.value.headers["hx-request"] == "true"
    assert posted.value.headers["x-csrftoken"]
    participant.refresh_from_db()
    assert participant.attended is True
