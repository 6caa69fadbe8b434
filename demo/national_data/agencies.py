"""The generated agencies, their divisions, accounts and good practices,
the benchmark's named accounts and the benchmark agency's calendar feed."""

import base64
import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from agencies.models import (
    TIME_ZONE_NAMES,
    Agency,
    AgencyLevel,
    Division,
    GoodPractice,
    Membership,
    Province,
    Regency,
    Role,
    User,
)
from visits.models import CalendarFeed

from .figures import (
    BENCHMARK_PASSWORD,
    GENERATED_EMAIL_DOMAIN,
    GENERATED_SLUG_PREFIX,
    UNUSABLE_PASSWORD,
    scaled_counts,
)
from .plans import AgencyPlan, PersonPlan
from .texts import benchmark_email, email_local, person_name, random_nip, titles, topic_text
from .words import DIVISIONS, PENYULUH_POSITIONS, STAFF_POSITIONS, STREETS


def make_agencies(ctx):
    """A Dinas Sosial for every region that has none (a sample of them below
    scale 1), planned and written."""
    rng = ctx.rng("agencies")
    candidates, ctx.skipped_regions = _free_regions()
    ctx.counts = scaled_counts(ctx.scale, len(candidates))
    candidates = _sample_regions(rng, candidates, ctx.counts["agencies"])
    taken_slugs = set(Agency.objects.values_list("slug", flat=True))
    first_id = ctx.writer.first_free_id(Agency)
    created = ctx.now - datetime.timedelta(days=3900)
    rows = []
    for index, (province, regency, name) in enumerate(candidates):
        agency = _agency_plan(rng, first_id + index, province, regency, name, taken_slugs)
        ctx.agencies.append(agency)
        rows.append(
            _agency_row(rng, agency, province, regency, created + datetime.timedelta(minutes=index))
        )
    ctx.writer.write(
        Agency,
        (
            "id name short_name slug level province_id regency_id address phone email website "
            "logo letterhead is_active created_at"
        ),
        rows,
    )


def _free_regions():
    """(province, regency or None, agency name) of every province and
    kabupaten/kota without a Dinas Sosial, and how many were skipped."""
    taken_regions = set(Agency.objects.exclude(regency=None).values_list("regency_id", flat=True))
    taken_provinces = set(
        Agency.objects.filter(level=AgencyLevel.PROVINCE).values_list("province_id", flat=True)
    )
    taken_names = set(Agency.objects.values_list("name", flat=True))
    provinces = {p.pk: p for p in Province.objects.all()}
    candidates, skipped = [], 0
    for province in provinces.values():
        name = f"Dinas Sosial Provinsi {province.name}"
        if province.pk in taken_provinces or name in taken_names:
            skipped += 1
        else:
            candidates.append((province, None, name))
    for regency in Regency.objects.order_by("code"):
        name = f"Dinas Sosial {regency.name}"
        if regency.pk in taken_regions or name in taken_names:
            skipped += 1
        else:
            candidates.append((provinces[regency.province_id], regency, name))
    return candidates, skipped


def _sample_regions(rng, candidates, wanted):
    """``wanted`` of the candidates, with every time zone and some provinces
    even in a small sample, in the order of their codes."""
    if wanted >= len(candidates):
        return candidates
    chosen = rng.sample(candidates, wanted)
    for zone in ("WITA", "WIT"):
        if not any(c[0].time_zone == zone for c in chosen):
            extra = [c for c in candidates if c[0].time_zone == zone and c not in chosen]
            if extra:
                chosen[rng.randrange(len(chosen))] = rng.choice(extra)
    if not any(c[1] is None for c in chosen):
        provinces_left = [c for c in candidates if c[1] is None]
        if provinces_left:
            chosen[0] = rng.choice(provinces_left)
    return sorted(chosen, key=lambda c: (c[0].code, c[1].code if c[1] else ""))


