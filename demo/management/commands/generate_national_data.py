"""``manage.py generate_national_data``: the national data set of the
benchmark (demo/national_data/). Never part of ``make run``."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _

from demo import national_data


def _scale(value):
    try:
        scale = float(value)
    except ValueError:
        raise CommandError(_("--scale harus angka, misalnya 0.01.")) from None
    if not 0 < scale <= 10:
        raise CommandError(_("--scale harus lebih dari 0 dan paling besar 10."))
    return scale


def _day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("--today harus tanggal TTTT-BB-HH, misalnya 2026-01-31.")) from None


class Command(BaseCommand):
    help = _(
        "Mengisi basis data dengan data nasional yang masuk akal untuk benchmark: Dinas "
        "Sosial di setiap provinsi dan kabupaten/kota yang belum memilikinya, bidang dan "
        "akunnya, 50.000 kunjungan selama sepuluh tahun dalam semua status, 1.000.000 "
        "peserta, 20.000 laporan dengan foto, 60.000 butir rencana ATM dengan catatan "
        "kemajuan (pada --scale 1). Hasilnya sama untuk seed, skala dan tanggal acuan yang "
        "sama. Data lain (demo, data nyata) tidak disentuh; data hasil generator dikenali "
        "dari slug instansi 'gen-' dan e-mail @gen.studitiru.test. Jangan jalankan di "
        "server produksi."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help=_("Seed acak (bawaan 1)."))
        parser.add_argument(
            "--scale",
            type=_scale,
            default=1.0,
            help=_(
                "Pengali semua jumlah (bawaan 1.0; 0.01 untuk uji cepat). Jumlah instansi "
                "ikut diskalakan, paling sedikit 20."
            ),
        )
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            help=_(
                "Tanggal acuan TTTT-BB-HH (bawaan: hari ini): kunjungan yang menunggu "
                "terjadwal sesudahnya, yang lain sebelumnya."
            ),
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=_("Hapus dulu data hasil generator sebelumnya (hanya data itu)."),
        )

    def handle(self, *args, seed, scale, today, replace, verbosity, **options):
        def log(line):
            if verbosity >= 1:
                self.stdout.write(line)

        database = connection.settings_dict["NAME"]
        log(
            _("Mengisi %(vendor)s %(db)s: seed %(seed)d, skala %(scale)s.")
            % {"vendor": connection.vendor, "db": database, "seed": seed, "scale": scale}
        )
        try:
            result = national_data.generate(
                seed=seed, scale=scale, today=today, replace=replace, log=log
            )
        except national_data.GeneratedDataExists:
            raise CommandError(
                _(
                    "Basis data sudah berisi data hasil generator. Jalankan lagi dengan "
                    "--replace untuk menggantinya."
                )
            ) from None
        total_rows = sum(timing.rows for timing in result.timings)
        self.stdout.write(
            _(
                "Selesai: %(rows)s baris dalam %(seconds).1f detik (tanggal acuan %(today)s; "
                "%(skipped)d wilayah dilewati karena sudah memiliki instansi)."
            )
            % {
                "rows": f"{total_rows:,}",
                "seconds": result.seconds,
                "today": result.today.isoformat(),
                "skipped": result.skipped_regions,
            }
        )
        self._print_targets()

    def _print_targets(self):
        targets = national_data.benchmark_targets()
        if targets is None:
            return
        write = self.stdout.write
        write("")
        write(
            _("Akun untuk benchmark (kata sandi: %(password)s):") % {"password": targets.password}
        )
        width = max(len(email) for email, _role, _agency in targets.accounts)
        for email, role, agency in targets.accounts:
            write(f"  {email:<{width}}  {role}, {agency}")
        write(
            _("Instansi benchmark: %(name)s (slug %(slug)s)")
            % {"name": targets.agency.name, "slug": targets.agency.slug}
        )
        if targets.report:
            write(
                _("Kunjungan dengan %(n)d peserta: %(url)s")
                % {
                    "n": national_data.BIG_DELEGATION,
                    "url": reverse("visits:detail", args=[targets.visit.pk]),
                }
            )
            write(
                _("Laporan terbit (%(photos)d foto): %(url)s, PDF %(pdf)s")
                % {
                    "photos": national_data.BENCHMARK_PHOTOS,
                    "url": targets.report.get_public_url(),
                    "pdf": reverse("reports:report_pdf", args=[targets.report.pk]),
                }
            )
        if targets.feed_token:
            write(
                _("Umpan iCalendar: %(url)s")
                % {"url": reverse("visits:ical", args=[targets.feed_token])}
            )
