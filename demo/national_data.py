"""A plausible national data set for the benchmark (``manage.py generate_national_data``).

What it makes, at ``scale=1.0``: a Dinas Sosial for every province and
kabupaten/kota that has none yet (38 + 514 = 552 on an empty database), with
3–5 divisions and 6–12 accounts in every role each; 50,000 visits over ten
years in every state of the lifecycle, with their topics, places, agenda and
timeline; 1,000,000 participants (20 a visit on average, some delegations of
52, valid NIPs for civil servants); 20,000 reports, mostly published, with
findings, quotes, authors, their review timeline and documentation photos;
60,000 ATM items with their timeline and progress check-ins, some overdue.
Every count but the agencies' scales with ``scale``; the agencies scale too,
never below ``MIN_AGENCIES`` (20).

Why: DESIGN.md promises pages that answer in tens of milliseconds on a
national data set, and the benchmark (issue 5) measures that promise against
this data. It is never part of ``make run`` and never touches other data.

How the data holds together: times follow the lifecycle against a reference
day (``today``): visits still waiting (draft, requested, date proposed,
scheduled) lie in the future, the others in the past; each timeline row moves
from the state the previous one reached, and the last one reached the visit's
state; reports exist for held and reported visits only, and a reported visit
has an approved report whose approval moved it there, as
``reports.services.report_approve`` does. Times are working hours in the
time zone of the agency concerned.

How it is recognised: generated agencies have a slug starting with ``gen-``
and generated accounts an e-mail address at ``gen.studitiru.test``. Regions
that already have an agency (the demo's, real ones) are skipped, and
``delete_generated_data`` removes only the generated agencies, their
accounts, and what hangs off them.

How it is fast: the rows are built in Python from one ``random.Random(seed)``
per part (the same seed, scale and reference day give the same data) and
written with PostgreSQL's COPY (psycopg 3), or with batched INSERTs on other
databases, in one transaction. Primary keys of the rows that others point to
are allocated here, then the sequences are reset. Afterwards PostgreSQL gets
``VACUUM ANALYZE``, so that the planner knows the tables and the first
benchmark requests do not pay for setting hint bits.

Photos: the reports share a handful of image files (and thumbnails) made once
under MEDIA_ROOT, rather than one file per photo row.
"""

import base64
import datetime
import io
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import accumulate
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from agencies.models import (
    TIME_ZONE_NAMES,
    Agency,
    AgencyLevel,
    Division,
    GoodPractice,
    Invitation,
    Membership,
    Province,
    Regency,
    Role,
    User,
)
from reports.models import (
    AdoptionEvent,
    AdoptionItem,
    AdoptionStatus,
    Author,
    CheckIn,
    Finding,
    Photo,
    Quote,
    Report,
    ReportEvent,
    ReportStatus,
)
from visits.models import (
    AgendaItem,
    AgendaKind,
    CalendarFeed,
    DelegationRole,
    EmploymentType,
    Participant,
    Side,
    Topic,
    Venue,
    VenueKind,
    Visit,
    VisitEvent,
    VisitStatus,
    VisitTopic,
)

# --- Markers, sizes, accounts -------------------------------------------------------

GENERATED_SLUG_PREFIX = "gen-"
GENERATED_EMAIL_DOMAIN = "gen.studitiru.test"

# Counts at scale 1.0. Agencies: one per region, 552 when none exists yet.
FULL_SCALE = {
    "visits": 50_000,
    "participants": 1_000_000,
    "reports": 20_000,
    "items": 60_000,
}
MIN_AGENCIES = 20
ALL_REGIONS = 552

# The benchmark logs in with these; every other generated account has an
# unusable password (one shared string: hashing per user would take hours).
BENCHMARK_PASSWORD = "benchmark-studitiru"
UNUSABLE_PASSWORD = "!generated-account-without-password"
BIG_DELEGATION = 52
BENCHMARK_PHOTOS = 6

# Where the shared photo files live, under MEDIA_ROOT.
PHOTO_DIR = "reports/generated"
PHOTO_FILES = 8
PHOTO_SIZE = (2000, 1333)
THUMBNAIL_SIZE = (480, 320)

# Shares of the visits by state (they add up to 1). Waiting states lie in the
# future, the others in the past.
VISIT_SHARES = {
    VisitStatus.DRAFT: 0.010,
    VisitStatus.REQUESTED: 0.020,
    VisitStatus.DATE_PROPOSED: 0.008,
    VisitStatus.SCHEDULED: 0.022,
    VisitStatus.DECLINED: 0.080,
    VisitStatus.CANCELLED: 0.110,
    VisitStatus.REPORTED: 0.300,
    VisitStatus.HELD: 0.450,
}
FUTURE_STATES = frozenset(
    {VisitStatus.DRAFT, VisitStatus.REQUESTED, VisitStatus.DATE_PROPOSED, VisitStatus.SCHEDULED}
)
# A reported visit went through a report's review: at least this old.
REPORTED_MIN_AGE_DAYS = 21

# Report states: the report that made a visit "reported", a second report of
# the same visit (by the other agency) and the report of a held visit.
FIRST_REPORT_SHARES = {ReportStatus.PUBLISHED: 0.92, ReportStatus.APPROVED: 0.08}
SECOND_REPORT_SHARES = {
    ReportStatus.PUBLISHED: 0.70,
    ReportStatus.APPROVED: 0.10,
    ReportStatus.SUBMITTED: 0.10,
    ReportStatus.DRAFT: 0.10,
}
HELD_REPORT_SHARES = {ReportStatus.DRAFT: 0.6, ReportStatus.SUBMITTED: 0.4}
# Of the reports beyond one per reported visit, the share that are second
# reports of reported visits (the rest are reports of held visits).
SECOND_REPORT_PART = 0.6

# ATM item states by the age of the report's approval, in days.
ITEM_SHARES_BY_AGE = [
    (
        45,
        {
            AdoptionStatus.PROPOSED: 35,
            AdoptionStatus.RETURNED: 10,
            AdoptionStatus.APPROVED: 40,
            AdoptionStatus.IN_PROGRESS: 15,
        },
    ),
    (
        365,
        {
            AdoptionStatus.PROPOSED: 5,
            AdoptionStatus.RETURNED: 5,
            AdoptionStatus.APPROVED: 20,
            AdoptionStatus.IN_PROGRESS: 50,
            AdoptionStatus.ADOPTED: 10,
            AdoptionStatus.DROPPED: 10,
        },
    ),
    (
        None,
        {
            AdoptionStatus.PROPOSED: 2,
            AdoptionStatus.RETURNED: 2,
            AdoptionStatus.APPROVED: 3,
            AdoptionStatus.IN_PROGRESS: 9,
            AdoptionStatus.ADOPTED: 68,
            AdoptionStatus.DROPPED: 16,
        },
    ),
]

# --- Words -------------------------------------------------------------------------


def _words(text, separator=None):
    return text.split(separator)


MEN = _words(
    "Agus Ahmad Andi Arif Bambang Bayu Budi Dedi Dimas Dwi Eko Fajar Hadi Hendra Heru "
    "Iwan Joko Kurniawan Lukman Mulyadi Muhammad Priyo Rahmat Ridwan Rizki Rudi Sigit "
    "Slamet Sutrisno Taufik Teguh Wahyu Wawan Yanto Yusuf Zainal Imam Ilham Hasan Agung "
    "Aditya Gilang Reza Fikri Hafiz Syahrial Andre Dedy Tri Hari Bagus Doni Edi Ferry "
    "Gunawan Haryanto Indra Jaka Krisna Latif Nanang Okta Purwanto Samsul Tono Umar"
)
WOMEN = _words(
    "Dewi Sri Siti Rina Yuni Ani Endang Fitri Indah Kartika Lestari Maya Nur Ratna Retno "
    "Sari Wulan Yuliana Dian Eka Ayu Putri Nurul Lina Novi Anisa Fatimah Aisyah Intan Mega "
    "Ratih Susi Tuti Umi Vina Winda Yanti Erna Dwi Tri Rini Wiwik Heni Listya Rosa Ika "
    "Diah Nining Suci Asih Ambar Ernawati Sulastri Murni Partini Handini"
)
MEN_SECOND = _words(
    "Prasetyo Santoso Setiawan Nugroho Hidayat Saputra Wibowo Kurniawan Susanto Gunawan "
    "Hartono Purnomo Sulistyo Firmansyah Ramadhan Pratama Hakim Syahputra Maulana Rahman "
    "Effendi Wijaya Sutopo Budiman Hermawan Suryadi Wahyudi Setyawan Anggoro Martanto "
    "Pratiknyo Haryono Supriyadi Mulyono Kusuma Darmawan Sugiarto Iskandar Nasution Hamid"
)
WOMEN_SECOND = _words(
    "Lestari Rahayu Wulandari Susanti Purwanti Handayani Kartikasari Sulistyowati Astuti "
    "Puspitasari Anggraini Permatasari Fitriani Safitri Maharani Oktaviani Pertiwi Utami "
    "Nurhayati Rahmawati Wahyuni Setyaningsih Kusumawati Andriani Novitasari Yuliani "
    "Maryani Suryani Widyastuti Damayanti"
)
BATAK_MARGA = _words(
    "Siregar Nasution Harahap Lubis Simanjuntak Sitompul Tanjung Pane Sinaga Simatupang "
    "Hutagalung Panjaitan Situmorang Pardede Sihombing Manurung Tampubolon Hasibuan"
)
BALI_MEN = ["I Made", "I Wayan", "I Nyoman", "I Ketut", "I Gede", "I Putu", "I Komang"]
BALI_WOMEN = ["Ni Made", "Ni Luh", "Ni Wayan", "Ni Ketut", "Ni Putu", "Ni Nyoman", "Ni Komang"]
BALI_MEN_NAMES = _words(
    "Sudarsana Suarjana Wirawan Astawa Yasa Artawan Darmawan Sudiarta Ardana Mahendra "
    "Budiasa Kariasa Sumerta"
)
BALI_WOMEN_NAMES = _words("Ariani Sukerti Widiastuti Suartini Purnamawati Sriasih Wulandari")

MEN_FRONT_TITLES = ["Drs.", "Dr.", "Ir.", "H."]
WOMEN_FRONT_TITLES = ["Dra.", "Dr.", "Ir.", "Hj."]
BACHELOR = [
    "S.Sos.",
    "S.E.",
    "S.H.",
    "S.Kom.",
    "S.Pd.",
    "S.IP.",
    "S.Psi.",
    "S.ST.",
    "S.Tr.Sos.",
    "S.K.M.",
    "S.AP.",
]
MASTER = ["M.Si.", "M.M.", "M.AP.", "M.Kesos.", "M.Pd.", "M.Acc.", "MPSSp"]
DIPLOMA = ["A.Md.", "A.Md.Kom."]

DIVISIONS = [
    "Bidang Perlindungan dan Jaminan Sosial",
    "Bidang Rehabilitasi Sosial",
    "Bidang Pemberdayaan Sosial",
    "Bidang Penanganan Fakir Miskin",
    "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
    "UPT Rehabilitasi Sosial",
]
STREETS = _words(
    "Jl. Pahlawan;Jl. Diponegoro;Jl. Sudirman;Jl. Ahmad Yani;Jl. Gatot Subroto;"
    "Jl. Veteran;Jl. Merdeka;Jl. Pemuda;Jl. Kartini;Jl. Imam Bonjol;Jl. Pattimura;"
    "Jl. Sisingamangaraja;Jl. Hasanuddin;Jl. Teuku Umar;Jl. Cut Nyak Dien",
    ";",
)
VILLAGES = _words(
    "Sukamaju Sukajadi Mekarsari Sumbersari Tegalrejo Karangrejo Sidomulyo Margahayu "
    "Pandanwangi Bojongsari Wonorejo Banjarsari Purwosari Kedungwuni Tanjungsari "
    "Sukaraja Sindangsari Rejosari Mulyorejo Harjosari Sumberejo Makmur Jaya Baru"
)

