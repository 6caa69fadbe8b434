"""The PDF documents of a visit — the report (laporan), the attendance sheet
(daftar hadir) and the ATM plan — rendered with WeasyPrint from Django
templates under ``templates/reports/pdf/``.

A document is rendered at a made-up address, ``BASE_URL``, so that the
``{% static %}`` paths and the ``.url`` of media files in the templates
resolve against it. WeasyPrint asks ``ProjectFilesFetcher`` for every
stylesheet and image: it answers only with the project's own static files
and media files, read from disk or storage, and refuses everything else
(another host, ``file://``, a path leaving its folder) by raising. Nothing a
user writes can make the server open a connection, even if some day a
template forgot to escape it.

WeasyPrint takes most of a second to import, so it is imported here, inside
the functions, and only when a document is rendered.

Rendering a PDF costs most of a second of CPU; rendering its HTML, about a
hundredth of that. A ``Document`` renders the HTML, and the PDF only when the
cache holds none for that HTML (see ``Document``). What does not change from
one PDF to the next is prepared once per process: the parsed stylesheet
(``_stylesheet``, given to WeasyPrint rather than linked from the HTML) and
the fonts (``_font_configuration``). Photos are printed from their thumbnail
when it is sharp enough (``_with_printed_file``).

The letterhead (kop surat) is drawn by ``templates/reports/pdf/_letterhead.html``
(included with the agency; its logo read through ``media_src``) and styled by
``static/css/pdf.css``. The dates and file addresses the templates print are
the filters of ``{% load pdf_tags %}`` (``reports/templatetags/pdf_tags.py``):
they use this module, never the other way round.
"""

import functools
import hashlib
import io
import logging
import mimetypes
import posixpath
import re
import threading
from importlib import metadata
from urllib import request
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.cache import caches
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import dateformat, translation
from django.utils.translation import gettext as _

from agencies import regions
from visits.models import DelegationRole, Side

from .models import AdoptionEvent, AdoptionStatus, CheckIn, ReportStatus
from .permissions import SHARED_ITEM_STATES

logger = logging.getLogger(__name__)

# Where documents are rendered. ".invalid" can never name a real host
# (RFC 2606); addresses under it are only ever mapped to local files.
BASE_URL = "https://dokumen.studitiru.invalid/"

# Photos are embedded at no more than this resolution: sharp on paper, and a
# report with a dozen 12-megapixel photos stays a few hundred kilobytes.
IMAGE_DPI = 150

# Bump when PDFs made from the same HTML would now look different (the
# options of ``write_pdf``, the fonts installed), so that none is reused.
RENDERING_VERSION = 3

# The stylesheets of every document (static files), given to WeasyPrint
# parsed (``_stylesheet``) rather than linked from the HTML.
STYLESHEETS = ("css/pdf.css",)
# How long a PDF is kept. Its key changes with its content, so this only
# bounds the memory kept for documents no one opens any more.
PDF_CACHE_TIMEOUT = 24 * 60 * 60


class ResourceRefused(ValueError):
    """The document asked for something that is not one of the project's own
    static or media files."""


class Document:
    """A document rendered to HTML (in Indonesian whatever the language of
    the request: the documents are official ones), and its PDF.

    The HTML and ``stylesheets`` (the static URLs of ``STYLESHEETS``) name
    everything the PDF shows: every word, and every file by an address that
    changes with the file's content. Photos are stored under random names
    and never rewritten; a new logo gets a new name (storages do not
    overwrite a file); collected static files carry a hash of their content
    in their names (``_unhashed_static_content`` covers development and
    tests, where they do not). So a hash of them, ``key``, identifies the
    PDF: it is the key of the PDF in the cache and its ETag. The caller
    checks permissions before it asks for the PDF: the cache is shared by
    every user of the portal.
    """

    complete = True

    def __init__(self, template_name, context):
        with translation.override("id"):
            self.html = render_to_string(template_name, context)
        self.stylesheets = [static(name) for name in STYLESHEETS]
        digest = hashlib.sha256()
        for part in (
            f"{RENDERING_VERSION} WeasyPrint {_weasyprint_version()}\n".encode(),
            "\n".join(self.stylesheets).encode(),
            self.html.encode(),
            _unhashed_static_content(self.html, self.stylesheets),
        ):
            digest.update(part)
        self.key = digest.hexdigest()

    @property
    def etag(self):
        return f'"{self.key}"'

    def pdf(self) -> bytes:
        """The PDF, rendered only if the cache has none for this HTML. One
        that missed a file (``complete`` false) is not kept: the next request
        renders it again."""
        cache = pdf_cache()
        cache_key = f"documents:pdf:{self.key}"
        pdf = cache.get(cache_key)
        if pdf is None:
            pdf = self.render()
            if self.complete:
                cache.set(cache_key, pdf, PDF_CACHE_TIMEOUT)
        return pdf

    def render(self) -> bytes:
        """The PDF, rendered now by WeasyPrint (about a second of CPU).
        WeasyPrint leaves out an image or stylesheet it cannot read (a storage
        hiccup) and goes on; ``complete`` says whether every file was read."""
        fetcher = url_fetcher()
        document, options = self._weasyprint(fetcher)
        pdf = document.write_pdf(dpi=IMAGE_DPI, **options)
        self.complete = not fetcher.failed
        return pdf

    def layout(self):
        """The pages as WeasyPrint lays them out, no PDF written (the tests
        read which page holds what)."""
        document, options = self._weasyprint(url_fetcher())
        return document.render(**options)

    def _weasyprint(self, fetcher):
        from weasyprint import HTML

        document = HTML(string=self.html, base_url=BASE_URL, url_fetcher=fetcher)
        options = {
            "stylesheets": [
                sheet
                for sheet in (_stylesheet(url, fetcher) for url in self.stylesheets)
                if sheet is not None
            ],
            "font_config": _font_configuration(),
        }
        return document, options


