"""An NIP is 18 digits: birth date, month of appointment, sex digit, sequence."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from agencies.models import Membership, Role
from agencies.validators import validate_nip
from tests.factories import make_agency, make_user

VALID_NIP = "197903152005011003"  # born 15-03-1979, TMT 01-2005, man, no. 003


def test_a_well_formed_nip_is_accepted():
    validate_nip(VALID_NIP)


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("19790315200501100", "nip_format"),  # 17 digits
        ("1979031520050110030", "nip_format"),  # 19 digits
        ("19790315 200501 1 003", "nip_format"),  # spaces
        ("19790315200501100A", "nip_format"),
        ("197902302005011003", "nip_birth_date"),  # 30 February
        ("197913152005011003", "nip_birth_date"),  # month 13
        ("197903152005131003", "nip_tmt"),  # appointed in month 13
        ("197903151985011003", "nip_tmt"),  # appointed at the age of 5
        ("197903152005013003", "nip_sex"),
    ],
)
def test_a_bad_nip_is_refused_with_a_reason(nip, code):
    with pytest.raises(ValidationError) as error:
        validate_nip(nip)
    assert error.value.code == code


@pytest.mark.django_db
def test_membership_validation_refuses_a_bad_nip():
    user = make_user()
    membership = Membership(user=user, agency=make_agency(), role=Role.STAFF, nip="12345")
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert list(error.value.message_dict) == ["nip"]


@pytest.mark.django_db
def test_database_refuses_an_nip_that_is_not_18_characters():
    agency = make_agency()
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=make_user(), agency=agency, nip="12345")