STAFF_POSITIONS = [
    "Koordinator Studi Tiru",
    "Analis Kebijakan Ahli Muda",
    "Pengelola Kerja Sama",
    "Pranata Humas Ahli Pertama",
    "Perencana Ahli Pertama",
]
PENYULUH_POSITIONS = [
    "Penyuluh Sosial Ahli Pertama",
    "Penyuluh Sosial Ahli Muda",
    "Penyuluh Sosial Ahli Madya",
    "Penyuluh Sosial Muda",
    "Penyuluh Sosial Madya",
    "Pekerja Sosial Ahli Pertama",
    "Pekerja Sosial Ahli Muda",
]
PNS_POSITIONS = PENYULUH_POSITIONS + [
    "Kepala Seksi Perlindungan Sosial Korban Bencana",
    "Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia",
    "Kepala Subbagian Umum dan Kepegawaian",
    "Analis Kebijakan Ahli Muda",
    "Pranata Komputer Ahli Pertama",
    "Pengelola Data Kesejahteraan Sosial",
    "Pengadministrasi Umum",
    "Pekerja Sosial Terampil",
]
PPPK_POSITIONS = [
    "Penyuluh Sosial Ahli Pertama",
    "Pekerja Sosial Ahli Pertama",
    "Pranata Komputer Ahli Pertama",
    "Analis Pelayanan Sosial",
]
NON_ASN_POSITIONS = [
    "Fasilitator SLRT",
    "Pendamping PKH",
    "Tenaga Kesejahteraan Sosial Kecamatan",
    "Operator SIKS-NG",
    "Pekerja Sosial Masyarakat",
    "Tenaga Pendukung Administrasi",
]
PHONE_PREFIXES = [
    "0811",
    "0812",
    "0813",
    "0821",
    "0822",
    "0852",
    "0853",
    "0856",
    "0857",
    "0877",
    "0878",
    "0896",
]
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
DAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTH_NAMES = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]

# Per topic code: how often it is studied, the phrase of a title, questions
# the visitors bring, findings, good practices and an ATM item. {host} and
# {visitor} are the places ("Kota Malang"); topics an admin added get
# GENERIC_TOPIC with the topic's name.
TOPIC_WEIGHTS = {
    "SLRT": 20,
    "PUSKESOS": 12,
    "DTKS": 18,
    "DTSEN": 18,
    "ATENSI": 14,
    "FTJSLP": 10,
    "BPJS": 12,
    "TMP": 4,
}
# DTKS became DTSEN under Inpres 4/2025.
DTSEN_SINCE = datetime.date(2025, 2, 1)

TOPIC_TEXT = {
    "SLRT": {
        "phrase": "penguatan Sistem Layanan dan Rujukan Terpadu (SLRT)",
        "questions": [
            "Bagaimana sistem koordinasi lintas sektor dalam SLRT?",
            "Bagaimana strategi menjangkau kelompok rentan?",
            "Bagaimana integrasi layanan sosial melalui sistem digital?",
            "Bagaimana rujukan warga dipantau sampai tuntas ditangani?",
        ],
        "finding": (
            "SLRT {host} menerima pengaduan warga, mendata dan merujuknya ke layanan lintas "
            "sektor dalam satu alur. Setiap rujukan dipantau sampai ditangani dan rapat "
            "koordinasi bulanan membahas kasus yang belum tuntas."
        ),
        "practice": "SLRT terintegrasi dengan layanan lintas sektor",
        "observe": (
            "SLRT {host} melayani pengaduan, pendataan dan rujukan warga miskin dan rentan "
            "dalam satu alur yang dipantau sampai tuntas."
        ),
        "replicate": "Alur layanan dan rujukan terpadu dengan pemantauan setiap rujukan.",
        "modify": (
            "Di {visitor} alur dijalankan bertahap mulai dari kecamatan yang paling banyak "
            "pengaduannya, dengan tenaga SLRT yang ada."
        ),
        "indicator": "Setiap rujukan tercatat dan 80% tuntas ditangani dalam 30 hari.",
    },
    "PUSKESOS": {
        "phrase": "pengembangan Puskesos desa/kelurahan",
        "questions": [
            "Bagaimana Puskesos kelurahan dibentuk dan dibiayai?",
            "Bagaimana Puskesos terhubung dengan SLRT kabupaten/kota?",
        ],
        "finding": (
            "Puskesos di kelurahan-kelurahan {host} menjadi pintu pertama warga: pengaduan "
            "dicatat, didata dan dirujuk ke SLRT. Model ini dapat direplikasi di desa-desa "
            "{visitor}."
        ),
        "practice": "Puskesos kelurahan sebagai pintu layanan sosial",
        "observe": "Puskesos kelurahan di {host} menjadi pintu pertama layanan sosial warga.",
        "replicate": "Puskesos di setiap desa yang terhubung dengan SLRT.",
        "modify": (
            "{visitor} membentuk Puskesos di tingkat desa; satu tenaga SLRT mendampingi "
            "tiga sampai empat desa."
        ),
        "indicator": "Puskesos aktif di setiap desa dampingan dan pengaduannya tercatat.",
    },
    "DTKS": {
        "phrase": "pengelolaan Data Terpadu Kesejahteraan Sosial (DTKS)",
        "questions": [
            "Bagaimana verifikasi dan validasi DTKS dilakukan?",
            "Bagaimana usulan warga baru masuk ke DTKS?",
        ],
        "finding": (
            "Pemutakhiran DTKS di {host} melibatkan operator desa/kelurahan dan musyawarah "
            "desa, sehingga usulan warga baru dan perbaikan data tercatat tepat waktu."
        ),
        "practice": "Pemutakhiran DTKS berbasis musyawarah desa",
        "observe": "Verifikasi dan validasi DTKS melibatkan operator desa dan musyawarah desa.",
        "replicate": "Jadwal pemutakhiran data bersama operator desa/kelurahan.",
        "modify": "{visitor} melatih operator kecamatan lebih dulu karena jumlah desanya besar.",
        "indicator": "Usulan perbaikan data diproses setiap bulan tanpa tunggakan.",
    },
    "DTSEN": {
        "phrase": "pemutakhiran Data Tunggal Sosial dan Ekonomi Nasional (DTSEN)",
        "questions": [
            "Bagaimana peralihan dari DTKS ke DTSEN dilaksanakan?",
            "Bagaimana ground check data DTSEN dilakukan di lapangan?",
        ],
        "finding": (
            "{host} menyiapkan peralihan ke DTSEN dengan ground check oleh pendamping dan "
            "operator kelurahan, serta sosialisasi kepada warga tentang perubahan data."
        ),
        "practice": "Ground check DTSEN bersama pendamping sosial",
        "observe": "Ground check DTSEN dilakukan pendamping bersama operator kelurahan.",
        "replicate": "Ground check terjadwal untuk data yang diragukan.",
        "modify": "{visitor} memprioritaskan desa dengan selisih data terbesar.",
        "indicator": "Data yang diragukan selesai diperiksa di lapangan dalam satu triwulan.",
    },
    "ATENSI": {
        "phrase": "layanan Asistensi Rehabilitasi Sosial (ATENSI)",
        "questions": [
            "Bagaimana layanan ATENSI berbasis keluarga dan komunitas dijalankan?",
            "Bagaimana rujukan ke sentra atau balai dilakukan?",
        ],
        "finding": (
            "Layanan ATENSI di {host} menjangkau lanjut usia, anak dan penyandang disabilitas "
            "melalui keluarga dan komunitas, dengan rujukan ke sentra bila perlu."
        ),
        "practice": "ATENSI berbasis keluarga dan komunitas",
        "observe": "ATENSI di {host} dijalankan bersama keluarga dan komunitas.",
        "replicate": "Layanan rehabilitasi sosial dasar berbasis keluarga.",
        "modify": "{visitor} memulai dari kelompok lanjut usia terlantar di dua kecamatan.",
        "indicator": "Penerima layanan terdata dan didampingi sesuai rencana intervensi.",
    },
    "FTJSLP": {
        "phrase": "penguatan Forum TJSLP",
        "questions": [
            "Bagaimana Forum TJSLP dibentuk berdasarkan peraturan daerah?",
            "Bagaimana program CSR diselaraskan dengan program kesejahteraan sosial?",
        ],
        "finding": (
            "Forum TJSLP {host} dibentuk berdasarkan Perda tentang TJSLP dan menyelaraskan "
            "program CSR perusahaan dengan program kesejahteraan sosial pemerintah daerah."
        ),
        "practice": "Forum TJSLP berdasarkan Perda",
        "observe": "Forum TJSLP {host} menyelaraskan CSR dengan program pemerintah daerah.",
        "replicate": "Forum TJSLP dengan sekretariat di Dinas Sosial.",
        "modify": "{visitor} memulai dengan perusahaan daerah dan BUMD sebelum swasta.",
        "indicator": "Forum terbentuk dan menyalurkan sedikitnya dua program CSR setahun.",
    },
    "BPJS": {
        "phrase": "pendaftaran PBI BPJS Kesehatan bagi warga miskin",
        "questions": [
            "Bagaimana warga miskin yang belum terdaftar diaktifkan kepesertaannya?",
        ],
        "finding": (
            "{host} bekerja sama dengan Dinas Kesehatan dan BPJS Kesehatan agar warga miskin "
            "yang belum terdaftar diaktifkan kepesertaannya dengan cepat dan tepat sasaran."
        ),
        "practice": "Aktivasi cepat kepesertaan PBI BPJS Kesehatan",
        "observe": "Kerja sama {host} dengan Dinas Kesehatan dan BPJS Kesehatan.",
        "replicate": "Aktivasi kepesertaan PBI melalui rujukan SLRT.",
        "modify": "{visitor} menyiapkan MoU dengan Dinas Kesehatan dan BPJS Kesehatan.",
        "indicator": "Warga miskin yang dirujuk aktif kepesertaannya dalam 14 hari.",
    },
    "TMP": {
        "phrase": "pemeliharaan taman makam pahlawan",
        "questions": ["Bagaimana pemeliharaan taman makam pahlawan dilaksanakan?"],
        "finding": (
            "Pemeliharaan taman makam pahlawan di {host} dijadwalkan rutin bersama "
            "kelurahan dan komunitas veteran."
        ),
        "practice": "Pemeliharaan taman makam pahlawan bersama komunitas",
        "observe": "Jadwal pemeliharaan rutin taman makam pahlawan di {host}.",
        "replicate": "Jadwal pemeliharaan bersama kelurahan dan komunitas.",
        "modify": "{visitor} melibatkan sekolah sekitar pada peringatan hari besar.",
        "indicator": "Pemeliharaan terlaksana setiap bulan sesuai jadwal.",
    },
}
GENERIC_TOPIC = {
    "phrase": "{name}",
    "questions": ["Bagaimana {name} dilaksanakan dan dikoordinasikan?"],
    "finding": "{host} menjelaskan pelaksanaan {name} dan kendala yang dihadapi.",
    "practice": "{name}",
    "observe": "Pelaksanaan {name} di {host}.",
    "replicate": "Tata kerja {name}.",
    "modify": "{visitor} menyesuaikannya dengan kondisi daerah.",
    "indicator": "Tata kerja baru berjalan dan dievaluasi setiap triwulan.",
}

QUOTES = [
    "Merupakan kehormatan bagi kami menjadi rujukan. Semoga apa yang kami sampaikan "
    "bermanfaat bagi {visitor}.",
    "Kami juga terbuka belajar dari pengalaman teman-teman di {visitor}.",
    "Banyak yang bisa kami adopsi dari praktik baik di {host}. Ini membantu kami "
    "memperkuat pelayanan sosial di daerah kami.",
    "Kami berharap membawa pulang ilmu yang dapat kami terapkan di {visitor}.",
    "Pelayanan sosial harus semakin responsif dan menyentuh masyarakat miskin secara langsung.",
    "Kuncinya koordinasi. Tanpa kerja sama lintas sektor, rujukan warga berhenti di meja.",
]
CAPTIONS = [
    "Penyambutan rombongan {visitor} di {venue}",
    "Paparan {topic} oleh jajaran {host}",
    "Diskusi dan tanya jawab",
    "Kunjungan lapangan ke {field}",
    "Penyerahan cendera mata",
    "Foto bersama rombongan dan jajaran {host}",
    "Peserta menyimak paparan",
    "Penandatanganan daftar hadir",
]
CHECK_IN_NOTES = [
    "Rapat koordinasi internal membahas langkah pelaksanaan dan pembagian tugas.",
    "Sosialisasi kepada camat dan lurah/kepala desa telah dilaksanakan.",
    "Draf petunjuk teknis disusun dan dibahas bersama bidang terkait.",
    "Uji coba di dua desa/kelurahan berjalan; kendala dicatat untuk perbaikan.",
    "Pelatihan petugas lapangan dilaksanakan dengan 30 peserta.",
    "Anggaran tahun berikutnya diusulkan dalam rencana kerja dinas.",
    "Evaluasi triwulan: sebagian besar target tercapai, sisanya dijadwalkan ulang.",
    "Surat keputusan kepala dinas tentang tim pelaksana telah terbit.",
]
RETURN_COMMENTS = [
    "Mohon lengkapi temuan per topik dan lampiran daftar hadir.",
    "Bagian simpulan dan saran perlu dipertajam.",
    "Indikator keberhasilan belum terukur; mohon diperbaiki.",
    "Sesuaikan target waktu dengan rencana anggaran.",
]
DECLINE_COMMENTS = [
    "Mohon maaf, pada tanggal tersebut pimpinan sedang dinas luar.",
    "Mohon maaf, jadwal kegiatan kami pada bulan tersebut sudah penuh.",
    "Mohon maaf, kami sedang menangani tanggap darurat bencana.",
]
CANCEL_COMMENTS = [
    "Dibatalkan karena penyesuaian anggaran perjalanan dinas.",
    "Dibatalkan karena pimpinan berhalangan.",
    "Dibatalkan; akan diajukan kembali pada tahun anggaran berikutnya.",
]
DROP_COMMENTS = [
    "Dihentikan karena tidak tersedia anggaran.",
    "Dihentikan; digantikan program nasional yang serupa.",
    "Dihentikan karena perubahan kebijakan daerah.",
]


