"""Agency logos, printed on the letterhead (kop surat) of every PDF document.

A logo is an upload like a photo and goes through the same pipeline
(``uploads.images``): at most ``MAX_UPLOAD_BYTES`` and ``MAX_PIXELS``, a
JPEG, PNG or WebP that decodes completely, never stored as uploaded. What is
stored is a new file scaled down to what the letterhead needs: the PDF
prints the logo at most 2.3 cm wide and 2.6 cm high (``static/css/pdf.css``),
about 310 pixels at the 300 dpi of an office printer, so ``LOGO_SIDE`` of
600 pixels stays sharp with room to spare (600 dpi printers, a taller kop)
while each PDF carries tens of kilobytes instead of megabytes. A logo with
transparency, or drawn as a PNG, stays a PNG (line art stays crisp and the
paper shows through); any other becomes a JPEG.
"""

from django.core.files.base import ContentFile

from uploads import images

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A logo needs far fewer; a scan at 600 dpi of an A4 page has 35 million.
MAX_PIXELS = 40_000_000
LOGO_SIDE = 600
LIMITS = images.Limits(max_bytes=MAX_UPLOAD_BYTES, max_pixels=MAX_PIXELS)
# What the upload field offers in the browser's file picker; the server
# decides by decoding.
ACCEPT_ATTRIBUTE = "image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp"
JPEG_QUALITY = 90


def process_logo(upload) -> ContentFile:
    """The logo to store for ``upload``, named ``logo.png`` or ``logo.jpg``
    (``models.logo_path`` gives it a name of its own in the storage).
    Raises ``images.ImageRefused`` with a message naming the file."""
    decoded = images.decode(upload, limits=LIMITS, longest_side=LOGO_SIDE)
    logo = images.encode(decoded, jpeg_quality=JPEG_QUALITY, longest_side=LOGO_SIDE, keep_png=True)
    return ContentFile(logo.content, name=f"logo.{logo.extension}")
