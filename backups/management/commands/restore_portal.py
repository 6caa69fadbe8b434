"""manage.py restore_portal BACKUP: a backup into an empty database and media folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from backups.manifest import BackupError
from backups.operations import restore_backup


class Command(BaseCommand):
    help = _(
        "Memulihkan cadangan backup_portal ke basis data (DATABASE_URL) dan folder media "
        "(MEDIA_ROOT) yang kosong. Memeriksa cadangan sebelum mengubah apa pun, lalu "
        "membandingkan setiap tabel dan setiap berkas hasil pemulihan dengan manifest."
    )
    # The database may be empty: nothing may be asked of it before the restore.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("backup", help=_("direktori cadangan (studitiru-...)"))
        parser.add_argument(
            "--replace",
            action="store_true",
            help=_(
                "memulihkan juga ke basis data atau folder media yang berisi: semua tabel "
                "dihapus, isi folder media dipindahkan ke <MEDIA_ROOT>.before-restore-<waktu>"
            ),
        )

    def handle(self, *args, backup, replace, **options):
        try:
            summary = restore_backup(Path(backup), replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Cadangan dipulihkan dan diperiksa: %(tables)d tabel, %(rows)d baris, "
                "%(files)d berkas sama dengan manifest."
            )
            % summary
        )
        if summary["moved_aside"]:
            self.stdout.write(
                _("Isi folder media yang lama dipindahkan ke %(path)s.")
                % {"path": summary["moved_aside"]}
            )
        if summary["pending_migrations"]:
            self.stdout.write(
                _("Cadangan ini dari versi portal yang lebih lama: jalankan manage.py migrate.")
            )
