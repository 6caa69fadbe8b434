"""Pictures uploaded to the portal, checked by their content: the one decoder
of documentation photos (``reports.photos``), progress evidence
(``reports.forms.plan``) and agency logos (``agencies.logos``).

An upload is trusted for nothing: not its name, not the content type the
browser claims. ``decode`` refuses it, with a message that names the file,
when it is empty or too large (bytes or pixels, decompression bombs
included), not one of the formats the caller accepts, or broken or
truncated. What the caller gets is the decoded picture turned the way the
camera held it (EXIF orientation), to be stored through ``encode``: none of
the uploaded bytes are stored, so no metadata (EXIF with its GPS location,
XMP, comments) survives.

A truncated picture is refused whatever ``PIL.ImageFile.LOAD_TRUNCATED_IMAGES``
says. WeasyPrint sets that flag for the whole process when it is imported
(to print damaged pictures as best it can), so once a worker has rendered a
PDF, Pillow would fill the missing part of a truncated JPEG or PNG with grey
and report success. Setting the flag back would not do: another thread of
the same worker may be rendering a PDF at that moment. Instead the pixels
are read through ``_WholeFile``, which raises when the file ends before the
decoder is done (the one place where Pillow consults the flag for a
truncated file is after such a read came back empty), and a PNG's chunk
checksums are verified before it is decoded (under the flag, Pillow ignores
a PNG decoder's error and keeps what it decoded so far).

Pillow is imported inside the functions only, so that it stays out of start-up.
"""

import io
import warnings
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Pillow's names of the formats a caller may accept, and how users know them.
FORMAT_LABELS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# MPO is how Pillow names a JPEG that carries extra pictures (some cameras and
# phones write them); it is read as a JPEG.
SAME_FORMAT = {"MPO": "JPEG"}
# How each format begins: a file that starts like one of them but cannot be
# opened is broken, not of another kind.
SIGNATURES = {
    "JPEG": lambda head: head.startswith(b"\xff\xd8\xff"),
    "PNG": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "WEBP": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
}
# Transparent areas become white where a picture is flattened: documents are
# printed on white.
BACKGROUND = (255, 255, 255)


class ImageRefused(ValueError):
    """The upload is refused: ``str(error)`` says why in Indonesian, naming
    the file; ``code`` names the check that refused it (``empty``,
    ``too_big``, ``heif``, ``not_image``, ``too_many_pixels``, ``broken``)."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Limits:
    """What one kind of upload may be: at most ``max_bytes`` long, at most
    ``max_pixels`` pixels, in one of ``formats`` (keys of ``FORMAT_LABELS``)."""

    max_bytes: int
    max_pixels: int
    formats: tuple[str, ...] = ("JPEG", "PNG", "WEBP")


@dataclass(frozen=True)
class Decoded:
    """A checked upload: ``image`` decoded and upright, in the mode the file
    had; ``format`` one of the caller's ``formats``; ``name`` the file's own
    name for messages; ``icc_profile`` the colour profile of an RGB picture
    (a phone's Display P3), worth keeping when it is encoded again."""

    image: object
    format: str
    name: str
    icc_profile: bytes | None


def decode(upload, *, limits: Limits, longest_side: int | None = None) -> Decoded:
    """Check ``upload`` (a Django ``UploadedFile`` or any file with ``name``
    and ``size``) against ``limits`` and decode it. A JPEG is decoded at a
    reduced scale when the caller will keep no more than ``longest_side``
    pixels of it anyway: far less memory and time for a camera picture.
    Raises ``ImageRefused``."""
    from PIL import Image, UnidentifiedImageError

    name = display_name(upload)
    size = getattr(upload, "size", None)
    if not size:
        raise ImageRefused(_("%(name)s: berkas kosong.") % {"name": name}, code="empty")
    if size > limits.max_bytes:
        raise ImageRefused(
            _("%(name)s: berkas terlalu besar (%(size)s); paling besar %(limit)s per berkas.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(limits.max_bytes),
            },
            code="too_big",
        )

    upload.seek(0)
    head = upload.read(32)
    upload.seek(0)
    if _is_heif(head):
        raise ImageRefused(
            _(
                "%(name)s: foto HEIC/HEIF belum dapat dibaca. Simpan atau ekspor foto itu "
                "sebagai JPEG lalu unggah lagi."
            )
            % {"name": name},
            code="heif",
        )

    broken = ImageRefused(
        _("%(name)s: berkas gambar rusak atau terpotong.") % {"name": name}, code="broken"
    )
    not_an_image = ImageRefused(
        _("%(name)s: bukan gambar %(formats)s.")
        % {"name": name, "formats": _format_list(limits.formats)},
        code="not_image",
    )
    too_many_pixels = ImageRefused(
        _("%(name)s: ukuran gambar terlalu besar; paling banyak %(limit)s megapiksel.")
        % {"name": name, "limit": f"{limits.max_pixels / 1_000_000:g}"},
        code="too_many_pixels",
    )
    stream = _WholeFile(upload)
    # Pillow warns, then refuses, when an image declares more pixels than it
    # will decode safely: a decompression bomb. The warning is an error here.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(stream, formats=limits.formats)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            # A file that begins like an accepted format but cannot be opened
            # is damaged (cut off in its headers, say), not of another kind.
            if any(SIGNATURES[kind](head) for kind in limits.formats):
                raise broken from None
            raise not_an_image from None
        try:
            kind = SAME_FORMAT.get(image.format, image.format)
            if kind not in limits.formats:
                raise not_an_image
            width, height = image.size
            # The declared size is checked before a single pixel is decoded.
            if width < 1 or height < 1 or width * height > limits.max_pixels:
                raise too_many_pixels
            if kind == "PNG":
                _verify_png(stream)
            if kind == "JPEG" and longest_side:
                image.draft("RGB", fit(image.size, longest_side))
            stream.decoding = True
            image.load()
            stream.decoding = False
            icc_profile = image.info.get("icc_profile") if image.mode == "RGB" else None
            upright = _upright(image)
        except ImageRefused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise broken from None
        finally:
            image.close()
            upload.seek(0)
    return Decoded(image=upright, format=kind, name=name, icc_profile=icc_profile)


@dataclass(frozen=True)
class Encoded:
    """A picture encoded anew: the bytes to store, their file extension
    (``jpg`` or ``png``) and the stored size in pixels."""

    content: bytes
    extension: str
    width: int
    height: int


def encode(
    decoded: Decoded, *, jpeg_quality: int, longest_side: int | None = None, keep_png=False
) -> Encoded:
    """The one way a checked picture is stored: scaled down to at most
    ``longest_side`` pixels, with nothing of the upload but its pixels (and
    its colour profile). A JPEG, flattened over white; with ``keep_png`` a
    PNG, or a picture with transparency, stays a PNG instead (line art stays
    crisp, the paper shows through)."""
    from PIL import Image

    as_png = keep_png and (decoded.format == "PNG" or decoded.image.has_transparency_data)
    image = with_transparency(decoded.image) if as_png else flattened(decoded.image)
    if longest_side:
        image.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
    if as_png:
        content, extension = png_bytes(image), "png"
    else:
        content = jpeg_bytes(image, quality=jpeg_quality, icc_profile=decoded.icc_profile)
        extension = "jpg"
    return Encoded(content=content, extension=extension, width=image.width, height=image.height)


def display_name(upload) -> str:
    """The file's own name as the user chose it, without any folder, short
    enough for a message (it is escaped wherever it is shown)."""
    name = str(getattr(upload, "name", "") or _("berkas tanpa nama"))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return name if len(name) <= 80 else name[:77] + "…"


def fit(size, longest):
    """``size`` scaled down so that its longer side is at most ``longest``."""
    width, height = size
    scale = min(1.0, longest / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def flattened(image):
    """The picture as plain RGB with nothing but pixels: transparency over
    white, 16-bit and palette images converted, metadata left behind."""
    from PIL import Image

    image = _eight_bit(image)
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in {"RGBA", "LA", "PA", "RGBa", "La"}:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, BACKGROUND)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    return _pixels_only(image)


def with_transparency(image):
    """The picture in a mode that keeps its transparency (RGBA, or LA for
    greyscale) when it has any, else RGB or L; 8 bits a channel, metadata
    left behind. For pictures stored as PNG."""
    image = _eight_bit(image)
    if image.has_transparency_data:
        mode = "LA" if image.mode in {"L", "LA", "La"} else "RGBA"
    else:
        mode = "L" if image.mode in {"1", "L"} else "RGB"
    if image.mode != mode:
        image = image.convert(mode)
    return _pixels_only(image)


def jpeg_bytes(image, *, quality, icc_profile=None) -> bytes:
    buffer = io.BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    image.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True, **options)
    return buffer.getvalue()