def _agency_plan(rng, agency_id, province, regency, name, taken_slugs):
    """The agency of a region, with a slug no other agency has."""
    place = regency.name if regency else f"Provinsi {province.name}"
    town = (
        regency.name.removeprefix("Kabupaten ").removeprefix("Kota Administrasi ")
        if regency
        else province.name
    ).removeprefix("Kota ")
    slug = GENERATED_SLUG_PREFIX + slugify(place)
    if slug in taken_slugs:
        slug = f"{slug}-{slugify((regency or province).code)}"
    slug = slug[:80]
    taken_slugs.add(slug)
    return AgencyPlan(
        id=agency_id,
        name=name,
        short_name=f"Dinsos {place}"[:60],
        slug=slug,
        level=regency.kind if regency else AgencyLevel.PROVINCE,
        place=place,
        town=town,
        province_code=province.code,
        tz=ZoneInfo(TIME_ZONE_NAMES[province.time_zone]),
        flavour={"51": "bali", "12": "batak"}.get(province.code, ""),
        activity=rng.lognormvariate(0, 0.6),
        popularity=rng.lognormvariate(0, 0.8),
    )


def _agency_row(rng, agency, province, regency, created_at):
    """The agency's row, with an address, a phone number and a letterhead."""
    government = (
        f"PEMERINTAH {agency.place.upper()}"
        if regency
        else f"PEMERINTAH PROVINSI {province.name.upper()}"
    )
    address = f"{rng.choice(STREETS)} No. {rng.randint(1, 150)}, {agency.town}"
    phone = f"(0{rng.randint(211, 986)}) {rng.randint(300000, 899999)}"
    return (
        agency.id,
        agency.name,
        agency.short_name,
        agency.slug,
        agency.level,
        province.pk,
        regency.pk if regency else None,
        address,
        phone,
        f"dinsos.{agency.slug.removeprefix(GENERATED_SLUG_PREFIX)}@{GENERATED_EMAIL_DOMAIN}",
        "",
        "",
        f"{government}\nDINAS SOSIAL\n{address}\nTelepon {phone}",
        True,
        created_at,
    )


def plan_people(ctx):
    """Divisions (3–5 an agency, written now), and 6–12 accounts an agency
    in every role (kept in memory: the benchmark accounts are named once the
    visits are planned)."""
    rng = ctx.rng("people")
    first_division = ctx.writer.first_free_id(Division)
    division_rows = []
    next_id = first_division
    for agency in ctx.agencies:
        names = ["Sekretariat", *rng.sample(DIVISIONS, rng.randint(2, 4))]
        for name in names:
            agency.divisions.append((next_id, name))
            division_rows.append((next_id, agency.id, name))
            next_id += 1
    ctx.writer.write(Division, "id agency_id name", division_rows)

    # A kepala dinas and a kepala bidang, an admin, two staff, two penyuluh
    # (one fewer now and then), then up to five more.
    base = [Role.HEAD, Role.HEAD, Role.ADMIN, Role.STAFF, Role.STAFF, Role.PENYULUH, Role.PENYULUH]
    next_id = ctx.writer.first_free_id(User)
    year = ctx.today.year
    for agency in ctx.agencies:
        roles = base[: 6 if rng.random() < 0.1 else 7] + rng.choices(
            [Role.STAFF, Role.PENYULUH, Role.HEAD], weights=[3, 4, 1], k=rng.randint(0, 5)
        )
        bidang = agency.divisions[1:]
        for index, role in enumerate(roles):
            sex = "1" if rng.random() < 0.55 else "2"
            senior = role == Role.HEAD
            front, back = titles(rng, sex, senior=senior, diploma_ok=not senior)
            division = rng.choice(bidang)
            if role == Role.HEAD:
                position, division_id = (
                    (f"Kepala Dinas Sosial {agency.place}", None)
                    if index == 0
                    else (f"Kepala {division[1]}", division[0])
                )
            elif role == Role.ADMIN:
                position, division_id = "Pengelola Portal Studi Tiru", agency.divisions[0][0]
            elif role == Role.STAFF:
                position = rng.choice(STAFF_POSITIONS)
                division_id = rng.choice([agency.divisions[0], division])[0]
            else:
                position, division_id = rng.choice(PENYULUH_POSITIONS), division[0]
            name = person_name(rng, agency.flavour, sex)
            agency.people[role].append(
                PersonPlan(
                    id=next_id,
                    front=front,
                    name=name,
                    back=back,
                    sex=sex,
                    role=role,
                    position=position,
                    nip=random_nip(rng, sex, year) if rng.random() < 0.9 else "",
                    division_id=division_id,
                    email=f"{email_local(name)}.{next_id}@{GENERATED_EMAIL_DOMAIN}",
                )
            )
            next_id += 1


