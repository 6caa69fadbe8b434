"""The one image pipeline (uploads.images): a picture that is cut short or
damaged is refused by the check itself, whatever Pillow's process-wide
LOAD_TRUNCATED_IMAGES flag says (WeasyPrint turns it on when a worker
renders its first PDF), while intact pictures of every accepted kind pass."""

import io

import pytest
from PIL import Image

from tests.pictures import (
    after_a_pdf_was_rendered,
    cut_short,
    encoded,
    noisy,
    pillow_alone_accepts,
    upload,
)
from uploads import images

LIMITS = images.Limits(max_bytes=10 * 2**20, max_pixels=50_000_000)

INTACT = [
    pytest.param("JPEG", "RGB", {"quality": 90}, id="jpeg"),
    pytest.param("JPEG", "RGB", {"quality": 90, "progressive": True}, id="progressive-jpeg"),
    pytest.param("JPEG", "L", {}, id="greyscale-jpeg"),
    pytest.param("JPEG", "CMYK", {}, id="cmyk-jpeg"),
    pytest.param("PNG", "RGB", {}, id="png"),
    pytest.param("PNG", "RGBA", {}, id="transparent-png"),
    pytest.param("PNG", "RGB", {"interlace": 1}, id="interlaced-png"),
    pytest.param("PNG", "L", {"optimize": True}, id="greyscale-png"),
    pytest.param("WEBP", "RGB", {}, id="webp"),
    pytest.param("WEBP", "RGBA", {"lossless": True}, id="lossless-webp"),
]


def damaged(data: bytes, at=0.5, length=64) -> bytes:
    """The file with ``length`` bytes in its middle overwritten, as a failing
    memory card leaves it (same length, nothing missing)."""
    start = int(len(data) * at)
    return data[:start] + bytes(range(length)) + data[start + length :]


@pytest.fixture(params=[False, True], ids=["fresh-worker", "after-a-pdf"])
def worker(request, monkeypatch):
    """Every test runs in a fresh worker and in one that has rendered a PDF."""
    if request.param:
        after_a_pdf_was_rendered(monkeypatch)
    else:
        monkeypatch.setattr("PIL.ImageFile.LOAD_TRUNCATED_IMAGES", False)
    return request.param


@pytest.mark.parametrize(("kind", "mode", "options"), INTACT)
def test_an_intact_picture_is_decoded_upright(worker, kind, mode, options):
    content = encoded(noisy((300, 200), mode), kind, **options)

    decoded = images.decode(upload(f"gambar.{kind.lower()}", content, kind), limits=LIMITS)

    assert (decoded.format, decoded.image.size, decoded.name) == (
        kind,
        (300, 200),
        f"gambar.{kind.lower()}",
    )


@pytest.mark.parametrize("keep", [0.95, 0.6, 0.2])
@pytest.mark.parametrize(
    ("kind", "options"),
    [
        pytest.param("JPEG", {"quality": 90}, id="jpeg"),
        pytest.param("JPEG", {"quality": 90, "progressive": True}, id="progressive-jpeg"),
        pytest.param("PNG", {}, id="png"),
        pytest.param("WEBP", {}, id="webp"),
    ],
)
def test_a_picture_cut_short_is_refused_as_broken(worker, kind, options, keep):
    content = cut_short(encoded(noisy(), kind, **options), keep)

    with pytest.raises(images.ImageRefused) as refused:
        images.decode(upload(f"foto.{kind.lower()}", content, kind), limits=LIMITS)

    assert refused.value.code == "broken"
    assert str(refused.value) == f"foto.{kind.lower()}: berkas gambar rusak atau terpotong."


def test_the_flag_alone_would_let_a_truncated_jpeg_through(monkeypatch):
    """What went wrong: once WeasyPrint is loaded, Pillow itself decodes a
    truncated JPEG without complaint (the missing part comes out grey)."""
    content = cut_short(encoded(noisy(), "JPEG", quality=90))
    after_a_pdf_was_rendered(monkeypatch)

    assert pillow_alone_accepts(content)
    with pytest.raises(images.ImageRefused):
        images.decode(upload("foto.jpg", content), limits=LIMITS)


def test_a_jpeg_decoded_at_a_reduced_scale_is_still_refused_when_cut_short(worker):
    content = cut_short(encoded(noisy((1600, 1200)), "JPEG", quality=90))

    with pytest.raises(images.ImageRefused) as refused:
        images.decode(upload("foto.jpg", content), limits=LIMITS, longest_side=400)

    assert refused.value.code == "broken"


def test_a_png_damaged_in_its_pixel_data_is_refused(worker):
    content = damaged(encoded(noisy(), "PNG"))

    with pytest.raises(images.ImageRefused) as refused:
        images.decode(upload("denah.png", content, "PNG"), limits=LIMITS)

    assert str(refused.value) == "denah.png: berkas gambar rusak atau terpotong."


def test_a_file_of_another_kind_is_refused_naming_the_accepted_ones(worker):
    limits = images.Limits(max_bytes=2**20, max_pixels=10**6, formats=("JPEG", "PNG"))
    gif = encoded(Image.new("RGB", (10, 10)), "GIF")

    with pytest.raises(images.ImageRefused) as refused:
        images.decode(upload("animasi.gif", gif), limits=limits)

    assert (refused.value.code, str(refused.value)) == (
        "not_image",
        "animasi.gif: bukan gambar JPEG atau PNG.",
    )


def test_the_decoded_picture_carries_nothing_of_the_file(worker):
    """Callers encode the pixels anew; metadata must not ride along."""
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (7.0, 28.0, 0.0)}  # GPS
    content = encoded(noisy((80, 60)), "JPEG", exif=exif, comment=b"kamera dinas")

    decoded = images.decode(upload("foto.jpg", content), limits=LIMITS)
    flat = images.flattened(decoded.image)

    assert flat.info == {}
    assert dict(flat.getexif()) == {}
    assert b"kamera dinas" not in images.jpeg_bytes(flat, quality=80)


@pytest.mark.parametrize(
    ("kind", "mode", "keep_png", "stored"),
    [
        ("JPEG", "RGB", True, "jpg"),
        ("PNG", "RGB", True, "png"),
        ("PNG", "RGBA", False, "jpg"),
        ("WEBP", "RGBA", True, "png"),
        ("WEBP", "RGB", True, "jpg"),
    ],
)
def test_a_picture_is_stored_scaled_down_as_a_jpeg_or_a_png(kind, mode, keep_png, stored):
    content = encoded(noisy((300, 200), mode), kind, lossless=True) if kind == "WEBP" else None
    content = content or encoded(noisy((300, 200), mode), kind)
    decoded = images.decode(upload(f"gambar.{kind.lower()}", content, kind), limits=LIMITS)

    result = images.encode(decoded, jpeg_quality=80, longest_side=150, keep_png=keep_png)

    assert (result.extension, result.width, result.height) == (stored, 150, 100)
    with Image.open(io.BytesIO(result.content)) as image:
        assert (image.format, image.size) == ({"jpg": "JPEG", "png": "PNG"}[stored], (150, 100))
        assert image.info.get("exif") is None
