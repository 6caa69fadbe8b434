"""The words the national data set is written with: Indonesian names and
titles, positions, streets and villages, day and month names, and the texts
of each programme (topic) and of the timeline's comments."""

import datetime


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
