"""``manage.py demo_totp <e-mail>``: the code a demo account's authenticator
app would show now, so that a newcomer trying the demo needs no phone."""

import time

from allauth.mfa import app_settings as mfa_settings
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from agencies.mfa import current_totp_code, totp_secret
from agencies.models import User
from demo.accounts import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = _(
        "Menampilkan kode verifikasi dua langkah saat ini untuk akun demo (kepala, admin "
        "instansi, administrator nasional), pengganti aplikasi autentikator. Hanya dengan "
        "DEBUG=true, dan hanya untuk akun yang memakai kunci rahasia demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help=_("Alamat e-mail akun demo."))

    def handle(self, *args, email, **options):
        if not settings.DEBUG:
            raise CommandError(_("demo_totp hanya untuk pengembangan: jalankan dengan DEBUG=true."))
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(_("Tidak ada akun dengan alamat %(email)s.") % {"email": email})
        # Never the code of someone's own authenticator app, even in development.
        if totp_secret(user) != DEMO_TOTP_SECRET:
            raise CommandError(
                _("Akun %(email)s tidak memakai kunci rahasia demo.") % {"email": user.email}
            )
        period = mfa_settings.TOTP_PERIOD
        left = period - int(time.time()) % period
        self.stdout.write(
            _("%(code)s (berlaku %(seconds)d detik lagi)")
            % {"code": current_totp_code(DEMO_TOTP_SECRET), "seconds": left}
        )
