"""The demo data: the two real study visits the portal was designed from
(shared/seeds/), their four agencies, the people the news articles name, one
demo account per role in each agency, and the agencies' good practices.

The data is declared as module-level constants; ``load_demo()`` below makes
the database match them and can run any number of times.

What a second run does:

- rows are found by natural keys (agency by kabupaten/kota, user by e-mail,
  visit by host + visitor + start, a visit's topics by topic, venues by order,
  agenda items by start, participants by side + order) and a declared field a
  user has edited is set back to the declared value; a row whose values are
  already right is not written at all, so nothing changes, not even
  ``updated_at``;
- rows a user added (another participant, a second venue) and fields the demo
  leaves empty on purpose (an agency's address and phone, which the articles
  do not give) are left alone;
- a visit's status and timeline belong to its lifecycle: they are written
  through ``visits.services.move_visit`` only when the visit is created;
- a demo account's password is set when the account is created; a password the
  user changed is kept unless ``reset_passwords=True``.
"""

import datetime
from collections import Counter
from itertools import product
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.mfa import enrol_totp_in_bulk
from agencies.models import Agency, GoodPractice, Membership, Regency, Role, User
from visits.models import (
    AgendaKind,
    DelegationRole,
    EmploymentType,
    Side,
    Topic,
    VenueKind,
    Visit,
    VisitStatus,
)
from visits.services import move_visit

from .sync import sync, sync_rows

# Demo only: the README prints it, so it must never guard a real server.
DEMO_PASSWORD = "demo-studitiru"
# The authenticator app of the demo heads, agency admins and national admin,
# who must log in with a second factor: `make run` prints it (to add to an
# app) and `manage.py demo_totp <e-mail>` prints its current code, so that a
# newcomer needs no phone. Published, like the password: demo only.
DEMO_TOTP_SECRET = "STUDITIRUDEMOSTUDITIRUDEMOSTUDIT"

WIB = ZoneInfo("Asia/Jakarta")

# --- Agencies -----------------------------------------------------------------
# Keyed by the Kemendagri code of their kabupaten/kota; level and province come
# from that region. Addresses, phones and e-mails are unknown: left empty.

AGENCIES = [
    {
        "regency": "33.73",
        "name": "Dinas Sosial Kota Salatiga",
        "short_name": "Dinsos Kota Salatiga",
        "slug": "kota-salatiga",
        "letterhead": "PEMERINTAH KOTA SALATIGA\nDINAS SOSIAL",
        "divisions": [
            "Sekretariat",
            "Bidang Pemberdayaan Sosial",
            "Bidang Perlindungan Jaminan Sosial dan Penanganan Fakir Miskin",
        ],
    },
    {
        "regency": "33.71",
        "name": "Dinas Sosial Kota Magelang",
        "short_name": "Dinsos Kota Magelang",
        "slug": "kota-magelang",
        "letterhead": "PEMERINTAH KOTA MAGELANG\nDINAS SOSIAL",
        "divisions": ["Sekretariat", "Bidang Rehabilitasi Sosial dan Pemberdayaan Sosial"],
    },
    {
        "regency": "35.19",
        "name": "Dinas Sosial Kabupaten Madiun",
        "short_name": "Dinsos Kabupaten Madiun",
        "slug": "kabupaten-madiun",
        "letterhead": "PEMERINTAH KABUPATEN MADIUN\nDINAS SOSIAL",
        "divisions": ["Sekretariat", "Bidang Perlindungan dan Jaminan Sosial"],
    },
    {
        "regency": "35.73",
        "name": "Dinas Sosial Kota Malang",
        "short_name": "Dinsos Kota Malang",
        "slug": "kota-malang",
        "letterhead": "PEMERINTAH KOTA MALANG\nDINAS SOSIAL",
        "divisions": ["Sekretariat", "Bidang Pemberdayaan Sosial"],
    },
]

# --- Accounts -----------------------------------------------------------------
# One account per role in each agency. The people the articles name fill the
# slots their work fits, with their names and titles as the articles write
# them; every other slot is a plainly fictitious "… Demo …" account. No NIPs:
# the articles give none and a made-up one would look real.

NATIONAL_ADMIN = {"email": "admin@studitiru.test", "name": "Admin Nasional Demo"}