# --- Public API ---------------------------------------------------------------------


class GeneratedDataExists(Exception):
    """The database holds generated data already; ``replace=True`` replaces it."""


@dataclass
class TableTiming:
    table: str
    rows: int
    seconds: float


@dataclass
class Result:
    """What ``generate`` made: rows and seconds per table, the regions it
    skipped because they had an agency, and the total time."""

    seed: int
    scale: float
    today: datetime.date
    timings: list[TableTiming] = field(default_factory=list)
    phases: dict = field(default_factory=dict)  # seconds of the steps between tables
    skipped_regions: int = 0
    deleted_rows: int = 0
    seconds: float = 0.0


@dataclass
class BenchmarkTargets:
    """What the benchmark needs from the generated data: accounts with a
    known password, the busiest agency, its visit with 52 participants and
    its published report (6 photos), and the agency's iCalendar token."""

    password: str
    accounts: list  # [(email, role label, agency short name)]
    agency: Agency
    visit: Visit
    report: Report
    feed_token: str


def generated_agencies():
    return Agency.objects.filter(slug__startswith=GENERATED_SLUG_PREFIX)


def generated_users():
    return User.objects.filter(email__endswith="@" + GENERATED_EMAIL_DOMAIN)


def has_generated_data() -> bool:
    return generated_agencies().exists() or generated_users().exists()


def delete_generated_data() -> int:
    """Delete the generated agencies and accounts and everything that hangs
    off them: their visits (either side), the reports of those visits and of
    those agencies, and so on down. Children go first, each in one DELETE
    where the ORM allows it. Returns the number of rows deleted."""
    agencies = generated_agencies()
    users = generated_users()
    visits = Visit.objects.filter(Q(host__in=agencies) | Q(visitor__in=agencies))
    reports = Report.objects.filter(Q(visit__in=visits) | Q(agency__in=agencies))
    items = AdoptionItem.objects.filter(report__in=reports)
    steps = [
        CheckIn.objects.filter(item__in=items),
        AdoptionEvent.objects.filter(item__in=items),
        items,
        Photo.objects.filter(report__in=reports),
        ReportEvent.objects.filter(report__in=reports),
        Author.objects.filter(report__in=reports),
        Quote.objects.filter(report__in=reports),
        Finding.objects.filter(report__in=reports),
        reports,
        Participant.objects.filter(visit__in=visits),
        VisitEvent.objects.filter(visit__in=visits),
        AgendaItem.objects.filter(visit__in=visits),
        Venue.objects.filter(visit__in=visits),
        VisitTopic.objects.filter(visit__in=visits),
        visits,
        CalendarFeed.objects.filter(agency__in=agencies),
        GoodPractice.objects.filter(agency__in=agencies),
        Invitation.objects.filter(agency__in=agencies),
        Membership.objects.filter(Q(agency__in=agencies) | Q(user__in=users)),
        users,
        Division.objects.filter(agency__in=agencies),
        agencies,
    ]
    deleted = 0
    with transaction.atomic():
        for queryset in steps:
            deleted += queryset.delete()[0]
    return deleted


def scaled_counts(scale: float, available_regions: int = ALL_REGIONS) -> dict:
    """The number of rows of each kind at ``scale``: every count scales, the
    agencies too but never below MIN_AGENCIES nor above the free regions."""
    counts = {name: max(1, round(full * scale)) for name, full in FULL_SCALE.items()}
    counts["agencies"] = min(available_regions, max(MIN_AGENCIES, round(ALL_REGIONS * scale)))
    return counts


def generate(*, seed=1, scale=1.0, today=None, replace=False, log=None) -> Result:
    """Fill the database with the national data set; see the module docstring.

    ``today`` is the reference day (a ``date``; by default the current day in
    the portal's time zone): the same seed, scale and day give the same rows.
    Raises ``GeneratedDataExists`` when generated data is present and
    ``replace`` is false; with ``replace`` it is deleted first, in the same
    transaction. ``log`` receives progress lines.
    """
    log = log or (lambda line: None)
    today = today or timezone.localdate()
    started = time.monotonic()
    result = Result(seed=seed, scale=scale, today=today)
    photos = ensure_photo_files(seed, log)
    writer = _Writer(result, log)
    with transaction.atomic():
        if has_generated_data():
            if not replace:
                raise GeneratedDataExists
            began = time.monotonic()
            result.deleted_rows = delete_generated_data()
            log(f"Data lama dihapus: {result.deleted_rows:,} baris ({_s(began)}).")
        ctx = _Context(seed=seed, scale=scale, today=today, writer=writer, photos=photos)
        ctx.topics = list(Topic.objects.filter(is_active=True).order_by("code"))
        for step in (
            _make_agencies,
            _plan_people,
            # Everything is planned before the rows that depend on it are
            # written: approving a report adds a step to its visit's timeline.
            _plan_visits,
            _plan_reports,
            _plan_items,
            _write_people,
            _make_practices,
            _write_visits,
            _write_reports,
            _write_items,
            _make_feed,
        ):
            began = time.monotonic()
            step(ctx)
            if step.__name__.startswith("_plan"):
                writer.phase(step.__name__.removeprefix("_"), began)
        result.skipped_regions = ctx.skipped_regions
        writer.reset_sequences()
        began = time.monotonic()
    # PostgreSQL checks the (deferred) foreign keys of every row at commit.
    writer.phase("commit", began)
    began = time.monotonic()
    if writer.analyze():
        writer.phase("vacuum_analyze", began)
    result.seconds = time.monotonic() - started
    return result


def benchmark_targets() -> BenchmarkTargets | None:
    """Find, in a database filled by ``generate``, what the benchmark uses."""
    staff = (
        User.objects.filter(email=_benchmark_email("staf"))
        .select_related("membership__agency")
        .first()
    )
    if staff is None:
        return None
    agency = staff.membership.agency
    report = (
        Report.objects.filter(agency=agency, status=ReportStatus.PUBLISHED)
        .annotate(
            photo_count=Count("photos", distinct=True),
            delegation=Count(
                "visit__participants",
                filter=Q(visit__participants__side=Side.VISITOR),
                distinct=True,
            ),
        )
        .filter(photo_count=BENCHMARK_PHOTOS, delegation=BIG_DELEGATION, visit__visitor=agency)
        .select_related("visit")
        .order_by("-visit__start", "pk")
        .first()
    )
    feed = CalendarFeed.objects.filter(agency=agency, revoked_at__isnull=True).first()
    accounts = [
        (user.email, Role(user.membership.role).label, user.membership.agency.display_name)
        for user in User.objects.filter(
            email__startswith="benchmark.", email__endswith="@" + GENERATED_EMAIL_DOMAIN
        )
        .select_related("membership__agency")
        .order_by("email")
    ]
    return BenchmarkTargets(
        password=BENCHMARK_PASSWORD,
        accounts=accounts,
        agency=agency,
        visit=report.visit if report else None,
        report=report,
        feed_token=feed.token if feed else "",
    )


# --- Writing rows -------------------------------------------------------------------


def _s(began):
    return f"{time.monotonic() - began:.1f} dtk"


class _Writer:
    """Writes rows to one table at a time: COPY on PostgreSQL, batched
    INSERTs elsewhere (values prepared by the model's fields, so SQLite gets
    what the ORM would store). Columns a model gained since this module was
    written get their field's default. Records rows and seconds per table."""

    BATCH = 2000

    def __init__(self, result, log):
        self.result = result
        self.log = log
        self.copy = connection.vendor == "postgresql"
        self.models = []

    def first_free_id(self, model) -> int:
        """The primary key after the highest in ``model``'s table: the rows
        written next number on from it, and ``reset_sequences`` then moves
        the table's sequence past them."""
        table = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({pk}) FROM {table}")
            (highest,) = cursor.fetchone()
        return (highest or 0) + 1

    def write(self, model, columns, rows):
        """Insert ``rows`` (tuples in the order of ``columns``, a list or a
        space-separated string of attribute names) into ``model``'s table."""
        began = time.monotonic()
        columns = columns.split() if isinstance(columns, str) else list(columns)
        fields = {f.attname: f for f in model._meta.concrete_fields}
        missing = [
            f
            for name, f in fields.items()
            if name not in columns and not f.primary_key and not f.generated
        ]
        if missing:
            defaults = tuple(f.get_default() for f in missing)
            columns = [*columns, *(f.attname for f in missing)]
            rows = (row + defaults for row in rows)
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(fields[c].column) for c in columns)
        count = 0
        with connection.cursor() as cursor:
            if self.copy:
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
            else:
                prep = [fields[c].get_db_prep_save for c in columns]
                sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
                batch = []
                for row in rows:
                    batch.append([p(v, connection) for p, v in zip(prep, row, strict=True)])
                    if len(batch) == self.BATCH:
                        cursor.executemany(sql, batch)
                        count += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    count += len(batch)
        seconds = time.monotonic() - began
        self.result.timings.append(TableTiming(model._meta.db_table, count, seconds))
        self.models.append(model)
        self.log(f"  {model._meta.db_table:<28} {count:>10,} baris  {seconds:7.1f} dtk")
        return count

    def phase(self, name, began):
        seconds = time.monotonic() - began
        self.result.phases[name] = seconds
        self.log(f"  ({name:<26} {'':>10}        {seconds:7.1f} dtk)")

    def reset_sequences(self):
        from django.core.management.color import no_style

        statements = connection.ops.sequence_reset_sql(no_style(), list(dict.fromkeys(self.models)))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def analyze(self) -> bool:
        """VACUUM ANALYZE the tables written (PostgreSQL, outside a
        transaction): statistics for the planner, and hint bits and the
        visibility map set now rather than by the first requests."""
        if not self.copy or connection.in_atomic_block:
            return False
        tables = ", ".join(
            connection.ops.quote_name(m._meta.db_table) for m in dict.fromkeys(self.models)
        )
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {tables}")
        return True


# --- Context and plans --------------------------------------------------------------


@dataclass(slots=True)
class _Person:
    """An account (user + membership) of a generated agency."""

    id: int
    front: str
    name: str
    back: str
    sex: str
    role: str
    position: str
    nip: str
    division_id: int | None
    email: str = ""

    @property
    def full_name(self):
        name = f"{self.front} {self.name}".strip()
        return f"{name}, {self.back}" if self.back else name


@dataclass(slots=True)
class _Agency:
    id: int
    name: str
    short_name: str
    slug: str
    level: str
    place: str  # "Kota Malang", "Provinsi Jawa Timur"
    town: str  # "Malang": where its reports are signed
    province_code: str
    tz: ZoneInfo
    flavour: str
    divisions: list = field(default_factory=list)  # [(id, name)]
    people: dict = field(default_factory=lambda: defaultdict(list))  # role -> [_Person]
    activity: float = 1.0
    popularity: float = 1.0

    @property
    def kepala(self):
        return self.people[Role.HEAD][0]

    def pick(self, rng, *roles):
        return rng.choice([p for role in roles for p in self.people[role]])


