"""The public news pages and feeds: published reports for anyone, no login,
no personal data of the participants, user text escaped, a fixed number of
queries."""

import datetime
import io
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from agencies.models import Topic
from reports import services
from reports.models import Author, Finding, Quote, Report, ReportStatus
from reports.photos import process_upload
from tests.factories import make_agency, make_participant, make_report, make_visit
from visits.models import VisitStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

LIST_URL = "/berita/"
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '<script>alert("xss")</script><img src=http://evil.example/x.png>'
WIB = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def visit(story_visit):
    return story_visit(
        status=VisitStatus.REPORTED,
        topics=["FTJSLP", "DTKS"],
        title="Studi tiru FTJSLP",
        start=datetime.datetime(2023, 6, 14, 9, 0, tzinfo=WIB),
    )


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (0, 120, 90)).save(buffer, "JPEG")
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def add_photos(report, by, captions):
    services.photo_add(
        report=report, by=by, photos=[(process_upload(jpeg()), caption) for caption in captions]
    )


def publish(report, at=None):
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.PUBLISHED, published_at=at or timezone.now()
    )
    report.refresh_from_db()
    return report


def make_published(visit, agency, *, by=None, photos=0, at=None, **fields):
    """A report of ``agency``, with ``photos`` photos, published at ``at``."""
    report = make_report(visit, agency, **fields)
    if photos:
        add_photos(report, by, [f"Foto {n}" for n in range(photos)])
    return publish(report, at)


def detail_url(report, slug=None):
    from django.utils.text import slugify

    return f"/berita/{report.pk}/{slug or slugify(report.title)}/"


@pytest.fixture
def full_report(visit, salatiga):
    """Salatiga's published report with findings, quotes, authors, photos and
    a delegation whose personal data must not leak."""
    report = make_report(
        visit,
        salatiga.agency,
        title="Studi Tiru FTJSLP ke Kota Magelang",
        summary="Dinsos Kota Salatiga belajar pengelolaan Forum TJSLP dari Kota Magelang.",
        general="Forum TJSLP Kota Magelang dibentuk berdasarkan Perda.",
        activities="Rombongan diterima di aula Dinas Sosial Kota Magelang.",
        conclusion="FTJSLP dapat diterapkan di Kota Salatiga.",
        signatory_nip="197001011990031001",
    )
    Finding.objects.create(
        report=report, topic=Topic.objects.get(code="FTJSLP"), text="Forum beranggotakan 40 BUMD."
    )
    Quote.objects.create(
        report=report,
        text="Kami juga terbuka belajar dari Salatiga.",
        speaker_name="Hadi Sutopo",
        speaker_position="Kepala Dinas Sosial Kota Magelang",
    )
    Author.objects.create(
        report=report,
        name="Dwi Ambar Pratiknyo",
        back_title="S.Sos., MPSSp",
        position="Penyuluh Sosial Madya",
    )
    add_photos(report, salatiga.penyuluh, ["Sambutan kepala dinas", "Diskusi di aula"])
    make_participant(
        visit,
        "visitor",
        name="Slamet Setyo Budi",
        nip="198103152006041009",
        phone="081234567890",
        email="slamet.budi@salatiga.go.id",
    )
    make_participant(
        visit, "visitor", name="Rina Wulandari", phone="085700011122", email="rina@pribadi.id"
    )
    make_participant(visit, "visitor", name="Tidak Hadir", attended=False)
    make_participant(
        visit, "host", name="Sri Lestari", nip="197805242005012003", phone="0293-362000"
    )
    return publish(report)


# --- The news list ---------------------------------------------------------------------


def test_anyone_reads_the_news_list_without_logging_in(client, full_report):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Studi Tiru FTJSLP ke Kota Magelang" in content
    assert detail_url(full_report) in content
    assert "Dinsos Kota Salatiga belajar pengelolaan Forum TJSLP" in content
    assert f"/foto/{full_report.photos.first().pk}/kecil/" in content
    assert ">FTJSLP</span>" in content
    assert ">DTKS</span>" in content


