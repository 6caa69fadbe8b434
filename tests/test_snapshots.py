"""The refusal tests' ``unchanged`` helper notices every kind of write."""

import pytest

from agencies.models import Division
from tests.factories import make_agency, make_division
from tests.snapshots import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def division():
    return make_division(make_agency(), "Bidang Rehabilitasi Sosial")


def test_a_block_that_only_reads_passes(division):
    with unchanged("agencies", Division, Division.objects.filter(pk=division.pk)):
        assert Division.objects.get().name == "Bidang Rehabilitasi Sosial"


def test_an_added_row_fails(division):
    added = r"agencies.Division #\d+ added"
    with pytest.raises(AssertionError, match=added), unchanged(Division):
        make_division(division.agency, "Bidang Perlindungan Sosial")


def test_a_deleted_row_fails(division):
    deleted = rf"agencies.Division #{division.pk} deleted"
    with pytest.raises(AssertionError, match=deleted), unchanged("agencies"):
        division.delete()


def test_a_changed_field_fails_and_names_the_old_and_new_value(division):
    expected = (
        rf"agencies.Division #{division.pk} changed: "
        r"\{'name': \('Bidang Rehabilitasi Sosial', 'Bidang Baru'\)\}"
    )
    filtered = Division.objects.filter(agency=division.agency)
    with pytest.raises(AssertionError, match=expected), unchanged(filtered):
        Division.objects.update(name="Bidang Baru")


def test_it_needs_something_to_compare():
    with pytest.raises(TypeError), unchanged():
        pass
