"""How the report's pages are laid out, read from WeasyPrint's own layout
(which page holds which words, how large each photo is printed) and from
the fonts the PDF embeds: the signature stays with the closing words, a
portrait photo is not cropped, characters outside the Liberation fonts
print, and a name whose titles end in a period gets no second one."""

import datetime
import io
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from reports import pdf, services
from reports.models import Quote
from reports.photos import process_upload
from reports.templatetags.pdf_tags import kalimat
from tests.factories import make_participant, make_report, make_visit
from visits.models import DelegationRole, VisitStatus

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
FRIDAY_MORNING = datetime.datetime(2025, 8, 1, 8, 30, tzinfo=WIB)
CLOSING = "Demikian laporan ini kami sampaikan untuk menjadi periksa"
SIGNATORY = "Slamet Setyo Budi, S.E., M.Acc."
# About three lines of justified text at 11.5 pt on the report's A4 page.
FILLER = (
    "Peserta mempelajari alur layanan Puskesos kelurahan dari pendaftaran, "
    "verifikasi hingga rujukan kepada perangkat daerah yang berwenang, "
    "lengkap dengan formulir dan pencatatan di aplikasi SLRT."
)
CM = 96 / 2.54  # CSS pixels in a centimetre


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def visit(salatiga, magelang):
    return make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.HELD,
        start=FRIDAY_MORNING,
        end=FRIDAY_MORNING + datetime.timedelta(hours=6),
        title="Studi tiru penguatan SLRT",
        topics=("SLRT",),
    )


def _signed_report(visit, agency, **fields):
    return make_report(
        visit,
        agency,
        title="Studi Tiru Penguatan SLRT ke Kota Magelang",
        signed_on=datetime.date(2025, 8, 8),
        signatory_name=SIGNATORY,
        signatory_position="Kepala Dinas Sosial Kota Salatiga",
        signatory_nip="197001012000031001",
        **fields,
    )


def _layout(report):
    """The report as WeasyPrint lays it out (no PDF written)."""
    return pdf.Document("reports/pdf/report.html", pdf.report_context(report)).layout()


def _page_texts(layout):
    """The words of each laid-out page, runs of white space made single."""
    from weasyprint.formatting_structure import boxes

    return [
        " ".join(
            " ".join(
                box.text for box in page._page_box.descendants() if isinstance(box, boxes.TextBox)
            ).split()
        )
        for page in layout.pages
    ]


def _page_of(pages, words):
    [number] = [n for n, text in enumerate(pages) if words in text]
    return number


# --- The signature stays with the closing words -------------------------------------------


def test_the_signature_is_on_the_page_of_the_closing_words_wherever_the_page_breaks(
    salatiga, visit
):
    """Longer and longer findings push the end of the report down a page, three
    lines at a time: wherever the page break falls, the closing words (E.
    Penutup) and the signature below them are printed on one page. Without
    that, the signature was left alone at the top of page 3."""
    report = _signed_report(visit, salatiga.agency)
    pages_seen = set()

    for paragraphs in range(8, 24):
        report.general = "\n\n".join([FILLER] * paragraphs)
        pages = _page_texts(_layout(report))

        closing, signature = _page_of(pages, CLOSING), _page_of(pages, SIGNATORY)
        assert (paragraphs, closing) == (paragraphs, signature)
        pages_seen.add(len(pages))
    # The loop did move the end of the report across a page break.
    assert len(pages_seen) >= 2


# --- Photos --------------------------------------------------------------------------------


def _jpeg(size):
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 90)).save(out, "JPEG", quality=85)
    return out.getvalue()


def _upload_photo(report, by, size, caption):
    processed = process_upload(SimpleUploadedFile("foto.jpg", _jpeg(size), "image/jpeg"))
    [photo] = services.photo_add(report=report, by=by, photos=[(processed, caption)])
    return photo


def _printed_photos(layout):
    """(width, height) in centimetres of each photo printed, in order."""
    from weasyprint.formatting_structure import boxes

    return [
        (round(box.width / CM, 1), round(box.height / CM, 1))
        for page in layout.pages
        for box in page._page_box.descendants()
        if isinstance(box, boxes.ReplacedBox)
        and box.element_tag == "img"
        and "/reports/" in box.element.get("src", "")
    ]


@pytest.mark.parametrize(
    ("width", "height", "frame"),
    [
        (2000, 1333, "frame-landscape"),
        (2000, 1500, "frame-landscape"),
        (2000, 1800, "frame-portrait"),  # nearly square: the cover would crop a quarter
        (2000, 2000, "frame-portrait"),
        (1333, 2000, "frame-portrait"),
        (900, 2000, "frame-portrait"),
        (0, 0, "frame-landscape"),  # unknown size: the frame it always had
    ],
)
def test_a_photo_taller_than_wide_or_nearly_square_gets_a_portrait_frame(width, height, frame):
    assert pdf.photo_frame(width, height)[0] == frame


