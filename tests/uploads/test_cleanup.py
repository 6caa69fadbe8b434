"""Stored files leave the storage only once the change that dropped them is
committed (uploads.cleanup): a change rolled back still finds its files, and
a storage that fails to delete does not undo a committed change."""

import logging

import pytest
from django.core.files.base import ContentFile
from django.db import transaction

from tests.factories import make_agency
from uploads import cleanup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def agency():
    agency = make_agency("33.71")
    agency.logo.save("logo.png", ContentFile(b"logo lama"))
    return agency


def test_a_replaced_file_is_deleted_once_the_change_commits(
    agency, django_capture_on_commit_callbacks
):
    before = type(agency).objects.get(pk=agency.pk)
    old_path = agency.logo.path

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        agency.logo.save("logo.png", ContentFile(b"logo baru"))
        cleanup.delete_replaced(before, agency, "logo")
        assert before.logo.storage.exists(before.logo.name)  # not before the commit

    assert not before.logo.storage.exists(before.logo.name)
    assert agency.logo.path != old_path
    with agency.logo.open("rb") as logo:
        assert logo.read() == b"logo baru"


def test_a_change_rolled_back_keeps_the_file(agency, django_capture_on_commit_callbacks):
    before = type(agency).objects.get(pk=agency.pk)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        agency.logo = ""
        agency.save()
        cleanup.delete_replaced(before, agency, "logo")
        raise RuntimeError("the change fails after the file was dropped")

    assert callbacks == []
    assert before.logo.storage.exists(before.logo.name)


def test_a_row_deleted_in_a_transaction_rolled_back_keeps_its_file(
    agency, django_capture_on_commit_callbacks
):
    name = agency.logo.name

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        agency.delete()
        raise RuntimeError("rolled back")

    assert agency.logo.storage.exists(name)


def test_an_unchanged_file_is_kept(agency, django_capture_on_commit_callbacks):
    before = type(agency).objects.get(pk=agency.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        agency.save()
        cleanup.delete_replaced(before, agency, "logo")

    assert callbacks == []
    assert agency.logo.storage.exists(agency.logo.name)


def test_a_storage_that_fails_to_delete_is_logged_not_raised(
    agency, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken_delete(name):
        raise OSError("bucket unreachable")

    monkeypatch.setattr(agency.logo.storage, "delete", broken_delete)

    with (
        caplog.at_level(logging.WARNING, logger="uploads.cleanup"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        cleanup.delete_on_commit(agency.logo)

    assert [record.getMessage() for record in caplog.records] == [
        f"Stored file {agency.logo.name} was not deleted: bucket unreachable"
    ]
