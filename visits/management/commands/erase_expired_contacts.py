"""``manage.py erase_expired_contacts [--dry-run] [--enqueue]``: erase
participants' NIP, phone and e-mail once their visit has been reported for
``PERSONAL_DATA_RETENTION_MONTHS`` months. For cron, daily."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from studitiru import dates
from visits.retention import erase_expired_contacts, erase_expired_contacts_task


class Command(BaseCommand):
    help = _(
        "Menghapus NIP, telepon dan e-mail peserta kunjungan yang telah dilaporkan lebih "
        "lama dari masa retensi (PERSONAL_DATA_RETENTION_MONTHS, bawaan 24 bulan). Nama "
        "dan jabatan tetap disimpan sebagai catatan sejarah. Jalankan setiap hari dari cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Hanya menghitung apa yang akan dihapus; tidak ada yang diubah."),
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help=_("Masukkan ke antrean tugas (db_worker) alih-alih menjalankannya di sini."),
        )

    def handle(self, *args, dry_run, enqueue, **options):
        if enqueue and not dry_run:
            result = erase_expired_contacts_task.enqueue()
            self.stdout.write(_("Tugas penghapusan diantrekan: %(id)s") % {"id": result.id})
            return
        result = erase_expired_contacts(dry_run=dry_run)
        summary = _(
            "%(participants)d peserta dari %(visits)d kunjungan yang dilaporkan sebelum %(cutoff)s"
        ) % {
            "participants": result.participants,
            "visits": result.visits,
            "cutoff": dates.moment(result.cutoff),
        }
        if dry_run:
            self.stdout.write(
                _("Uji coba, tidak ada yang diubah: %(summary)s.") % {"summary": summary}
            )
        else:
            self.stdout.write(_("Kontak dihapus: %(summary)s.") % {"summary": summary})
