"""Documentation photos: uploads checked by their content, re-encoded without
EXIF, captioned, managed only by the report's writers while it is a draft,
and served only to the report's agency until it is published."""

import io
import struct
import zlib

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageFile

from reports import services
from reports.models import Photo, Report, ReportStatus
from reports.photos import process_upload
from tests.editing import opened
from tests.factories import make_report, make_visit
from tests.pictures import pillow_alone_accepts, truncated_jpeg_upload
from visits.models import VisitStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

BLUE = (0, 0, 255)
RED = (255, 0, 0)


# --- Files -----------------------------------------------------------------------------


def jpeg(size=(400, 200), *, orientation=None, gps=False, quality=90):
    """A JPEG whose left half is blue and right half red, with EXIF."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    if orientation:
        exif[0x0112] = orientation
    if gps:
        # GPS IFD: 7°28' S, 110°13' E (Kota Magelang)
        exif[0x8825] = {1: "S", 2: (7.0, 28.0, 0.0), 3: "E", 4: (110.0, 13.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=exif, comment=b"kamera dinas")
    return buffer.getvalue()


def png_declaring(width, height):
    """A tiny PNG whose header declares ``width`` x ``height`` pixels: a
    decompression bomb when the numbers are large."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored(field):
    field.open("rb")
    try:
        return field.read()
    finally:
        field.close()


def media_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file())


# --- The world -------------------------------------------------------------------------


@pytest.fixture
def visit(salatiga, magelang):
    return make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD, topics=["FTJSLP"])


@pytest.fixture
def report(visit, salatiga):
    """Salatiga's draft report of its visit to Magelang."""
    return make_report(visit, salatiga.agency, title="Studi Tiru FTJSLP ke Kota Magelang")


def add_photo(report, by, caption="Foto kegiatan", content=None):
    processed = process_upload(upload("foto.jpg", content or jpeg()))
    [photo] = services.photo_add(report=report, by=by, photos=[(processed, caption)])
    return photo


def publish(report):
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.PUBLISHED, published_at=timezone.now()
    )


def upload_url(report):
    return f"/laporan/{report.pk}/foto/"


# --- Processing ------------------------------------------------------------------------


def test_a_photo_taken_sideways_is_stored_upright_without_exif_or_gps(
    client, report, salatiga, media_root
):
    client.force_login(salatiga.penyuluh)
    response = client.post(
        upload_url(report),
        {
            "photos": [upload("IMG_0001.jpg", jpeg(orientation=6, gps=True))],
            "caption_0": "Penyerahan cendera mata",
        },
    )

    assert response.status_code == 302
    photo = Photo.objects.get(report=report)
    assert photo.caption == "Penyerahan cendera mata"
    assert photo.uploaded_by == salatiga.penyuluh
    data = stored(photo.image)
    image = Image.open(io.BytesIO(data))
    # Orientation 6: the camera was turned a quarter clockwise; the blue left
    # half of the sensor is now on top.
    assert (image.format, image.size) == ("JPEG", (200, 400))
    assert (photo.width, photo.height) == (200, 400)
    top, bottom = image.getpixel((100, 20)), image.getpixel((100, 380))
    assert top[2] > 200 and top[0] < 50
    assert bottom[0] > 200 and bottom[2] < 50
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    assert b"Exif" not in data
    assert b"KameraPonsel" not in data
    assert b"kamera dinas" not in data
    thumbnail = stored(photo.thumbnail)
    assert b"Exif" not in thumbnail
    # The user's file name is not kept in the storage.
    assert "IMG_0001" not in photo.image.name


def test_a_large_photo_is_stored_at_most_2000_px_with_a_480_px_thumbnail(report, salatiga):
    photo = add_photo(report, salatiga.penyuluh, content=jpeg((3000, 1500)))

    assert Image.open(io.BytesIO(stored(photo.image))).size == (2000, 1000)
    assert (photo.width, photo.height) == (2000, 1000)
    assert Image.open(io.BytesIO(stored(photo.thumbnail))).size == (480, 240)


