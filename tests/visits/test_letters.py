"""The request and reply letters of a visit: PDFs checked by their header,
stored under random names, linked from the forms through the download that
checks permissions, and deleted from the storage once replaced or removed."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.editing import opened
from tests.factories import make_visit
from tests.visits.test_request_form import request_data
from visits.models import Visit, VisitStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
OTHER_PDF = b"%PDF-1.7\n% surat yang benar\n%%EOF\n"
RANDOM_NAME = re.compile(r"^visits/letters/[0-9a-f]{32}\.pdf$")


def letter(content=PDF, name="Surat Permohonan 400-101 Dinsos Salatiga.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def stored_letters(media_root):
    folder = media_root / "visits" / "letters"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def read(field):
    with field.open("rb") as file:
        return file.read()


def download(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, body


def letter_links(content):
    """The addresses of the links to stored letters in a page."""
    return re.findall(r'href="([^"]*/surat/[^"]*)"', content)


@pytest.fixture
def requested(salatiga, magelang):
    """Salatiga's request to Magelang, with its letter, not yet answered."""
    visit = make_visit(
        magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED, topics=["FTJSLP"]
    )
    visit.request_letter_file.save("surat.pdf", ContentFile(PDF))
    return visit


# --- Stored names ----------------------------------------------------------------------


def test_a_request_letter_is_stored_under_a_name_that_reveals_nothing(
    client, salatiga, magelang, media_root
):
    client.force_login(salatiga.staff)

    client.post(
        reverse("visits:create"), request_data(magelang.agency, request_letter_file=letter())
    )

    visit = Visit.objects.get()
    assert RANDOM_NAME.match(visit.request_letter_file.name)
    assert "Salatiga" not in visit.request_letter_file.name
    assert "400" not in visit.request_letter_file.name
    assert read(visit.request_letter_file) == PDF


def reply_opened(client, visit):
    """The version of the reply letter form on the visit's page."""
    return opened(client, reverse("visits:detail", args=[visit.pk]), guard="reply_guard")


def test_a_reply_letter_is_stored_under_a_name_that_reveals_nothing(client, magelang, requested):
    client.force_login(magelang.staff)

    client.post(
        reverse("visits:reply_letter", args=[requested.pk]),
        {
            "reply_letter_number": "400.9/123/Dinsos",
            "reply_letter_date": "2023-06-01",
            "reply_letter_file": letter(name="Balasan Magelang untuk Salatiga.pdf"),
        }
        | reply_opened(client, requested),
    )

    requested.refresh_from_db()
    assert RANDOM_NAME.match(requested.reply_letter_file.name)
    assert "Magelang" not in requested.reply_letter_file.name


def test_a_letter_that_is_only_named_pdf_is_refused_in_the_reply_form(
    client, magelang, requested, media_root
):
    client.force_login(magelang.staff)

    response = client.post(
        reverse("visits:reply_letter", args=[requested.pk]),
        {
            "reply_letter_number": "400.9/123/Dinsos",
            "reply_letter_file": letter(b"<html>bukan PDF</html>", "balasan.pdf"),
        },
        follow=True,
    )

    assert "Berkas ini bukan PDF." in response.content.decode()
    requested.refresh_from_db()
    assert not requested.reply_letter_file
    assert requested.reply_letter_number == ""


# --- Links in the forms ----------------------------------------------------------------


def test_the_edit_pages_link_downloads_the_letter_for_a_party_and_not_for_an_outsider(
    client, salatiga, magelang, malang, requested
):
    client.force_login(salatiga.staff)
    page = client.get(reverse("visits:edit", args=[requested.pk])).content.decode()

    [link] = letter_links(page)
    assert link == reverse("visits:letter", args=[requested.pk, "permohonan"])
    assert "/media/" not in page
    assert requested.request_letter_file.name.rsplit("/", 1)[-1] not in page
    assert f"surat-permohonan-{requested.pk}.pdf" in page
    assert download(client, link) == (200, PDF)
    client.force_login(magelang.staff)
    assert download(client, link) == (200, PDF)
    client.force_login(malang.staff)
    assert download(client, link)[0] == 404


def test_the_reply_forms_link_downloads_the_reply_letter(client, magelang, requested):
    requested.reply_letter_file.save("balasan.pdf", ContentFile(OTHER_PDF))
    client.force_login(magelang.staff)

    page = client.get(reverse("visits:detail", args=[requested.pk])).content.decode()

    link = reverse("visits:letter", args=[requested.pk, "balasan"])
    assert f'href="{link}"' in page
    assert "/media/" not in page
    assert download(client, link) == (200, OTHER_PDF)


# --- Files left behind -----------------------------------------------------------------


def test_replacing_the_request_letter_deletes_the_old_file(
    client, salatiga, magelang, requested, media_root, django_capture_on_commit_callbacks
):
    old_name = requested.request_letter_file.name
    client.force_login(salatiga.staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("visits:edit", args=[requested.pk]),
            request_data(magelang.agency, request_letter_file=letter(OTHER_PDF))
            | opened(client, reverse("visits:edit", args=[requested.pk])),
        )

    assert response.status_code == 302
    requested.refresh_from_db()
    assert requested.request_letter_file.name != old_name
    assert read(requested.request_letter_file) == OTHER_PDF
    assert stored_letters(media_root) == [requested.request_letter_file.name.rsplit("/", 1)[-1]]


def test_editing_the_request_without_a_new_letter_keeps_the_stored_one(
    client, salatiga, magelang, requested, media_root, django_capture_on_commit_callbacks
):
    name = requested.request_letter_file.name
    client.force_login(salatiga.staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("visits:edit", args=[requested.pk]),
            request_data(magelang.agency, title="Judul baru")
            | opened(client, reverse("visits:edit", args=[requested.pk])),
        )

    requested.refresh_from_db()
    assert (requested.title, requested.request_letter_file.name) == ("Judul baru", name)
    assert read(requested.request_letter_file) == PDF


def test_removing_the_request_letter_deletes_its_file(
    client, salatiga, magelang, requested, media_root, django_capture_on_commit_callbacks
):
    client.force_login(salatiga.staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("visits:edit", args=[requested.pk]),
            request_data(magelang.agency, **{"request_letter_file-clear": "on"})
            | opened(client, reverse("visits:edit", args=[requested.pk])),
        )

    requested.refresh_from_db()
    assert not requested.request_letter_file
    assert stored_letters(media_root) == []


def test_replacing_the_reply_letter_deletes_the_old_file_and_keeps_it_otherwise(
    client, magelang, requested, media_root, django_capture_on_commit_callbacks
):
    url = reverse("visits:reply_letter", args=[requested.pk])
    client.force_login(magelang.staff)
    data = {"reply_letter_number": "400.9/123/Dinsos", "reply_letter_date": "2023-06-01"}

    def save_reply(changes):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, data | changes | reply_opened(client, requested))
        requested.refresh_from_db()

    save_reply({"reply_letter_file": letter(PDF, "balasan.pdf")})
    first = requested.reply_letter_file.name

    # The number corrected, no new scan: the stored one stays.
    save_reply({"reply_letter_number": "400.9/124/Dinsos"})
    assert requested.reply_letter_file.name == first
    assert len(stored_letters(media_root)) == 2  # request and reply

    save_reply({"reply_letter_file": letter(OTHER_PDF, "balasan-baru.pdf")})
    assert requested.reply_letter_file.name != first
    assert read(requested.reply_letter_file) == OTHER_PDF
    assert sorted(stored_letters(media_root)) == sorted(
        name.rsplit("/", 1)[-1]
        for name in (requested.request_letter_file.name, requested.reply_letter_file.name)
    )


def test_removing_the_reply_letter_deletes_its_file(
    client, magelang, requested, media_root, django_capture_on_commit_callbacks
):
    requested.reply_letter_file.save("balasan.pdf", ContentFile(OTHER_PDF))
    reply_name = requested.reply_letter_file.name
    client.force_login(magelang.staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("visits:reply_letter", args=[requested.pk]),
            {"reply_letter_number": "400.9/123/Dinsos", "reply_letter_file-clear": "on"}
            | reply_opened(client, requested),
        )

    requested.refresh_from_db()
    assert not requested.reply_letter_file
    assert reply_name.rsplit("/", 1)[-1] not in stored_letters(media_root)
    assert stored_letters(media_root) == [requested.request_letter_file.name.rsplit("/", 1)[-1]]


def test_a_letter_replaced_in_the_admin_is_checked_and_the_old_file_deleted(
    admin_client, requested, media_root, django_capture_on_commit_callbacks
):
    url = reverse("admin:visits_visit_change", args=[requested.pk])
    page = admin_client.get(url)
    data = _admin_form_data(page)

    refused = admin_client.post(
        url, data | {"request_letter_file": letter(b"bukan PDF", "surat.pdf")}
    )
    assert refused.context["adminform"].form.errors["request_letter_file"] == [
        "Berkas ini bukan PDF. Unggah pindaian surat dalam format PDF."
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data | {"request_letter_file": letter(OTHER_PDF)})

    assert response.status_code == 302
    requested.refresh_from_db()
    assert RANDOM_NAME.match(requested.request_letter_file.name)
    assert stored_letters(media_root) == [requested.request_letter_file.name.rsplit("/", 1)[-1]]


def test_deleting_a_visit_in_the_admin_deletes_its_letters(
    admin_client, requested, media_root, django_capture_on_commit_callbacks
):
    requested.reply_letter_file.save("balasan.pdf", ContentFile(OTHER_PDF))
    assert len(stored_letters(media_root)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:visits_visit_delete", args=[requested.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Visit.objects.filter(pk=requested.pk).exists()
    assert stored_letters(media_root) == []


def _admin_form_data(response):
    """What the admin's change form would send back unchanged."""
    from django import forms

    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        if isinstance(field, forms.SplitDateTimeField):
            for index, value in enumerate(field.widget.decompress(form[name].value())):
                data[f"{name}_{index}"] = value or ""
            continue
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
            continue
        if isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = list(value or [])
            continue
        data[name] = "" if value is None else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form_ in formset.forms:
            for name in form_.fields:
                value = form_[name].value()
                if value is not None and value is not False:
                    data[form_.add_prefix(name)] = value
    return data