def test_only_published_reports_are_listed_newest_first(client, visit, salatiga, magelang):
    older = make_published(
        visit, salatiga.agency, title="Laporan Salatiga", at=timezone.now() - datetime.timedelta(1)
    )
    newer = make_published(visit, magelang.agency, title="Laporan Magelang")
    other_visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    for status in ("draft", "submitted", "approved"):
        make_report(make_visit(magelang.agency, salatiga.agency), salatiga.agency, status=status)
    make_report(other_visit, salatiga.agency, title="Draf rahasia")

    response = client.get(LIST_URL)

    assert [report.pk for report in response.context["reports"]] == [newer.pk, older.pk]
    assert "Draf rahasia" not in response.content.decode()


def test_the_date_is_the_publishing_agencys_own(client, salatiga):
    makassar = make_agency("73.71")  # WITA, an hour ahead of WIB
    visit = make_visit(makassar, salatiga.agency, status=VisitStatus.HELD)
    # 23.30 WIB on 13 June is already 14 June in Makassar.
    make_published(
        visit,
        makassar,
        at=datetime.datetime(2023, 6, 13, 23, 30, tzinfo=WIB),
        title="Dari Makassar",
    )

    content = client.get(LIST_URL).content.decode()

    assert "14 Juni 2023" in content
    assert "13 Juni 2023" not in content


def test_the_list_filters_by_topic_province_and_words(client, salatiga, magelang):
    malang = make_agency("35.73")
    ftjslp = make_published(
        make_visit(magelang.agency, salatiga.agency, topics=["FTJSLP"]),
        salatiga.agency,
        title="Forum CSR Magelang",
    )
    slrt = make_published(
        make_visit(malang, salatiga.agency, topics=["SLRT"]),
        salatiga.agency,
        title="Puskesos kelurahan di Malang",
    )

    def listed(**query):
        return [report.pk for report in client.get(LIST_URL, query).context["reports"]]

    assert listed(topik="SLRT") == [slrt.pk]
    assert listed(provinsi="35") == [slrt.pk]  # Jawa Timur: Malang
    assert listed(provinsi="33") == [slrt.pk, ftjslp.pk]  # Jawa Tengah: Salatiga visited both
    assert listed(q="forum csr") == [ftjslp.pk]
    assert listed(q="ftjslp") == [ftjslp.pk]  # a topic code
    assert listed(q="Malang") == [slrt.pk]
    assert listed(topik="TIDAK-ADA") == [slrt.pk, ftjslp.pk]  # an unknown value is ignored


def test_a_renamed_topic_finds_its_older_and_newer_reports(client, salatiga, magelang):
    dtks = Topic.objects.get(code="DTKS")
    dtsen = Topic.objects.get(code="DTSEN")
    dtks.successor = dtsen
    dtks.save()
    old = make_published(
        make_visit(magelang.agency, salatiga.agency, topics=["DTKS"]), salatiga.agency
    )
    new = make_published(
        make_visit(magelang.agency, salatiga.agency, topics=["DTSEN"]), salatiga.agency
    )
    make_published(make_visit(magelang.agency, salatiga.agency, topics=["SLRT"]), salatiga.agency)

    def listed(code):
        response = client.get(LIST_URL, {"topik": code})
        return {report.pk for report in response.context["reports"]}

    assert listed("DTSEN") == {old.pk, new.pk}
    assert listed("DTKS") == {old.pk, new.pk}


def test_the_list_is_paginated(client, visit, salatiga):
    for n in range(14):
        make_published(make_visit(visit.host, visit.visitor), salatiga.agency, title=f"Berita {n}")

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"halaman": 2})

    assert len(first.context["reports"]) == 12
    assert len(second.context["reports"]) == 2
    assert "halaman 2 dari 2" in second.content.decode()


@pytest.mark.parametrize("count", [2, 20])
def test_the_news_list_runs_a_fixed_number_of_queries(
    client, salatiga, magelang, django_assert_num_queries, count
):
    for n in range(count):
        visit = make_visit(
            magelang.agency, salatiga.agency, status=VisitStatus.HELD, topics=["FTJSLP", "SLRT"]
        )
        make_published(visit, salatiga.agency, by=salatiga.penyuluh, photos=2, title=f"Berita {n}")

    # The chosen topic and province, the count, the page of reports with
    # their first photo, their topics, and the choices of both filters.
    with django_assert_num_queries(7):
        response = client.get(LIST_URL, {"provinsi": "33", "topik": "FTJSLP", "q": "berita"})

    assert len(response.context["reports"]) == min(count, 12)