def _stylesheet(path, fetcher):
    """The parsed stylesheet at ``path`` (a static URL), read through
    ``fetcher`` on every rendering, parsed only when its content is new:
    parsing ``pdf.css`` cost a tenth of a rendering. Applied as WeasyPrint's
    "user" stylesheet, above its own defaults as an author's is, and below the
    documents' ``style`` attributes, which are none. A missing stylesheet is
    left out, as WeasyPrint leaves out a missing file, and the fetcher notes
    it (``Document.complete``)."""
    try:
        response = fetcher.fetch(urljoin(BASE_URL, path))
    except ResourceRefused:
        return None
    try:
        content = response.read()
    finally:
        response.close()
    return _parsed_stylesheet(response.url, content)


@functools.lru_cache(maxsize=8)
def _parsed_stylesheet(url, content):
    """``content`` parsed, kept for the next rendering. Parsed without a font
    configuration, it may not declare ``@font-face`` (nor ``@counter-style``):
    the documents use the fonts installed (see ``pdf.css``)."""
    from weasyprint import CSS

    return CSS(file_obj=io.BytesIO(content), base_url=url, url_fetcher=url_fetcher())


_thread = threading.local()


def _font_configuration():
    """WeasyPrint's fonts, found once per thread instead of once per
    rendering: a new configuration reads fontconfig's files and starts with
    empty font caches (a twentieth of a rendering). Per thread: Pango's font
    map is not shared between threads."""
    config = getattr(_thread, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _thread.font_config = FontConfiguration()
    return config


def pdf_cache():
    """The cache of rendered PDFs (``CACHES["documents"]`` in the settings)."""
    return caches["documents"]


@functools.cache
def _weasyprint_version():
    # From the package's metadata: WeasyPrint itself is slow to import.
    return metadata.version("weasyprint")


_LINKED = re.compile(r'''(?:href|src)="([^"]+)"''')


def _unhashed_static_content(html, stylesheets=()) -> bytes:
    """The content of the static files ``html`` links to and of its
    ``stylesheets``, when their names do not change with it: in development
    and tests, where they are served from the finders and a stylesheet is
    edited under the same name. Collected by the manifest storage
    (production), their names carry a hash of their content, and the key
    already changes with them."""
    if isinstance(staticfiles_storage, ManifestFilesMixin):
        return b""
    static = urljoin(BASE_URL, settings.STATIC_URL)
    content = []
    for link in [*stylesheets, *_LINKED.findall(html)]:
        url = urljoin(BASE_URL, link)
        if url.startswith(static):
            kind, name = resolve(url)
            file = _open_file(kind, name)
            if file is not None:
                with file:
                    content.append(file.read())
    return b"".join(content)


def url_fetcher():
    """A new fetcher for one rendering (WeasyPrint keeps state in it)."""
    return _fetcher_class()()


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ProjectFilesFetcher(URLFetcher):
        """Serves the project's static and media files and ``data:`` URLs;
        raises ``ResourceRefused`` for anything else."""

        def __init__(self):
            # No urllib handlers at all: WeasyPrint's own fetcher would set up
            # HTTP(S), FTP and file:// handlers (and read the system's
            # certificates on every rendering); this one never needs them.
            request.OpenerDirector.__init__(self)
            self._fail_on_errors = False
            self.failed = False

        def fetch(self, url, headers=None):
            if urlsplit(url).scheme.lower() == "data":
                # Decoded in memory; no opener, no connection.
                response = request.DataHandler().data_open(request.Request(url))
                return URLFetcherResponse(url, response.read(), dict(response.headers))
            try:
                kind, name = resolve(url)
                file = _open(kind, name, url)
            except ResourceRefused:
                self.failed = True
                raise
            mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, file, {"Content-Type": mime_type})

    return ProjectFilesFetcher


