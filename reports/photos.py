"""Documentation photos: checking an upload by its content and making the
copies the portal stores.

An upload is trusted for nothing: not its name, not the content type the
browser claims. It is decoded with Pillow, and refused with a message that
names the file when it is too large (bytes or pixels), not a JPEG, PNG or WebP
image, a decompression bomb, or broken. What is stored is a new JPEG made from
the decoded pixels: EXIF orientation applied, every piece of metadata (EXIF
with its GPS location, XMP, comments) left behind, scaled down so that pages
and PDFs stay light, and a thumbnail beside it.

Pillow is imported here only, so that it stays out of start-up.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# What Pillow may try to decode. MPO is how Pillow names a JPEG that carries
# extra pictures (some cameras and phones write them); it is read as a JPEG.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPTED_DECODED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP"})
# What the upload field offers in the browser's file picker. Only a hint: the
# server decides by decoding.
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp"

JPEG_QUALITY = 85
THUMBNAIL_QUALITY = 80
# Transparent areas of a PNG or WebP become white: documents are printed on white.
BACKGROUND = (255, 255, 255)


class PhotoError(ValueError):
    """The upload is refused; ``str(error)`` says why, naming the file."""


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


def process_upload(upload) -> ProcessedPhoto:
    """Check ``upload`` (a Django ``UploadedFile`` or any file with ``name``
    and ``size``) and make its stored copies. Raises ``PhotoError``."""
    from PIL import Image, UnidentifiedImageError

    name = _display_name(upload)
    size = getattr(upload, "size", None)
    if not size:
        raise PhotoError(_("%(name)s: berkas kosong.") % {"name": name})
    if size > max_upload_bytes():
        raise PhotoError(
            _("%(name)s: berkas terlalu besar (%(size)s); paling besar %(limit)s per foto.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(max_upload_bytes()),
            }
        )

    upload.seek(0)
    head = upload.read(32)
    upload.seek(0)
    if _is_heif(head):
        raise PhotoError(
            _(
                "%(name)s: foto HEIC/HEIF belum dapat dibaca. Simpan atau ekspor foto itu "
                "sebagai JPEG lalu unggah lagi."
            )
            % {"name": name}
        )

    not_an_image = _("%(name)s: bukan gambar JPEG, PNG atau WebP.") % {"name": name}
    too_many_pixels = _(
        "%(name)s: ukuran gambar terlalu besar; paling banyak %(limit)s megapiksel."
    ) % {"name": name, "limit": settings.PHOTO_MAX_PIXELS // 1_000_000}
    broken = _("%(name)s: berkas gambar rusak atau terpotong.") % {"name": name}

    # Pillow warns, then refuses, when an image declares more pixels than it
    # will decode safely: a decompression bomb. The warning is an error here.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=ACCEPTED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoError(too_many_pixels) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise PhotoError(not_an_image) from None
        try:
            if image.format not in ACCEPTED_DECODED_FORMATS:
                raise PhotoError(not_an_image)
            width, height = image.size
            # The declared size is checked before a single pixel is decoded.
            if width < 1 or height < 1 or width * height > settings.PHOTO_MAX_PIXELS:
                raise PhotoError(too_many_pixels)
            if image.format in {"JPEG", "MPO"}:
                # Let the JPEG decoder scale down while it decodes: far less
                # memory and time for a large camera picture.
                image.draft("RGB", _fit(image.size, settings.PHOTO_MAX_SIDE))
            image.load()
            # A colour profile is kept for RGB pictures (a phone's Display P3);
            # converted ones are plain sRGB.
            icc_profile = image.info.get("icc_profile") if image.mode == "RGB" else None
            image = _to_rgb(_upright(image))
        except PhotoError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoError(too_many_pixels) from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise PhotoError(broken) from None
        finally:
            upload.seek(0)

    image.thumbnail((settings.PHOTO_MAX_SIDE,) * 2, Image.Resampling.LANCZOS)
    thumbnail = image.copy()
    thumbnail.thumbnail((settings.PHOTO_THUMBNAIL_SIDE,) * 2, Image.Resampling.LANCZOS)
    stem = uuid.uuid4().hex  # the user's file name stays out of the storage
    return ProcessedPhoto(
        image=ContentFile(_jpeg(image, JPEG_QUALITY, icc_profile), name=f"{stem}.jpg"),
        thumbnail=ContentFile(_jpeg(thumbnail, THUMBNAIL_QUALITY, icc_profile), name=f"{stem}.jpg"),
        width=image.width,
        height=image.height,
        original_name=name,
    )


def _display_name(upload) -> str:
    """The file's own name as the user chose it, without any folder, short
    enough for a message (it is escaped wherever it is shown)."""
    name = str(getattr(upload, "name", "") or _("berkas tanpa nama"))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return name if len(name) <= 80 else name[:77] + "…"


def _is_heif(head: bytes) -> bool:
    """An ISO-BMFF file of the HEIF family (iPhone photos), by its ftyp box."""
    return head[4:8] == b"ftyp" and head[8:12] in {
        b"heic",
        b"heix",
        b"hevc",
        b"heim",
        b"heis",
        b"mif1",
        b"msf1",
        b"avif",
    }


def _upright(image):
    """The picture turned the way the camera held it (EXIF orientation). A
    damaged EXIF block is no reason to refuse a photo: it is then left as is."""
    from PIL import ImageOps

    try:
        return ImageOps.exif_transpose(image)
    except Exception:  # noqa: BLE001 - Pillow's EXIF parser raises many kinds
        return image


def _fit(size, longest):
    """``size`` scaled down so that its longer side is at most ``longest``."""
    width, height = size
    scale = min(1.0, longest / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _to_rgb(image):
    """The picture as plain RGB with nothing but pixels: transparency over
    white, 16-bit and palette images converted, metadata dropped."""
    from PIL import Image

    if image.mode in {"I;16", "I;16B", "I;16L", "I"}:
        # 16-bit greyscale PNG: keep the top 8 bits.
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in {"RGBA", "LA", "PA", "RGBa", "La"}:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, BACKGROUND)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    # Whatever the source carried (EXIF with GPS, XMP, comments, ICC of
    # another colour space) stays behind: only ``_jpeg`` decides what is written.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    return clean


def _jpeg(image, quality, icc_profile=None) -> bytes:
    buffer = io.BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    image.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True, **options)
    return buffer.getvalue()
