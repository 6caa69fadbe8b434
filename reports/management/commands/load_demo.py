"""``manage.py load_demo``: the whole demo, visits/demo.py and then
reports/demo.py. It lives in ``reports`` because it loads both and imports
flow reports → visits → agencies, never back."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reports.demo import REPORTS, load_demo
from visits.demo import AGENCIES, DEMO_ACCOUNTS, VISITS


class Command(BaseCommand):
    # Plain strings, not lazy ones: argparse formats them. Commands are loaded
    # after django.setup(), so translating here works.
    help = _(
        "Memuat data demo: empat Dinas Sosial (Kota Salatiga, Kota Magelang, Kabupaten "
        "Madiun, Kota Malang), akun demo untuk setiap peran, praktik baik, dua "
        "kunjungan studi tiru nyata (Salatiga ke Magelang, 14 Juni 2023; Madiun ke "
        "Malang, 1 Agustus 2025) dan laporannya: laporan Dinsos Kota Magelang yang "
        "sudah terbit dan laporan Dinsos Kabupaten Madiun dengan rencana ATM-nya, agar "
        "portal dapat dicoba. Aman dijalankan berulang kali: data yang sudah ada tidak "
        "digandakan dan isian demo yang diubah dikembalikan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help=_(
                "Kembalikan kata sandi semua akun demo ke kata sandi demo, juga yang "
                "sudah diganti penggunanya."
            ),
        )

    def handle(self, *args, reset_passwords=False, **options):
        stats = load_demo(reset_passwords=reset_passwords)
        self.stdout.write(
            _(
                "Data demo siap: %(agencies)d instansi, %(accounts)d akun, %(visits)d "
                "kunjungan, %(participants)d peserta, %(reports)d laporan, %(items)d butir "
                "rencana ATM (%(created)d baris baru, %(updated)d baris dipulihkan)."
            )
            % {
                "agencies": len(AGENCIES),
                "accounts": len(DEMO_ACCOUNTS) + 1,
                "visits": len(VISITS),
                "participants": sum(len(visit["participants"]) for visit in VISITS),
                "reports": len(REPORTS),
                "items": sum(len(report["plan"]) for report in REPORTS),
                "created": stats["created"],
                "updated": stats["updated"],
            }
        )