def test_a_transparent_png_is_stored_as_a_jpeg_on_white(report, salatiga):
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")

    processed = process_upload(upload("denah.png", buffer.getvalue(), "image/png"))

    stored_image = Image.open(processed.image)
    assert stored_image.format == "JPEG"
    assert stored_image.getpixel((10, 10)) == (255, 255, 255)


def test_a_webp_photo_is_accepted(report, salatiga):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), RED).save(buffer, "WEBP")

    processed = process_upload(upload("foto.webp", buffer.getvalue(), "image/webp"))

    assert (processed.width, processed.height) == (120, 80)


# --- Bad uploads -----------------------------------------------------------------------

BAD_UPLOADS = [
    pytest.param(
        "foto1.jpg",
        b"Ini hanya teks biasa, bukan foto.\n" * 10,
        "image/jpeg",
        "foto1.jpg: bukan gambar JPEG, PNG atau WebP.",
        id="text-named-jpg",
    ),
    pytest.param(
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/svg+xml",
        "logo.svg: bukan gambar JPEG, PNG atau WebP.",
        id="svg",
    ),
    pytest.param(
        "laporan.jpg",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
        "image/jpeg",
        "laporan.jpg: bukan gambar JPEG, PNG atau WebP.",
        id="pdf",
    ),
    pytest.param(
        "bom.png",
        png_declaring(100_000, 100_000),
        "image/png",
        "bom.png: ukuran gambar terlalu besar; paling banyak 50 megapiksel.",
        id="decompression-bomb",
    ),
    pytest.param(
        "panorama.png",
        png_declaring(10_000, 6_000),
        "image/png",
        "panorama.png: ukuran gambar terlalu besar; paling banyak 50 megapiksel.",
        id="above-the-pixel-limit",
    ),
    pytest.param(
        "IMG_2024.HEIC",
        b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64,
        "image/heic",
        "IMG_2024.HEIC: foto HEIC/HEIF belum dapat dibaca.",
        id="heic",
    ),
]


