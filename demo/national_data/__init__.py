"""A plausible national data set for the benchmark (``manage.py generate_national_data``).

What it makes, at ``scale=1.0``: a Dinas Sosial for every province and
kabupaten/kota that has none yet (38 + 514 = 552 on an empty database), with
3–5 divisions and 6–12 accounts in every role each; 50,000 visits over ten
years in every state of the lifecycle, with their topics, places, agenda and
timeline; 1,000,000 participants (20 a visit on average, some delegations of
52, valid NIPs for civil servants); 20,000 reports, mostly published, with
findings, quotes, authors, their review timeline and documentation photos;
60,000 ATM items with their timeline and progress check-ins, some overdue.
Every count but the agencies' scales with ``scale``; the agencies scale too,
never below ``MIN_AGENCIES`` (20).

Why: DESIGN.md promises pages that answer in tens of milliseconds on a
national data set, and the benchmark (issue 5) measures that promise against
this data. It is never part of ``make run`` and never touches other data.

How the data holds together: times follow the lifecycle against a reference
day (``today``): visits still waiting (draft, requested, date proposed,
scheduled) lie in the future, the others in the past; each timeline row moves
from the state the previous one reached, and the last one reached the visit's
state; reports exist for held and reported visits only, and a reported visit
has an approved report whose approval moved it there, as
``reports.services.report_approve`` does. Times are working hours in the
time zone of the agency concerned.

How it is recognised: generated agencies have a slug starting with ``gen-``
and generated accounts an e-mail address at ``gen.studitiru.test``. Regions
that already have an agency (the demo's, real ones) are skipped, and
``delete_generated_data`` removes only the generated agencies, their
accounts, and what hangs off them.

How it is fast: the rows are built in Python from one ``random.Random(seed)``
per part (the same seed, scale and reference day give the same data) and
written with PostgreSQL's COPY (psycopg 3), or with batched INSERTs on other
databases, in one transaction. Primary keys of the rows that others point to
are allocated here, then the sequences are reset. Afterwards PostgreSQL gets
``VACUUM ANALYZE``, so that the planner knows the tables and the first
benchmark requests do not pay for setting hint bits.

Photos: the reports share a handful of image files (and thumbnails) made once
under MEDIA_ROOT, rather than one file per photo row.

Where each part lives: ``generate.py`` (the entry points), ``figures.py``
(markers, counts and shares), ``words.py`` and ``texts.py`` (what the rows
say), ``plans.py`` (the data set in memory), ``agencies.py``, ``visits.py``,
``visit_rows.py``, ``reports.py`` and ``atm.py`` (one step each, in the order
of ``generate``), ``writer.py`` (COPY or INSERT) and ``photos.py``.
"""

from .figures import BENCHMARK_PHOTOS, BIG_DELEGATION, scaled_counts
from .generate import (
    BenchmarkTargets,
    GeneratedDataExists,
    Result,
    benchmark_targets,
    delete_generated_data,
    generate,
    has_generated_data,
)
from .photos import ensure_photo_files

__all__ = [
    "BENCHMARK_PHOTOS",
    "BIG_DELEGATION",
    "BenchmarkTargets",
    "GeneratedDataExists",
    "Result",
    "benchmark_targets",
    "delete_generated_data",
    "ensure_photo_files",
    "generate",
    "has_generated_data",
    "scaled_counts",
]
