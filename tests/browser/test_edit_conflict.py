"""Two people change the same participant in two browsers: the second save
is refused with both versions shown, nothing typed is lost, and "Simpan
versi saya" saves it (edits.guard)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import make_participant, make_visit
from visits.models import Participant, Side

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_browsers_editing_a_participant_never_overwrite_each_other(
    browser, live_server, salatiga, magelang, request
):
    visit = make_visit(magelang.agency, salatiga.agency)
    andre = make_participant(visit, Side.VISITOR, name="Andre", position="Staf")
    edit = f"{live_server.url}/kunjungan/{visit.pk}/peserta/{andre.pk}/ubah/"
    contexts = [browser.new_context(), browser.new_context()]
    request.addfinalizer(lambda: [context.close() for context in contexts])
    first, second = (context.new_page() for context in contexts)
    violations = []
    second.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for page in (first, second):
        log_in(page, live_server, "staf.salatiga@test.id")
        page.goto(edit)
        expect(page.locator("#id_position")).to_have_value("Staf")

    first.fill("#id_position", "Koordinator SLRT")
    first.get_by_role("button", name="Simpan", exact=True).click()
    expect(first.get_by_text("Data Andre disimpan.")).to_be_visible()

    second.fill("#id_position", "Pekerja Sosial Ahli Muda")
    second.get_by_role("button", name="Simpan", exact=True).click()
    conflict = second.locator("#edit-conflict")
    expect(conflict).to_be_visible()
    row = conflict.locator("tr", has_text="Jabatan")
    expect(row).to_contain_text("Koordinator SLRT")
    expect(row).to_contain_text("Pekerja Sosial Ahli Muda")
    expect(second.locator("#id_position")).to_have_value("Pekerja Sosial Ahli Muda")
    assert Participant.objects.get(pk=andre.pk).position == "Koordinator SLRT"

    conflict.get_by_role("button", name="Simpan versi saya").click()
    expect(second.get_by_text("Data Andre disimpan.")).to_be_visible()
    assert Participant.objects.get(pk=andre.pk).position == "Pekerja Sosial Ahli Muda"
    assert violations == []