DEMO_ACCOUNTS = [
    # Dinas Sosial Kota Salatiga (seed 000, the visitor)
    {
        "email": "staf.salatiga@studitiru.test",
        "name": "Koordinator Demo Dinsos Kota Salatiga",
        "agency": "kota-salatiga",
        "role": Role.STAFF,
        "position": "Koordinator Studi Tiru",
        "division": "Sekretariat",
    },
    {
        "email": "penyuluh.salatiga@studitiru.test",
        "name": "Penyuluh Demo Dinsos Kota Salatiga",
        "agency": "kota-salatiga",
        "role": Role.PENYULUH,
        "position": "Penyuluh Sosial",
        "division": "Bidang Pemberdayaan Sosial",
    },
    {
        "email": "kepala.salatiga@studitiru.test",
        "name": "Slamet Setyo Budi, S.E., M.Acc.",
        "agency": "kota-salatiga",
        "role": Role.HEAD,
        "position": "Kepala Dinas Sosial Kota Salatiga",
        "division": None,
    },
    {
        "email": "admin.salatiga@studitiru.test",
        "name": "Admin Demo Dinsos Kota Salatiga",
        "agency": "kota-salatiga",
        "role": Role.ADMIN,
        "position": "Pengelola Portal Studi Tiru",
        "division": "Sekretariat",
    },
    # Dinas Sosial Kota Magelang (seed 000, the host; its penyuluh wrote the report)
    {
        "email": "staf.magelang@studitiru.test",
        "name": "Koordinator Demo Dinsos Kota Magelang",
        "agency": "kota-magelang",
        "role": Role.STAFF,
        "position": "Koordinator Studi Tiru",
        "division": "Sekretariat",
    },
    {
        "email": "penyuluh.magelang@studitiru.test",
        "name": "Dwi Ambar Pratiknyo, S.Sos., MPSSp",
        "agency": "kota-magelang",
        "role": Role.PENYULUH,
        "position": "Penyuluh Sosial Madya",
        "division": None,
    },
    {
        "email": "penyuluh2.magelang@studitiru.test",
        "name": "Tutut Hari Martanto, S.Psi",
        "agency": "kota-magelang",
        "role": Role.PENYULUH,
        "position": "Penyuluh Sosial Ahli Muda",
        "division": None,
    },
    {
        "email": "kepala.magelang@studitiru.test",
        "name": "Drs. Hadi Sutopo",
        "agency": "kota-magelang",
        "role": Role.HEAD,
        "position": "Sekretaris Dinas Sosial Kota Magelang",
        "division": "Sekretariat",
    },
    {
        "email": "admin.magelang@studitiru.test",
        "name": "Admin Demo Dinsos Kota Magelang",
        "agency": "kota-magelang",
        "role": Role.ADMIN,
        "position": "Pengelola Portal Studi Tiru",
        "division": "Sekretariat",
    },
    # Dinas Sosial Kabupaten Madiun (seed 004, the visitor)
    {
        "email": "staf.madiun@studitiru.test",
        "name": "Andre",
        "agency": "kabupaten-madiun",
        "role": Role.STAFF,
        "position": "Koordinator SLRT Kabupaten Madiun",
        "division": "Bidang Perlindungan dan Jaminan Sosial",
    },
    {
        "email": "penyuluh.madiun@studitiru.test",
        "name": "Penyuluh Demo Dinsos Kabupaten Madiun",
        "agency": "kabupaten-madiun",
        "role": Role.PENYULUH,
        "position": "Penyuluh Sosial",
        "division": "Bidang Perlindungan dan Jaminan Sosial",
    },
    {
        "email": "kepala.madiun@studitiru.test",
        "name": "Dedy Anggoro",
        "agency": "kabupaten-madiun",
        "role": Role.HEAD,
        "position": "Kepala Bidang Perlindungan dan Jaminan Sosial",
        "division": "Bidang Perlindungan dan Jaminan Sosial",
    },
    {
        "email": "admin.madiun@studitiru.test",
        "name": "Admin Demo Dinsos Kabupaten Madiun",
        "agency": "kabupaten-madiun",
        "role": Role.ADMIN,
        "position": "Pengelola Portal Studi Tiru",
        "division": "Sekretariat",
    },
    # Dinas Sosial Kota Malang (seed 004, the host)
    {
        "email": "staf.malang@studitiru.test",
        "name": "Koordinator Demo Dinsos Kota Malang",
        "agency": "kota-malang",
        "role": Role.STAFF,
        "position": "Koordinator Studi Tiru",
        "division": "Sekretariat",
    },
    {
        "email": "penyuluh.malang@studitiru.test",
        "name": "Penyuluh Demo Dinsos Kota Malang",
        "agency": "kota-malang",
        "role": Role.PENYULUH,
        "position": "Penyuluh Sosial",
        "division": "Bidang Pemberdayaan Sosial",
    },
    {
        "email": "kepala.malang@studitiru.test",
        "name": "Syahrial Hamid",
        "agency": "kota-malang",
        "role": Role.HEAD,
        "position": "Kepala Bidang Pemberdayaan Sosial",
        "division": "Bidang Pemberdayaan Sosial",
    },
    {
        "email": "admin.malang@studitiru.test",
        "name": "Admin Demo Dinsos Kota Malang",
        "agency": "kota-malang",
        "role": Role.ADMIN,
        "position": "Pengelola Portal Studi Tiru",
        "division": "Sekretariat",
    },
]