# --- The news page ---------------------------------------------------------------------


def test_anyone_reads_a_published_report_without_logging_in(client, full_report):
    response = client.get(detail_url(full_report))

    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        "Studi Tiru FTJSLP ke Kota Magelang",
        "Dinas Sosial Kota Salatiga",
        "Dinas Sosial Kota Magelang",
        "Rabu, 14 Juni 2023",
        "Dinsos Kota Salatiga belajar pengelolaan Forum TJSLP",
        "Forum TJSLP Kota Magelang dibentuk berdasarkan Perda.",
        "Rombongan diterima di aula Dinas Sosial Kota Magelang.",
        "Forum beranggotakan 40 BUMD.",
        "Kami juga terbuka belajar dari Salatiga.",
        "Hadi Sutopo",
        "Kepala Dinas Sosial Kota Magelang",
        "FTJSLP dapat diterapkan di Kota Salatiga.",
        "Sambutan kepala dinas",
        "Diskusi di aula",
        "Dwi Ambar Pratiknyo, S.Sos., MPSSp",
        "Penyuluh Sosial Madya",
        "2 orang rombongan pengunjung",
        "1 orang dari tuan rumah",
    ]:
        assert text in content, text


def test_the_news_page_shows_no_personal_data_of_participants(client, full_report):
    content = client.get(detail_url(full_report)).content.decode()
    listing = client.get(LIST_URL).content.decode()
    rss = client.get("/berita/rss/").content.decode()

    for secret in [
        "198103152006041009",
        "081234567890",
        "slamet.budi@salatiga.go.id",
        "Slamet Setyo Budi",
        "085700011122",
        "rina@pribadi.id",
        "Rina Wulandari",
        "197805242005012003",
        "0293-362000",
        "Sri Lestari",
        "197001011990031001",  # the signatory's NIP
    ]:
        assert secret not in content, secret
        assert secret not in listing, secret
        assert secret not in rss, secret


@pytest.mark.parametrize("status", ["draft", "submitted", "approved"])
def test_an_unpublished_report_is_not_found(client, visit, salatiga, status):
    report = make_report(visit, salatiga.agency, status=status, title="Belum terbit")
    client.force_login(salatiga.head)  # even for its own agency: the public page is for published

    assert client.get(detail_url(report)).status_code == 404


def test_a_wrong_slug_redirects_to_the_one_address(client, full_report):
    response = client.get(detail_url(full_report, slug="judul-lama"))

    assert response.status_code == 301
    assert response["Location"] == detail_url(full_report)


def test_the_page_describes_itself_for_search_engines_and_sharing(client, full_report, settings):
    settings.PORTAL_URL = "https://studitiru.example.go.id"
    content = client.get(detail_url(full_report)).content.decode()
    url = "https://studitiru.example.go.id" + detail_url(full_report)
    photo = full_report.photos.first()

    assert (
        '<meta name="description" content="Dinsos Kota Salatiga belajar pengelolaan Forum '
        'TJSLP dari Kota Magelang.">'
    ) in content
    assert f'<link rel="canonical" href="{url}">' in content
    assert '<meta property="og:type" content="article">' in content
    assert '<meta property="og:title" content="Studi Tiru FTJSLP ke Kota Magelang">' in content
    assert f'<meta property="og:url" content="{url}">' in content
    assert (
        '<meta property="og:image" content="https://studitiru.example.go.id'
        f'/foto/{photo.pk}/asli/">'
    ) in content
    assert 'type="application/rss+xml"' in content
    assert 'href="/berita/rss/"' in content
    assert 'type="application/atom+xml"' in content


def test_the_news_page_shares_its_title_and_address_to_whatsapp(client, full_report, settings):
    settings.PORTAL_URL = "https://studitiru.example.go.id"
    content = client.get(detail_url(full_report)).content.decode()
    url = "https://studitiru.example.go.id" + detail_url(full_report)

    text = quote(f"{full_report.title}\n{url}", safe="")
    assert f'href="https://wa.me/?text={text}"' in content
    # The address to copy, also by hand when the browser cannot.
    assert f'id="share-url" value="{url}" readonly' in content
    assert 'src="/static/js/share.js" defer' in content


