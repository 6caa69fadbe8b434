"""``manage.py demo_accounts``: the demo logins, for the start-up message."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_account_lines


class Command(BaseCommand):
    help = _("Menampilkan akun demo yang dibuat oleh load_demo beserta kata sandinya.")

    def handle(self, *args, **options):
        for line in demo_account_lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            _("  Kata sandi semua akun demo: %(password)s") % {"password": DEMO_PASSWORD}
        )
        self.stdout.write(
            _(
                "  Kepala, admin instansi dan administrator nasional juga memasukkan kode "
                "verifikasi dua langkah. Tambahkan kunci rahasia %(secret)s di aplikasi "
                "autentikator, atau tampilkan kodenya saat ini dengan: "
                "python manage.py demo_totp <e-mail>"
            )
            % {"secret": DEMO_TOTP_SECRET}
        )