def name_benchmark_accounts(ctx):
    """Give the benchmark's accounts fixed addresses (and, when written, the
    known password): every role of the benchmark agency, the host's staff of
    its 52-participant visit, and one staff member in each of the next seven
    busiest agencies, so that eight users can work in eight agencies."""
    agency, visit = ctx.benchmark_agency, ctx.benchmark_visit
    chosen = {
        "staf": agency.people[Role.STAFF][0],
        "penyuluh": agency.people[Role.PENYULUH][0],
        "kepala": agency.kepala,
        "admin": agency.people[Role.ADMIN][0],
        "tuanrumah": visit.host.people[Role.STAFF][0],
    }
    busiest = sorted(ctx.agencies, key=lambda a: (-ctx.visit_counts[a.id], a.id))
    others = [a for a in busiest if a is not agency and a is not visit.host][:7]
    for number, other in enumerate(others, start=2):
        chosen[f"staf{number}"] = other.people[Role.STAFF][0]
    for name, person in chosen.items():
        person.email = benchmark_email(name)
    ctx.benchmark_accounts = chosen


def write_people(ctx):
    rng = ctx.rng("accounts")
    password = make_password(BENCHMARK_PASSWORD)
    joined = ctx.now - datetime.timedelta(days=3800)
    people = sorted(
        ((a, p) for a in ctx.agencies for role in Role for p in a.people[role]),
        key=lambda pair: pair[1].id,
    )
    benchmark = {p.id for p in ctx.benchmark_accounts.values()}
    ctx.writer.write(
        User,
        "id password last_login is_superuser email name is_staff is_active date_joined",
        [
            (
                p.id,
                password if p.id in benchmark else UNUSABLE_PASSWORD,
                None,
                False,
                p.email,
                p.full_name,
                False,
                True,
                joined + datetime.timedelta(days=rng.randint(0, 3000)),
            )
            for a, p in people
        ],
    )
    ctx.writer.write(
        Membership,
        "user_id agency_id division_id position role nip created_at",
        [(p.id, a.id, p.division_id, p.position, p.role, p.nip, joined) for a, p in people],
    )


def make_practices(ctx):
    rng = ctx.rng("practices")
    rows = []
    for agency in ctx.agencies:
        if rng.random() < 0.45:
            continue
        for topic in rng.sample(ctx.topics, min(len(ctx.topics), rng.randint(1, 3))):
            names = {"host": agency.place, "visitor": "daerah lain"}
            rows.append(
                (
                    agency.id,
                    topic.pk,
                    topic_text(topic, "practice", **names)[:200],
                    topic_text(topic, "finding", **names),
                    f"Kantor {agency.name}",
                    f"Sekretariat {agency.name}"[:200],
                    True,
                    ctx.now - datetime.timedelta(days=rng.randint(30, 1500)),
                )
            )
    ctx.writer.write(
        GoodPractice,
        "agency_id topic_id title description location contact is_active created_at",
        rows,
    )


# --- The benchmark agency's calendar feed -------------------------------------------


def make_feed(ctx):
    rng = ctx.rng("feed")
    token = base64.urlsafe_b64encode(rng.randbytes(32)).rstrip(b"=").decode()
    ctx.writer.write(
        CalendarFeed,
        "agency_id token created_by_id created_at revoked_by_id revoked_at",
        [
            (
                ctx.benchmark_agency.id,
                token,
                ctx.benchmark_accounts["staf"].id,
                ctx.now - datetime.timedelta(days=30),
                None,
                None,
            )
        ],
    )
