"""The rows of the planned visits: the visits themselves, their topics,
venues, agenda, timeline and participants."""

import datetime

from visits.models import (
    AgendaItem,
    AgendaKind,
    DelegationRole,
    EmploymentType,
    Participant,
    Side,
    Venue,
    VenueKind,
    Visit,
    VisitEvent,
    VisitStatus,
    VisitTopic,
)

from .figures import GENERATED_EMAIL_DOMAIN
from .texts import email_local, full_name, person_name, random_nip, random_phone, titles, topic_text
from .words import GENERIC_TOPIC, NON_ASN_POSITIONS, PNS_POSITIONS, PPPK_POSITIONS, TOPIC_TEXT


def visit_texts(visit):
    phrases = [topic_text(t, "phrase") for t in visit.topics]
    title = "Studi tiru " + (
        phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " dan " + phrases[-1]
    )
    purpose = (
        f"Mempelajari {' serta '.join(phrases)} di {visit.host.place} untuk diterapkan di "
        f"{visit.visitor.place}.\nBertukar informasi dan pengalaman antardaerah demi "
        "pelayanan kesejahteraan sosial yang semakin efektif, merata dan adaptif."
    )
    legal = next((t.legal_basis for t in visit.topics if t.legal_basis), "")
    letter = (
        f"Surat Kepala Dinas Sosial {visit.visitor.place} Nomor {visit.request_number}."
        if visit.request_number
        else ""
    )
    basis = "\n".join(part for part in (letter, legal) if part)
    return title[:250], purpose, basis


def write_visits(ctx):
    rng = ctx.rng("visit-rows")
    rows = []
    for v in ctx.visits:
        title, purpose, basis = visit_texts(v)
        rows.append(
            (
                v.id,
                v.host.id,
                v.visitor.id,
                title,
                v.status,
                v.start,
                v.end,
                v.proposed[0],
                v.proposed[1],
                purpose,
                basis,
                v.request_number,
                v.requested_at.date() if v.requested_at else None,
                "",
                v.reply_number,
                v.answered_at.date() if v.reply_number else None,
                "",
                v.created_by.id,
                v.created_at,
                v.updated_at,
            )
        )
    ctx.writer.write(
        Visit,
        (
            "id host_id visitor_id title status start end proposed_start proposed_end purpose "
            "basis request_letter_number request_letter_date request_letter_file "
            "reply_letter_number reply_letter_date reply_letter_file created_by_id created_at "
            "updated_at"
        ),
        rows,
    )

    def topics():
        for v in ctx.visits:
            for order, topic in enumerate(v.topics):
                questions = TOPIC_TEXT.get(topic.code, GENERIC_TOPIC)["questions"]
                picked = rng.sample(questions, rng.randint(1, len(questions)))
                yield (v.id, topic.pk, "\n".join(q.format(name=topic.name) for q in picked), order)

    ctx.writer.write(VisitTopic, "visit_id topic_id questions order", topics())

    def venues():
        for v in ctx.visits:
            yield (v.id, VenueKind.OFFICE, v.venue, "", 0)
            if v.field_venue:
                yield (v.id, VenueKind.FIELD, v.field_venue, "", 1)

    ctx.writer.write(Venue, "visit_id kind name address order", venues())
    ctx.writer.write(
        AgendaItem,
        "visit_id start end kind title place speaker",
        (row for v in ctx.visits for row in _agenda(v)),
    )
    ctx.writer.write(
        VisitEvent,
        "visit_id actor_id actor_agency_id created_at from_status to_status comment",
        (
            (v.id, actor.id, agency.id, at, old, new, comment)
            for v in ctx.visits
            for at, old, new, actor, agency, comment in v.events
        ),
    )
    ctx.writer.write(
        Participant,
        (
            "visit_id side role front_title name back_title position division employment_type "
            "nip phone email attended order"
        ),
        _participants(ctx),
    )


