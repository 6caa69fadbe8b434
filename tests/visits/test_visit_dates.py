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
def makassar_hosts_salatiga():
    return make_agency("73.71", slug="kota-makassar"), make_agency("33.73", slug="kota-salatiga")


def test_a_day_long_visit_shows_its_hours_in_the_hosts_zone(makassar_hosts_salatiga):
    makassar, salatiga = makassar_hosts_salatiga
    visit = make_visit(
        makassar,
        salatiga,
        start=datetime.datetime(2025, 8, 1, 8, 30, tzinfo=WITA),
        end=datetime.datetime(2025, 8, 1, 15, 0, tzinfo=WITA),
    )

    # A reader in Jakarta (WIB, an hour behind) still sees Makassar's clock.
    assert when(visit) == (
        'Jumat, 1 Agustus 2025<span class="text-body-secondary">, 08.30–15.00 WITA</span>'
    )


def test_a_visit_of_several_days_shows_its_first_and_last_day(makassar_hosts_salatiga):
    makassar, salatiga = makassar_hosts_salatiga
    visit = make_visit(
        makassar,
        salatiga,
        start=datetime.datetime(2025, 8, 4, 8, 0, tzinfo=WITA),
        end=datetime.datetime(2025, 8, 6, 0, 30, tzinfo=WITA),
    )

    # 00.30 WITA on Wednesday is still Tuesday in Jakarta: the host's day counts.
    assert when(visit) == "Senin, 4 Agustus 2025 – Rabu, 6 Agustus 2025"
