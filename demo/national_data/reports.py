"""The generated reports: which visits get one, by whom, in which state,
their review timeline, and their rows (text, findings, quotes, authors,
timeline, photos)."""

import datetime

from agencies.models import Role
from reports.models import Author, Finding, Photo, Quote, Report, ReportEvent, ReportStatus
from visits.models import VisitStatus

from .figures import (
    BENCHMARK_PHOTOS,
    FIRST_REPORT_SHARES,
    HELD_REPORT_SHARES,
    SECOND_REPORT_PART,
    SECOND_REPORT_SHARES,
)
from .plans import ReportPlan, chain, counts_by_share, shuffled
from .texts import date_id, full_name, topic_text
from .visit_rows import visit_texts
from .words import CAPTIONS, QUOTES, RETURN_COMMENTS


def plan_reports(ctx):
    """Which visits get reports, by which agency, in which state; their
    review timeline; and the step that made each reported visit "reported"."""
    rng = ctx.rng("reports")
    reported = [v for v in ctx.visits if v.status == VisitStatus.REPORTED]
    held = [v for v in ctx.visits if v.status == VisitStatus.HELD]
    plans = _choose_reports(ctx, rng, reported, held)
    first_id = ctx.writer.first_free_id(Report)
    limit = ctx.now - datetime.timedelta(hours=1)
    for index, (visit, agency, state) in enumerate(plans):
        report = ReportPlan(id=first_id + index, visit=visit, agency=agency, status=state)
        _review(rng, report, limit)
        if state == ReportStatus.PUBLISHED:
            report.photos = (
                BENCHMARK_PHOTOS
                if visit is ctx.benchmark_visit and agency is visit.visitor
                else rng.choice([0, 2, 3, 4, 4, 5, 6, 8])
            )
        visit.reports.append(report)
        ctx.reports.append(report)
    _mark_reported(reported)


def _choose_reports(ctx, rng, reported, held):
    """(visit, agency, state) of every report: one for each reported visit,
    some second reports by the other agency, and some of held visits."""
    rest = max(0, ctx.counts["reports"] - len(reported))
    on_held = min(len(held), rest - min(len(reported), round(rest * SECOND_REPORT_PART)))
    second = min(len(reported), rest - on_held)

    plans = []
    states = shuffled(counts_by_share(len(reported), FIRST_REPORT_SHARES, rng), rng)
    # The benchmark's report is published: swap, so that every state keeps its count.
    mine = reported.index(ctx.benchmark_visit)
    other = states.index(ReportStatus.PUBLISHED)
    states[mine], states[other] = states[other], states[mine]
    for visit, state in zip(reported, states, strict=True):
        agency = visit.visitor if rng.random() < 0.85 else visit.host
        if visit is ctx.benchmark_visit:
            agency = visit.visitor
        visit.reports_agency = agency
        plans.append((visit, agency, state))
    states = shuffled(counts_by_share(second, SECOND_REPORT_SHARES, rng), rng)
    for visit, state in zip(rng.sample(reported, second), states, strict=True):
        other = visit.host if visit.reports_agency is visit.visitor else visit.visitor
        plans.append((visit, other, state))
    states = shuffled(counts_by_share(on_held, HELD_REPORT_SHARES, rng), rng)
    for visit, state in zip(rng.sample(held, on_held), states, strict=True):
        plans.append((visit, visit.visitor if rng.random() < 0.8 else visit.host, state))
    return plans