def test_user_text_is_escaped_everywhere(client, visit, salatiga):
    report = make_report(
        visit, salatiga.agency, title=f"Judul {HOSTILE}", summary=HOSTILE, general=HOSTILE
    )
    Quote.objects.create(report=report, text=HOSTILE, speaker_name=HOSTILE)
    add_photos(report, salatiga.penyuluh, [HOSTILE])
    publish(report)

    pages = [
        client.get(detail_url(report)).content.decode(),
        client.get(LIST_URL).content.decode(),
    ]

    for content in pages:
        assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in content
        assert "<script>alert" not in content
        assert "<img src=http://evil.example" not in content
        assert 'src="http://evil.example' not in content


def test_the_news_page_runs_a_fixed_number_of_queries(
    client, visit, salatiga, django_assert_num_queries
):
    def build(size):
        report = make_report(make_visit(visit.host, visit.visitor), salatiga.agency)
        for n in range(size):
            make_participant(report.visit, "visitor", name=f"Peserta {n}")
            Quote.objects.create(report=report, text=f"Kutipan {n}", speaker_name=f"Pembicara {n}")
            Author.objects.create(report=report, name=f"Penulis {n}")
        for code in ["FTJSLP", "DTKS", "SLRT"][: min(size, 3)]:
            Finding.objects.create(report=report, topic=Topic.objects.get(code=code), text="x")
        add_photos(report, salatiga.penyuluh, [f"Foto {n}" for n in range(size)])
        return publish(report)

    for report in (build(2), build(20)):
        # Report, photos, participant counts, topics, venues, findings, quotes, authors.
        with django_assert_num_queries(8):
            assert client.get(detail_url(report)).status_code == 200


# --- Feeds -----------------------------------------------------------------------------


def test_the_rss_feed_lists_published_reports_only(client, full_report, visit, magelang):
    make_report(visit, magelang.agency, title="Draf Magelang")

    response = client.get("/berita/rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Studi Tiru FTJSLP ke Kota Magelang"]
    [item] = items
    assert item.findtext("link") == "http://testserver" + detail_url(full_report)
    assert item.findtext("description").startswith("Dinsos Kota Salatiga belajar")
    assert [category.text for category in item.findall("category")] == ["FTJSLP", "DTKS"]
    assert "Dinas Sosial Kota Salatiga" in item.findtext("author", "") + item.findtext(
        "{http://purl.org/dc/elements/1.1/}creator", ""
    )
    assert item.findtext("pubDate")


def test_the_atom_feed_lists_published_reports_only(client, full_report, visit, magelang):
    make_report(visit, magelang.agency, title="Draf Magelang")

    response = client.get("/berita/atom/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Studi Tiru FTJSLP ke Kota Magelang"
    ]
    [entry] = entries
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver" + detail_url(full_report)
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Dinas Sosial Kota Salatiga"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["FTJSLP", "DTKS"]
    assert entry.findtext(f"{ATOM}published")


def test_feeds_escape_user_text_for_readers_that_render_html(client, visit, salatiga):
    make_published(visit, salatiga.agency, title=f"Judul {HOSTILE}", summary=HOSTILE)

    for url in ("/berita/rss/", "/berita/atom/"):
        root = ET.fromstring(client.get(url).content)
        texts = [element.text or "" for element in root.iter()]
        # After XML parsing, what a reader renders as HTML is still escaped.
        assert not any("<script>" in text for text in texts)
        assert any("&lt;script&gt;" in text for text in texts)


def test_the_feeds_run_a_fixed_number_of_queries(
    client, salatiga, magelang, django_assert_num_queries
):
    for n in range(5):
        make_published(
            make_visit(magelang.agency, salatiga.agency, topics=["FTJSLP", "SLRT"]),
            salatiga.agency,
            title=f"Berita {n}",
        )

    with django_assert_num_queries(2):
        client.get("/berita/rss/")