# --- Good practices -----------------------------------------------------------

GOOD_PRACTICES = [
    {
        "agency": "kota-malang",
        "topic": "SLRT",
        "title": "SLRT terintegrasi Puskesos kelurahan",
        "description": (
            "Pelayanan Sistem Layanan dan Rujukan Terpadu (SLRT) berbasis kelurahan "
            "yang terintegrasi dengan Pusat Kesejahteraan Sosial (Puskesos): sistem "
            "koordinasi lintas sektor, strategi menjangkau kelompok rentan dan "
            "integrasi layanan sosial melalui sistem digital. Praktiknya dapat dilihat "
            "langsung di Kelurahan Pandanwangi."
        ),
        "location": "Kelurahan Pandanwangi",
        "contact": "Bidang Pemberdayaan Sosial Dinas Sosial Kota Malang",
    },
    {
        "agency": "kota-magelang",
        "topic": "FTJSLP",
        "title": "Forum TJSLP berdasarkan Perda Nomor 11 Tahun 2017",
        "description": (
            "Forum TJSLP dibentuk sebagai implementasi Perda Nomor 11 Tahun 2017 "
            "tentang TJSLP. Dengan adanya TJSLP atau CSR, terbuka peluang strategis "
            "untuk memperkuat sinergi pemerintah dan dunia usaha serta memperluas akses "
            "pelaksanaan program kesejahteraan sosial kepada masyarakat."
        ),
        "location": "Kantor Dinas Sosial Kota Magelang",
        "contact": "Sekretariat Dinas Sosial Kota Magelang",
    },
]

# --- Visits -------------------------------------------------------------------
# Participant fields left out take PARTICIPANT_DEFAULTS. The order of each list
# is the order on the attendance sheet, per side.

PARTICIPANT_DEFAULTS = {
    "front_title": "",
    "back_title": "",
    "division": "",
    "employment_type": EmploymentType.PNS,
    "nip": "",
    "phone": "",
    "email": "",
    "attended": True,
}

# Seed 004 gives only the number of Madiun's SLRT staff. These 50 names are
# fictional, built from common Javanese names: every pairing of five given
# names with five family names, men and women alternating. No randomness, so
# every run produces the same list.
MEN_GIVEN_NAMES = ["Agus", "Bambang", "Eko", "Joko", "Rudi"]
MEN_FAMILY_NAMES = ["Prasetyo", "Santoso", "Setiawan", "Nugroho", "Hidayat"]
WOMEN_GIVEN_NAMES = ["Dewi", "Sri", "Siti", "Rina", "Yuni"]
WOMEN_FAMILY_NAMES = ["Lestari", "Rahayu", "Wulandari", "Susanti", "Purwanti"]
SLRT_STAFF_NAMES = [
    f"{given} {family}"
    for pair in zip(
        product(MEN_GIVEN_NAMES, MEN_FAMILY_NAMES),
        product(WOMEN_GIVEN_NAMES, WOMEN_FAMILY_NAMES),
        strict=True,
    )
    for given, family in pair
]