@dataclass(slots=True)
class _Visit:
    id: int
    host: _Agency
    visitor: _Agency
    status: str
    start: datetime.datetime
    end: datetime.datetime
    topics: list
    created_at: datetime.datetime = None
    updated_at: datetime.datetime = None
    events: list = field(default_factory=list)  # (at, from, to, person, agency, comment)
    held_at: datetime.datetime = None
    requested_at: datetime.datetime = None
    answered_at: datetime.datetime = None
    proposed: tuple = (None, None)
    created_by: _Person = None
    visitor_count: int = 0
    host_count: int = 0
    head_name: str = ""
    head_position: str = ""
    official_name: str = ""
    official_position: str = ""
    venue: str = ""
    field_venue: str = ""
    request_number: str = ""
    reply_number: str = ""
    reports: list = field(default_factory=list)
    reports_agency: _Agency = None  # whose report made it "reported"


@dataclass(slots=True)
class _Report:
    id: int
    visit: _Visit
    agency: _Agency
    status: str
    photos: int = 0
    events: list = field(default_factory=list)  # (at, from, to, person, comment)
    authors: list = field(default_factory=list)
    created_at: datetime.datetime = None
    approved_at: datetime.datetime = None
    published_at: datetime.datetime = None
    submitted_at: datetime.datetime = None
    approver: _Person = None
    items: int = 0


@dataclass
class _Context:
    seed: int
    scale: float
    today: datetime.date
    writer: _Writer
    photos: list
    agencies: list = field(default_factory=list)
    skipped_regions: int = 0
    visits: list = field(default_factory=list)
    reports: list = field(default_factory=list)
    items: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    benchmark_agency: _Agency = None
    benchmark_visit: _Visit = None
    benchmark_accounts: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    visit_counts: Counter = field(default_factory=Counter)

    def rng(self, part):
        """A random generator of its own for each part, so that a change in
        one part does not shift the others."""
        return random.Random(f"{self.seed}:{part}")

    @property
    def now(self):
        """The reference instant: the start of ``today`` in Jakarta. Every
        recorded step happened before it; waiting visits start after it."""
        return datetime.datetime.combine(self.today, datetime.time(0, 0), tzinfo=WIB)


WIB = ZoneInfo(TIME_ZONE_NAMES["WIB"])


# --- Small helpers ------------------------------------------------------------------


def _counts_by_share(total, shares, rng, minimum=1):
    """Whole counts per key that add up to ``total``, each at least
    ``minimum`` when ``total`` allows, the remainder on the largest share."""
    keys = list(shares)
    counts = {k: round(total * shares[k]) for k in keys}
    if total >= minimum * len(keys):
        for k in keys:
            counts[k] = max(minimum, counts[k])
    largest = max(keys, key=lambda k: shares[k])
    counts[largest] += total - sum(counts.values())
    if counts[largest] < 0:  # tiny totals: trim the others
        counts[largest] = 0
        for k in sorted(keys, key=lambda k: -counts[k]):
            while sum(counts.values()) > total and counts[k] > 0:
                counts[k] -= 1
    return counts


def _shuffled(counts, rng):
    values = [k for k, n in counts.items() for _ in range(n)]
    rng.shuffle(values)
    return values


