"""Documentation photos: the copies the portal stores of a checked upload.

The upload is checked and decoded by the portal's one image pipeline
(``uploads.images``): refused, with a message that names the file, when it is
too large (bytes or pixels), not a JPEG, PNG or WebP image, a decompression
bomb, or broken or truncated. What is stored is a new JPEG made from the
decoded pixels: EXIF orientation applied, every piece of metadata (EXIF with
its GPS location, XMP, comments) left behind, scaled down so that pages and
PDFs stay light, and a thumbnail beside it.

Pillow is imported here only, so that it stays out of start-up.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile

from uploads import images

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
# What the upload field offers in the browser's file picker. Only a hint: the
# server decides by decoding.
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp"

JPEG_QUALITY = 85
THUMBNAIL_QUALITY = 80

# The photo forms' name for a refused upload; ``str(error)`` says why.
PhotoError = images.ImageRefused


@dataclass(frozen=True)
class ProcessedPhoto:
    """The stored copies of one upload, ready for ``Photo.image`` and
    ``Photo.thumbnail``, and the name the user knows the file by."""

    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int
    original_name: str


def max_upload_bytes() -> int:
    return settings.PHOTO_MAX_UPLOAD_MB * 1024 * 1024


def limits() -> images.Limits:
    """Read at each upload: the settings may change (tests, environment)."""
    return images.Limits(
        max_bytes=max_upload_bytes(),
        max_pixels=settings.PHOTO_MAX_PIXELS,
        formats=ACCEPTED_FORMATS,
    )


def process_upload(upload) -> ProcessedPhoto:
    """Check ``upload`` (a Django ``UploadedFile`` or any file with ``name``
    and ``size``) and make its stored copies. Raises ``PhotoError``."""
    from PIL import Image

    decoded = images.decode(upload, limits=limits(), longest_side=settings.PHOTO_MAX_SIDE)
    image = images.flattened(decoded.image)
    image.thumbnail((settings.PHOTO_MAX_SIDE,) * 2, Image.Resampling.LANCZOS)
    thumbnail = image.copy()
    thumbnail.thumbnail((settings.PHOTO_THUMBNAIL_SIDE,) * 2, Image.Resampling.LANCZOS)
    profile = decoded.icc_profile
    stem = uuid.uuid4().hex  # the user's file name stays out of the storage
    return ProcessedPhoto(
        image=ContentFile(
            images.jpeg_bytes(image, quality=JPEG_QUALITY, icc_profile=profile),
            name=f"{stem}.jpg",
        ),
        thumbnail=ContentFile(
            images.jpeg_bytes(thumbnail, quality=THUMBNAIL_QUALITY, icc_profile=profile),
            name=f"{stem}.jpg",
        ),
        width=image.width,
        height=image.height,
        original_name=decoded.name,
    )