VISITS = [
    # Seed 000: Dinas Sosial Kota Salatiga visits Dinas Sosial Kota Magelang.
    # The article gives the day, not the hours; 09.00–12.00 WIB is a guess.
    {
        "visitor": "kota-salatiga",
        "host": "kota-magelang",
        "start": datetime.datetime(2023, 6, 14, 9, 0, tzinfo=WIB),
        "end": datetime.datetime(2023, 6, 14, 12, 0, tzinfo=WIB),
        "title": "Studi tiru Penguatan Forum TJSLP dan pelayanan kesejahteraan sosial",
        "purpose": (
            "Sarana bertukar informasi dan referensi terkait pelaksanaan Forum Tanggung "
            "Jawab Lingkungan Sosial Perusahaan (FTJSLP) dan program pelayanan "
            "kesejahteraan sosial lainnya.\n"
            "Motivasi dan langkah yang dapat diadopsi untuk mengoptimalkan Forum TJSLP "
            "yang belum optimal, perbaikan pengelolaan Data Terpadu Kesejahteraan Sosial "
            "(DTKS), pemeliharaan taman makam pahlawan dan strategi program rehabilitasi "
            "sosial dasar melalui Asistensi Rehabilitasi Sosial (ATENSI)."
        ),
        "basis": (
            "Perda Nomor 11 Tahun 2017 tentang TJSLP (Kota Magelang), dasar pembentukan "
            "Forum TJSLP yang dipelajari."
        ),
        "created_by": "staf.salatiga@studitiru.test",
        "drafted_at": datetime.datetime(2023, 5, 22, 9, 15, tzinfo=WIB),
        "history": [
            {
                "to": VisitStatus.REQUESTED,
                "by": "staf.salatiga@studitiru.test",
                "at": datetime.datetime(2023, 5, 24, 10, 0, tzinfo=WIB),
                "comment": (
                    "Surat permohonan studi tiru Kepala Dinas Sosial Kota Salatiga "
                    "telah dikirim melalui e-office."
                ),
            },
            {
                "to": VisitStatus.SCHEDULED,
                "by": "staf.magelang@studitiru.test",
                "at": datetime.datetime(2023, 6, 5, 13, 30, tzinfo=WIB),
                "comment": (
                    "Permohonan diterima. Rombongan akan diterima Sekretaris Dinas di "
                    "Kantor Dinas Sosial Kota Magelang, Rabu, 14 Juni 2023 pukul 09.00 WIB."
                ),
            },
            {
                "to": VisitStatus.HELD,
                "by": "staf.magelang@studitiru.test",
                "at": datetime.datetime(2023, 6, 14, 12, 30, tzinfo=WIB),
                "comment": "Studi tiru telah terlaksana; rombongan lima orang hadir.",
            },
        ],
        "topics": [
            (
                "FTJSLP",
                "Bagaimana langkah mengoptimalkan Forum TJSLP yang di Kota Salatiga belum "
                "optimal?\n"
                "Bagaimana Forum TJSLP dibentuk dan dijalankan berdasarkan peraturan daerah?",
            ),
            (
                "DTKS",
                "Bagaimana perbaikan pengelolaan Data Terpadu Kesejahteraan Sosial (DTKS)?",
            ),
            ("TMP", "Bagaimana pemeliharaan taman makam pahlawan dilaksanakan?"),
            (
                "ATENSI",
                "Bagaimana strategi program rehabilitasi sosial dasar melalui Asistensi "
                "Rehabilitasi Sosial (ATENSI)?",
            ),
        ],
        "venues": [
            {"kind": VenueKind.OFFICE, "name": "Kantor Dinas Sosial Kota Magelang"},
        ],
        "agenda": [
            {
                "start": datetime.datetime(2023, 6, 14, 9, 0, tzinfo=WIB),
                "end": datetime.datetime(2023, 6, 14, 9, 20, tzinfo=WIB),
                "kind": AgendaKind.WELCOME,
                "title": "Sambutan dan penerimaan rombongan Dinas Sosial Kota Salatiga",
                "place": "Kantor Dinas Sosial Kota Magelang",
                "speaker": "Drs. Hadi Sutopo, Sekretaris Dinas Sosial Kota Magelang",
            },
            {
                "start": datetime.datetime(2023, 6, 14, 9, 20, tzinfo=WIB),
                "end": datetime.datetime(2023, 6, 14, 9, 40, tzinfo=WIB),
                "kind": AgendaKind.WELCOME,
                "title": "Penyampaian maksud dan tujuan studi tiru",
                "place": "Kantor Dinas Sosial Kota Magelang",
                "speaker": "Slamet Setyo Budi, S.E., M.Acc., Kepala Dinas Sosial Kota Salatiga",
            },
            {
                "start": datetime.datetime(2023, 6, 14, 9, 40, tzinfo=WIB),
                "end": datetime.datetime(2023, 6, 14, 10, 30, tzinfo=WIB),
                "kind": AgendaKind.PRESENTATION,
                "title": (
                    "Paparan Forum TJSLP sebagai implementasi Perda Nomor 11 Tahun 2017 "
                    "tentang TJSLP"
                ),
                "place": "Kantor Dinas Sosial Kota Magelang",
                "speaker": "Drs. Hadi Sutopo, Sekretaris Dinas Sosial Kota Magelang",
            },
            {
                "start": datetime.datetime(2023, 6, 14, 10, 30, tzinfo=WIB),
                "end": datetime.datetime(2023, 6, 14, 11, 45, tzinfo=WIB),
                "kind": AgendaKind.DISCUSSION,
                "title": (
                    "Diskusi: pengelolaan DTKS, pemeliharaan taman makam pahlawan dan "
                    "rehabilitasi sosial dasar melalui ATENSI"
                ),
                "place": "Kantor Dinas Sosial Kota Magelang",
                "speaker": "Jajaran Dinas Sosial Kota Magelang",
            },
            {
                "start": datetime.datetime(2023, 6, 14, 11, 45, tzinfo=WIB),
                "end": datetime.datetime(2023, 6, 14, 12, 0, tzinfo=WIB),
                "kind": AgendaKind.OTHER,
                "title": "Penutup dan foto bersama",
                "place": "Kantor Dinas Sosial Kota Magelang",
                "speaker": "",
            },
        ],
        "participants": [
            {
                "side": Side.VISITOR,
                "role": DelegationRole.HEAD,
                "name": "Slamet Setyo Budi",
                "back_title": "S.E., M.Acc.",
                "position": "Kepala Dinas Sosial Kota Salatiga",
            },
            # The article names the next four by position only: their names
            # are fictional.
            {
                "side": Side.VISITOR,
                "role": DelegationRole.MEMBER,
                "name": "Retno Handayani",
                "position": "Kepala Bidang Pemberdayaan Sosial",
                "division": "Bidang Pemberdayaan Sosial",
            },
            {
                "side": Side.VISITOR,
                "role": DelegationRole.MEMBER,
                "name": "Teguh Widodo",
                "position": "Kepala Bidang Perlindungan Jaminan Sosial dan Penanganan Fakir Miskin",
                "division": "Bidang Perlindungan Jaminan Sosial dan Penanganan Fakir Miskin",
            },
            {
                "side": Side.VISITOR,
                "role": DelegationRole.MEMBER,
                "name": "Yuliana Kartikasari",
                "position": "Pekerja Sosial",
            },
            {
                "side": Side.VISITOR,
                "role": DelegationRole.MEMBER,
                "name": "Heri Kurniawan",
                "position": "Penyuluh Sosial",
            },
            {
                "side": Side.HOST,
                "role": DelegationRole.RECEIVING_OFFICIAL,
                "front_title": "Drs.",
                "name": "Hadi Sutopo",
                "position": "Sekretaris Dinas Sosial Kota Magelang",
                "division": "Sekretariat",
            },
            {
                # Named by position only in the article: a fictional name.
                "side": Side.HOST,
                "role": DelegationRole.HOST_STAFF,
                "name": "Endang Sulistyowati",
                "position": "Kepala Bidang Rehabilitasi Sosial dan Pemberdayaan Sosial",
                "division": "Bidang Rehabilitasi Sosial dan Pemberdayaan Sosial",
            },
            {
                "side": Side.HOST,
                "role": DelegationRole.HOST_STAFF,
                "name": "Dwi Ambar Pratiknyo",
                "back_title": "S.Sos., MPSSp",
                "position": "Penyuluh Sosial Madya",
            },
            {
                "side": Side.HOST,
                "role": DelegationRole.HOST_STAFF,
                "name": "Tutut Hari Martanto",
                "back_title": "S.Psi",
                "position": "Penyuluh Sosial Ahli Muda",
            },
        ],
    },
    # Seed 004: Dinas Sosial Kabupaten Madiun visits Dinas Sosial Kota Malang.
    # The article gives the day (a Friday: the agenda breaks for Friday
    # prayers), not the hours; 08.30–15.00 WIB is a guess.
    {
        "visitor": "kabupaten-madiun",
        "host": "kota-malang",
        "start": datetime.datetime(2025, 8, 1, 8, 30, tzinfo=WIB),
        "end": datetime.datetime(2025, 8, 1, 15, 0, tzinfo=WIB),
        "title": "Studi tiru penguatan Sistem Layanan dan Rujukan Terpadu (SLRT)",
        "purpose": (
            "Meningkatkan kualitas layanan sosial berbasis masyarakat melalui penguatan "
            "Sistem Layanan dan Rujukan Terpadu (SLRT).\n"
            "Mempelajari pelayanan SLRT berbasis kelurahan yang terintegrasi dengan "
            "Pusat Kesejahteraan Sosial (Puskesos) di Kota Malang untuk direplikasi di "
            "Kabupaten Madiun, serta bertukar ide dan pengalaman antar daerah demi "
            "pelayanan sosial yang semakin efektif, merata dan adaptif."
        ),
        "basis": ("Permensos Nomor 15 Tahun 2018 tentang Sistem Layanan dan Rujukan Terpadu."),
        "created_by": "staf.madiun@studitiru.test",
        "drafted_at": datetime.datetime(2025, 7, 7, 9, 0, tzinfo=WIB),
        "history": [
            {
                "to": VisitStatus.REQUESTED,
                "by": "staf.madiun@studitiru.test",
                "at": datetime.datetime(2025, 7, 9, 10, 0, tzinfo=WIB),
                "comment": (
                    "Surat permohonan studi tiru telah dikirim. Rombongan 52 orang: "
                    "Kepala Bidang Perlindungan dan Jaminan Sosial, Koordinator SLRT dan "
                    "50 tenaga SLRT Kabupaten Madiun."
                ),
            },
            {
                "to": VisitStatus.SCHEDULED,
                "by": "staf.malang@studitiru.test",
                "at": datetime.datetime(2025, 7, 16, 14, 0, tzinfo=WIB),
                "comment": (
                    "Permohonan diterima. Paparan di Aula Dinas Sosial Kota Malang, "
                    "dilanjutkan kunjungan lapangan ke Puskesos Kelurahan Pandanwangi."
                ),
            },
            {
                "to": VisitStatus.HELD,
                "by": "staf.malang@studitiru.test",
                "at": datetime.datetime(2025, 8, 1, 15, 30, tzinfo=WIB),
                "comment": "Studi tiru telah terlaksana; 52 peserta hadir.",
            },
        ],
        "topics": [
            (
                "SLRT",
                "Bagaimana sistem koordinasi lintas sektor dalam SLRT?\n"
                "Bagaimana strategi menjangkau kelompok rentan?\n"
                "Bagaimana integrasi layanan sosial melalui sistem digital?",
            ),
            (
                "PUSKESOS",
                "Bagaimana SLRT diintegrasikan dengan Puskesos kelurahan, dan bagaimana "
                "model ini dapat direplikasi di desa-desa Kabupaten Madiun?",
            ),
            (
                "BPJS",
                "Bagaimana SLRT membantu warga miskin yang belum terdaftar mengaktifkan "
                "kepesertaan BPJS Kesehatan secara cepat dan tepat sasaran?",
            ),
        ],
        "venues": [
            {"kind": VenueKind.OFFICE, "name": "Aula Dinas Sosial Kota Malang"},
            {"kind": VenueKind.FIELD, "name": "Kelurahan Pandanwangi"},
        ],
        "agenda": [
            {
                "start": datetime.datetime(2025, 8, 1, 8, 30, tzinfo=WIB),
                "end": datetime.datetime(2025, 8, 1, 9, 0, tzinfo=WIB),
                "kind": AgendaKind.WELCOME,
                "title": "Sambutan dan penerimaan rombongan Dinas Sosial Kabupaten Madiun",
                "place": "Aula Dinas Sosial Kota Malang",
                "speaker": "Syahrial Hamid, Kepala Bidang Pemberdayaan Sosial",
            },
            {
                "start": datetime.datetime(2025, 8, 1, 9, 0, tzinfo=WIB),
                "end": datetime.datetime(2025, 8, 1, 10, 30, tzinfo=WIB),
                "kind": AgendaKind.PRESENTATION,
                "title": (
                    "Paparan teknis pelaksanaan SLRT di Kota Malang: sistem koordinasi "
                    "lintas sektor, strategi menjangkau kelompok rentan dan integrasi "
                    "layanan sosial melalui sistem digital"
                ),
                "place": "Aula Dinas Sosial Kota Malang",
                "speaker": "Jajaran Bidang Pemberdayaan Sosial Dinas Sosial Kota Malang",
            },
            {
                "start": datetime.datetime(2025, 8, 1, 10, 30, tzinfo=WIB),
                "end": datetime.datetime(2025, 8, 1, 11, 15, tzinfo=WIB),
                "kind": AgendaKind.DISCUSSION,
                "title": (
                    "Diskusi: SLRT terintegrasi Puskesos kelurahan dan kepesertaan "
                    "BPJS Kesehatan warga miskin"
                ),
                "place": "Aula Dinas Sosial Kota Malang",
                "speaker": "Syahrial Hamid, Kepala Bidang Pemberdayaan Sosial",
            },
            {
                "start": datetime.datetime(2025, 8, 1, 11, 15, tzinfo=WIB),
                "end": datetime.datetime(2025, 8, 1, 13, 0, tzinfo=WIB),
                "kind": AgendaKind.OTHER,
                "title": "Ishoma dan salat Jumat",
                "place": "",
                "speaker": "",
            },
            {
                "start": datetime.datetime(2025, 8, 1, 13, 0, tzinfo=WIB),
                "end": datetime.datetime(2025, 8, 1, 15, 0, tzinfo=WIB),
                "kind": AgendaKind.FIELD_VISIT,
                "title": (
                    "Kunjungan lapangan: pelayanan SLRT berbasis kelurahan yang "
                    "terintegrasi dengan Puskesos"
                ),
                "place": "Kelurahan Pandanwangi",
                "speaker": "",
            },
        ],
        "participants": [
            {
                "side": Side.VISITOR,
                "role": DelegationRole.HEAD,
                "name": "Dedy Anggoro",
                "position": "Kepala Bidang Perlindungan dan Jaminan Sosial",
                "division": "Bidang Perlindungan dan Jaminan Sosial",
            },
            {
                # The article does not say whether Andre is an ASN; the
                # default (PNS, no NIP) stands.
                "side": Side.VISITOR,
                "role": DelegationRole.MEMBER,
                "name": "Andre",
                "position": "Koordinator SLRT Kabupaten Madiun",
                "division": "SLRT Kabupaten Madiun",
            },
            *(
                {
                    "side": Side.VISITOR,
                    "role": DelegationRole.MEMBER,
                    "name": name,
                    "position": "Fasilitator SLRT",
                    "division": "SLRT Kabupaten Madiun",
                    "employment_type": EmploymentType.NON_ASN,
                }
                for name in SLRT_STAFF_NAMES
            ),
            {
                "side": Side.HOST,
                "role": DelegationRole.RECEIVING_OFFICIAL,
                "name": "Syahrial Hamid",
                "position": "Kepala Bidang Pemberdayaan Sosial",
                "division": "Bidang Pemberdayaan Sosial",
            },
        ],
    },
]


