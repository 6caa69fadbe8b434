"""The national data set in memory before it is written: one plan per
agency, account, visit, report and ATM item, the context the steps share,
and the helpers that spread counts and moments over them."""

import datetime
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from agencies.models import TIME_ZONE_NAMES, Role, Topic

from .writer import Writer


@dataclass(slots=True)
class PersonPlan:
    """An account (user + membership) of a generated agency."""

    id: int
    front: str
    name: str
    back: str
    sex: str
    role: str
    position: str
    nip: str
    division_id: int | None
    email: str = ""

    @property
    def full_name(self):
        name = f"{self.front} {self.name}".strip()
        return f"{name}, {self.back}" if self.back else name


@dataclass(slots=True)
class AgencyPlan:
    id: int
    name: str
    short_name: str
    slug: str
    level: str
    place: str  # "Kota Malang", "Provinsi Jawa Timur"
    town: str  # "Malang": where its reports are signed
    province_code: str
    tz: ZoneInfo
    flavour: str
    divisions: list = field(default_factory=list)  # [(id, name)]
    people: dict = field(default_factory=lambda: defaultdict(list))  # role -> [PersonPlan]
    activity: float = 1.0
    popularity: float = 1.0

    @property
    def kepala(self):
        return self.people[Role.HEAD][0]

    def pick(self, rng, *roles):
        return rng.choice([p for role in roles for p in self.people[role]])


@dataclass(slots=True)
class VisitPlan:
    id: int
    host: AgencyPlan
    visitor: AgencyPlan
    status: str
    start: datetime.datetime
    end: datetime.datetime
    topics: list
    created_at: datetime.datetime = None
    updated_at: datetime.datetime = None
    events: list = field(default_factory=list)  # (at, from, to, person, agency, comment)
    held_at: datetime.datetime = None
    requested_at: datetime.datetime = None
    answered_at: datetime.datetime = None
    proposed: tuple = (None, None)
    created_by: PersonPlan = None
    visitor_count: int = 0
    host_count: int = 0
    head_name: str = ""
    head_position: str = ""
    official_name: str = ""
    official_position: str = ""
    venue: str = ""
    field_venue: str = ""
    request_number: str = ""
    reply_number: str = ""
    reports: list = field(default_factory=list)
    reports_agency: AgencyPlan = None  # whose report made it "reported"


@dataclass(slots=True)
class ReportPlan:
    id: int
    visit: VisitPlan
    agency: AgencyPlan
    status: str
    photos: int = 0
    events: list = field(default_factory=list)  # (at, from, to, person, comment)
    authors: list = field(default_factory=list)
    created_at: datetime.datetime = None
    approved_at: datetime.datetime = None
    published_at: datetime.datetime = None
    submitted_at: datetime.datetime = None
    approver: PersonPlan = None
    items: int = 0


@dataclass
class Context:
    seed: int
    scale: float
    today: datetime.date
    writer: Writer
    photos: list
    agencies: list = field(default_factory=list)
    skipped_regions: int = 0
    visits: list = field(default_factory=list)
    reports: list = field(default_factory=list)
    items: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    benchmark_agency: AgencyPlan = None
    benchmark_visit: VisitPlan = None
    benchmark_accounts: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    visit_counts: Counter = field(default_factory=Counter)

    def rng(self, part):
        """A random generator of its own for each part, so that a change in
        one part does not shift the others."""
        return random.Random(f"{self.seed}:{part}")

    @property
    def now(self):
        """The reference instant: the start of ``today`` in Jakarta. Every
        recorded step happened before it; waiting visits start after it."""
        return datetime.datetime.combine(self.today, datetime.time(0, 0), tzinfo=WIB)


WIB = ZoneInfo(TIME_ZONE_NAMES["WIB"])


# --- Small helpers ------------------------------------------------------------------


def counts_by_share(total, shares, rng, minimum=1):
    """Whole counts per key that add up to ``total``, each at least
    ``minimum`` when ``total`` allows, the remainder on the largest share."""
    keys = list(shares)
    counts = {k: round(total * shares[k]) for k in keys}
    if total >= minimum * len(keys):
        for k in keys:
            counts[k] = max(minimum, counts[k])
    largest = max(keys, key=lambda k: shares[k])
    counts[largest] += total - sum(counts.values())
    if counts[largest] < 0:  # tiny totals: trim the others
        counts[largest] = 0
        for k in sorted(keys, key=lambda k: -counts[k]):
            while sum(counts.values()) > total and counts[k] > 0:
                counts[k] -= 1
    return counts


def shuffled(counts, rng):
    values = [k for k, n in counts.items() for _ in range(n)]
    rng.shuffle(values)
    return values


def work_time(rng, day, tz, earliest=8 * 60, latest=15 * 60 + 45):
    minutes = rng.randrange(earliest, latest, 5)
    return datetime.datetime.combine(
        day, datetime.time(minutes // 60, minutes % 60), tzinfo=tz
    ).astimezone(datetime.UTC)


def chain(rng, start, gaps, limit, tz):
    """Moments after ``start``, one per ``(low, high)`` gap in days, during
    working hours in ``tz`` where possible, increasing, all before ``limit``
    (squeezed to fit when the gaps would pass it)."""
    offsets, total = [], 0.0
    for low, high in gaps:
        total += rng.uniform(low, high)
        offsets.append(total)
    room = (limit - start).total_seconds() / 86400
    if offsets and offsets[-1] > room * 0.95:
        factor = room * 0.95 / offsets[-1]
        offsets = [o * factor for o in offsets]
    moments, previous = [], start
    for offset in offsets:
        raw = start + datetime.timedelta(days=offset)
        snapped = work_time(rng, raw.astimezone(tz).date(), tz)
        moment = snapped if previous < snapped < limit else raw
        if moment <= previous:
            moment = previous + min(
                datetime.timedelta(minutes=rng.randint(5, 90)), (limit - previous) / 2
            )
        moment = moment.replace(microsecond=0)
        if moment < previous:
            moment = previous
        moments.append(moment)
        previous = moment
    return moments


@dataclass(slots=True)
class ItemPlan:
    id: int
    report: ReportPlan
    topic: Topic
    status: str
    order: int
    created_at: datetime.datetime = None
    target_date: datetime.date = None
    events: list = field(default_factory=list)  # (at, from, to, person, comment)
    check_ins: list = field(default_factory=list)  # (date, created_at, person, note)
