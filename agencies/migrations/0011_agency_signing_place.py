"""Where an agency signs its documents, set for the agencies that exist from
their region's seat (agencies/data/seats.csv): "Wonosari" for Dinas Sosial
Kabupaten Gunungkidul, "Malang" for Kota Malang; editable since."""

import csv
from pathlib import Path

from django.db import migrations, models

SEATS_FILE = Path(__file__).resolve().parent.parent / "data" / "seats.csv"


def fill_signing_places(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    with open(SEATS_FILE, newline="", encoding="utf-8") as f:
        seats = {row["code"]: row["seat"] for row in csv.DictReader(f)}
    for agency in Agency.objects.select_related("regency", "province"):
        region = agency.regency or agency.province
        agency.signing_place = seats.get(region.code) or region.name.removeprefix(
            "Kabupaten "
        ).removeprefix("Kota ")
        agency.save(update_fields=["signing_place"])


class Migration(migrations.Migration):
    dependencies = [("agencies", "0010_topic_moves_from_visits")]

    operations = [
        migrations.AddField(
            model_name="agency",
            name="signing_place",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="tempat penandatanganan"
            ),
        ),
        migrations.AddField(
            model_name="historicalagency",
            name="signing_place",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="tempat penandatanganan"
            ),
        ),
        migrations.RunPython(fill_signing_places, migrations.RunPython.noop),
    ]