def demo_account_lines():
    """The demo accounts as aligned text lines (e-mail, role, agency), for the
    start-up message and ``manage.py demo_accounts``."""
    short_names = {agency["slug"]: agency["short_name"] for agency in AGENCIES}
    rows = [(NATIONAL_ADMIN["email"], _("Administrator nasional"), "—")] + [
        (account["email"], str(account["role"].label), short_names[account["agency"]])
        for account in DEMO_ACCOUNTS
    ]
    email_width = max(len(row[0]) for row in rows)
    role_width = max(len(row[1]) for row in rows)
    return [
        f"{email:<{email_width}}  {role:<{role_width}}  {agency}" for email, role, agency in rows
    ]


# --- Loader -------------------------------------------------------------------


def load_demo(*, reset_passwords=False):
    """Make the database match the demo data above, in one transaction.

    Returns a ``Counter`` with the number of rows ``created`` and ``updated``;
    both are 0 when the demo data was already complete and unchanged.
    """
    stats = Counter(created=0, updated=0)
    with transaction.atomic():
        agencies, divisions = _load_agencies(stats)
        users = _load_accounts(agencies, divisions, stats, reset_passwords=reset_passwords)
        topics = Topic.objects.in_bulk(field_name="code")
        sync_rows(
            GoodPractice.objects.filter(agency__in=agencies.values()),
            ["agency", "topic", "title"],
            [
                {
                    **practice,
                    "agency": agencies[practice["agency"]],
                    "topic": topics[practice["topic"]],
                    "is_active": True,
                }
                for practice in GOOD_PRACTICES
            ],
            stats,
        )
        for data in VISITS:
            _load_visit(data, agencies, users, topics, stats)
    return stats


