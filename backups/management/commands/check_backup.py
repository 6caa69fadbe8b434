"""manage.py check_backup BACKUP: is this backup whole, without restoring it?"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from backups.manifest import BackupError
from backups.operations import check_backup


class Command(BaseCommand):
    help = _(
        "Memeriksa sebuah cadangan tanpa memulihkannya: salinan basis data dan arsip berkas "
        "sama dengan yang tercatat di manifest.json (ukuran, sha256), salinan basis data "
        "terbaca, dan arsip memuat berkas-berkas di manifest. Untuk salinan di tempat lain."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help=_("direktori cadangan (studitiru-...)"))

    def handle(self, *args, backup, **options):
        try:
            found = check_backup(Path(backup))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Cadangan %(path)s utuh (dibuat %(created)s, %(files)d berkas).")
            % {
                "path": backup,
                "created": found["created_at"],
                "files": len(found["media"]["files"]),
            }
        )
