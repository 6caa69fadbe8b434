"""The demo visits: the two real study visits the portal was designed from
(shared/seeds/), with their topics, venues, agenda, participants and the
timeline that led them to "reported". ``demo/load.py`` makes the database
match them."""

import datetime
from itertools import product
from zoneinfo import ZoneInfo

from visits.models import AgendaKind, DelegationRole, EmploymentType, Side, VenueKind, VisitStatus

WIB = ZoneInfo("Asia/Jakarta")

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
