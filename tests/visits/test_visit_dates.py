"""When a visit takes place, as every page shows it: on the host's clock."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import make_agency, make_visit

pytestmark = pytest.mark.django_db

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def when(visit, reader_zone="Asia/Jakarta"):
    template = Template(
        "{% load tz visit_dates %}{% timezone zone %}{% visit_when visit %}{% endtimezone %}"
    )
    with translation.override("id"):
        return template.render(Context({"visit": visit, "zone": reader_zone}))


@pytest.fixture
def makassar_visit():
    """Builds Salatiga's visit to Makassar (WITA) from ``start`` to ``end``."""
    makassar = make_agency("73.71", slug="kota-makassar")
    salatiga = make_agency("33.73", slug="kota-salatiga")
    return lambda start, end: make_visit(makassar, salatiga, start=start, end=end)


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        pytest.param(
            datetime.datetime(2025, 8, 1, 8, 30, tzinfo=WITA),
            datetime.datetime(2025, 8, 1, 15, 0, tzinfo=WITA),
            # A reader in Jakarta (WIB, an hour behind) still sees Makassar's clock.
            'Jumat, 1 Agustus 2025<span class="text-body-secondary">, 08.30–15.00 WITA</span>',
            id="a day-long visit shows its hours in the host's zone",
        ),
        pytest.param(
            datetime.datetime(2025, 8, 4, 8, 0, tzinfo=WITA),
            datetime.datetime(2025, 8, 6, 0, 30, tzinfo=WITA),
            # 00.30 WITA on Wednesday is still Tuesday in Jakarta: the host's day counts.
            "Senin, 4 Agustus 2025 – Rabu, 6 Agustus 2025",
            id="a visit of several days shows its first and last day",
        ),
    ],
)
def test_a_visit_shows_on_the_hosts_clock(makassar_visit, start, end, shown):
    assert when(makassar_visit(start, end)) == shown
