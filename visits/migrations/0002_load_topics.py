"""The starting topic catalogue; admins extend it as data."""

from django.db import migrations

TOPICS = [
    {
        "code": "FTJSLP",
        "name": "Forum Tanggung Jawab Sosial dan Lingkungan Perusahaan",
        "aliases": ["TJSLP", "Forum TJSLP", "CSR"],
        "legal_basis": "Peraturan daerah tentang TJSLP (misalnya Perda Kota Magelang Nomor 11 Tahun 2017)",
        "description": (
            "Forum yang menghimpun dunia usaha untuk menyalurkan tanggung jawab sosial "
            "dan lingkungan perusahaan (CSR) secara bersinergi dengan program "
            "kesejahteraan sosial pemerintah daerah."
        ),
    },
    {
        "code": "DTKS",
        "name": "Data Terpadu Kesejahteraan Sosial",
        "aliases": ["Data Terpadu Kesejahteraan Sosial"],
        "legal_basis": "Permensos Nomor 3 Tahun 2021 tentang Pengelolaan Data Terpadu Kesejahteraan Sosial",
        "description": (
            "Pengelolaan data penerima bantuan dan pelayanan kesejahteraan sosial: "
            "verifikasi, validasi, usulan dan pemutakhiran. Sejak 2025 digantikan DTSEN."
        ),
    },
    {
        "code": "DTSEN",
        "name": "Data Tunggal Sosial dan Ekonomi Nasional",
        "aliases": ["Data Tunggal Sosial dan Ekonomi Nasional"],
        "legal_basis": "Instruksi Presiden Nomor 4 Tahun 2025",
        "description": (
            "Data tunggal sosial ekonomi nasional yang menggantikan DTKS sebagai "
            "rujukan sasaran program perlindungan sosial."
        ),
    },
    {
        "code": "SLRT",
        "name": "Sistem Layanan dan Rujukan Terpadu",
        "aliases": ["Sistem Layanan dan Rujukan Terpadu"],
        "legal_basis": "Permensos Nomor 15 Tahun 2018 tentang Sistem Layanan dan Rujukan Terpadu",
        "description": (
            "Sistem yang membantu warga miskin dan rentan mengakses layanan "
            "perlindungan sosial secara terpadu: pengaduan, penjangkauan, rujukan "
            "lintas sektor dan pemantauan penanganannya."
        ),
    },
    {
        "code": "PUSKESOS",
        "name": "Pusat Kesejahteraan Sosial",
        "aliases": ["Puskesos"],
        "legal_basis": "Permensos Nomor 15 Tahun 2018 tentang Sistem Layanan dan Rujukan Terpadu",
        "description": (
            "Layanan SLRT di tingkat desa/kelurahan: tempat warga mengadu, didata "
            "dan dirujuk ke program perlindungan sosial yang sesuai."
        ),
    },
    {
        "code": "ATENSI",
        "name": "Asistensi Rehabilitasi Sosial",
        "aliases": ["Asistensi Rehabilitasi Sosial"],
        "legal_basis": "Permensos Nomor 7 Tahun 2021 tentang Asistensi Rehabilitasi Sosial",
        "description": (
            "Layanan rehabilitasi sosial dasar berbasis keluarga, komunitas dan "
            "residensial bagi anak, lanjut usia, penyandang disabilitas dan "
            "kelompok rentan lainnya."
        ),
    },
    {
        "code": "BPJS",
        "name": "Kepesertaan BPJS Kesehatan Penerima Bantuan Iuran",
        "aliases": ["PBI-JK", "PBI", "JKN", "BPJS Kesehatan"],
        "legal_basis": "Peraturan Pemerintah Nomor 101 Tahun 2012 tentang Penerima Bantuan Iuran Jaminan Kesehatan",
        "description": (
            "Pendaftaran dan pengaktifan kepesertaan jaminan kesehatan bagi warga "
            "miskin yang belum terdaftar, bekerja sama dengan Dinas Kesehatan dan "
            "BPJS Kesehatan."
        ),
    },
    {
        "code": "TMP",
        "name": "Pemeliharaan Taman Makam Pahlawan",
        "aliases": ["Taman Makam Pahlawan", "Makam Pahlawan"],
        "legal_basis": "",
        "description": (
            "Pengelolaan dan pemeliharaan taman makam pahlawan yang menjadi "
            "kewenangan dinas sosial daerah."
        ),
    },
]

SUCCESSORS = {"DTKS": "DTSEN"}


def load_topics(apps, schema_editor):
    save_catalogue(apps.get_model("visits", "Topic"))


def save_catalogue(Topic):
    """Create or update the starting topics. ``Topic`` is the model of this
    migration's state, or today's ``agencies.models.Topic`` for the tests that
    empty the database and load the catalogue again."""
    topics = {
        data["code"]: Topic.objects.update_or_create(code=data["code"], defaults=data)[0]
        for data in TOPICS
    }
    for old, new in SUCCESSORS.items():
        topics[old].successor = topics[new]
        topics[old].save(update_fields=["successor"])


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial")]

    operations = [migrations.RunPython(load_topics, migrations.RunPython.noop)]