@pytest.mark.parametrize(("name", "content", "content_type", "message"), BAD_UPLOADS)
def test_a_bad_upload_is_refused_with_its_name_and_nothing_is_saved(
    client, report, salatiga, media_root, name, content, content_type, message
):
    client.force_login(salatiga.penyuluh)

    response = client.post(
        upload_url(report),
        {"photos": [upload(name, content, content_type)], "caption_0": "Keterangan saya"},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["photos"]
    assert len(errors) == 1
    assert errors[0].startswith(message)
    assert message in response.content.decode()
    assert "Tidak ada foto yang disimpan." in response.content.decode()
    assert not Photo.objects.exists()
    assert media_files(media_root) == []


def assert_batch_refused(response, media_root, error):
    """The upload form is shown again with ``error``; no photo and no file is kept."""
    assert response.status_code == 200
    assert response.context["form"].errors["photos"] == [error]
    assert not Photo.objects.exists()
    assert media_files(media_root) == []


def test_a_truncated_jpeg_is_refused_after_the_worker_rendered_a_pdf(
    client, report, salatiga, media_root
):
    """WeasyPrint lets Pillow decode truncated pictures for the whole process
    once it is loaded; the photo check must not rely on Pillow refusing them."""
    client.force_login(salatiga.penyuluh)
    pdf = client.get(reverse("reports:report_pdf", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert ImageFile.LOAD_TRUNCATED_IMAGES
    photo = truncated_jpeg_upload("IMG_0042.jpg")
    assert pillow_alone_accepts(photo.read())
    photo.seek(0)

    response = client.post(upload_url(report), {"photos": [photo], "caption_0": "Rapat"})

    assert_batch_refused(response, media_root, "IMG_0042.jpg: berkas gambar rusak atau terpotong.")


def test_an_oversized_file_is_refused_before_it_is_decoded(
    client, report, salatiga, media_root, settings
):
    settings.PHOTO_MAX_UPLOAD_MB = 1
    client.force_login(salatiga.penyuluh)
    content = jpeg((200, 200)) + b"\x00" * (1024 * 1024)

    response = client.post(upload_url(report), {"photos": [upload("besar.jpg", content)]})

    assert_batch_refused(
        response,
        media_root,
        "besar.jpg: berkas terlalu besar (1,0\xa0MB); paling besar 1,0\xa0MB per berkas.",
    )


def test_one_bad_file_in_a_batch_is_named_and_the_good_ones_are_saved(
    client, report, salatiga, media_root
):
    client.force_login(salatiga.penyuluh)

    response = client.post(
        upload_url(report),
        {
            "photos": [
                upload("aula.jpg", jpeg()),
                upload("catatan.jpg", b"bukan foto"),
                upload("lapangan.jpg", jpeg()),
            ],
            "caption_0": "Sambutan di aula",
            "caption_1": "Catatan rapat",
            "caption_2": "Kunjungan lapangan",
        },
    )

    # Back to the upload page, to choose the refused file again.
    assert response.status_code == 302
    assert response["Location"] == upload_url(report)
    assert list(report.photos.values_list("caption", "order")) == [
        ("Sambutan di aula", 0),
        ("Kunjungan lapangan", 1),
    ]
    assert len(media_files(media_root)) == 4  # two photos and their thumbnails
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "2 foto tersimpan.",
        "Ditolak, tidak disimpan: catatan.jpg: bukan gambar JPEG, PNG atau WebP. "
        "Keterangan yang Anda ketik: «Catatan rapat».",
    ]
    page = client.get(response["Location"]).content.decode()
    assert "catatan.jpg: bukan gambar JPEG, PNG atau WebP." in page


def test_every_refused_file_of_a_batch_is_named_with_its_reason(client, report, salatiga, settings):
    settings.PHOTO_MAX_UPLOAD_MB = 1
    client.force_login(salatiga.penyuluh)

    response = client.post(
        upload_url(report),
        {
            "photos": [
                upload("besar.jpg", jpeg((200, 200)) + b"\x00" * (1024 * 1024)),
                upload("aula.jpg", jpeg()),
                upload(
                    "IMG_2024.HEIC",
                    b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64,
                    "image/heic",
                ),
            ],
        },
    )

    assert report.photos.count() == 1
    warnings = [str(m) for m in get_messages(response.wsgi_request)][1:]
    assert len(warnings) == 2
    assert warnings[0].startswith("Ditolak, tidak disimpan: besar.jpg: berkas terlalu besar")
    assert warnings[1].startswith(
        "Ditolak, tidak disimpan: IMG_2024.HEIC: foto HEIC/HEIF belum dapat dibaca."
    )


def test_a_batch_of_refused_files_only_saves_nothing_and_keeps_the_captions_typed(
    client, report, salatiga, media_root
):
    client.force_login(salatiga.penyuluh)

    response = client.post(
        upload_url(report),
        {
            "photos": [
                upload("catatan.jpg", b"bukan foto"),
                upload("lapangan.jpg", b"juga bukan"),
            ],
            "caption_0": "Catatan rapat",
            "caption_1": "Kunjungan <b>lapangan</b>",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["photos"] == [
        "catatan.jpg: bukan gambar JPEG, PNG atau WebP.",
        "lapangan.jpg: bukan gambar JPEG, PNG atau WebP.",
    ]
    assert not Photo.objects.exists()
    assert media_files(media_root) == []
    assert response.context["typed_captions"] == {
        "catatan.jpg": "Catatan rapat",
        "lapangan.jpg": "Kunjungan <b>lapangan</b>",
    }
    content = response.content.decode()
    assert "Tidak ada foto yang disimpan." in content
    assert 'id="photo-typed-captions"' in content
    assert "Kunjungan &lt;b&gt;lapangan&lt;/b&gt;" in content


def test_the_page_says_the_limits_before_a_file_is_chosen(client, report, salatiga, settings):
    settings.PHOTO_MAX_FILES = 12
    settings.PHOTO_MAX_UPLOAD_MB = 15
    client.force_login(salatiga.penyuluh)

    content = client.get(upload_url(report)).content.decode()

    assert 'aria-describedby="photo-limits"' in content
    assert (
        "JPEG, PNG atau WebP; paling besar 15 MB per foto, paling banyak 12 foto sekali unggah."
        in content
    )
    assert '<progress class="photo-progress-bar" id="photo-progress" max="100">' in content


def test_the_pages_script_is_told_where_to_go_instead_of_a_redirect(client, report, salatiga):
    client.force_login(salatiga.penyuluh)

    response = client.post(
        upload_url(report),
        {"photos": [upload("aula.jpg", jpeg())], "caption_0": "Sambutan"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/laporan/{report.pk}/#foto-dokumentasi"
    assert report.photos.count() == 1


def test_several_photos_are_saved_in_order_with_their_captions(client, report, salatiga):
    client.force_login(salatiga.penyuluh)

    response = client.post(
        upload_url(report),
        {
            "photos": [upload("1.jpg", jpeg()), upload("2.jpg", jpeg()), upload("3.jpg", jpeg())],
            "caption_0": "Sambutan",
            "caption_1": "",
            "caption_2": "  Diskusi  ",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"/laporan/{report.pk}/#foto-dokumentasi"
    assert list(report.photos.values_list("caption", "order")) == [
        ("Sambutan", 0),
        ("", 1),
        ("Diskusi", 2),
    ]


def test_a_second_upload_comes_after_the_photos_already_there(client, report, salatiga):
    add_photo(report, salatiga.penyuluh, caption="Pertama")
    client.force_login(salatiga.penyuluh)

    client.post(upload_url(report), {"photos": [upload("2.jpg", jpeg())], "caption_0": "Kedua"})

    assert list(report.photos.values_list("caption", flat=True)) == ["Pertama", "Kedua"]


def test_choosing_no_file_asks_for_one(client, report, salatiga):
    client.force_login(salatiga.penyuluh)

    response = client.post(upload_url(report), {})

    assert response.context["form"].errors["photos"] == ["Pilih sedikitnya satu foto."]


def test_too_many_photos_at_once_are_refused(client, report, salatiga, settings):
    settings.PHOTO_MAX_FILES = 2
    client.force_login(salatiga.penyuluh)

    response = client.post(
        upload_url(report), {"photos": [upload(f"{n}.jpg", jpeg()) for n in range(3)]}
    )

    assert response.context["form"].errors["photos"] == [
        "Paling banyak 2 foto sekali unggah; Anda memilih 3."
    ]
    assert not Photo.objects.exists()


def test_a_caption_longer_than_300_characters_is_refused(client, report, salatiga, media_root):
    client.force_login(salatiga.penyuluh)

    response = client.post(
        upload_url(report), {"photos": [upload("aula.jpg", jpeg())], "caption_0": "x" * 301}
    )

    assert response.context["form"].non_field_errors() == [
        "Keterangan foto aula.jpg terlalu panjang: 301 karakter, paling banyak 300."
    ]
    assert not Photo.objects.exists()
    assert media_files(media_root) == []


def test_a_batch_that_fails_halfway_leaves_no_file_behind(report, salatiga, media_root):
    good = process_upload(upload("1.jpg", jpeg()))
    also_good = process_upload(upload("2.jpg", jpeg()))

    with pytest.raises(AttributeError):
        # The second caption is not text: the error comes after the first
        # photo's files were written.
        services.photo_add(
            report=report, by=salatiga.penyuluh, photos=[(good, "Satu"), (also_good, None)]
        )

    assert not Photo.objects.exists()
    assert media_files(media_root) == []


# --- Who may manage photos -------------------------------------------------------------


def test_a_penyuluh_of_the_reports_agency_sees_the_upload_page(client, report, salatiga):
    add_photo(report, salatiga.penyuluh, caption="Sambutan kepala dinas")
    client.force_login(salatiga.penyuluh)

    response = client.get(upload_url(report))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'type="file"' in content
    assert "multiple" in content
    assert 'accept="image/jpeg,image/png,image/webp' in content
    assert "Sambutan kepala dinas" in content


def test_a_head_of_the_reports_agency_may_upload(client, report, salatiga):
    client.force_login(salatiga.head)

    response = client.post(upload_url(report), {"photos": [upload("1.jpg", jpeg())]})

    assert response.status_code == 302
    assert report.photos.count() == 1


@pytest.mark.parametrize("person", ["penyuluh", "head"])
def test_another_agency_gets_404(client, report, magelang, malang, person):
    for agency in (magelang, malang):  # the host of the visit is another agency too
        client.force_login(getattr(agency, person))
        assert client.get(upload_url(report)).status_code == 404
        response = client.post(upload_url(report), {"photos": [upload("1.jpg", jpeg())]})
        assert response.status_code == 404
    assert not Photo.objects.exists()


def test_staff_of_the_reports_agency_get_403(client, report, salatiga):
    client.force_login(salatiga.staff)

    assert client.get(upload_url(report)).status_code == 403
    response = client.post(upload_url(report), {"photos": [upload("1.jpg", jpeg())]})
    assert response.status_code == 403
    assert not Photo.objects.exists()


@pytest.mark.parametrize("status", ["submitted", "approved", "published"])
def test_photos_are_frozen_once_the_report_is_submitted(client, report, salatiga, status):
    photo = add_photo(report, salatiga.penyuluh, caption="Sambutan")
    Report.objects.filter(pk=report.pk).update(status=status, published_at=timezone.now())
    client.force_login(salatiga.penyuluh)

    assert client.get(upload_url(report)).status_code == 403
    response = client.post(upload_url(report), {"photos": [upload("1.jpg", jpeg())]})
    assert response.status_code == 403
    edit = f"/laporan/{report.pk}/foto/{photo.pk}/ubah/"
    assert client.post(edit, {"caption": "Diubah"}).status_code == 403
    assert client.post(f"/laporan/{report.pk}/foto/{photo.pk}/hapus/").status_code == 403
    assert list(report.photos.values_list("caption", flat=True)) == ["Sambutan"]


def test_anonymous_users_are_sent_to_log_in(client, report):
    response = client.get(upload_url(report))
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")


def test_the_service_refuses_a_user_who_may_not_manage_photos(report, salatiga, media_root):
    processed = process_upload(upload("1.jpg", jpeg()))

    with pytest.raises(PermissionDenied):
        services.photo_add(report=report, by=salatiga.staff, photos=[(processed, "")])

    assert not Photo.objects.exists()
    assert media_files(media_root) == []


# --- Caption and deletion --------------------------------------------------------------


def test_a_caption_is_changed_later(client, report, salatiga):
    photo = add_photo(report, salatiga.penyuluh, caption="Sambutn")
    client.force_login(salatiga.penyuluh)
    url = f"/laporan/{report.pk}/foto/{photo.pk}/ubah/"

    response = client.post(
        url, {"caption": "Sambutan Kepala Dinas Sosial Kota Magelang"} | opened(client, url)
    )

    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Sambutan Kepala Dinas Sosial Kota Magelang"


def test_a_caption_too_long_is_refused_and_kept(client, report, salatiga):
    photo = add_photo(report, salatiga.penyuluh, caption="Sambutan")
    client.force_login(salatiga.penyuluh)

    response = client.post(f"/laporan/{report.pk}/foto/{photo.pk}/ubah/", {"caption": "y" * 301})

    assert response.status_code == 200
    assert response.context["form"]["caption"].value() == "y" * 301
    photo.refresh_from_db()
    assert photo.caption == "Sambutan"


def test_another_agency_cannot_touch_a_photo(client, report, salatiga, malang):
    photo = add_photo(report, salatiga.penyuluh, caption="Sambutan")
    client.force_login(malang.penyuluh)

    assert (
        client.post(f"/laporan/{report.pk}/foto/{photo.pk}/ubah/", {"caption": "x"}).status_code
        == 404
    )
    assert client.post(f"/laporan/{report.pk}/foto/{photo.pk}/hapus/").status_code == 404
    photo.refresh_from_db()
    assert photo.caption == "Sambutan"


def test_a_photo_of_another_report_is_not_found_under_this_one(client, report, salatiga, visit):
    other_visit = make_visit(visit.host, visit.visitor, status=VisitStatus.HELD)
    other_report = make_report(other_visit, salatiga.agency)
    photo = add_photo(other_report, salatiga.penyuluh)
    client.force_login(salatiga.penyuluh)

    assert client.get(f"/laporan/{report.pk}/foto/{photo.pk}/ubah/").status_code == 404


def test_deleting_asks_first_then_removes_the_photo_and_its_files(
    client, report, salatiga, media_root, django_capture_on_commit_callbacks
):
    photo = add_photo(report, salatiga.penyuluh, caption="Salah foto")
    client.force_login(salatiga.penyuluh)
    url = f"/laporan/{report.pk}/foto/{photo.pk}/hapus/"

    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "Hapus foto ini?" in confirmation.content.decode()
    assert Photo.objects.filter(pk=photo.pk).exists()
    assert len(media_files(media_root)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == f"/laporan/{report.pk}/#foto-dokumentasi"
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert media_files(media_root) == []


def test_deleting_a_report_in_the_admin_deletes_its_photos_files(
    admin_client, report, salatiga, media_root, django_capture_on_commit_callbacks
):
    add_photo(report, salatiga.penyuluh)
    add_photo(report, salatiga.penyuluh)
    assert len(media_files(media_root)) == 4

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:reports_report_delete", args=[report.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Photo.objects.exists()
    assert media_files(media_root) == []


# --- Serving the files -----------------------------------------------------------------


def file_url(photo, size="asli"):
    return f"/foto/{photo.pk}/{size}/"


def test_the_reports_agency_gets_its_draft_photo_kept_private(client, report, salatiga):
    photo = add_photo(report, salatiga.penyuluh)
    client.force_login(salatiga.staff)  # any colleague of the agency sees the report

    response = client.get(file_url(photo))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert b"".join(response.streaming_content) == stored(photo.image)
    thumbnail = client.get(file_url(photo, "kecil"))
    assert b"".join(thumbnail.streaming_content) == stored(photo.thumbnail)


def test_a_draft_photo_is_not_found_for_another_agency(client, report, salatiga, magelang, malang):
    photo = add_photo(report, salatiga.penyuluh)
    for person in (magelang.head, malang.staff):
        client.force_login(person)
        assert client.get(file_url(photo)).status_code == 404
        assert client.get(file_url(photo, "kecil")).status_code == 404


def test_a_draft_photo_asks_an_anonymous_visitor_to_log_in(client, report, salatiga):
    photo = add_photo(report, salatiga.penyuluh)

    response = client.get(file_url(photo))

    assert response.status_code == 302
    assert response["Location"] == f"/akun/login/?next=/foto/{photo.pk}/asli/"
    # The same answer as for a photo that does not exist: nothing leaks.
    assert client.get("/foto/999999/asli/")["Location"] == "/akun/login/?next=/foto/999999/asli/"


def test_a_published_photo_is_public_and_cacheable(client, report, salatiga):
    photo = add_photo(report, salatiga.penyuluh)
    publish(report)

    response = client.get(file_url(photo, "kecil"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "public, max-age=604800, immutable"
    assert b"".join(response.streaming_content) == stored(photo.thumbnail)


def test_a_photo_already_in_the_browser_is_not_sent_again(client, report, salatiga):
    photo = add_photo(report, salatiga.penyuluh)
    publish(report)
    etag = client.get(file_url(photo))["ETag"]

    response = client.get(file_url(photo), headers={"if-none-match": etag})

    assert response.status_code == 304


def test_an_unknown_size_is_not_found(client, report, salatiga):
    photo = add_photo(report, salatiga.penyuluh)
    publish(report)
    assert client.get(file_url(photo, "sedang")).status_code == 404


# --- Queries ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 20])
def test_the_upload_page_runs_a_fixed_number_of_queries(
    client, report, salatiga, django_assert_num_queries, count
):
    processed = [
        (process_upload(upload(f"{n}.jpg", jpeg((40, 30)))), f"Foto {n}") for n in range(count)
    ]
    services.photo_add(report=report, by=salatiga.penyuluh, photos=processed)
    client.force_login(salatiga.penyuluh)

    # Session, user with membership, report, photos.
    with django_assert_num_queries(4):
        response = client.get(upload_url(report))

    assert response.content.decode().count('class="photo-card') == count