def _work_time(rng, day, tz, earliest=8 * 60, latest=15 * 60 + 45):
    minutes = rng.randrange(earliest, latest, 5)
    return datetime.datetime.combine(
        day, datetime.time(minutes // 60, minutes % 60), tzinfo=tz
    ).astimezone(datetime.UTC)


def _chain(rng, start, gaps, limit, tz):
    """Moments after ``start``, one per ``(low, high)`` gap in days, during
    working hours in ``tz`` where possible, increasing, all before ``limit``
    (squeezed to fit when the gaps would pass it)."""
    offsets, total = [], 0.0
    for low, high in gaps:
        total += rng.uniform(low, high)
        offsets.append(total)
    room = (limit - start).total_seconds() / 86400
    if offsets and offsets[-1] > room * 0.95:
        factor = room * 0.95 / offsets[-1]
        offsets = [o * factor for o in offsets]
    moments, previous = [], start
    for offset in offsets:
        raw = start + datetime.timedelta(days=offset)
        snapped = _work_time(rng, raw.astimezone(tz).date(), tz)
        moment = snapped if previous < snapped < limit else raw
        if moment <= previous:
            moment = previous + min(
                datetime.timedelta(minutes=rng.randint(5, 90)), (limit - previous) / 2
            )
        moment = moment.replace(microsecond=0)
        if moment < previous:
            moment = previous
        moments.append(moment)
        previous = moment
    return moments


def _date_id(day):
    """ "Rabu, 14 Juni 2023"."""
    return f"{DAY_NAMES[day.weekday()]}, {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _letter_number(rng, day, unit="Dinsos"):
    return f"400.9/{rng.randint(1, 2999)}/{unit}/{ROMAN_MONTHS[day.month - 1]}/{day.year}"


def _topic_text(topic, key, **names):
    text = TOPIC_TEXT.get(topic.code, GENERIC_TOPIC)[key]
    return text.format(name=topic.name, **names)


def _person_name(rng, flavour, sex):
    """(given name(s), sex): Javanese-style by default, Balinese in Bali,
    often a Batak marga in Sumatera Utara."""
    if flavour == "bali":
        prefix = rng.choice(BALI_MEN if sex == "1" else BALI_WOMEN)
        return f"{prefix} {rng.choice(BALI_MEN_NAMES if sex == '1' else BALI_WOMEN_NAMES)}"
    first = rng.choice(MEN if sex == "1" else WOMEN)
    if rng.random() < 0.03:
        return first  # one name, like "Andre" in seed 004
    if flavour == "batak" and rng.random() < 0.6:
        return f"{first} {rng.choice(BATAK_MARGA)}"
    second = rng.choice(MEN_SECOND if sex == "1" else WOMEN_SECOND)
    if rng.random() < 0.2:
        middle = rng.choice(MEN if sex == "1" else WOMEN)
        if middle != first:
            return f"{first} {middle} {second}"
    return f"{first} {second}"


def _titles(rng, sex, senior=False, diploma_ok=True):
    """(front title, back title) as Indonesian civil servants write them."""
    front = ""
    if rng.random() < (0.15 if senior else 0.04):
        front = rng.choice(MEN_FRONT_TITLES if sex == "1" else WOMEN_FRONT_TITLES)
        if front in ("Drs.", "Dra."):
            return front, rng.choice(["", "", "M.Si.", "M.M."])
    roll = rng.random()
    if roll < 0.12:
        return front, ""
    if roll < 0.2 and diploma_ok:
        return front, rng.choice(DIPLOMA)
    back = rng.choice(BACHELOR)
    if rng.random() < (0.5 if senior else 0.15):
        back = f"{back}, {rng.choice(MASTER)}"
    return front, back


def _nip(rng, sex, year):
    """An NIP that ``agencies.validators.validate_nip`` accepts: birth date,
    month of appointment (at least 20 years after birth, not after
    ``year``), sex digit and a sequence number."""
    born = rng.randint(1963, year - 24)
    appointed = rng.randint(born + 20, min(born + 35, year))
    return (
        f"{born:04d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        f"{appointed:04d}{rng.randint(1, 12):02d}{sex}{rng.randint(1, 999):03d}"
    )


def _phone(rng):
    return rng.choice(PHONE_PREFIXES) + "".join(
        str(rng.randrange(10)) for _ in range(rng.randint(7, 8))
    )


def _email_local(name):
    return ".".join(slugify(name).split("-")[:2]) or "pegawai"


def _benchmark_email(name):
    return f"benchmark.{name}@{GENERATED_EMAIL_DOMAIN}"


# --- Agencies, divisions, people, practices -----------------------------------------


def _make_agencies(ctx):
    rng = ctx.rng("agencies")
    taken_regions = set(Agency.objects.exclude(regency=None).values_list("regency_id", flat=True))
    taken_provinces = set(
        Agency.objects.filter(level=AgencyLevel.PROVINCE).values_list("province_id", flat=True)
    )
    taken_names = set(Agency.objects.values_list("name", flat=True))
    taken_slugs = set(Agency.objects.values_list("slug", flat=True))
    provinces = {p.pk: p for p in Province.objects.all()}
    candidates, skipped = [], 0
    for province in provinces.values():
        name = f"Dinas Sosial Provinsi {province.name}"
        if province.pk in taken_provinces or name in taken_names:
            skipped += 1
        else:
            candidates.append((province, None, name))
    for regency in Regency.objects.order_by("code"):
        name = f"Dinas Sosial {regency.name}"
        if regency.pk in taken_regions or name in taken_names:
            skipped += 1
        else:
            candidates.append((provinces[regency.province_id], regency, name))
    ctx.skipped_regions = skipped
    ctx.counts = scaled_counts(ctx.scale, len(candidates))
    wanted = ctx.counts["agencies"]
    if wanted < len(candidates):
        chosen = rng.sample(candidates, wanted)
        # Every time zone, and some provinces, even in a small sample.
        for zone in ("WITA", "WIT"):
            if not any(c[0].time_zone == zone for c in chosen):
                extra = [c for c in candidates if c[0].time_zone == zone and c not in chosen]
                if extra:
                    chosen[rng.randrange(len(chosen))] = rng.choice(extra)
        if not any(c[1] is None for c in chosen):
            provinces_left = [c for c in candidates if c[1] is None]
            if provinces_left:
                chosen[0] = rng.choice(provinces_left)
        candidates = sorted(chosen, key=lambda c: (c[0].code, c[1].code if c[1] else ""))
    first_id = ctx.writer.first_free_id(Agency)
    created = ctx.now - datetime.timedelta(days=3900)
    rows = []
    for index, (province, regency, name) in enumerate(candidates):
        place = regency.name if regency else f"Provinsi {province.name}"
        town = (
            regency.name.removeprefix("Kabupaten ").removeprefix("Kota Administrasi ")
            if regency
            else province.name
        ).removeprefix("Kota ")
        slug = GENERATED_SLUG_PREFIX + slugify(place)
        if slug in taken_slugs:
            slug = f"{slug}-{slugify((regency or province).code)}"
        slug = slug[:80]
        taken_slugs.add(slug)
        flavour = {"51": "bali", "12": "batak"}.get(province.code, "")
        agency = _Agency(
            id=first_id + index,
            name=name,
            short_name=f"Dinsos {place}"[:60],
            slug=slug,
            level=regency.kind if regency else AgencyLevel.PROVINCE,
            place=place,
            town=town,
            province_code=province.code,
            tz=ZoneInfo(TIME_ZONE_NAMES[province.time_zone]),
            flavour=flavour,
            activity=rng.lognormvariate(0, 0.6),
            popularity=rng.lognormvariate(0, 0.8),
        )
        ctx.agencies.append(agency)
        government = (
            f"PEMERINTAH {place.upper()}"
            if regency
            else f"PEMERINTAH PROVINSI {province.name.upper()}"
        )
        address = f"{rng.choice(STREETS)} No. {rng.randint(1, 150)}, {town}"
        phone = f"(0{rng.randint(211, 986)}) {rng.randint(300000, 899999)}"
        rows.append(
            (
                agency.id,
                name,
                agency.short_name,
                slug,
                agency.level,
                province.pk,
                regency.pk if regency else None,
                address,
                phone,
                f"dinsos.{slug.removeprefix(GENERATED_SLUG_PREFIX)}@{GENERATED_EMAIL_DOMAIN}",
                "",
                "",
                f"{government}\nDINAS SOSIAL\n{address}\nTelepon {phone}",
                True,
                created + datetime.timedelta(minutes=index),
            )
        )
    ctx.writer.write(
        Agency,
        (
            "id name short_name slug level province_id regency_id address phone email website "
            "logo letterhead is_active created_at"
        ),
        rows,
    )


def _plan_people(ctx):
    """Divisions (3–5 an agency, written now), and 6–12 accounts an agency
    in every role (kept in memory: the benchmark accounts are named once the
    visits are planned)."""
    rng = ctx.rng("people")
    first_division = ctx.writer.first_free_id(Division)
    division_rows = []
    next_id = first_division
    for agency in ctx.agencies:
        names = ["Sekretariat", *rng.sample(DIVISIONS, rng.randint(2, 4))]
        for name in names:
            agency.divisions.append((next_id, name))
            division_rows.append((next_id, agency.id, name))
            next_id += 1
    ctx.writer.write(Division, "id agency_id name", division_rows)

    # A kepala dinas and a kepala bidang, an admin, two staff, two penyuluh
    # (one fewer now and then), then up to five more.
    base = [Role.HEAD, Role.HEAD, Role.ADMIN, Role.STAFF, Role.STAFF, Role.PENYULUH, Role.PENYULUH]
    next_id = ctx.writer.first_free_id(User)
    year = ctx.today.year
    for agency in ctx.agencies:
        roles = base[: 6 if rng.random() < 0.1 else 7] + rng.choices(
            [Role.STAFF, Role.PENYULUH, Role.HEAD], weights=[3, 4, 1], k=rng.randint(0, 5)
        )
        bidang = agency.divisions[1:]
        for index, role in enumerate(roles):
            sex = "1" if rng.random() < 0.55 else "2"
            senior = role == Role.HEAD
            front, back = _titles(rng, sex, senior=senior, diploma_ok=not senior)
            division = rng.choice(bidang)
            if role == Role.HEAD:
                position, division_id = (
                    (f"Kepala Dinas Sosial {agency.place}", None)
                    if index == 0
                    else (f"Kepala {division[1]}", division[0])
                )
            elif role == Role.ADMIN:
                position, division_id = "Pengelola Portal Studi Tiru", agency.divisions[0][0]
            elif role == Role.STAFF:
                position = rng.choice(STAFF_POSITIONS)
                division_id = rng.choice([agency.divisions[0], division])[0]
            else:
                position, division_id = rng.choice(PENYULUH_POSITIONS), division[0]
            name = _person_name(rng, agency.flavour, sex)
            agency.people[role].append(
                _Person(
                    id=next_id,
                    front=front,
                    name=name,
                    back=back,
                    sex=sex,
                    role=role,
                    position=position,
                    nip=_nip(rng, sex, year) if rng.random() < 0.9 else "",
                    division_id=division_id,
                    email=f"{_email_local(name)}.{next_id}@{GENERATED_EMAIL_DOMAIN}",
                )
            )
            next_id += 1


def _name_benchmark_accounts(ctx):
    """Give the benchmark's accounts fixed addresses (and, when written, the
    known password): every role of the benchmark agency, the host's staff of
    its 52-participant visit, and one staff member in each of the next seven
    busiest agencies, so that eight users can work in eight agencies."""
    agency, visit = ctx.benchmark_agency, ctx.benchmark_visit
    chosen = {
        "staf": agency.people[Role.STAFF][0],
        "penyuluh": agency.people[Role.PENYULUH][0],
        "kepala": agency.kepala,
        "admin": agency.people[Role.ADMIN][0],
        "tuanrumah": visit.host.people[Role.STAFF][0],
    }
    busiest = sorted(ctx.agencies, key=lambda a: (-ctx.visit_counts[a.id], a.id))
    others = [a for a in busiest if a is not agency and a is not visit.host][:7]
    for number, other in enumerate(others, start=2):
        chosen[f"staf{number}"] = other.people[Role.STAFF][0]
    for name, person in chosen.items():
        person.email = _benchmark_email(name)
    ctx.benchmark_accounts = chosen


def _write_people(ctx):
    rng = ctx.rng("accounts")
    password = make_password(BENCHMARK_PASSWORD)
    joined = ctx.now - datetime.timedelta(days=3800)
    people = sorted(
        ((a, p) for a in ctx.agencies for role in Role for p in a.people[role]),
        key=lambda pair: pair[1].id,
    )
    benchmark = {p.id for p in ctx.benchmark_accounts.values()}
    ctx.writer.write(
        User,
        "id password last_login is_superuser email name is_staff is_active date_joined",
        [
            (
                p.id,
                password if p.id in benchmark else UNUSABLE_PASSWORD,
                None,
                False,
                p.email,
                p.full_name,
                False,
                True,
                joined + datetime.timedelta(days=rng.randint(0, 3000)),
            )
            for a, p in people
        ],
    )
    ctx.writer.write(
        Membership,
        "user_id agency_id division_id position role nip created_at",
        [(p.id, a.id, p.division_id, p.position, p.role, p.nip, joined) for a, p in people],
    )


def _make_practices(ctx):
    rng = ctx.rng("practices")
    rows = []
    for agency in ctx.agencies:
        if rng.random() < 0.45:
            continue
        for topic in rng.sample(ctx.topics, min(len(ctx.topics), rng.randint(1, 3))):
            names = {"host": agency.place, "visitor": "daerah lain"}
            rows.append(
                (
                    agency.id,
                    topic.pk,
                    _topic_text(topic, "practice", **names)[:200],
                    _topic_text(topic, "finding", **names),
                    f"Kantor {agency.name}",
                    f"Sekretariat {agency.name}"[:200],
                    True,
                    ctx.now - datetime.timedelta(days=rng.randint(30, 1500)),
                )
            )
    ctx.writer.write(
        GoodPractice,
        "agency_id topic_id title description location contact is_active created_at",
        rows,
    )


# --- Visits -------------------------------------------------------------------------


def _pick_topics(rng, topics, weights, day):
    """1–3 distinct topics; DTKS before DTSEN replaced it, DTSEN after."""
    retired = "DTKS" if day >= DTSEN_SINCE else "DTSEN"
    count = rng.choices([1, 2, 3], weights=[45, 35, 20])[0]
    chosen = []
    while len(chosen) < count:
        topic = rng.choices(topics, weights=weights)[0]
        if topic.code != retired and topic not in chosen:
            chosen.append(topic)
    return chosen


def _official(rng, agency, year, position):
    """A head of delegation or receiving official: (front, name, back, position, nip, sex)."""
    sex = "1" if rng.random() < 0.6 else "2"
    front, back = _titles(rng, sex, senior=True, diploma_ok=False)
    return (front, _person_name(rng, agency.flavour, sex), back, position, _nip(rng, sex, year))


def _full_name(front, name, back):
    name = f"{front} {name}".strip()
    return f"{name}, {back}" if back else name


def _plan_visits(ctx):
    """Each visit's agencies, state, dates, topics, delegation size and
    timeline; then the benchmark agency, visit and accounts."""
    rng = ctx.rng("visits")
    total = ctx.counts["visits"]
    states = _counts_by_share(total, VISIT_SHARES, rng)
    future_states = _shuffled({s: n for s, n in states.items() if s in FUTURE_STATES}, rng)
    past_states = _shuffled({s: n for s, n in states.items() if s not in FUTURE_STATES}, rng)

    # Past visits: more of them in recent years, as agencies took the portal up.
    past_ages = sorted(
        2 + int(3645 * (rng.random() if rng.random() < 0.4 else 1 - rng.random() ** 0.5))
        for _ in past_states
    )
    # A reported visit needs time for its report's review: swap any that is
    # too recent with an older held visit.
    held_old = [
        i
        for i, state in enumerate(past_states)
        if state == VisitStatus.HELD and past_ages[i] >= REPORTED_MIN_AGE_DAYS + 10
    ]
    for i, state in enumerate(past_states):
        if state == VisitStatus.REPORTED and past_ages[i] < REPORTED_MIN_AGE_DAYS and held_old:
            j = held_old.pop(rng.randrange(len(held_old)))
            past_states[i], past_states[j] = past_states[j], past_states[i]

    plans = [
        (state, ctx.today + datetime.timedelta(days=1 + int(rng.triangular(0, 180, 20))))
        for state in future_states
    ]
    plans += [
        (state, ctx.today - datetime.timedelta(days=age))
        for state, age in zip(past_states, past_ages, strict=True)
    ]
    plans.sort(key=lambda plan: plan[1])

    agencies = ctx.agencies
    activity = list(accumulate(a.activity for a in agencies))
    popularity = list(accumulate(a.popularity for a in agencies))
    by_province = defaultdict(list)
    for agency in agencies:
        by_province[agency.province_code].append(agency)
    local = {
        code: (members, list(accumulate(a.popularity for a in members)))
        for code, members in by_province.items()
        if len(members) > 1
    }
    weights = [TOPIC_WEIGHTS.get(t.code, 5) for t in ctx.topics]

    first_id = ctx.writer.first_free_id(Visit)
    counts = Counter()
    for index, (state, day) in enumerate(plans):
        visitor = rng.choices(agencies, cum_weights=activity)[0]
        host = visitor
        if visitor.province_code in local and rng.random() < 0.45:
            members, cum = local[visitor.province_code]
            host = rng.choices(members, cum_weights=cum)[0]
        while host is visitor:
            host = rng.choices(agencies, cum_weights=popularity)[0]
        # Weekdays only: future visits move forward, past ones back.
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1 if state in FUTURE_STATES else -1)
        counts[host.id] += 1
        counts[visitor.id] += 1
        ctx.visits.append(
            _Visit(
                id=first_id + index,
                host=host,
                visitor=visitor,
                status=state,
                start=None,
                end=None,
                topics=_pick_topics(rng, ctx.topics, weights, day),
                created_at=day,  # replaced by the timeline below
            )
        )
    ctx.visit_counts = counts

    _choose_benchmark(ctx)
    _name_benchmark_accounts(ctx)
    _size_delegations(ctx, rng)
    for visit in ctx.visits:
        _schedule(ctx, rng, visit)


def _choose_benchmark(ctx):
    """The busiest agency, and its latest reported visit as the visitor:
    the visit page with 52 participants and the report the benchmark reads.
    It also gets an upcoming scheduled visit as the visitor, at any scale:
    the benchmark imports a participant sheet into it."""
    agency = max(ctx.agencies, key=lambda a: (ctx.visit_counts[a.id], -a.id))
    reported = [v for v in ctx.visits if v.status == VisitStatus.REPORTED]
    own = [v for v in reported if v.visitor is agency]
    visit = own[-1] if own else reported[-1]
    scheduled = [v for v in ctx.visits if v.status == VisitStatus.SCHEDULED]
    if not any(v.visitor is agency for v in scheduled):
        _make_visitor(scheduled[0], agency)
    _make_visitor(visit, agency)
    ctx.benchmark_agency, ctx.benchmark_visit = agency, visit


def _make_visitor(visit, agency):
    if visit.visitor is not agency:
        if visit.host is agency:
            visit.host = visit.visitor
        visit.visitor = agency


def _size_delegations(ctx, rng):
    """Delegation sizes: mostly 2–40 (8 the commonest), 3% of 52 like seed
    004, 1–6 host officials; then nudged so that the total is exact."""
    for visit in ctx.visits:
        visit.host_count = rng.randint(1, 6)
        visit.visitor_count = (
            BIG_DELEGATION if rng.random() < 0.03 else max(1, round(rng.triangular(2, 40, 8)))
        )
    ctx.benchmark_visit.visitor_count = BIG_DELEGATION
    difference = ctx.counts["participants"] - sum(
        v.visitor_count + v.host_count for v in ctx.visits
    )
    adjustable = [v for v in ctx.visits if v.visitor_count != BIG_DELEGATION]
    attempts = 20 * abs(difference) + 1000
    while difference and adjustable and attempts:
        attempts -= 1
        visit = rng.choice(adjustable)
        step = 1 if difference > 0 else -1
        if 1 <= visit.visitor_count + step <= 45:
            visit.visitor_count += step
            difference -= step


def _venues(rng, visit):
    host = visit.host
    office = rng.choice(["Aula", "Kantor", "Ruang Rapat"]) + f" {host.name}"
    field_venue = ""
    if rng.random() < 0.45:
        codes = {t.code for t in visit.topics}
        village = rng.choice(VILLAGES)
        if "TMP" in codes:
            field_venue = f"Taman Makam Pahlawan {host.town}"
        elif "ATENSI" in codes and rng.random() < 0.5:
            field_venue = f"UPT Rehabilitasi Sosial {host.town}"
        elif host.level == AgencyLevel.KOTA:
            field_venue = rng.choice(["Puskesos Kelurahan", "Kelurahan"]) + f" {village}"
        else:
            field_venue = rng.choice(["Puskesos Desa", "Desa"]) + f" {village}"
    return office, field_venue