def test_a_portrait_photo_is_printed_whole_and_a_landscape_one_fills_its_frame(salatiga, visit):
    report = _signed_report(visit, salatiga.agency)
    _upload_photo(report, salatiga.penyuluh, (2000, 1333), "Lanskap")
    _upload_photo(report, salatiga.penyuluh, (1333, 2000), "Potret")
    _upload_photo(report, salatiga.penyuluh, (900, 2700), "Tangkapan layar")

    landscape, portrait, tall = _printed_photos(_layout(report))

    # The landscape photo fills the 7.7 x 5.6 cm frame (its edges cropped).
    assert landscape == (7.7, 5.6)
    # The portrait photo is as wide as the frame and as tall as the photo:
    # 7.7 cm x 3/2, nothing cut off.
    assert portrait == (7.7, 11.5)
    # A very tall one is shown whole within 11.5 cm (contained, not cropped).
    assert tall == (7.7, 11.5)


def test_the_report_tells_the_frame_of_each_photo(salatiga, visit):
    report = _signed_report(visit, salatiga.agency)
    _upload_photo(report, salatiga.penyuluh, (2000, 1333), "Lanskap")
    _upload_photo(report, salatiga.penyuluh, (1333, 2000), "Potret")

    html = pdf.Document("reports/pdf/report.html", pdf.report_context(report)).html

    assert html.count('class="photo frame-landscape"') == 1
    assert html.count('class="photo frame-portrait"') == 1


# --- Characters outside the Liberation fonts -----------------------------------------------


def _fonts_and_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    text = " ".join(page.extract_text() for page in reader.pages)
    return fonts, " ".join(text.split())


def test_emoji_and_letters_outside_liberation_are_printed(client, salatiga, visit):
    report = _signed_report(
        visit, salatiga.agency, general="Warga menyambut hangat 😊 — ê ñ ğ ₹ 5.000."
    )
    client.force_login(salatiga.penyuluh)

    fonts, text = _fonts_and_text(client.get(reverse("reports:report_pdf", args=[report.pk])))

    assert "Warga menyambut hangat 😊 — ê ñ ğ ₹ 5.000." in text
    # The emoji from Noto Color Emoji, "₹" from Noto Sans: no empty boxes.
    assert "Noto-Color-Emoji" in fonts
    assert "Noto-Sans" in fonts
    assert "Liberation-Sans" in fonts


def test_digits_stay_in_liberation_sans(client, salatiga, visit):
    """Noto Color Emoji has digits too (keycaps): the report's numbers, page
    numbers included, are never printed in it."""
    report = _signed_report(visit, salatiga.agency, general="Tahun 2025, 52 orang, #1.")
    client.force_login(salatiga.penyuluh)

    fonts, _text = _fonts_and_text(client.get(reverse("reports:report_pdf", args=[report.pk])))

    assert not any(font.startswith("Noto-Color-Emoji") for font in fonts)


# --- One period at the end of a sentence ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "dipimpin oleh Dwi Ambar Pratiknyo, S.Sos., M.PSSp.",
            "dipimpin oleh Dwi Ambar Pratiknyo, S.Sos., M.PSSp.",
        ),
        (
            "dipimpin oleh Slamet Setyo Budi, S.E., M.Acc",
            "dipimpin oleh Slamet Setyo Budi, S.E., M.Acc.",
        ),
        ("Apa kabar?  ", "Apa kabar?"),
        ("hadir 12 orang\n", "hadir 12 orang."),
        ("", ""),
    ],
)
def test_a_sentence_ends_with_one_period(text, sentence):
    assert kalimat(text) == sentence


def test_a_delegation_head_whose_titles_end_in_a_period_gets_no_second_one(client, salatiga, visit):
    make_participant(
        visit,
        role=DelegationRole.HEAD,
        name="Dwi Ambar Pratiknyo",
        back_title="S.Sos., M.PSSp.",
        position="",
    )
    make_participant(
        visit,
        "host",
        role=DelegationRole.RECEIVING_OFFICIAL,
        name="Hadi Sutopo",
        back_title="M.Si.",
    )
    report = _signed_report(visit, salatiga.agency)
    Quote.objects.create(report=report, text="Terima kasih.", speaker_name="Andre")
    client.force_login(salatiga.penyuluh)

    response = client.get(reverse("reports:report_pdf", args=[report.pk]))

    text = " ".join(
        " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        ).split()
    )
    assert "dipimpin oleh Dwi Ambar Pratiknyo, S.Sos., M.PSSp. Rombongan diterima" in text
    assert "beserta jajaran Dinas Sosial Kota Magelang." in text
    assert ".." not in text
