"""Load Indonesia's 38 provinces and 514 kabupaten/kota from agencies/data/."""

import csv
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_rows(filename):
    with open(DATA_DIR / filename, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_regions(apps, schema_editor):
    Province = apps.get_model("agencies", "Province")
    Regency = apps.get_model("agencies", "Regency")
    provinces = {
        row["code"]: Province.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "time_zone": row["time_zone"]}
        )[0]
        for row in read_rows("provinces.csv")
    }
    for row in read_rows("regencies.csv"):
        Regency.objects.update_or_create(
            code=row["code"],
            defaults={
                "province": provinces[row["province_code"]],
                "name": row["name"],
                "kind": "kota" if row["name"].startswith("Kota ") else "kabupaten",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("agencies", "0002_goodpractice_topic")]

    operations = [migrations.RunPython(load_regions, migrations.RunPython.noop)]