def png_bytes(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


class _WholeFile:
    """The upload as Pillow reads it. While ``decoding`` is set, a read that
    finds the end of the file raises: the decoder wanted more of the picture
    than the file holds. Pillow would otherwise, under
    ``LOAD_TRUNCATED_IMAGES``, stop there (or, for a JPEG, pretend the file
    ended properly) and keep the picture half decoded."""

    def __init__(self, file):
        self._file = file
        self.decoding = False

    def read(self, size=-1):
        data = self._file.read(size)
        if self.decoding and size != 0 and not data:
            raise OSError("image file is truncated")
        return data

    def seek(self, offset, whence=io.SEEK_SET):
        return self._file.seek(offset, whence)

    def tell(self):
        return self._file.tell()


def _verify_png(stream):
    """Read every chunk of the PNG and check its CRC: a damaged or cut-off
    file raises, whether or not Pillow would decode it regardless."""
    from PIL import Image

    position = stream.tell()
    stream.seek(0)
    try:
        with Image.open(stream, formats=("PNG",)) as check:
            check.verify()
    finally:
        stream.seek(position)


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


def _format_list(formats):
    """ "JPEG, PNG atau WebP": the formats as a user reads them."""
    labels = [FORMAT_LABELS[kind] for kind in formats]
    if len(labels) == 1:
        return labels[0]
    return _("%(items)s atau %(last)s") % {"items": ", ".join(labels[:-1]), "last": labels[-1]}


def _upright(image):
    """The picture turned the way the camera held it (EXIF orientation). A
    damaged EXIF block is no reason to refuse a picture: it is then left as
    it is. Always a new image, detached from the upload."""
    from PIL import ImageOps

    try:
        return ImageOps.exif_transpose(image)
    except Exception:  # noqa: BLE001 - Pillow's EXIF parser raises many kinds
        return image.copy()


def _eight_bit(image):
    """16-bit and 32-bit greyscale (some PNGs) as 8-bit: keep the top bits."""
    if image.mode in {"I;16", "I;16B", "I;16L", "I"}:
        return image.point(lambda value: value / 256).convert("L")
    if image.mode == "1":
        return image.convert("L")
    return image


def _pixels_only(image):
    """A copy with the pixels and nothing else: whatever the source carried
    (EXIF with GPS, XMP, comments, a colour profile of another space) stays
    behind, and only the encoder's arguments decide what is written."""
    from PIL import Image

    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean
