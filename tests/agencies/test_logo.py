"""Agency logos, printed on the letterhead of every PDF document: set in the
admin, checked and re-encoded by the image pipeline like photos, scaled to
what the letterhead needs, and never left behind in the storage."""

import io

import pytest
from django import forms
from django.urls import reverse
from PIL import Image

from agencies import logos
from agencies.models import Agency, logo_path
from tests.factories import make_agency
from tests.pictures import (
    after_a_pdf_was_rendered,
    encoded,
    noisy,
    pillow_alone_accepts,
    truncated_jpeg_upload,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def agency():
    return make_agency("33.71", slug="kota-magelang")


def change_url(agency):
    return reverse("admin:agencies_agency_change", args=[agency.pk])


def form_data(response):
    """What the admin's change form would send back unchanged."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.FileField):
            continue
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
            continue
        data[name] = "" if value is None else value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


def save_in_admin(client, agency, **changes):
    data = form_data(client.get(change_url(agency))) | changes
    return client.post(change_url(agency), data)


def stored_logos(media_root):
    folder = media_root / "agencies" / "logos"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def logo_image(agency):
    agency.refresh_from_db()
    with agency.logo.open("rb") as stored:
        return Image.open(io.BytesIO(stored.read()))


def transparent_png(size=(2400, 1200)):
    """A round emblem on a transparent background, the usual government logo."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    width, height = size
    image.paste((200, 20, 20, 255), (width // 4, height // 4, width * 3 // 4, height * 3 // 4))
    return encoded(image, "PNG")


# --- Names -----------------------------------------------------------------------------


def test_every_uploaded_logo_gets_a_name_of_its_own():
    """A PDF cached by its HTML would otherwise keep showing a replaced logo."""
    first, second = logo_path(None, "Logo Dinsos.PNG"), logo_path(None, "Logo Dinsos.PNG")

    assert first != second
    assert first.startswith("agencies/logos/") and first.endswith(".png")
    assert "Dinsos" not in first


# --- The pipeline ----------------------------------------------------------------------


def test_a_large_transparent_png_is_stored_at_600_px_keeping_its_transparency(admin_client, agency):
    response = save_in_admin(
        admin_client, agency, logo=upload("Logo Kota Magelang.png", transparent_png(), "PNG")
    )

    assert response.status_code == 302
    image = logo_image(agency)
    assert (image.format, image.size, image.mode) == ("PNG", (600, 300), "RGBA")
    assert image.getpixel((5, 5))[3] == 0  # the paper shows through
    assert image.getpixel((300, 150)) == (200, 20, 20, 255)
    assert agency.logo.name.endswith(".png")
    assert "Magelang" not in agency.logo.name


def test_a_jpeg_logo_is_stored_as_a_jpeg_at_600_px_without_its_metadata(admin_client, agency):
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (7.0, 28.0, 0.0)}  # GPS
    content = encoded(noisy((1800, 1800)), "JPEG", quality=95, exif=exif, comment=b"scanner")

    save_in_admin(admin_client, agency, logo=upload("logo.jpg", content))

    image = logo_image(agency)
    assert (image.format, image.size) == ("JPEG", (600, 600))
    assert dict(image.getexif()) == {}
    assert "comment" not in image.info
    assert agency.logo.size < len(content) / 4


def test_a_small_logo_is_not_enlarged(admin_client, agency):
    save_in_admin(admin_client, agency, logo=upload("logo.png", transparent_png((240, 240)), "PNG"))

    assert logo_image(agency).size == (240, 240)


def test_a_logo_larger_than_5_mb_is_refused(admin_client, agency, media_root):
    content = encoded(noisy((200, 200)), "JPEG") + b"\x00" * (24 * 1024 * 1024)

    response = save_in_admin(admin_client, agency, logo=upload("logo-besar.jpg", content))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["logo"] == [
        "logo-besar.jpg: berkas terlalu besar (24,0\xa0MB); paling besar 5,0\xa0MB per berkas."
    ]
    agency.refresh_from_db()
    assert not agency.logo
    assert stored_logos(media_root) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "logo.svg: bukan gambar JPEG, PNG atau WebP.",
            id="svg",
        ),
        pytest.param(
            "logo.png",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
            "logo.png: bukan gambar JPEG, PNG atau WebP.",
            id="pdf",
        ),
    ],
)
def test_a_logo_that_is_not_a_picture_is_refused(
    admin_client, agency, media_root, name, content, message
):
    response = save_in_admin(admin_client, agency, logo=upload(name, content, "PNG"))

    assert response.context["adminform"].form.errors["logo"] == [message]
    assert stored_logos(media_root) == []


def test_a_truncated_logo_is_refused_after_a_pdf_was_rendered(
    admin_client, agency, media_root, monkeypatch
):
    after_a_pdf_was_rendered(monkeypatch)
    logo = truncated_jpeg_upload("logo-dinsos.jpg")
    assert pillow_alone_accepts(logo.read())
    logo.seek(0)

    response = save_in_admin(admin_client, agency, logo=logo)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["logo"] == [
        "logo-dinsos.jpg: berkas gambar rusak atau terpotong."
    ]
    assert stored_logos(media_root) == []


def test_process_logo_names_the_stored_kind():
    png = logos.process_logo(upload("a.png", transparent_png((100, 50)), "PNG"))
    jpeg = logos.process_logo(upload("b.webp", encoded(noisy((100, 50)), "WEBP"), "WEBP"))

    assert (png.name, jpeg.name) == ("logo.png", "logo.jpg")


# --- Files left behind -----------------------------------------------------------------


def test_five_logo_changes_leave_one_file(
    admin_client, agency, media_root, django_capture_on_commit_callbacks
):
    for number in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            response = save_in_admin(
                admin_client, agency, logo=upload(f"logo-{number}.png", transparent_png(), "PNG")
            )
        assert response.status_code == 302

    agency.refresh_from_db()
    assert stored_logos(media_root) == [agency.logo.name.rsplit("/", 1)[-1]]


def test_saving_other_fields_keeps_the_logo(
    admin_client, agency, media_root, django_capture_on_commit_callbacks
):
    save_in_admin(admin_client, agency, logo=upload("logo.png", transparent_png(), "PNG"))
    agency.refresh_from_db()
    name = agency.logo.name

    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(admin_client, agency, letterhead="PEMERINTAH KOTA MAGELANG\nDINAS SOSIAL")

    agency.refresh_from_db()
    assert agency.logo.name == name
    assert stored_logos(media_root) == [name.rsplit("/", 1)[-1]]


def test_clearing_the_logo_deletes_its_file(
    admin_client, agency, media_root, django_capture_on_commit_callbacks
):
    save_in_admin(admin_client, agency, logo=upload("logo.png", transparent_png(), "PNG"))

    with django_capture_on_commit_callbacks(execute=True):
        response = save_in_admin(admin_client, agency, **{"logo-clear": "on"})

    assert response.status_code == 302
    agency.refresh_from_db()
    assert not agency.logo
    assert stored_logos(media_root) == []


def test_deleting_an_agency_deletes_its_logo(
    admin_client, agency, media_root, django_capture_on_commit_callbacks
):
    save_in_admin(admin_client, agency, logo=upload("logo.png", transparent_png(), "PNG"))
    assert len(stored_logos(media_root)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:agencies_agency_delete", args=[agency.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Agency.objects.filter(pk=agency.pk).exists()
    assert stored_logos(media_root) == []
