"""manage.py backup_portal DIRECTORY: one backup of the database and the media files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from backups import manifest
from backups.manifest import BackupError
from backups.operations import make_backup, prune


class Command(BaseCommand):
    help = _(
        "Mencadangkan basis data dan semua berkas media ke direktori baru "
        "studitiru-<tanggal-jam UTC> di dalam DIREKTORI, dengan manifest.json (jumlah dan "
        "sidik isi baris setiap tabel, sha256 setiap berkas). Pulihkan dengan restore_portal."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("direktori tempat cadangan dibuat"))
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            metavar="N",
            help=_(
                "setelah cadangan baru berhasil, hapus cadangan lama di DIREKTORI kecuali N "
                "yang terbaru (0: tidak menghapus apa pun)"
            ),
        )

    def handle(self, *args, directory, keep, **options):
        if keep < 0:
            raise CommandError(_("--keep tidak boleh negatif."))
        try:
            path = make_backup(Path(directory))
        except BackupError as error:
            raise CommandError(str(error)) from error
        found = manifest.read(path)
        tables = found["database"]["tables"]
        self.stdout.write(
            _("Cadangan dibuat: %(path)s (%(tables)d tabel, %(rows)d baris, %(files)d berkas).")
            % {
                "path": path,
                "tables": len(tables),
                "rows": sum(table["rows"] for table in tables.values()),
                "files": len(found["media"]["files"]),
            }
        )
        for old in prune(Path(directory), keep=keep):
            self.stdout.write(_("Cadangan lama dihapus: %(path)s") % {"path": old})