def _agenda(visit):
    """3–5 items filling the first day: welcome, presentation, discussion,
    the field visit when there is one, closing."""
    host = visit.host
    day_end = datetime.datetime.combine(
        visit.start.astimezone(host.tz).date(), datetime.time(16, 30), tzinfo=host.tz
    )
    end = min(visit.end, day_end)
    minutes = max(60, int((end - visit.start).total_seconds() // 60))
    official = f"{full_name(*visit.official_name[:3])}, {visit.official_position}"
    head = f"{full_name(*visit.head_name[:3])}, {visit.head_position}"
    codes = ", ".join(t.code for t in visit.topics)
    items = [
        (
            AgendaKind.WELCOME,
            1,
            f"Sambutan dan penerimaan rombongan {visit.visitor.name}",
            visit.venue,
            official,
        ),
        (
            AgendaKind.PRESENTATION,
            3,
            f"Paparan {topic_text(visit.topics[0], 'phrase')}",
            visit.venue,
            f"Jajaran {host.name}",
        ),
        (AgendaKind.DISCUSSION, 3, f"Diskusi dan tanya jawab: {codes}", visit.venue, head),
    ]
    if visit.field_venue:
        items.append(
            (
                AgendaKind.FIELD_VISIT,
                4,
                f"Kunjungan lapangan ke {visit.field_venue}",
                visit.field_venue,
                "",
            )
        )
    items.append((AgendaKind.OTHER, 1, "Penutup dan foto bersama", "", ""))
    unit = minutes / sum(weight for _, weight, *_ in items)
    moment = visit.start
    for number, (kind, weight, title, place, speaker) in enumerate(items):
        length = datetime.timedelta(minutes=max(5, int(weight * unit) // 5 * 5))
        finish = end if number == len(items) - 1 else min(moment + length, end)
        yield (visit.id, moment, finish, kind, title[:250], place[:200], speaker[:200])
        moment = finish


def _participants(ctx):
    """The delegation (visitor side: its head first) and the host's officials
    (receiving official first), per visit, as rows."""
    rng = ctx.rng("participants")
    held = (VisitStatus.HELD, VisitStatus.REPORTED)
    for v in ctx.visits:
        attended = v.status in held
        nips = set()  # one NIP once per visit, as the database requires
        for side, count, first, agency in (
            (Side.VISITOR, v.visitor_count, v.head_name, v.visitor),
            (Side.HOST, v.host_count, v.official_name, v.host),
        ):
            for order in range(1, count + 1):
                if order == 1:
                    person = _leader(side, first)
                else:
                    person = _member(rng, v, side, order, agency)
                front, name, back, position, division, employment, nip, role = person
                if nip in nips:
                    nip = ""  # a drawn twin, rare: this person's NIP is left unknown
                elif nip:
                    nips.add(nip)
                phone = random_phone(rng) if rng.random() < 0.75 else ""
                email = (
                    f"{email_local(name)}{rng.randint(1, 99)}@{GENERATED_EMAIL_DOMAIN}"
                    if rng.random() < 0.5
                    else ""
                )
                yield (
                    v.id,
                    side,
                    role,
                    front,
                    name,
                    back,
                    position[:200],
                    division[:200],
                    employment,
                    nip,
                    phone,
                    email,
                    (rng.random() < 0.95) if attended else None,
                    order,
                )


def _leader(side, official):
    """The head of the delegation or the receiving official, planned with the
    visit: (front, name, back, position, division, employment, nip, role)."""
    front, name, back, position, nip = official
    role = DelegationRole.HEAD if side == Side.VISITOR else DelegationRole.RECEIVING_OFFICIAL
    division = (
        ""
        if position.startswith(("Kepala Dinas", "Sekretaris"))
        else position.removeprefix("Kepala ")
    )
    return front, name, back, position, division, EmploymentType.PNS, nip, role


def _member(rng, visit, side, order, agency):
    """Any other participant, as ``_leader``: civil servants and contract
    staff, and in a big delegation mostly SLRT facilitators outside the civil
    service."""
    big = visit.visitor_count >= 30
    sex = "1" if rng.random() < 0.55 else "2"
    name = person_name(rng, agency.flavour, sex)
    roll = rng.random()
    if big and order > 2:
        employment = EmploymentType.NON_ASN if roll < 0.85 else EmploymentType.PNS
    else:
        employment = (
            EmploymentType.PNS
            if roll < 0.65
            else EmploymentType.PPPK
            if roll < 0.8
            else EmploymentType.NON_ASN
        )
    if employment == EmploymentType.NON_ASN:
        front, back = "", rng.choice(["", "", "S.Sos.", "S.E.", "S.Kom.", "A.Md."])
        position = "Fasilitator SLRT" if big else rng.choice(NON_ASN_POSITIONS)
        division = f"SLRT {agency.place}" if big else ""
        nip = ""
    else:
        front, back = titles(rng, sex)
        position = rng.choice(PNS_POSITIONS if employment == EmploymentType.PNS else PPPK_POSITIONS)
        division = rng.choice([label for _id, label in agency.divisions])
        nip = random_nip(rng, sex, visit.start.year) if employment == EmploymentType.PNS else ""
    if side == Side.VISITOR:
        role = DelegationRole.MEMBER
    elif order <= 3 and rng.random() < 0.5:
        role = DelegationRole.SPEAKER
    else:
        role = DelegationRole.HOST_STAFF
    return front, name, back, position, division, employment, nip, role
