"""Where an agency signs its documents: the seat of its region, or the place
it set itself (``Agency.signing_place``, in the admin).

A kabupaten's seat is seldom its name: Kabupaten Gunungkidul governs from
Wonosari, Kabupaten Malang from Kepanjen. ``agencies/data/seats.csv`` lists
the seat of every kabupaten and the capital of every province, by their
Kemendagri codes; a kota's seat is the city itself ("Kota Malang": "Malang").
"""

import csv
import functools
from pathlib import Path

SEATS_FILE = Path(__file__).resolve().parent / "data" / "seats.csv"


@functools.cache
def seats() -> dict[str, str]:
    """The seats by Kemendagri code: "34.03" → "Wonosari", "33" → "Semarang"."""
    with open(SEATS_FILE, newline="", encoding="utf-8") as f:
        return {row["code"]: row["seat"] for row in csv.DictReader(f)}


def seat_of(agency) -> str:
    """The seat of the agency's kabupaten/kota, or its province's capital for
    a provincial agency."""
    region = agency.regency if agency.regency_id else agency.province
    if region.code in seats():
        return seats()[region.code]
    return region.name.removeprefix("Kabupaten ").removeprefix("Kota ")


def signing_place(agency) -> str:
    """Where the agency's documents are signed, as written above a signature:
    the place it set, else its region's seat."""
    return agency.signing_place or seat_of(agency)
