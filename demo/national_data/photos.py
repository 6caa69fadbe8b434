"""The photo files the generated reports share, made once under
MEDIA_ROOT."""

import io
import random
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from .figures import PHOTO_DIR, PHOTO_FILES, PHOTO_SIZE, THUMBNAIL_SIZE
from .writer import seconds_since


def ensure_photo_files(seed=1, log=None):
    """PHOTO_FILES documentation-like JPEGs (2000 × 1333, a few hundred KB,
    like what ``reports.photos`` stores) and their thumbnails under
    MEDIA_ROOT/PHOTO_DIR, made once and reused by every run: returns
    ``(image name, thumbnail name, width, height)`` for each.

    A server whose MEDIA_ROOT differs from the one of the run that generated
    the data calls this once to have the files the photo rows point at."""
    from PIL import Image, ImageDraw, ImageFilter

    began = time.monotonic()
    made = 0
    files = []
    rng = random.Random(f"{seed}:photo-files")
    for number in range(1, PHOTO_FILES + 1):
        image_name = f"{PHOTO_DIR}/dokumentasi-{number:02d}.jpg"
        thumbnail_name = f"{PHOTO_DIR}/kecil/dokumentasi-{number:02d}.jpg"
        files.append((image_name, thumbnail_name, *PHOTO_SIZE))
        if default_storage.exists(image_name) and default_storage.exists(thumbnail_name):
            continue
        width, height = PHOTO_SIZE
        # A hall: a warm wall, a screen, rows of people as blurred shapes,
        # and grain, so that the JPEG weighs what a real photo does.
        picture = Image.new("RGB", PHOTO_SIZE, (rng.randint(150, 200), 140, 110))
        draw = ImageDraw.Draw(picture)
        draw.rectangle((0, int(height * 0.62), width, height), fill=(90, 60, 40))
        draw.rectangle((width // 3, 120, 2 * width // 3, 520), fill=(235, 235, 240))
        for _ in range(160):
            x, y = rng.randint(0, width), rng.randint(int(height * 0.45), height)
            size = rng.randint(40, 110)
            color = tuple(rng.randint(20, 230) for _ in range(3))
            draw.ellipse((x, y - size, x + size, y), fill=color)
        picture = picture.filter(ImageFilter.GaussianBlur(3))
        grain = Image.frombytes("L", (width // 2, height // 2), rng.randbytes(width * height // 4))
        picture = Image.blend(picture, Image.merge("RGB", [grain.resize(PHOTO_SIZE)] * 3), 0.12)
        ImageDraw.Draw(picture).text(
            (40, height - 80), "Dokumentasi studi tiru (data contoh)", fill=(255, 255, 255)
        )
        for name, size, quality in (
            (image_name, PHOTO_SIZE, 85),
            (thumbnail_name, THUMBNAIL_SIZE, 80),
        ):
            buffer = io.BytesIO()
            picture.resize(size).save(buffer, "JPEG", quality=quality)
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(buffer.getvalue()))
        made += 1
    if made and log:
        log(f"  {made} berkas foto bersama dibuat di {PHOTO_DIR}/ ({seconds_since(began)}).")
    return files