def _review(rng, report, limit):
    """The report's authors and its timeline up to its state: written after
    the visit was held, submitted, sometimes returned once, approved and
    published by a head, every step before ``limit``."""
    agency, state = report.agency, report.status
    writers = agency.people[Role.PENYULUH]
    report.authors = rng.sample(writers, min(len(writers), rng.choice([1, 1, 2, 2, 3])))
    if rng.random() < 0.15:
        report.authors.append(agency.kepala)
    writer = report.authors[0]
    head = agency.pick(rng, Role.HEAD)
    steps = [(0.3, 10)]  # created
    path = [(writer, "", ReportStatus.DRAFT, "")]
    returned = rng.random() < 0.2
    if state != ReportStatus.DRAFT or rng.random() < 0.3:
        steps.append((1, 21))
        path.append((writer, ReportStatus.DRAFT, ReportStatus.SUBMITTED, ""))
        if returned or state == ReportStatus.DRAFT:
            steps.append((1, 7))
            path.append(
                (head, ReportStatus.SUBMITTED, ReportStatus.DRAFT, rng.choice(RETURN_COMMENTS))
            )
            if state != ReportStatus.DRAFT:
                steps.append((1, 10))
                path.append((writer, ReportStatus.DRAFT, ReportStatus.SUBMITTED, ""))
    if state in (ReportStatus.APPROVED, ReportStatus.PUBLISHED):
        steps.append((0.5, 7))
        path.append((head, ReportStatus.SUBMITTED, ReportStatus.APPROVED, ""))
    if state == ReportStatus.PUBLISHED:
        steps.append((0.05, 5))
        path.append((head, ReportStatus.APPROVED, ReportStatus.PUBLISHED, ""))
    moments = chain(rng, report.visit.held_at, steps, limit, agency.tz)
    report.events = [
        (at, old, new, actor, comment)
        for at, (actor, old, new, comment) in zip(moments, path, strict=True)
    ]
    report.created_at = moments[0]
    for at, _old, new, actor, _comment in report.events:
        if new == ReportStatus.SUBMITTED:
            report.submitted_at = at
        elif new == ReportStatus.APPROVED:
            report.approved_at, report.approver = at, actor
        elif new == ReportStatus.PUBLISHED:
            report.published_at = at


def _mark_reported(reported):
    """The first approval moved each reported visit to "reported"
    (``reports.services.report_approve``)."""
    for visit in reported:
        first = min((r for r in visit.reports if r.approved_at), key=lambda r: r.approved_at)
        visit.events.append(
            (
                first.approved_at,
                VisitStatus.HELD,
                VisitStatus.REPORTED,
                first.approver,
                first.agency,
                "",
            )
        )
        visit.updated_at = first.approved_at


def _report_texts(report):
    visit, agency = report.visit, report.agency
    host, visitor = visit.host, visit.visitor
    local_day = visit.start.astimezone(host.tz).date()
    phrases = " dan ".join(topic_text(t, "phrase") for t in visit.topics)
    head = full_name(*visit.head_name[:3])
    official = full_name(*visit.official_name[:3])
    if agency is visitor:
        title = f"Studi Tiru {', '.join(t.code for t in visit.topics)} ke {host.name}"
        summary = (
            f"{date_id(local_day)}, {visitor.name} melaksanakan studi tiru {phrases} ke "
            f"{host.name}, diikuti {visit.visitor_count} peserta."
        )
    else:
        title = f"Penerimaan Studi Tiru {visitor.name}"
        summary = (
            f"{date_id(local_day)}, {host.name} menerima rombongan studi tiru {visitor.name} "
            f"yang dipimpin {head}, untuk bertukar informasi tentang {phrases}."
        )
    general = (
        "Studi tiru merupakan cara belajar pada lembaga yang dianggap lebih kompeten dalam "
        "suatu hal, dengan maksud peningkatan mutu, perbaikan sistem dan penentuan kebijakan "
        f"baru.\n\n{summary}"
    )
    activities = (
        f"Kegiatan dilaksanakan pada {date_id(local_day)} di {visit.venue}"
        + (f" dan {visit.field_venue}" if visit.field_venue else "")
        + f", diikuti {visit.visitor_count} peserta dari {visitor.name}.\n\n"
        f"Rombongan dipimpin {head}, {visit.head_position}, dan diterima oleh {official}, "
        f"{visit.official_position}, beserta jajarannya.\n\n"
        "Peserta mendapatkan paparan teknis, kemudian berdiskusi"
        + (" dan melakukan kunjungan lapangan." if visit.field_venue else ".")
    )
    conclusion = (
        f"Praktik {phrases} di {host.place} dapat menjadi pembelajaran. Konteks ATM (Amati, "
        "Tiru, Modifikasi) menjadi bagian penting dalam meningkatkan pelayanan masyarakat."
    )
    recommendations = (
        "Menindaklanjuti studi tiru dengan rencana ATM yang disesuaikan dengan kondisi "
        "daerah, dengan bidang penanggung jawab, target waktu dan indikator keberhasilan."
    )
    return {
        "title": title[:300],
        "summary": summary,
        "general": general,
        "scope": "; ".join(t.name for t in visit.topics) + ".",
        "activities": activities,
        "conclusion": conclusion,
        "recommendations": recommendations,
    }