def _load_agencies(stats):
    """The agencies by slug, and their divisions by (slug, name)."""
    regencies = Regency.objects.select_related("province").in_bulk(
        [data["regency"] for data in AGENCIES], field_name="code"
    )
    agencies, divisions = {}, {}
    for data in AGENCIES:
        regency = regencies[data["regency"]]
        # Found by region, not slug: the database allows one Dinas Sosial per
        # kabupaten/kota, so an agency an admin created already is adopted.
        agency, _created = sync(
            Agency,
            {"regency": regency},
            {
                "name": data["name"],
                "short_name": data["short_name"],
                "slug": data["slug"],
                "level": regency.kind,
                "province": regency.province,
                "letterhead": data["letterhead"],
                "is_active": True,
            },
            stats,
        )
        agencies[data["slug"]] = agency
        rows = sync_rows(
            agency.divisions.all(),
            ["name"],
            [{"agency": agency, "name": name} for name in data["divisions"]],
            stats,
        )
        divisions |= {(data["slug"], name): division for (name,), division in rows.items()}
    return agencies, divisions


def _load_accounts(agencies, divisions, stats, *, reset_passwords):
    """The national administrator and the agency accounts with their
    memberships; returns the users by e-mail."""
    emails = [NATIONAL_ADMIN["email"]] + [account["email"] for account in DEMO_ACCOUNTS]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    # Hashing is slow on purpose: hash once per run, and only when needed. The
    # accounts share the hash; they share the (public) password anyway.
    needs_hash = reset_passwords or existing != set(emails)
    password = make_password(DEMO_PASSWORD) if needs_hash else None
    rows = sync_rows(
        User.objects.filter(email__in=emails),
        ["email"],
        [
            {**NATIONAL_ADMIN, "is_staff": True, "is_superuser": True, "is_active": True},
            *(
                {
                    "email": account["email"],
                    "name": account["name"],
                    "is_staff": False,
                    "is_superuser": False,
                    "is_active": True,
                }
                for account in DEMO_ACCOUNTS
            ),
        ],
        stats,
        on_create={"password": password},
    )
    if reset_passwords:
        stats["updated"] += User.objects.filter(email__in=existing).update(password=password)
    users = {email: user for (email,), user in rows.items()}
    sync_rows(
        Membership.objects.filter(user__in=users.values()),
        ["user"],
        [
            {
                "user": users[account["email"]],
                "agency": agencies[account["agency"]],
                "division": divisions.get((account["agency"], account["division"])),
                "position": account["position"],
                "role": account["role"],
                "nip": "",
            }
            for account in DEMO_ACCOUNTS
        ],
        stats,
    )
    # The accounts that must log in with a second factor get the demo's
    # authenticator app when they have none (one they enrolled is kept).
    stats["created"] += enrol_totp_in_bulk(
        [users[NATIONAL_ADMIN["email"]]]
        + [users[a["email"]] for a in DEMO_ACCOUNTS if a["role"] in (Role.HEAD, Role.ADMIN)],
        DEMO_TOTP_SECRET,
    )
    return users


