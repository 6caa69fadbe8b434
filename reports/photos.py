"""Documentation photos: the copies the portal stores of a checked upload.

The upload is checked and decoded by the portal's one image pipeline
(``uploads.images``): refused, with a message that names the file, when it is
too large (bytes or pixels), not a JPEG, PNG or WebP image, a decompression
bomb, or broken or truncated. What is stored is a new JPEG made from the
decoded pixels: EXIF orientation applied, every piece of metadata (EXIF with
its GPS location, XMP, comments) left behind, scaled down so that pages and
PDFs stay light, and a thumbnail beside it.
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
    decoded = images.decode(upload, limits=limits(), longest_side=settings.PHOTO_MAX_SIDE)
    photo = images.encode(decoded, jpeg_quality=JPEG_QUALITY, longest_side=settings.PHOTO_MAX_SIDE)
    thumbnail = images.encode(
        decoded, jpeg_quality=THUMBNAIL_QUALITY, longest_side=settings.PHOTO_THUMBNAIL_SIDE
    )
    stem = uuid.uuid4().hex  # the user's file name stays out of the storage
    return ProcessedPhoto(
        image=ContentFile(photo.content, name=f"{stem}.jpg"),
        thumbnail=ContentFile(thumbnail.content, name=f"{stem}.jpg"),
        width=photo.width,
        height=photo.height,
        original_name=decoded.name,
    )