def write_reports(ctx):
    rng = ctx.rng("report-rows")
    ctx.writer.write(
        Report,
        (
            "id visit_id agency_id status title summary general purpose scope basis "
            "activities conclusion recommendations closing signed_place signed_on "
            "signatory_name signatory_position signatory_nip version created_by_id "
            "updated_by_id created_at updated_at published_at"
        ),
        [_report_row(rng, r) for r in ctx.reports],
    )
    ctx.writer.write(
        Finding,
        "report_id topic_id text order",
        (
            (r.id, topic.pk, topic_text(topic, "finding", **_places(r)), order)
            for r in ctx.reports
            for order, topic in enumerate(r.visit.topics)
        ),
    )
    ctx.writer.write(
        Quote, "report_id text speaker_name speaker_position order", _quotes(rng, ctx.reports)
    )
    ctx.writer.write(
        Author,
        "report_id user_id front_title name back_title position order",
        (
            (r.id, p.id, p.front, p.name, p.back, p.position, order)
            for r in ctx.reports
            for order, p in enumerate(r.authors)
        ),
    )
    ctx.writer.write(
        ReportEvent,
        "report_id actor_id created_at from_status to_status comment",
        (
            (r.id, actor.id, at, old, new, comment)
            for r in ctx.reports
            for at, old, new, actor, comment in r.events
        ),
    )
    ctx.writer.write(
        Photo,
        "report_id image thumbnail width height caption order uploaded_by_id created_at",
        _photos(rng, ctx.reports, ctx.photos),
    )


def _report_row(rng, r):
    """The report's row, in the column order of ``write_reports``."""
    texts = _report_texts(r)
    _title, purpose, basis = visit_texts(r.visit)
    signed = r.submitted_at or r.created_at
    kepala = r.agency.kepala
    last = r.events[-1]
    return (
        r.id,
        r.visit.id,
        r.agency.id,
        r.status,
        texts["title"],
        texts["summary"],
        texts["general"],
        purpose,
        texts["scope"],
        basis,
        texts["activities"],
        texts["conclusion"],
        texts["recommendations"],
        "Demikian laporan ini dibuat sebagai bahan informasi dan untuk dipergunakan "
        "sebagaimana mestinya.",
        r.agency.town[:100],
        signed.astimezone(r.agency.tz).date(),
        kepala.full_name[:200],
        kepala.position[:200],
        kepala.nip,
        len(r.events) + rng.randint(0, 6),
        r.authors[0].id,
        last[3].id,
        r.created_at,
        last[0],
        r.published_at,
    )


def _places(report):
    return {"host": report.visit.host.place, "visitor": report.visit.visitor.place}


def _quotes(rng, reports):
    """1–3 quotes a report, the receiving official and the head of the
    delegation in turn, as rows."""
    for r in reports:
        visit = r.visit
        for order in range(rng.choice([1, 1, 2, 2, 3])):
            if order % 2 == 0:
                speaker, position = visit.official_name, visit.official_position
                where = visit.host.name
            else:
                speaker, position = visit.head_name, visit.head_position
                where = visit.visitor.name
            if not position.endswith(visit.host.place) and not position.endswith(
                visit.visitor.place
            ):
                position = f"{position} {where}"
            yield (
                r.id,
                rng.choice(QUOTES).format(**_places(r)),
                full_name(*speaker[:3])[:200],
                position[:300],
                order,
            )


def _photos(rng, reports, files):
    """The photo rows of the published reports, pointing at the shared
    ``files`` (from ``ensure_photo_files``), uploaded by the first author."""
    for r in reports:
        if not r.photos:
            continue
        visit = r.visit
        chosen = rng.sample(files, min(r.photos, len(files)))
        captions = rng.sample(CAPTIONS, min(r.photos, len(CAPTIONS)))
        taken = r.submitted_at or r.created_at
        for order in range(r.photos):
            image, thumbnail, width, height = chosen[order % len(chosen)]
            caption = captions[order % len(captions)].format(
                visitor=visit.visitor.name,
                host=visit.host.name,
                venue=visit.venue,
                topic=visit.topics[0].code,
                field=visit.field_venue or visit.venue,
            )
            yield (
                r.id,
                image,
                thumbnail,
                width,
                height,
                caption[:300],
                order,
                r.authors[0].id,
                min(r.created_at + datetime.timedelta(minutes=10 * (order + 1)), taken),
            )
