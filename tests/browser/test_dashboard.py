"""The dashboard's first screen in Chromium: a kepala's task comes first on a
phone and on a desktop, and the ATM progress chart is drawn (Chart.js, served
locally, under the Content-Security-Policy)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reports.models import AdoptionStatus as S
from tests.browser.conftest import log_in
from tests.factories import make_adoption_item, make_held_visit, make_report

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def screenshots(tmp_path):
    """Where the screenshots go: BROWSER_SCREENSHOTS if set (to look at them), else a temporary folder."""
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def drawn_pixels(page):
    """How many pixels of the chart's canvas are not transparent."""
    return page.evaluate(
        """() => {
          const canvas = document.getElementById("atm-progress-chart");
          const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
          let drawn = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) drawn++;
          return drawn;
        }"""
    )


def test_a_kepalas_first_screen_starts_with_the_report_to_approve_and_draws_the_chart(
    page, live_server, salatiga, magelang, csp_violations, screenshots
):
    visit = make_held_visit(magelang.agency, salatiga.agency)
    report = make_report(visit, salatiga.agency, status="submitted", title="Laporan Magelang")
    for topic, status in [
        ("SLRT", S.PROPOSED),
        ("SLRT", S.ADOPTED),
        ("DTKS", S.APPROVED),
        ("DTKS", S.IN_PROGRESS),
    ]:
        make_adoption_item(report, topic, status=status)
    log_in(page, live_server, "kepala.salatiga@test.id")

    for name, size in SIZES.items():
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}/dasbor/")

        first = page.locator("section.card").first
        expect(first.locator("h3")).to_have_text("Laporan menunggu persetujuan")
        expect(first).to_contain_text("Laporan Magelang")
        # On the first screen, without scrolling.
        heading = first.locator("h3").bounding_box()
        assert heading["y"] + heading["height"] < size["height"], name
        page.screenshot(path=screenshots / f"dashboard-kepala-{name}.png")

        chart = page.locator("#atm-progress-chart")
        chart.scroll_into_view_if_needed()
        expect(chart).to_have_attribute("data-ready", "true", timeout=15_000)
        assert drawn_pixels(page) > 1000, name
        chart.screenshot(path=screenshots / f"dashboard-kepala-{name}-chart.png")

    # The table says the same to a screen reader.
    page.get_by_text("Lihat sebagai tabel").click()
    expect(page.locator('tr[data-topic="SLRT"] td')).to_have_text(["1", "0", "0", "1", "2"])
    assert csp_violations == []
