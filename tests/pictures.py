"""Pictures for the upload tests: real files made with Pillow, cut short or
damaged the way an interrupted upload or a failing card leaves them, and
the state a worker is in once it has rendered a PDF."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def noisy(size=(640, 480), mode="RGB", seed=7):
    """A picture of random pixels: its compressed data is mostly pixels, so
    a file cut short loses pixels rather than headers."""
    rng = random.Random(seed)
    width, height = size
    bands = len(mode)
    return Image.frombytes(mode, size, rng.randbytes(width * height * bands))


def encoded(image, kind="JPEG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def cut_short(data: bytes, keep=0.6) -> bytes:
    """The file as an interrupted upload leaves it: its first ``keep`` part."""
    return data[: int(len(data) * keep)]


def upload(name, content, kind="JPEG"):
    return SimpleUploadedFile(name, content, content_type=CONTENT_TYPES.get(kind, "image/jpeg"))


def truncated_jpeg_upload(name="foto.jpg"):
    return upload(name, cut_short(encoded(noisy(), "JPEG", quality=90)))


def after_a_pdf_was_rendered(monkeypatch):
    """Put the process in the state WeasyPrint leaves it in: importing
    ``weasyprint.images`` sets ``LOAD_TRUNCATED_IMAGES`` for good, so that
    Pillow pads a truncated picture with grey instead of refusing it.
    ``monkeypatch`` restores the flag after the test."""
    import weasyprint.images  # noqa: F401 - imported for what it does to Pillow

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)


def pillow_alone_accepts(content: bytes) -> bool:
    """Whether Pillow, under the flag as it is now, decodes ``content``
    without complaint: the proof that a test exercises the flag."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
    except OSError:
        return False
    return True