def _load_visit(data, agencies, users, topics, stats):
    """A visit with its topics, venues, agenda and participants; its timeline
    only when the visit is new."""
    visit, created = sync(
        Visit,
        {
            "host": agencies[data["host"]],
            "visitor": agencies[data["visitor"]],
            "start": data["start"],
        },
        {
            "title": data["title"],
            "end": data["end"],
            "purpose": data["purpose"],
            "basis": data["basis"],
            "created_by": users[data["created_by"]],
        },
        stats,
        on_create={"status": VisitStatus.DRAFT},
    )
    sync_rows(
        visit.visit_topics.all(),
        ["topic"],
        [
            {"visit": visit, "topic": topics[code], "questions": questions, "order": order}
            for order, (code, questions) in enumerate(data["topics"], start=1)
        ],
        stats,
    )
    sync_rows(
        visit.venues.all(),
        ["order"],
        [
            {"visit": visit, "order": order, "address": "", **venue}
            for order, venue in enumerate(data["venues"], start=1)
        ],
        stats,
    )
    sync_rows(
        visit.agenda_items.all(),
        ["start"],
        [{"visit": visit, **item} for item in data["agenda"]],
        stats,
    )
    # Numbered from 1 on each side, as on each side's attendance sheet.
    numbers = Counter()
    participants = []
    for participant in data["participants"]:
        numbers[participant["side"]] += 1
        participants.append(
            {
                **PARTICIPANT_DEFAULTS,
                "visit": visit,
                "order": numbers[participant["side"]],
                **participant,
            }
        )
    sync_rows(visit.participants.all(), ["side", "order"], participants, stats)
    if created:
        # Dated from its draft rather than from today, like its timeline.
        Visit.objects.filter(pk=visit.pk).update(created_at=data["drafted_at"])
        for step in data["history"]:
            move_visit(
                visit=visit,
                to_status=step["to"],
                by=users[step["by"]],
                comment=step["comment"],
                at=step["at"],
            )
