"""``manage.py load_demo``: the whole demo (demo/load.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.accounts import AGENCIES, DEMO_ACCOUNTS
from demo.load import load_demo
from demo.reports import REPORTS
from demo.visits import VISITS


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
        parser.add_argument(
            "--demo-server",
            action="store_true",
            help=_(
                "Jalankan juga dengan DEBUG mati: server ini server demo yang boleh memuat "
                "akun dengan kata sandi yang diterbitkan (sama dengan DEMO_SERVER=true)."
            ),
        )

    def handle(self, *args, reset_passwords=False, demo_server=False, **options):
        # The demo's accounts have a published password and second factor,
        # the national admin among them: never on a real server by accident.
        if not (settings.DEBUG or settings.DEMO_SERVER or demo_server):
            raise CommandError(
                _(
                    "load_demo tidak dijalankan: data demo membuat akun (termasuk administrator "
                    "nasional) dengan kata sandi dan kode autentikator yang diterbitkan di "
                    "README, jadi hanya untuk pengembangan (DEBUG=true) atau server demo "
                    "(--demo-server, atau DEMO_SERVER=true), tidak pernah untuk server sungguhan."
                )
            )
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
