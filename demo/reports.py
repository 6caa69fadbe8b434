"""The demo reports: what came of the two real study visits of
``demo/visits.py``, written from the articles in shared/seeds/.

- Seed 000 is itself Dinas Sosial Kota Magelang's account of receiving
  Dinas Sosial Kota Salatiga, written by its two penyuluh: here it is
  Magelang's published report, with the one statement the article puts in
  quotation marks, the receiving official's signature block and its authors.
- Seed 004 becomes Dinas Sosial Kabupaten Madiun's approved report of its
  visit to Kota Malang, quoting the three people the article quotes, with the
  ATM plan the article announces: SLRT integrated into Puskesos as in Malang,
  adapted to desa level, and the BPJS Kesehatan enrolment cooperation. The
  article names no report author, so the Madiun demo penyuluh writes it.

No photos (there are none we may use) and no NIPs (the articles give none).

``demo/load.py`` makes the database match them.
"""

import datetime

from reports.models import AdoptionStatus, ReportStatus

from .visits import WIB

# The heads' steps carry no comment: the articles give them no words.
REPORTS = [
    # Seed 000: Dinas Sosial Kota Magelang receives Dinas Sosial Kota Salatiga.
    {
        "visit": {
            "visitor": "kota-salatiga",
            "host": "kota-magelang",
            "start": datetime.datetime(2023, 6, 14, 9, 0, tzinfo=WIB),
        },
        "agency": "kota-magelang",
        "fields": {
            "title": "Penerimaan Studi Tiru Dinas Sosial Kota Salatiga",
            "summary": (
                "Rabu, 14 Juni 2023, Dinas Sosial Kota Magelang menerima tim studi tiru dari "
                "Dinas Sosial Kota Salatiga yang dipimpin Kepala Dinas Sosial Kota Salatiga, "
                "untuk bertukar informasi dan referensi terkait pelaksanaan Forum Tanggung "
                "Jawab Lingkungan Sosial Perusahaan (FTJSLP) dan program pelayanan "
                "kesejahteraan sosial lainnya."
            ),
            "general": (
                "Studi tiru merupakan konsep belajar yang dilakukan pada suatu lembaga yang "
                "dianggap lebih kompeten dalam suatu hal. Kegiatan seperti ini sering "
                "dilakukan oleh beberapa institusi, dengan maksud peningkatan mutu, perluasan "
                "usaha, perbaikan sistem, penentuan kebijakan baru, perbaikan dan peraturan "
                "perundangan.\n\n"
                "Sedangkan makna lain dari studi tiru adalah merupakan hal yang umum "
                "dilakukan antar komunitas, organisasi, ataupun instansi, yang mana memiliki "
                "tujuan untuk meniru pengalaman atau keterampilan keberhasilan prestasi yang "
                "diraih instansi/tempat yang telah dikunjungi."
            ),
            "purpose": (
                "Tujuan kegiatan salah satunya sebagai sarana bertukar informasi dan "
                "referensi terkait pelaksanaan Forum Tanggung Jawab Lingkungan Sosial "
                "Perusahaan (FTJSLP) dan program pelayanan kesejahteraan sosial lainnya.\n\n"
                "Bagi Dinas Sosial Kota Salatiga, dasar tujuan pelaksanaan studi tiru adalah "
                "sebagai motivasi dan langkah yang dapat diadopsi untuk mengoptimalkan Forum "
                "TJSLP yang belum optimal, perbaikan pengelolaan Data Terpadu Kesejahteraan "
                "Sosial (DTKS), pemeliharaan taman makam pahlawan dan strategi program "
                "rehabilitasi sosial dasar melalui Asistensi Rehabilitasi Sosial (ATENSI)."
            ),
            "scope": (
                "Forum TJSLP; pengelolaan Data Terpadu Kesejahteraan Sosial (DTKS); "
                "pemeliharaan taman makam pahlawan; rehabilitasi sosial dasar melalui "
                "Asistensi Rehabilitasi Sosial (ATENSI)."
            ),
            "basis": "Peraturan Daerah Kota Magelang Nomor 11 Tahun 2017 tentang TJSLP.",
            "activities": (
                "Rabu, 14 Juni 2023, Dinas Sosial Kota Magelang menerima tim studi tiru dari "
                "Dinas Sosial Kota Salatiga yang terdiri dari Kepala Dinas Sosial Kota "
                "Salatiga didampingi Kepala Bidang Pemberdayaan Sosial, Kepala Bidang "
                "Perlindungan Jaminan Sosial dan Penanganan Fakir Miskin, Pekerja Sosial dan "
                "Penyuluh Sosial.\n\n"
                "Kegiatan diterima oleh Drs. Hadi Sutopo, Sekretaris Dinas Sosial Kota "
                "Magelang yang didampingi Kepala Bidang Rehabilitasi Sosial dan Pemberdayaan "
                "Sosial serta Penyuluh Sosial.\n\n"
                "Kepala Dinas Sosial Kota Salatiga, Slamet Setyo Budi, S.E., M.Acc., selaku "
                "pimpinan rombongan menyampaikan dasar tujuan pelaksanaan studi tiru; "
                "Sekretaris Dinas Sosial Kota Magelang menyampaikan pelaksanaan Forum TJSLP "
                "dan kondisi pengelolaan DTKS di Kota Magelang."
            ),
            "conclusion": (
                "Harapannya hasil studi tiru ini dijadikan proses pembelajaran yang dapat "
                "diadopsi dalam meningkatkan pelayanan kesejahteraan sosial di Kota "
                "Salatiga. Konteks ATM (Amati, Tiru, Modifikasi) inilah menjadi bagian "
                "penting dalam meningkatkan pelayanan masyarakat."
            ),
            "recommendations": (
                "Dukungan dan kemitraan yang sinergis dengan dunia usaha melalui Forum TJSLP "
                "dibangun untuk memperluas akses pelaksanaan program kepada masyarakat.\n\n"
                "Dalam pengelolaan DTKS, semua pihak yang terlibat disinergikan, dan edukasi "
                "serta pemberian informasi kepada masyarakat lebih diperluas jangkauannya."
            ),
            "closing": (
                "Demikian laporan ini dibuat sebagai bahan informasi dan untuk dipergunakan "
                "sebagaimana mestinya."
            ),
            "signed_place": "Magelang",
            "signed_on": datetime.date(2023, 6, 15),
            "signatory_name": "Drs. Hadi Sutopo",
            "signatory_position": "Sekretaris Dinas Sosial Kota Magelang",
            "signatory_nip": "",
        },
        "findings": [
            (
                "FTJSLP",
                "Forum TJSLP dibentuk sebagai implementasi dari Perda Nomor 11 Tahun 2017 "
                "tentang TJSLP. Dengan adanya TJSLP atau CSR, maka menghadirkan peluang "
                "strategis dalam rangka penguatan sinergi pemerintah dan dunia usaha. "
                "Harapannya dukungan dan kemitraan yang sinergis dengan dunia usaha, dalam "
                "membangun dan memperluas akses pelaksanaan program kepada masyarakat.",
            ),
            (
                "DTKS",
                "Kondisi pengelolaan DTKS di Kota Magelang tidak jauh berbeda dengan "
                "Kabupaten/Kota di Jawa Tengah, dimana hambatan dalam pengelolaan DTKS "
                "sebagai tantangan bersama dalam mensinergikan semua pihak yang terlibat "
                "termasuk edukasi dan pemberian informasi kepada masyarakat harus lebih "
                "diperluas jangkauannya.",
            ),
            (
                "TMP",
                "Pemeliharaan taman makam pahlawan disampaikan Kepala Dinas Sosial Kota "
                "Salatiga sebagai salah satu dasar tujuan studi tiru dan dibahas dalam sesi "
                "diskusi bersama jajaran Dinas Sosial Kota Magelang.",
            ),
            (
                "ATENSI",
                "Strategi program rehabilitasi sosial dasar melalui Asistensi Rehabilitasi "
                "Sosial (ATENSI) disampaikan Kepala Dinas Sosial Kota Salatiga sebagai salah "
                "satu dasar tujuan studi tiru dan dibahas dalam sesi diskusi bersama jajaran "
                "Dinas Sosial Kota Magelang.",
            ),
        ],
        # The Sekretaris's statements are reported speech in the article: they
        # are findings above, not quotes.
        "quotes": [
            {
                "text": (
                    "Saya berharap membawa oleh-oleh ilmu yang dapat kami aplikasikan di Kota "
                    "Salatiga terkait Penguatan Forum TJSLP"
                ),
                "speaker_name": "Slamet Setyo Budi, S.E., M.Acc.",
                "speaker_position": "Kepala Dinas Sosial Kota Salatiga",
            },
        ],
        "authors": [
            {
                "user": "penyuluh.magelang@studitiru.test",
                "name": "Dwi Ambar Pratiknyo",
                "back_title": "S.Sos., MPSSp",
                "position": "Penyuluh Sosial Madya",
            },
            {
                "user": "penyuluh2.magelang@studitiru.test",
                "name": "Tutut Hari Martanto",
                "back_title": "S.Psi",
                "position": "Penyuluh Sosial Ahli Muda",
            },
        ],
        "drafted": {
            "by": "penyuluh.magelang@studitiru.test",
            "at": datetime.datetime(2023, 6, 14, 13, 30, tzinfo=WIB),
        },
        # The article's publication date is not known; the day after the visit.
        "history": [
            {
                "to": ReportStatus.SUBMITTED,
                "by": "penyuluh.magelang@studitiru.test",
                "at": datetime.datetime(2023, 6, 15, 8, 30, tzinfo=WIB),
            },
            {
                "to": ReportStatus.APPROVED,
                "by": "kepala.magelang@studitiru.test",
                "at": datetime.datetime(2023, 6, 15, 10, 0, tzinfo=WIB),
            },
            {
                "to": ReportStatus.PUBLISHED,
                "by": "kepala.magelang@studitiru.test",
                "at": datetime.datetime(2023, 6, 15, 10, 15, tzinfo=WIB),
            },
        ],
        "plan": [],
    },
    # Seed 004: Dinas Sosial Kabupaten Madiun's report of its visit to Kota Malang.
    # Approved, not yet published: the article was a newspaper's, and a demo
    # head can try publishing it.
    {
        "visit": {
            "visitor": "kabupaten-madiun",
            "host": "kota-malang",
            "start": datetime.datetime(2025, 8, 1, 8, 30, tzinfo=WIB),
        },
        "agency": "kabupaten-madiun",
        "fields": {
            "title": "Studi Tiru Penguatan Sistem Layanan dan Rujukan Terpadu (SLRT) ke "
            "Dinas Sosial Kota Malang",
            "summary": (
                "Jumat, 1 Agustus 2025, Dinas Sosial Kabupaten Madiun melaksanakan studi tiru "
                "penguatan Sistem Layanan dan Rujukan Terpadu (SLRT) ke Dinas Sosial Kota "
                "Malang, diikuti 52 peserta dari jajaran SLRT Kabupaten Madiun."
            ),
            "general": (
                "Dalam upaya meningkatkan kualitas layanan sosial berbasis masyarakat, Dinas "
                "Sosial Kabupaten Madiun melaksanakan studi tiru penguatan Sistem Layanan dan "
                "Rujukan Terpadu (SLRT) ke Dinas Sosial Kota Malang, yang pelayanan SLRT "
                "berbasis kelurahannya telah terintegrasi dengan Pusat Kesejahteraan Sosial "
                "(Puskesos)."
            ),
            "purpose": (
                "Meningkatkan kualitas layanan sosial berbasis masyarakat melalui penguatan "
                "SLRT.\n\n"
                "Mempelajari pelayanan SLRT berbasis kelurahan yang terintegrasi dengan "
                "Puskesos di Kota Malang untuk direplikasi di Kabupaten Madiun, serta "
                "bertukar ide dan pengalaman antar daerah demi pelayanan sosial yang semakin "
                "efektif, merata dan adaptif."
            ),
            "scope": (
                "Sistem koordinasi lintas sektor; strategi menjangkau kelompok rentan; "
                "integrasi layanan sosial melalui sistem digital; pelayanan SLRT berbasis "
                "kelurahan yang terintegrasi dengan Puskesos; akses warga miskin ke layanan "
                "BPJS Kesehatan."
            ),
            "basis": (
                "Peraturan Menteri Sosial Nomor 15 Tahun 2018 tentang Sistem Layanan dan "
                "Rujukan Terpadu untuk Penanganan Fakir Miskin dan Orang Tidak Mampu."
            ),
            "activities": (
                "Kegiatan dilaksanakan pada hari Jumat, 1 Agustus 2025, dipusatkan di Aula "
                "Dinas Sosial Kota Malang dan Kelurahan Pandanwangi, diikuti sebanyak 52 "
                "peserta dari jajaran SLRT Kabupaten Madiun.\n\n"
                "Rombongan disambut langsung oleh Kepala Bidang Pemberdayaan Sosial Dinas "
                "Sosial Kota Malang, Syahrial Hamid, beserta jajarannya.\n\n"
                "Peserta mendapatkan paparan teknis mengenai pelaksanaan SLRT di Kota Malang, "
                "kemudian melakukan kunjungan lapangan ke Kelurahan Pandanwangi untuk melihat "
                "langsung praktik pelayanan SLRT berbasis kelurahan yang telah terintegrasi "
                "dengan Puskesos."
            ),
            "conclusion": (
                "Penguatan SLRT di Kabupaten Madiun ke depan diarahkan pada model integratif "
                "seperti yang diterapkan di Kota Malang, dengan SLRT terintegrasi dalam "
                "Puskesos.\n\n"
                "Dengan terlaksananya kegiatan studi tiru ini, Dinas Sosial Kabupaten Madiun "
                "berharap dapat mengembangkan layanan SLRT yang lebih inklusif dan "
                "berkelanjutan, guna menjawab tantangan sosial masyarakat secara optimal."
            ),
            "recommendations": (
                "Menindaklanjuti studi tiru dengan rencana ATM (Amati, Tiru, Modifikasi):\n"
                "1. mengintegrasikan SLRT ke dalam Puskesos sebagaimana di Kota Malang, "
                "disesuaikan ke tingkat desa dengan 52 tenaga SLRT yang masing-masing "
                "menangani 3 hingga 4 desa;\n"
                "2. memperkuat kerja sama dengan Dinas Kesehatan dan BPJS Kesehatan agar "
                "fasilitator SLRT dapat mengaktifkan kepesertaan BPJS Kesehatan warga miskin "
                "secara cepat dan tepat sasaran."
            ),
            "closing": (
                "Demikian laporan ini dibuat sebagai bahan informasi dan untuk dipergunakan "
                "sebagaimana mestinya."
            ),
            # Signed by the head of the delegation, as the visit names him.
            "signed_place": "Caruban",  # the seat of Kabupaten Madiun
            "signed_on": datetime.date(2025, 8, 8),
            "signatory_name": "Dedy Anggoro",
            "signatory_position": (
                "Kepala Bidang Perlindungan dan Jaminan Sosial Dinas Sosial Kabupaten Madiun"
            ),
            "signatory_nip": "",
        },
        "findings": [
            (
                "SLRT",
                "Paparan teknis pelaksanaan SLRT di Kota Malang meliputi sistem koordinasi "
                "lintas sektor, strategi menjangkau kelompok rentan, serta integrasi layanan "
                "sosial melalui sistem digital. Banyak praktik baik yang dapat diadopsi untuk "
                "memperkuat kapasitas tenaga SLRT Kabupaten Madiun.",
            ),
            (
                "PUSKESOS",
                "Di Kelurahan Pandanwangi, pelayanan SLRT berbasis kelurahan telah "
                "terintegrasi dengan Pusat Kesejahteraan Sosial (Puskesos). Model ini akan "
                "direplikasi di Kabupaten Madiun, yang memiliki 52 tenaga SLRT dengan "
                "wilayah tugas masing-masing 3 hingga 4 desa.",
            ),
            (
                "BPJS",
                "SLRT Kabupaten Madiun selama ini aktif membantu masyarakat mengakses layanan "
                "BPJS Kesehatan, terutama bagi warga miskin yang belum terdaftar. Dinas "
                "Sosial Kabupaten Madiun bekerja sama dengan Dinas Kesehatan dan BPJS "
                "Kesehatan dan telah menjalin MoU agar fasilitator SLRT dapat mengaktifkan "
                "kepesertaan masyarakat secara cepat dan tepat sasaran.",
            ),
        ],
        # The article ends each quote with the comma of "…," ujar Syahrial; here
        # they stand alone and end with a full stop.
        "quotes": [
            {
                "text": (
                    "Merupakan kehormatan bagi kami menjadi rujukan. Ini menunjukkan adanya "
                    "pengakuan terhadap praktik-praktik baik yang kami terapkan dalam "
                    "pengelolaan SLRT."
                ),
                "speaker_name": "Syahrial Hamid",
                "speaker_position": "Kepala Bidang Pemberdayaan Sosial Dinas Sosial Kota Malang",
            },
            {
                "text": (
                    "Kami berharap kunjungan ini bermanfaat bagi Dinsos Kabupaten Madiun. "
                    "Sebaliknya, kami juga terbuka belajar dari pengalaman teman-teman di sana."
                ),
                "speaker_name": "Syahrial Hamid",
                "speaker_position": "Kepala Bidang Pemberdayaan Sosial Dinas Sosial Kota Malang",
            },
            {
                "text": (
                    "Banyak yang bisa kami adopsi dari praktik baik di Kota Malang. Ini sangat "
                    "membantu kami untuk memperkuat kapasitas tenaga SLRT di Madiun. "
                    "Harapannya, pelayanan sosial kami akan semakin responsif dan menyentuh "
                    "masyarakat miskin secara langsung."
                ),
                "speaker_name": "Andre",
                "speaker_position": "Koordinator SLRT Kabupaten Madiun",
            },
            {
                "text": (
                    "SLRT di Kota Malang terintegrasi dalam Puskesos Kelurahan. Kami harap "
                    "model ini bisa kami replikasi di Madiun. Apalagi kami memiliki 52 tenaga "
                    "SLRT, masing-masing menangani 3 hingga 4 desa."
                ),
                "speaker_name": "Dedy Anggoro",
                "speaker_position": (
                    "Kepala Bidang Perlindungan dan Jaminan Sosial Dinas Sosial Kabupaten Madiun"
                ),
            },
            {
                "text": (
                    "Kami bekerja sama dengan Dinas Kesehatan dan BPJS Kesehatan, dan telah "
                    "menjalin MoU agar fasilitator kami bisa mengaktifkan kepesertaan "
                    "masyarakat secara cepat dan tepat sasaran."
                ),
                "speaker_name": "Dedy Anggoro",
                "speaker_position": (
                    "Kepala Bidang Perlindungan dan Jaminan Sosial Dinas Sosial Kabupaten Madiun"
                ),
            },
        ],
        "authors": [
            {
                "user": "penyuluh.madiun@studitiru.test",
                "name": "Penyuluh Demo Dinsos Kabupaten Madiun",
                "back_title": "",
                "position": "Penyuluh Sosial",
            },
        ],
        "drafted": {
            "by": "penyuluh.madiun@studitiru.test",
            "at": datetime.datetime(2025, 8, 4, 9, 0, tzinfo=WIB),
        },
        "history": [
            {
                "to": ReportStatus.SUBMITTED,
                "by": "penyuluh.madiun@studitiru.test",
                "at": datetime.datetime(2025, 8, 8, 10, 0, tzinfo=WIB),
                "comment": "Laporan dan rencana ATM siap ditinjau.",
            },
            {
                "to": ReportStatus.APPROVED,
                "by": "kepala.madiun@studitiru.test",
                "at": datetime.datetime(2025, 8, 11, 14, 0, tzinfo=WIB),
            },
        ],
        "plan": [
            {
                "topic": "SLRT",
                "observe": (
                    "Di Kota Malang, SLRT terintegrasi dalam Puskesos kelurahan. Di Kelurahan "
                    "Pandanwangi, pelayanan SLRT berbasis kelurahan dijalankan bersama "
                    "Puskesos, didukung sistem koordinasi lintas sektor, strategi menjangkau "
                    "kelompok rentan dan integrasi layanan sosial melalui sistem digital."
                ),
                "replicate": (
                    "Model integratif SLRT dalam Puskesos: pengaduan, pendataan dan rujukan "
                    "warga miskin dan rentan dilayani di Puskesos yang terhubung dengan SLRT "
                    "kabupaten dan layanan lintas sektor."
                ),
                "modify": (
                    "Kota Malang menerapkannya di tingkat kelurahan; Kabupaten Madiun "
                    "menerapkannya di tingkat desa. Setiap tenaga SLRT (52 orang) mendampingi "
                    "3–4 desa dan menghubungkan Puskesos desa dampingannya dengan SLRT "
                    "kabupaten."
                ),
                "division": "Bidang Perlindungan dan Jaminan Sosial",
                "target_date": datetime.date(2027, 6, 30),
                "success_indicator": (
                    "Puskesos aktif melayani di setiap desa dampingan tenaga SLRT; setiap "
                    "pengaduan dan rujukan tercatat di SLRT dan waktu rujukan hingga "
                    "ditangani dipantau setiap bulan."
                ),
                "proposed": {
                    "by": "penyuluh.madiun@studitiru.test",
                    "at": datetime.datetime(2025, 8, 8, 9, 30, tzinfo=WIB),
                },
                "history": [
                    {
                        "to": AdoptionStatus.APPROVED,
                        "by": "kepala.madiun@studitiru.test",
                        "at": datetime.datetime(2025, 8, 11, 14, 10, tzinfo=WIB),
                    },
                    {
                        "to": AdoptionStatus.IN_PROGRESS,
                        "by": "penyuluh.madiun@studitiru.test",
                        "at": datetime.datetime(2025, 9, 1, 9, 0, tzinfo=WIB),
                        "comment": "Mulai dilaksanakan bersama tenaga SLRT.",
                    },
                ],
                "check_ins": [
                    {
                        "date": datetime.date(2025, 10, 31),
                        "note": (
                            "Rapat koordinasi tenaga SLRT: pembagian desa dampingan (3–4 desa "
                            "per tenaga SLRT) dan langkah integrasi SLRT ke Puskesos desa "
                            "dibahas."
                        ),
                        "by": "penyuluh.madiun@studitiru.test",
                    },
                ],
            },
            {
                "topic": "BPJS",
                "observe": (
                    "Dalam diskusi di Aula Dinas Sosial Kota Malang, kedua daerah bertukar "
                    "pengalaman membantu warga miskin yang belum terdaftar mengakses layanan "
                    "BPJS Kesehatan."
                ),
                "replicate": (
                    "Pengaktifan kepesertaan BPJS Kesehatan Penerima Bantuan Iuran (PBI) bagi "
                    "warga miskin yang belum terdaftar, dirujuk melalui SLRT dan Puskesos."
                ),
                "modify": (
                    "Berdasarkan MoU dengan Dinas Kesehatan dan BPJS Kesehatan, fasilitator "
                    "SLRT di desa dampingan mengaktifkan kepesertaan warga miskin secara "
                    "cepat dan tepat sasaran, tanpa warga harus datang ke kantor dinas."
                ),
                "division": "Bidang Perlindungan dan Jaminan Sosial",
                "target_date": datetime.date(2027, 3, 31),
                "success_indicator": (
                    "Warga miskin belum terdaftar yang dirujuk fasilitator SLRT aktif "
                    "kepesertaan BPJS Kesehatannya; waktu dari rujukan hingga kepesertaan "
                    "aktif tercatat per desa."
                ),
                "proposed": {
                    "by": "penyuluh.madiun@studitiru.test",
                    "at": datetime.datetime(2025, 8, 8, 9, 45, tzinfo=WIB),
                },
                "history": [
                    {
                        "to": AdoptionStatus.APPROVED,
                        "by": "kepala.madiun@studitiru.test",
                        "at": datetime.datetime(2025, 8, 11, 14, 15, tzinfo=WIB),
                    },
                ],
                "check_ins": [],
            },
        ],
    },
]

# Check-ins are recorded at the end of their day's work.
CHECK_IN_TIME = datetime.time(16, 0)