def _schedule(ctx, rng, visit):
    """Dates in the host's time zone, places, officials and the timeline."""
    host, visitor = visit.host, visit.visitor
    day = visit.created_at
    start_minutes = rng.choice([480, 510, 540, 540, 570, 600, 780])
    visit.start = datetime.datetime.combine(
        day, datetime.time(start_minutes // 60, start_minutes % 60), tzinfo=host.tz
    ).astimezone(datetime.UTC)
    if rng.random() < 0.08:
        next_day = day + datetime.timedelta(days=3 if day.weekday() == 4 else 1)
        visit.end = datetime.datetime.combine(
            next_day, datetime.time(12, 0), tzinfo=host.tz
        ).astimezone(datetime.UTC)
    else:
        hours = rng.choice([2, 3, 3, 4, 4, 5, 6, 7])
        end_minutes = min(start_minutes + 60 * hours, 16 * 60 + 30)
        visit.end = visit.start + datetime.timedelta(minutes=end_minutes - start_minutes)
    year = day.year
    visit.venue, visit.field_venue = _venues(rng, visit)
    head = _official(
        rng,
        visitor,
        year,
        rng.choice(
            [
                f"Kepala Dinas Sosial {visitor.place}",
                f"Sekretaris Dinas Sosial {visitor.place}",
                f"Kepala {rng.choice(visitor.divisions[1:])[1]}",
            ]
        ),
    )
    official = _official(
        rng,
        host,
        year,
        rng.choice(
            [
                f"Kepala Dinas Sosial {host.place}",
                f"Sekretaris Dinas Sosial {host.place}",
                f"Kepala {rng.choice(host.divisions[1:])[1]}",
            ]
        ),
    )
    visit.head_name, visit.official_name = head, official
    visit.head_position, visit.official_position = head[3], official[3]

    # The timeline: drafted 2–11 weeks ahead, every step before the visit and
    # before the reference instant; "held" after the visit ends.
    state = visit.status
    visitor_staff = visitor.pick(rng, Role.STAFF, Role.STAFF, Role.ADMIN)
    host_staff = host.pick(rng, Role.STAFF)
    visit.created_by = visitor_staff
    before = min(visit.start, ctx.now)
    drafted = visit.start - datetime.timedelta(days=rng.uniform(14, 75))
    if drafted > before - datetime.timedelta(days=2):
        drafted = before - datetime.timedelta(days=rng.uniform(2, 20))
    drafted = _work_time(rng, drafted.astimezone(visitor.tz).date(), visitor.tz)
    visit.created_at = drafted
    if state == VisitStatus.CANCELLED:
        path = rng.choice(
            [
                [VisitStatus.CANCELLED],
                [VisitStatus.REQUESTED, VisitStatus.CANCELLED],
                [VisitStatus.REQUESTED, VisitStatus.SCHEDULED, VisitStatus.CANCELLED],
            ]
        )
    elif state == VisitStatus.DRAFT:
        path = []
    elif state == VisitStatus.DECLINED:
        path = [VisitStatus.REQUESTED, VisitStatus.DECLINED]
    elif state == VisitStatus.REQUESTED:
        path = [VisitStatus.REQUESTED]
    elif state == VisitStatus.DATE_PROPOSED:
        path = [VisitStatus.REQUESTED, VisitStatus.DATE_PROPOSED]
    elif rng.random() < 0.2:
        path = [VisitStatus.REQUESTED, VisitStatus.DATE_PROPOSED, VisitStatus.SCHEDULED]
    else:
        path = [VisitStatus.REQUESTED, VisitStatus.SCHEDULED]
    gaps = [(0.2, 4) if step == VisitStatus.REQUESTED else (1, 14) for step in path]
    moments = _chain(rng, drafted, gaps, before, visitor.tz)
    events = [(drafted, "", VisitStatus.DRAFT, visitor_staff, visitor, "")]
    current = VisitStatus.DRAFT
    local_start = visit.start.astimezone(host.tz).date()
    for step, moment in zip(path, moments, strict=True):
        if step == VisitStatus.REQUESTED:
            visit.requested_at = moment
            visit.request_number = _letter_number(rng, moment.date())
            actor, agency = visitor_staff, visitor
            comment = (
                f"Surat permohonan Nomor {visit.request_number} telah dikirim melalui e-office."
                if rng.random() < 0.7
                else ""
            )
        elif step == VisitStatus.SCHEDULED and current == VisitStatus.DATE_PROPOSED:
            actor, agency, comment = (
                visitor_staff,
                visitor,
                "Tanggal usulan tuan rumah kami terima.",
            )
        elif step == VisitStatus.SCHEDULED:
            visit.answered_at = moment
            actor, agency = host_staff, host
            comment = (
                f"Permohonan diterima. Rombongan akan diterima di {visit.venue}, "
                f"{_date_id(local_start)}."
            )
        elif step == VisitStatus.DATE_PROPOSED:
            visit.answered_at = moment
            actor, agency = host_staff, host
            comment = "Pada tanggal yang diajukan pimpinan berhalangan; kami usulkan tanggal lain."
        elif step == VisitStatus.DECLINED:
            visit.answered_at = moment
            actor, agency, comment = host_staff, host, rng.choice(DECLINE_COMMENTS)
        else:  # cancelled
            actor, agency, comment = visitor_staff, visitor, rng.choice(CANCEL_COMMENTS)
        events.append((moment, current, step, actor, agency, comment))
        current = step
    if (
        visit.answered_at
        and state != VisitStatus.DATE_PROPOSED
        and (state != VisitStatus.DECLINED or rng.random() < 0.6)
    ):
        visit.reply_number = _letter_number(rng, visit.answered_at.date())
    if state == VisitStatus.DATE_PROPOSED:
        shift = datetime.timedelta(days=rng.choice([7, 14, 21, 28]))
        visit.proposed = (visit.start + shift, visit.end + shift)
    if state in (VisitStatus.HELD, VisitStatus.REPORTED):
        held = visit.end + datetime.timedelta(minutes=rng.randint(20, 240))
        visit.held_at = min(held, ctx.now - datetime.timedelta(hours=1))
        marker = rng.choice([visitor_staff, host_staff])
        events.append(
            (
                visit.held_at,
                VisitStatus.SCHEDULED,
                VisitStatus.HELD,
                marker,
                visitor if marker is visitor_staff else host,
                f"Studi tiru telah terlaksana; rombongan {visit.visitor_count} orang hadir.",
            )
        )
    visit.events = events
    visit.updated_at = events[-1][0]


def _visit_texts(visit):
    phrases = [_topic_text(t, "phrase") for t in visit.topics]
    title = "Studi tiru " + (
        phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " dan " + phrases[-1]
    )
    purpose = (
        f"Mempelajari {' serta '.join(phrases)} di {visit.host.place} untuk diterapkan di "
        f"{visit.visitor.place}.\nBertukar informasi dan pengalaman antardaerah demi "
        "pelayanan kesejahteraan sosial yang semakin efektif, merata dan adaptif."
    )
    legal = next((t.legal_basis for t in visit.topics if t.legal_basis), "")
    letter = (
        f"Surat Kepala Dinas Sosial {visit.visitor.place} Nomor {visit.request_number}."
        if visit.request_number
        else ""
    )
    basis = "\n".join(part for part in (letter, legal) if part)
    return title[:250], purpose, basis


def _write_visits(ctx):
    rng = ctx.rng("visit-rows")
    rows = []
    for v in ctx.visits:
        title, purpose, basis = _visit_texts(v)
        rows.append(
            (
                v.id,
                v.host.id,
                v.visitor.id,
                title,
                v.status,
                v.start,
                v.end,
                v.proposed[0],
                v.proposed[1],
                purpose,
                basis,
                v.request_number,
                v.requested_at.date() if v.requested_at else None,
                "",
                v.reply_number,
                v.answered_at.date() if v.reply_number else None,
                "",
                v.created_by.id,
                v.created_at,
                v.updated_at,
            )
        )
    ctx.writer.write(
        Visit,
        (
            "id host_id visitor_id title status start end proposed_start proposed_end purpose "
            "basis request_letter_number request_letter_date request_letter_file "
            "reply_letter_number reply_letter_date reply_letter_file created_by_id created_at "
            "updated_at"
        ),
        rows,
    )

    def topics():
        for v in ctx.visits:
            for order, topic in enumerate(v.topics):
                questions = TOPIC_TEXT.get(topic.code, GENERIC_TOPIC)["questions"]
                picked = rng.sample(questions, rng.randint(1, len(questions)))
                yield (v.id, topic.pk, "\n".join(q.format(name=topic.name) for q in picked), order)

    ctx.writer.write(VisitTopic, "visit_id topic_id questions order", topics())

    def venues():
        for v in ctx.visits:
            yield (v.id, VenueKind.OFFICE, v.venue, "", 0)
            if v.field_venue:
                yield (v.id, VenueKind.FIELD, v.field_venue, "", 1)

    ctx.writer.write(Venue, "visit_id kind name address order", venues())
    ctx.writer.write(
        AgendaItem,
        "visit_id start end kind title place speaker",
        (row for v in ctx.visits for row in _agenda(v)),
    )
    ctx.writer.write(
        VisitEvent,
        "visit_id actor_id actor_agency_id created_at from_status to_status comment",
        (
            (v.id, actor.id, agency.id, at, old, new, comment)
            for v in ctx.visits
            for at, old, new, actor, agency, comment in v.events
        ),
    )
    ctx.writer.write(
        Participant,
        (
            "visit_id side role front_title name back_title position division employment_type "
            "nip phone email attended order"
        ),
        _participants(ctx),
    )


def _agenda(visit):
    """3–5 items filling the first day: welcome, presentation, discussion,
    the field visit when there is one, closing."""
    host = visit.host
    day_end = datetime.datetime.combine(
        visit.start.astimezone(host.tz).date(), datetime.time(16, 30), tzinfo=host.tz
    )
    end = min(visit.end, day_end)
    minutes = max(60, int((end - visit.start).total_seconds() // 60))
    official = f"{_full_name(*visit.official_name[:3])}, {visit.official_position}"
    head = f"{_full_name(*visit.head_name[:3])}, {visit.head_position}"
    codes = ", ".join(t.code for t in visit.topics)
    items = [
        (
            AgendaKind.WELCOME,
            1,
            f"Sambutan dan penerimaan rombongan {visit.visitor.name}",
            visit.venue,
            official,
        ),
        (
            AgendaKind.PRESENTATION,
            3,
            f"Paparan {_topic_text(visit.topics[0], 'phrase')}",
            visit.venue,
            f"Jajaran {host.name}",
        ),
        (AgendaKind.DISCUSSION, 3, f"Diskusi dan tanya jawab: {codes}", visit.venue, head),
    ]
    if visit.field_venue:
        items.append(
            (
                AgendaKind.FIELD_VISIT,
                4,
                f"Kunjungan lapangan ke {visit.field_venue}",
                visit.field_venue,
                "",
            )
        )
    items.append((AgendaKind.OTHER, 1, "Penutup dan foto bersama", "", ""))
    unit = minutes / sum(weight for _, weight, *_ in items)
    moment = visit.start
    for number, (kind, weight, title, place, speaker) in enumerate(items):
        length = datetime.timedelta(minutes=max(5, int(weight * unit) // 5 * 5))
        finish = end if number == len(items) - 1 else min(moment + length, end)
        yield (visit.id, moment, finish, kind, title[:250], place[:200], speaker[:200])
        moment = finish


def _participants(ctx):
    """The delegation (visitor side: its head first) and the host's officials
    (receiving official first), per visit, as rows."""
    rng = ctx.rng("participants")
    held = (VisitStatus.HELD, VisitStatus.REPORTED)
    for v in ctx.visits:
        year = v.start.year
        attended = v.status in held
        big = v.visitor_count >= 30
        visitor_divisions = [name for _, name in v.visitor.divisions]
        host_divisions = [name for _, name in v.host.divisions]
        for side, count, first, agency, divisions in (
            (Side.VISITOR, v.visitor_count, v.head_name, v.visitor, visitor_divisions),
            (Side.HOST, v.host_count, v.official_name, v.host, host_divisions),
        ):
            for order in range(1, count + 1):
                if order == 1:
                    front, name, back, position, nip = first
                    employment = EmploymentType.PNS
                    role = (
                        DelegationRole.HEAD
                        if side == Side.VISITOR
                        else (DelegationRole.RECEIVING_OFFICIAL)
                    )
                    division = (
                        ""
                        if position.startswith(("Kepala Dinas", "Sekretaris"))
                        else (position.removeprefix("Kepala "))
                    )
                else:
                    sex = "1" if rng.random() < 0.55 else "2"
                    name = _person_name(rng, agency.flavour, sex)
                    roll = rng.random()
                    if big and order > 2:
                        employment = EmploymentType.NON_ASN if roll < 0.85 else EmploymentType.PNS
                    else:
                        employment = (
                            EmploymentType.PNS
                            if roll < 0.65
                            else EmploymentType.PPPK
                            if roll < 0.8
                            else EmploymentType.NON_ASN
                        )
                    if employment == EmploymentType.NON_ASN:
                        front, back = "", rng.choice(["", "", "S.Sos.", "S.E.", "S.Kom.", "A.Md."])
                        position = "Fasilitator SLRT" if big else rng.choice(NON_ASN_POSITIONS)
                        division = f"SLRT {agency.place}" if big else ""
                        nip = ""
                    else:
                        front, back = _titles(rng, sex)
                        position = rng.choice(
                            PNS_POSITIONS if employment == EmploymentType.PNS else PPPK_POSITIONS
                        )
                        division = rng.choice(divisions)
                        nip = _nip(rng, sex, year) if employment == EmploymentType.PNS else ""
                    if side == Side.VISITOR:
                        role = DelegationRole.MEMBER
                    elif order <= 3 and rng.random() < 0.5:
                        role = DelegationRole.SPEAKER
                    else:
                        role = DelegationRole.HOST_STAFF
                phone = _phone(rng) if rng.random() < 0.75 else ""
                email = (
                    f"{_email_local(name)}{rng.randint(1, 99)}@{GENERATED_EMAIL_DOMAIN}"
                    if rng.random() < 0.5
                    else ""
                )
                yield (
                    v.id,
                    side,
                    role,
                    front,
                    name,
                    back,
                    position[:200],
                    division[:200],
                    employment,
                    nip,
                    phone,
                    email,
                    (rng.random() < 0.95) if attended else None,
                    order,
                )


# --- Reports ------------------------------------------------------------------------


def _plan_reports(ctx):
    """Which visits get reports, by which agency, in which state; their
    review timeline; and the step that made each reported visit "reported"."""
    rng = ctx.rng("reports")
    reported = [v for v in ctx.visits if v.status == VisitStatus.REPORTED]
    held = [v for v in ctx.visits if v.status == VisitStatus.HELD]
    rest = max(0, ctx.counts["reports"] - len(reported))
    on_held = min(len(held), rest - min(len(reported), round(rest * SECOND_REPORT_PART)))
    second = min(len(reported), rest - on_held)

    plans = []  # (visit, agency, status)
    states = _shuffled(_counts_by_share(len(reported), FIRST_REPORT_SHARES, rng), rng)
    # The benchmark's report is published: swap, so that every state keeps its count.
    mine = reported.index(ctx.benchmark_visit)
    other = states.index(ReportStatus.PUBLISHED)
    states[mine], states[other] = states[other], states[mine]
    for visit, state in zip(reported, states, strict=True):
        agency = visit.visitor if rng.random() < 0.85 else visit.host
        if visit is ctx.benchmark_visit:
            agency = visit.visitor
        visit.reports_agency = agency
        plans.append((visit, agency, state))
    states = _shuffled(_counts_by_share(second, SECOND_REPORT_SHARES, rng), rng)
    for visit, state in zip(rng.sample(reported, second), states, strict=True):
        other = visit.host if visit.reports_agency is visit.visitor else visit.visitor
        plans.append((visit, other, state))
    states = _shuffled(_counts_by_share(on_held, HELD_REPORT_SHARES, rng), rng)
    for visit, state in zip(rng.sample(held, on_held), states, strict=True):
        plans.append((visit, visit.visitor if rng.random() < 0.8 else visit.host, state))

    first_id = ctx.writer.first_free_id(Report)
    limit = ctx.now - datetime.timedelta(hours=1)
    for index, (visit, agency, state) in enumerate(plans):
        report = _Report(id=first_id + index, visit=visit, agency=agency, status=state)
        writers = agency.people[Role.PENYULUH]
        report.authors = rng.sample(writers, min(len(writers), rng.choice([1, 1, 2, 2, 3])))
        if rng.random() < 0.15:
            report.authors.append(agency.kepala)
        writer = report.authors[0]
        head = agency.pick(rng, Role.HEAD)
        steps = [(0.3, 10)]  # created
        path = [(writer, "", ReportStatus.DRAFT, "")]
        returned = rng.random() < 0.2
        if state != ReportStatus.DRAFT or rng.random() < 0.3:
            steps.append((1, 21))
            path.append((writer, ReportStatus.DRAFT, ReportStatus.SUBMITTED, ""))
            if returned or state == ReportStatus.DRAFT:
                steps.append((1, 7))
                path.append(
                    (head, ReportStatus.SUBMITTED, ReportStatus.DRAFT, rng.choice(RETURN_COMMENTS))
                )
                if state != ReportStatus.DRAFT:
                    steps.append((1, 10))
                    path.append((writer, ReportStatus.DRAFT, ReportStatus.SUBMITTED, ""))
        if state in (ReportStatus.APPROVED, ReportStatus.PUBLISHED):
            steps.append((0.5, 7))
            path.append((head, ReportStatus.SUBMITTED, ReportStatus.APPROVED, ""))
        if state == ReportStatus.PUBLISHED:
            steps.append((0.05, 5))
            path.append((head, ReportStatus.APPROVED, ReportStatus.PUBLISHED, ""))
        moments = _chain(rng, visit.held_at, steps, limit, agency.tz)
        report.events = [
            (at, old, new, actor, comment)
            for at, (actor, old, new, comment) in zip(moments, path, strict=True)
        ]
        report.created_at = moments[0]
        for at, _old, new, actor, _comment in report.events:
            if new == ReportStatus.SUBMITTED:
                report.submitted_at = at
            elif new == ReportStatus.APPROVED:
                report.approved_at, report.approver = at, actor
            elif new == ReportStatus.PUBLISHED:
                report.published_at = at
        if state == ReportStatus.PUBLISHED:
            report.photos = (
                BENCHMARK_PHOTOS
                if visit is ctx.benchmark_visit and agency is visit.visitor
                else rng.choice([0, 2, 3, 4, 4, 5, 6, 8])
            )
        visit.reports.append(report)
        ctx.reports.append(report)

    # The first approval moved the visit to "reported" (report_approve).
    for visit in reported:
        first = min((r for r in visit.reports if r.approved_at), key=lambda r: r.approved_at)
        visit.events.append(
            (
                first.approved_at,
                VisitStatus.HELD,
                VisitStatus.REPORTED,
                first.approver,
                first.agency,
                "",
            )
        )
        visit.updated_at = first.approved_at


def _report_texts(report):
    visit, agency = report.visit, report.agency
    host, visitor = visit.host, visit.visitor
    local_day = visit.start.astimezone(host.tz).date()
    phrases = " dan ".join(_topic_text(t, "phrase") for t in visit.topics)
    head = _full_name(*visit.head_name[:3])
    official = _full_name(*visit.official_name[:3])
    if agency is visitor:
        title = f"Studi Tiru {', '.join(t.code for t in visit.topics)} ke {host.name}"
        summary = (
            f"{_date_id(local_day)}, {visitor.name} melaksanakan studi tiru {phrases} ke "
            f"{host.name}, diikuti {visit.visitor_count} peserta."
        )
    else:
        title = f"Penerimaan Studi Tiru {visitor.name}"
        summary = (
            f"{_date_id(local_day)}, {host.name} menerima rombongan studi tiru {visitor.name} "
            f"yang dipimpin {head}, untuk bertukar informasi tentang {phrases}."
        )
    general = (
        "Studi tiru merupakan cara belajar pada lembaga yang dianggap lebih kompeten dalam "
        "suatu hal, dengan maksud peningkatan mutu, perbaikan sistem dan penentuan kebijakan "
        f"baru.\n\n{summary}"
    )
    activities = (
        f"Kegiatan dilaksanakan pada {_date_id(local_day)} di {visit.venue}"
        + (f" dan {visit.field_venue}" if visit.field_venue else "")
        + f", diikuti {visit.visitor_count} peserta dari {visitor.name}.\n\n"
        f"Rombongan dipimpin {head}, {visit.head_position}, dan diterima oleh {official}, "
        f"{visit.official_position}, beserta jajarannya.\n\n"
        "Peserta mendapatkan paparan teknis, kemudian berdiskusi"
        + (" dan melakukan kunjungan lapangan." if visit.field_venue else ".")
    )
    conclusion = (
        f"Praktik {phrases} di {host.place} dapat menjadi pembelajaran. Konteks ATM (Amati, "
        "Tiru, Modifikasi) menjadi bagian penting dalam meningkatkan pelayanan masyarakat."
    )
    recommendations = (
        "Menindaklanjuti studi tiru dengan rencana ATM yang disesuaikan dengan kondisi "
        "daerah, dengan bidang penanggung jawab, target waktu dan indikator keberhasilan."
    )
    return {
        "title": title[:300],
        "summary": summary,
        "general": general,
        "scope": "; ".join(t.name for t in visit.topics) + ".",
        "activities": activities,
        "conclusion": conclusion,
        "recommendations": recommendations,
    }


def _write_reports(ctx):
    rng = ctx.rng("report-rows")
    rows = []
    for r in ctx.reports:
        texts = _report_texts(r)
        _title, purpose, basis = _visit_texts(r.visit)
        signed = r.submitted_at or r.created_at
        kepala = r.agency.kepala
        last = r.events[-1]
        rows.append(
            (
                r.id,
                r.visit.id,
                r.agency.id,
                r.status,
                texts["title"],
                texts["summary"],
                texts["general"],
                purpose,
                texts["scope"],
                basis,
                texts["activities"],
                texts["conclusion"],
                texts["recommendations"],
                "Demikian laporan ini dibuat sebagai bahan informasi dan untuk dipergunakan "
                "sebagaimana mestinya.",
                r.agency.town[:100],
                signed.astimezone(r.agency.tz).date(),
                kepala.full_name[:200],
                kepala.position[:200],
                kepala.nip,
                len(r.events) + rng.randint(0, 6),
                r.authors[0].id,
                last[3].id,
                r.created_at,
                last[0],
                r.published_at,
            )
        )
    ctx.writer.write(
        Report,
        (
            "id visit_id agency_id status title summary general purpose scope basis "
            "activities conclusion recommendations closing signed_place signed_on "
            "signatory_name signatory_position signatory_nip version created_by_id "
            "updated_by_id created_at updated_at published_at"
        ),
        rows,
    )

    def names(report):
        return {"host": report.visit.host.place, "visitor": report.visit.visitor.place}

    ctx.writer.write(
        Finding,
        "report_id topic_id text order",
        (
            (r.id, topic.pk, _topic_text(topic, "finding", **names(r)), order)
            for r in ctx.reports
            for order, topic in enumerate(r.visit.topics)
        ),
    )

    def quotes():
        for r in ctx.reports:
            visit = r.visit
            for order in range(rng.choice([1, 1, 2, 2, 3])):
                if order % 2 == 0:
                    speaker, position = visit.official_name, visit.official_position
                    where = visit.host.name
                else:
                    speaker, position = visit.head_name, visit.head_position
                    where = visit.visitor.name
                if not position.endswith(visit.host.place) and not position.endswith(
                    visit.visitor.place
                ):
                    position = f"{position} {where}"
                yield (
                    r.id,
                    rng.choice(QUOTES).format(**names(r)),
                    _full_name(*speaker[:3])[:200],
                    position[:300],
                    order,
                )

    ctx.writer.write(Quote, "report_id text speaker_name speaker_position order", quotes())
    ctx.writer.write(
        Author,
        "report_id user_id front_title name back_title position order",
        (
            (r.id, p.id, p.front, p.name, p.back, p.position, order)
            for r in ctx.reports
            for order, p in enumerate(r.authors)
        ),
    )
    ctx.writer.write(
        ReportEvent,
        "report_id actor_id created_at from_status to_status comment",
        (
            (r.id, actor.id, at, old, new, comment)
            for r in ctx.reports
            for at, old, new, actor, comment in r.events
        ),
    )

    def photos():
        for r in ctx.reports:
            if not r.photos:
                continue
            visit = r.visit
            files = rng.sample(ctx.photos, min(r.photos, len(ctx.photos)))
            captions = rng.sample(CAPTIONS, min(r.photos, len(CAPTIONS)))
            taken = r.submitted_at or r.created_at
            for order in range(r.photos):
                image, thumbnail, width, height = files[order % len(files)]
                caption = captions[order % len(captions)].format(
                    visitor=visit.visitor.name,
                    host=visit.host.name,
                    venue=visit.venue,
                    topic=visit.topics[0].code,
                    field=visit.field_venue or visit.venue,
                )
                yield (
                    r.id,
                    image,
                    thumbnail,
                    width,
                    height,
                    caption[:300],
                    order,
                    r.authors[0].id,
                    min(r.created_at + datetime.timedelta(minutes=10 * (order + 1)), taken),
                )

    ctx.writer.write(
        Photo,
        "report_id image thumbnail width height caption order uploaded_by_id created_at",
        photos(),
    )


# --- ATM plans ----------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    id: int
    report: _Report
    topic: Topic
    status: str
    order: int
    created_at: datetime.datetime = None
    target_date: datetime.date = None
    events: list = field(default_factory=list)  # (at, from, to, person, comment)
    check_ins: list = field(default_factory=list)  # (date, created_at, person, note)


def _plan_items(ctx):
    """How many items each report's plan has (a reviewed report more), in
    which state (by the age of the report's approval), and their timeline
    and check-ins."""
    rng = ctx.rng("items")
    reviewed = (ReportStatus.APPROVED, ReportStatus.PUBLISHED)
    for report in ctx.reports:
        report.items = rng.randint(1, 5) if report.status in reviewed else rng.randint(0, 2)
    difference = ctx.counts["items"] - sum(r.items for r in ctx.reports)
    attempts = 20 * abs(difference) + 1000
    while difference and attempts and ctx.reports:
        attempts -= 1
        report = rng.choice(ctx.reports)
        step = 1 if difference > 0 else -1
        if 0 <= report.items + step <= 8:
            report.items += step
            difference -= step

    plans = []
    for report in ctx.reports:
        for order in range(report.items):
            if report.status in reviewed:
                age = (ctx.now - report.approved_at).days
                shares = next(s for bound, s in ITEM_SHARES_BY_AGE if bound is None or age < bound)
            else:
                shares = {AdoptionStatus.PROPOSED: 70, AdoptionStatus.RETURNED: 30}
            state = rng.choices(list(shares), weights=list(shares.values()))[0]
            topic = report.visit.topics[order % len(report.visit.topics)]
            plans.append([report, topic, state, order])
    # Every state at least once, on the oldest reviewed reports' items.
    present = {plan[2] for plan in plans}
    oldest = sorted((p for p in plans if p[0].status in reviewed), key=lambda p: p[0].approved_at)
    for state in AdoptionStatus:
        if state not in present and oldest:
            plan = oldest.pop(0)
            plan[2] = state
            present.add(state)

    first_id = ctx.writer.first_free_id(AdoptionItem)
    limit = ctx.now - datetime.timedelta(hours=2)
    for index, (report, topic, state, order) in enumerate(plans):
        item = _Item(id=first_id + index, report=report, topic=topic, status=state, order=order)
        _item_timeline(ctx, rng, item, limit)
        ctx.items.append(item)


def _item_timeline(ctx, rng, item, limit):
    report, agency = item.report, item.report.agency
    writer = report.authors[0]
    head = agency.pick(rng, Role.HEAD)
    doer = agency.pick(rng, Role.STAFF, Role.PENYULUH)
    # Proposed while the report was written, or later (a lesson months on).
    later = report.approved_at and rng.random() < 0.15
    start = report.approved_at if later else report.created_at
    state = item.status
    path = [(writer, "", AdoptionStatus.PROPOSED, "")]
    gaps = [(0.05, 5)]
    if state == AdoptionStatus.RETURNED or (
        state != AdoptionStatus.PROPOSED and rng.random() < 0.15
    ):
        path.append(
            (head, AdoptionStatus.PROPOSED, AdoptionStatus.RETURNED, rng.choice(RETURN_COMMENTS))
        )
        gaps.append((1, 14))
        # Revised and proposed again, unless it stays returned (or is dropped so).
        if state != AdoptionStatus.RETURNED and (
            state != AdoptionStatus.DROPPED or rng.random() < 0.5
        ):
            path.append((writer, AdoptionStatus.RETURNED, AdoptionStatus.PROPOSED, ""))
            gaps.append((1, 10))
    if state in (AdoptionStatus.APPROVED, AdoptionStatus.IN_PROGRESS, AdoptionStatus.ADOPTED) or (
        state == AdoptionStatus.DROPPED and path[-1][2] == AdoptionStatus.PROPOSED
    ):
        path.append((head, AdoptionStatus.PROPOSED, AdoptionStatus.APPROVED, ""))
        gaps.append((1, 14))
    started = state in (AdoptionStatus.IN_PROGRESS, AdoptionStatus.ADOPTED) or (
        state == AdoptionStatus.DROPPED
        and path[-1][2] == AdoptionStatus.APPROVED
        and rng.random() < 0.6
    )
    if started:
        path.append(
            (
                doer,
                AdoptionStatus.APPROVED,
                AdoptionStatus.IN_PROGRESS,
                "Mulai berjalan: kemajuan pertama dicatat.",
            )
        )
        gaps.append((7, 90))
    if state == AdoptionStatus.ADOPTED:
        path.append((head, AdoptionStatus.IN_PROGRESS, AdoptionStatus.ADOPTED, ""))
        gaps.append((60, 540))
    elif state == AdoptionStatus.DROPPED:
        path.append((head, path[-1][2], AdoptionStatus.DROPPED, rng.choice(DROP_COMMENTS)))
        gaps.append((30, 365))
    moments = _chain(rng, start, gaps, limit, agency.tz)
    item.events = [
        (at, old, new, actor, comment)
        for at, (actor, old, new, comment) in zip(moments, path, strict=True)
    ]
    item.created_at = moments[0]
    item.target_date = (
        (moments[0] + datetime.timedelta(days=rng.randint(120, 720))).astimezone(agency.tz).date()
    )
    if started:
        begun = next(at for at, _o, new, *_ in item.events if new == AdoptionStatus.IN_PROGRESS)
        ended = item.events[-1][0] if state != AdoptionStatus.IN_PROGRESS else limit
        count = {
            AdoptionStatus.IN_PROGRESS: rng.randint(1, 4),
            AdoptionStatus.ADOPTED: rng.randint(2, 5),
        }.get(state, rng.randint(1, 2))
        first_day = begun.astimezone(agency.tz).date()
        last_day = max(first_day, (ended - datetime.timedelta(days=1)).astimezone(agency.tz).date())
        span = (last_day - first_day).days
        days = sorted(
            {
                first_day,
                *(
                    first_day + datetime.timedelta(days=rng.randint(0, span))
                    for _ in range(count - 1)
                ),
            }
        )
        notes = rng.sample(CHECK_IN_NOTES, min(len(days), len(CHECK_IN_NOTES)))
        for number, day in enumerate(days):
            recorded = (
                begun
                if number == 0
                else datetime.datetime.combine(day, datetime.time(16, 0), tzinfo=agency.tz)
            )
            recorded = min(recorded, limit)
            item.check_ins.append(
                (
                    day,
                    recorded,
                    doer if number == 0 else rng.choice([doer, writer]),
                    notes[number % len(notes)],
                )
            )


def _write_items(ctx):
    def names(item):
        visit = item.report.visit
        learner, teacher = (
            (visit.visitor, visit.host)
            if item.report.agency is visit.visitor
            else (visit.host, visit.visitor)
        )
        return {"host": teacher.place, "visitor": learner.place}

    rng = ctx.rng("item-rows")
    rows = []
    for item in ctx.items:
        agency = item.report.agency
        last = max([item.events[-1][0]] + [c[1] for c in item.check_ins])
        division = rng.choice(agency.divisions[1:])[0] if rng.random() < 0.9 else None
        words = names(item)
        rows.append(
            (
                item.id,
                item.report.id,
                item.topic.pk,
                _topic_text(item.topic, "observe", **words),
                _topic_text(item.topic, "replicate", **words),
                _topic_text(item.topic, "modify", **words),
                division,
                item.target_date,
                _topic_text(item.topic, "indicator", **words),
                item.status,
                item.order,
                item.events[0][3].id,
                item.created_at,
                last,
            )
        )
    ctx.writer.write(
        AdoptionItem,
        (
            "id report_id topic_id observe replicate modify division_id target_date "
            "success_indicator status order created_by_id created_at updated_at"
        ),
        rows,
    )
    ctx.writer.write(
        AdoptionEvent,
        "item_id actor_id created_at from_status to_status comment",
        (
            (item.id, actor.id, at, old, new, comment)
            for item in ctx.items
            for at, old, new, actor, comment in item.events
        ),
    )
    ctx.writer.write(
        CheckIn,
        "item_id date note evidence created_by_id created_at",
        (
            (item.id, day, note, "", person.id, recorded)
            for item in ctx.items
            for day, recorded, person, note in item.check_ins
        ),
    )


# --- The benchmark agency's calendar feed -------------------------------------------


def _make_feed(ctx):
    rng = ctx.rng("feed")
    token = base64.urlsafe_b64encode(rng.randbytes(32)).rstrip(b"=").decode()
    ctx.writer.write(
        CalendarFeed,
        "agency_id token created_by_id created_at revoked_by_id revoked_at",
        [
            (
                ctx.benchmark_agency.id,
                token,
                ctx.benchmark_accounts["staf"].id,
                ctx.now - datetime.timedelta(days=30),
                None,
                None,
            )
        ],
    )


# --- Shared photo files -------------------------------------------------------------


def ensure_photo_files(seed=1, log=None):
    """PHOTO_FILES documentation-like JPEGs (2000 × 1333, a few hundred KB,
    like what ``reports.photos`` stores) and their thumbnails under
    MEDIA_ROOT/PHOTO_DIR, made once and reused by every run: returns
    ``(image name, thumbnail name, width, height)`` for each.

    A server whose MEDIA_ROOT differs from the one of the run that generated
    the data calls this once to have the files the photo rows point at."""
    from PIL import Image, ImageDraw, ImageFilter

    began = time.monotonic()
    made = 0
    files = []
    rng = random.Random(f"{seed}:photo-files")
    for number in range(1, PHOTO_FILES + 1):
        image_name = f"{PHOTO_DIR}/dokumentasi-{number:02d}.jpg"
        thumbnail_name = f"{PHOTO_DIR}/kecil/dokumentasi-{number:02d}.jpg"
        files.append((image_name, thumbnail_name, *PHOTO_SIZE))
        if default_storage.exists(image_name) and default_storage.exists(thumbnail_name):
            continue
        width, height = PHOTO_SIZE
        # A hall: a warm wall, a screen, rows of people as blurred shapes,
        # and grain, so that the JPEG weighs what a real photo does.
        picture = Image.new("RGB", PHOTO_SIZE, (rng.randint(150, 200), 140, 110))
        draw = ImageDraw.Draw(picture)
        draw.rectangle((0, int(height * 0.62), width, height), fill=(90, 60, 40))
        draw.rectangle((width // 3, 120, 2 * width // 3, 520), fill=(235, 235, 240))
        for _ in range(160):
            x, y = rng.randint(0, width), rng.randint(int(height * 0.45), height)
            size = rng.randint(40, 110)
            color = tuple(rng.randint(20, 230) for _ in range(3))
            draw.ellipse((x, y - size, x + size, y), fill=color)
        picture = picture.filter(ImageFilter.GaussianBlur(3))
        grain = Image.frombytes("L", (width // 2, height // 2), rng.randbytes(width * height // 4))
        picture = Image.blend(picture, Image.merge("RGB", [grain.resize(PHOTO_SIZE)] * 3), 0.12)
        ImageDraw.Draw(picture).text(
            (40, height - 80), "Dokumentasi studi tiru (data contoh)", fill=(255, 255, 255)
        )
        for name, size, quality in (
            (image_name, PHOTO_SIZE, 85),
            (thumbnail_name, THUMBNAIL_SIZE, 80),
        ):
            buffer = io.BytesIO()
            picture.resize(size).save(buffer, "JPEG", quality=quality)
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(buffer.getvalue()))
        made += 1
    if made and log:
        log(f"  {made} berkas foto bersama dibuat di {PHOTO_DIR}/ ({_s(began)}).")
    return files