def media_src(file):
    """The address at which a document shows a stored file (a logo, a photo):
    under ``MEDIA_URL`` whatever the storage's own URLs look like (signed
    bucket addresses, say), read back through the storage by the fetcher."""
    return urljoin(BASE_URL, settings.MEDIA_URL) + quote(file.name)


def _prefixes():
    """The two addresses documents may read from, as full URLs: the static
    and the media URL, resolved against ``BASE_URL`` when they are paths
    ("/static/"), kept as they are when absolute (a CDN or bucket address:
    still read through storage, never fetched)."""
    return (
        ("static", urljoin(BASE_URL, settings.STATIC_URL)),
        ("media", urljoin(BASE_URL, settings.MEDIA_URL)),
    )


def resolve(url) -> tuple[str, str]:
    """``("static" | "media", relative name)`` for an address a document may
    read; ``ResourceRefused`` (logged) for any other."""
    for kind, prefix in _prefixes():
        if url.startswith(prefix):
            name = _clean_name(unquote(urlsplit(url).path.removeprefix(urlsplit(prefix).path)))
            if name is not None:
                return kind, name
            break
    logger.warning("PDF renderer refused to fetch %r", url)
    raise ResourceRefused(f"Not a static or media file of the project: {url}")


def _clean_name(name):
    """The relative file name, or None when it tries to leave its folder."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return None
    if any(part in {"", ".", ".."} for part in name.split("/")):
        return None
    return posixpath.normpath(name)


def _open(kind, name, url):
    try:
        file = _open_file(kind, name)
    except (OSError, SuspiciousFileOperation) as error:
        logger.warning("PDF renderer could not read %r: %s", url, error)
        raise ResourceRefused(f"Cannot read {url}") from error
    if file is None:
        logger.warning("PDF renderer found no file for %r", url)
        raise ResourceRefused(f"No such file: {url}")
    return file


def _open_file(kind, name):
    if kind == "media":
        return default_storage.open(name, "rb")
    # Collected files first (hashed names in production), then the finders
    # (development and tests, where nothing is collected).
    if staticfiles_storage.exists(name):
        return staticfiles_storage.open(name, "rb")
    path = finders.find(name)
    return open(path, "rb") if path else None  # noqa: SIM115 — WeasyPrint closes it


# --- What each document shows ------------------------------------------------------------
# Each loads everything it prints in a fixed number of queries, whatever the
# number of participants, findings or photos.


def report_context(report, *, shared_only=False):
    """The report (laporan) with the visit's time, places, people and agenda
    (section B), its findings and quotes (C), authors and the appendices.
    ``shared_only``: for the other agency of the visit, whose copy lists only
    the ATM items a head has approved (``SHARED_ITEM_STATES``), as its pages do."""
    visit = report.visit
    items = report.adoption_items.select_related("topic")
    if shared_only:
        items = items.filter(status__in=SHARED_ITEM_STATES)
    participants = [p for p in visit.participants.all() if p.attended is not False]
    visitors = [p for p in participants if p.side == Side.VISITOR]
    hosts = [p for p in participants if p.side == Side.HOST]
    return {
        "report": report,
        "agency": report.agency,
        "visit": visit,
        "topics": list(visit.visit_topics.select_related("topic")),
        "venues": list(visit.venues.all()),
        "agenda": list(visit.agenda_items.all()),
        "participants": participants,
        "visitors": visitors,
        "hosts": hosts,
        "delegation_head": next((p for p in visitors if p.role == DelegationRole.HEAD), None),
        "receiving": [p for p in hosts if p.role == DelegationRole.RECEIVING_OFFICIAL],
        "findings": list(report.findings.select_related("topic")),
        "quotes": list(report.quotes.all()),
        "authors": list(report.authors.all()),
        "photos": [_with_printed_file(photo) for photo in report.photos.all()],
        "adoption_items": list(items),
        "purpose": report.purpose or visit.purpose,
        "basis_lines": _lines(report.basis) or _visit_basis(visit),
        "is_final": report.status in {ReportStatus.APPROVED, ReportStatus.PUBLISHED},
        "place": regions.signing_place(report.agency),
    }


# A report's landscape photo fills a frame 48 % of the 16 cm text wide and
# 5.6 cm high (pdf.css, ".photo img", "object-fit: cover"), in inches.
PHOTO_FRAME = (0.48 * 16 / 2.54, 5.6 / 2.54)
# A portrait or nearly square photo (narrower than this width to height) is
# not cropped into it: its frame is as wide as the landscape one and as tall as
# the photo, at most 11.5 cm (pdf.css, ".photo.frame-portrait img").
PORTRAIT_BELOW_RATIO = 1.2
PORTRAIT_MAX_HEIGHT = 11.5 / 2.54
# The thumbnail is printed instead of the photo when it has at least this
# resolution in the frame: a 3:2 or 4:3 landscape photo (145 and 159 dpi).
THUMBNAIL_MIN_DPI = 140


def photo_frame(width, height) -> tuple[str, tuple[float, float]]:
    """The frame a photo of ``width`` x ``height`` pixels is printed in: its
    CSS class, "frame-landscape" (a 3:2 or 4:3 photo fills the frame, a few
    per cent of its edges cropped) or "frame-portrait" (taller than wide, or
    nearly square: shown whole, where the landscape frame would crop a
    quarter of it or more), and its size in inches."""
    frame_width, frame_height = PHOTO_FRAME
    if not (width and height) or width / height >= PORTRAIT_BELOW_RATIO:
        return "frame-landscape", PHOTO_FRAME
    return "frame-portrait", (frame_width, min(frame_width * height / width, PORTRAIT_MAX_HEIGHT))


def _with_printed_file(photo):
    """``photo`` with ``frame``, the CSS class of its frame (``photo_frame``),
    and ``printed_file``, the file the frame shows: the thumbnail when it is
    sharp enough there, else the photo, which WeasyPrint scales down to
    ``IMAGE_DPI``. Decoding and scaling down a 2000-pixel JPEG costs as much
    CPU as laying out a page; the thumbnail is embedded as it is, and is no
    worse (Lanczos, JPEG quality 80; WeasyPrint's own downscaling saves at
    quality 75)."""
    photo.printed_file = photo.image
    photo.frame, (frame_width, frame_height) = photo_frame(photo.width, photo.height)
    if photo.thumbnail and photo.width and photo.height:
        scale = min(1, settings.PHOTO_THUMBNAIL_SIDE / max(photo.width, photo.height))
        dpi = min(photo.width * scale / frame_width, photo.height * scale / frame_height)
        if dpi >= THUMBNAIL_MIN_DPI:
            photo.printed_file = photo.thumbnail
    return photo


def attendance_context(visit, side):
    """The attendance sheet of one side of the visit, on the host's
    letterhead: the sheet is signed where the visit takes place."""
    people = list(visit.participants.filter(side=side))
    receiving = (
        visit.participants.filter(side=Side.HOST, role=DelegationRole.RECEIVING_OFFICIAL)
        .order_by("order", "id")
        .first()
    )
    return {
        "visit": visit,
        "agency": visit.host,
        "side": side,
        "party": visit.visitor if side == Side.VISITOR else visit.host,
        "people": people,
        "venues": list(visit.venues.all()),
        "receiving": receiving,
        "place": regions.signing_place(visit.host),
    }


def plan_context(report):
    """The ATM plan of the report's agency, with the head who approved it
    (the last approval of one of its items), if any, and each item's
    progress: its check-ins, oldest first."""
    check_ins = CheckIn.objects.order_by("date", "id")
    items = list(
        report.adoption_items.select_related("topic", "division").prefetch_related(
            Prefetch("check_ins", queryset=check_ins)
        )
    )
    approval = (
        AdoptionEvent.objects.filter(item__report=report, to_status=AdoptionStatus.APPROVED)
        .select_related("actor__membership")
        .order_by("-created_at", "-id")
        .first()
    )
    approver = approval.actor if approval and approval.actor_id else None
    return {
        "report": report,
        "agency": report.agency,
        "visit": report.visit,
        "items": items,
        "has_check_ins": any(item.check_ins.all() for item in items),
        "approval": approval,
        "approver": approver,
        "approver_membership": getattr(approver, "membership", None) if approver else None,
        "place": regions.signing_place(report.agency),
    }


def _visit_basis(visit):
    """The basis of a report that states none: the visit's own (a Perda, a
    programme) and the letters that arranged it, in Indonesian like the
    rest of the document."""
    lines = _lines(visit.basis)
    letters = (
        (visit.visitor, visit.request_letter_number, visit.request_letter_date),
        (visit.host, visit.reply_letter_number, visit.reply_letter_date),
    )
    with translation.override("id"):
        for agency, number, date in letters:
            if number and date:
                lines.append(
                    _("Surat %(agency)s Nomor %(number)s tanggal %(date)s")
                    % {"agency": agency.name, "number": number, "date": _long_date(date)}
                )
            elif number:
                lines.append(
                    _("Surat %(agency)s Nomor %(number)s")
                    % {"agency": agency.name, "number": number}
                )
    return lines


def _long_date(date):
    """ "1 Agustus 2025", as the filter ``tanggal`` prints a plain date."""
    return dateformat.format(date, "j F Y")


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]
