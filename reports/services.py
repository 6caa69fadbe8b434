"""Every write that changes a report or an ATM item goes through this module.

Each function takes the acting user (``by``), checks the permission and the
lifecycle step on a locked, fresh row, makes the change and records it in the
timeline in the same transaction. Views, commands and the demo loader call
these; nothing else changes ``Report.status`` or ``AdoptionItem.status``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies import regions
from agencies.permissions import agency_of
from edits import guard
from history.records import record_change, records_actor
from pagecache import stamps
from uploads import cleanup
from visits.models import VisitStatus
from visits.services import move_visit

from . import permissions
from .models import (
    AdoptionEvent,
    AdoptionItem,
    AdoptionStatus,
    Author,
    CheckIn,
    Finding,
    Photo,
    Quote,
    Report,
    ReportEvent,
    ReportStatus,
)
from .notifications import notify_report_event


class StaleReportError(Exception):
    """The report changed since the user opened it: saving would overwrite
    someone else's work. Carries the current row so the page can say who."""

    def __init__(self, current: Report):
        super().__init__("stale report")
        self.current = current


# --- Reports ---------------------------------------------------------------------------


def report_defaults(visit, agency) -> dict:
    """What a new report starts with, taken from the visit."""
    other = visit.host if agency.pk == visit.visitor_id else visit.visitor
    topics = ", ".join(vt.topic.code for vt in visit.visit_topics.select_related("topic"))
    title = (
        _("Studi Tiru %(topics)s ke %(host)s") % {"topics": topics, "host": visit.host.name}
        if agency.pk == visit.visitor_id
        else _("Penerimaan Studi Tiru %(visitor)s") % {"visitor": other.name}
    )
    return {
        "title": title[:300],
        "purpose": visit.purpose,
        "basis": visit.basis,
        "signed_place": regions.signing_place(agency),
    }


@records_actor
def report_create(*, visit, by) -> Report:
    """Start the user's agency's report of ``visit``, with one finding per
    topic of the visit to fill in. Raises ``ValidationError`` if the agency
    already has one."""
    if not permissions.can_start_report(by, visit):
        raise permissions.report_start_refusal(by, visit)
    agency = agency_of(by)
    with transaction.atomic():
        if Report.objects.filter(visit=visit, agency=agency).exists():
            raise ValidationError(_("Instansi Anda sudah memiliki laporan kunjungan ini."))
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    visit=visit,
                    agency=agency,
                    created_by=by,
                    updated_by=by,
                    **report_defaults(visit, agency),
                )
        except IntegrityError as error:  # a colleague started it a moment ago
            raise ValidationError(
                _("Instansi Anda sudah memiliki laporan kunjungan ini.")
            ) from error
        findings = [
            Finding(report=report, topic=vt.topic, text="", order=vt.order)
            for vt in visit.visit_topics.select_related("topic")
        ]
        bulk_create_with_history(findings, Finding, default_user=by)
        stamps.touch_objects(findings)
        membership = getattr(by, "membership", None)
        Author.objects.create(
            report=report,
            user=by,
            name=by.name,
            position=getattr(membership, "position", "") or "",
            order=0,
        )
        ReportEvent.objects.create(report=report, actor=by, to_status=ReportStatus.DRAFT)
    return report


@records_actor
def report_update(
    *,
    report: Report,
    by,
    version: int,
    fields: dict,
    findings=None,
    quotes=None,
    authors=None,
) -> Report:
    """Save the report's text if nobody saved it since ``version``.

    ``fields`` are the report's own fields; ``findings``, ``quotes`` and
    ``authors`` (when given) are lists of unsaved model instances the saved
    rows are made to match (``_replace_rows``: only what differs is written).
    Raises ``StaleReportError`` when another save came first: the caller
    keeps the user's text and tells them.
    """
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report.pk)
        if not permissions.can_edit(by, current):
            raise permissions.refusal(by, current, permissions.can_edit)
        if current.version != version:
            raise StaleReportError(current)
        for name, value in fields.items():
            setattr(current, name, value)
        current.version = F("version") + 1
        current.updated_by = by
        current.save()
        for model, rows in ((Finding, findings), (Quote, quotes), (Author, authors)):
            if rows is not None:
                _replace_rows(model, current, rows)
        current.refresh_from_db()
    return current


def _replace_rows(model, report, rows):
    """Make ``report``'s findings, quotes or authors (``model``) ``rows``, in
    order. Stored rows are reused (a finding by its topic, which is unique in
    the report; quotes and authors by their place) and only what changed is
    written, so the change history says which quote was edited, added or
    removed rather than that every row was replaced."""
    stored = list(model.objects.filter(report=report).order_by("order", "id"))
    by_topic = {row.topic_id: row for row in stored} if model is Finding else None
    compared = [
        f.attname for f in model._meta.concrete_fields if f.name not in {"id", "report", "order"}
    ]
    for order, row in enumerate(rows):
        if by_topic is not None:
            target = by_topic.pop(row.topic_id, None) or model(report=report)
        else:
            target = stored.pop(0) if stored else model(report=report)
        values = {name: getattr(row, name) for name in compared}
        if (
            target.pk is not None
            and target.order == order
            and all(getattr(target, name) == value for name, value in values.items())
        ):
            continue
        for name, value in values.items():
            setattr(target, name, value)
        target.order = order
        target.save()
    for row in by_topic.values() if by_topic is not None else stored:
        row.delete()


@records_actor
def _move_report(*, report, by, allowed, to_status, comment="", changes=None) -> Report:
    changes = changes or {}
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report.pk)
        if not allowed(by, current):
            raise permissions.refusal(by, current, allowed)
        if not current.can_move_to(to_status):
            raise ValidationError(
                _("Laporan berstatus %(from)s tidak dapat diubah menjadi %(to)s.")
                % {"from": current.get_status_display(), "to": ReportStatus(to_status).label}
            )
        event = ReportEvent.objects.create(
            report=current,
            actor=by,
            from_status=current.status,
            to_status=to_status,
            comment=comment,
        )
        # updated_by too: the edit page names who changed the report when a
        # writer's save comes after a review step.
        Report.objects.filter(pk=current.pk).update(
            status=to_status,
            version=F("version") + 1,
            updated_at=timezone.now(),
            updated_by=by,
            **changes,
        )
        current.refresh_from_db()
        stamps.touch_objects([current])  # off or onto the public pages too
        record_change(current, by=by)  # the update above bypassed save()
        notify_report_event(event)
    return current


def report_submit(*, report, by, comment="") -> Report:
    """The writer sends the draft to a head of the agency."""
    return _move_report(
        report=report,
        by=by,
        allowed=permissions.can_submit,
        to_status=ReportStatus.SUBMITTED,
        comment=comment,
    )


def report_approve(*, report, by, comment="") -> Report:
    """A head approves the report; the visit counts as reported."""
    with transaction.atomic():
        approved = _move_report(
            report=report,
            by=by,
            allowed=permissions.can_review,
            to_status=ReportStatus.APPROVED,
            comment=comment,
        )
        visit = approved.visit
        if visit.status == VisitStatus.HELD:
            move_visit(visit=visit, to_status=VisitStatus.REPORTED, by=by)
    return approved


def report_return(*, report, by, comment) -> Report:
    """A head sends the report back to draft; the comment says what to change."""
    if not comment.strip():
        raise ValidationError(_("Tuliskan apa yang perlu diperbaiki."))
    return _move_report(
        report=report,
        by=by,
        allowed=permissions.can_review,
        to_status=ReportStatus.DRAFT,
        comment=comment,
    )


def report_withdraw(*, report, by, comment="") -> Report:
    """A head takes an approved, unpublished report back to draft."""
    return _move_report(
        report=report,
        by=by,
        allowed=permissions.can_withdraw_approval,
        to_status=ReportStatus.DRAFT,
        comment=comment,
    )


def report_publish(*, report, by, comment="", at=None) -> Report:
    """A head publishes the approved report on the public pages."""
    return _move_report(
        report=report,
        by=by,
        allowed=permissions.can_publish,
        to_status=ReportStatus.PUBLISHED,
        comment=comment,
        changes={"published_at": at or timezone.now()},
    )


def report_unpublish(*, report, by, comment) -> Report:
    """A head takes a published report off the news pages and feeds; it is
    approved again and can be published later. The reason (``comment``) is
    required and kept in the report's timeline. The public address then
    answers 410 Gone (``reports.views.public.news_detail``)."""
    if not comment.strip():
        raise ValidationError(_("Tuliskan alasan laporan ditarik dari halaman publik."))
    return _move_report(
        report=report,
        by=by,
        allowed=permissions.can_unpublish,
        to_status=ReportStatus.APPROVED,
        comment=comment,
        changes={"published_at": None},
    )


# --- ATM plan --------------------------------------------------------------------------


@records_actor
def item_create(*, report, by, **fields) -> AdoptionItem:
    """Add a proposed item to the agency's ATM plan."""
    if not permissions.can_add_item(by, report):
        raise PermissionDenied
    with transaction.atomic():
        last = report.adoption_items.order_by("-order").values_list("order", flat=True).first()
        item = AdoptionItem.objects.create(
            report=report,
            created_by=by,
            order=0 if last is None else last + 1,
            status=AdoptionStatus.PROPOSED,
            **fields,
        )
        AdoptionEvent.objects.create(item=item, actor=by, to_status=AdoptionStatus.PROPOSED)
    return item


# What the ATM item form edits, compared by the edit guard.
ITEM_FIELDS = (
    "topic",
    "observe",
    "replicate",
    "modify",
    "division",
    "target_date",
    "success_indicator",
)


def item_values(item) -> guard.Snapshot:
    return guard.model_values(item, ITEM_FIELDS)


@records_actor
def item_update(*, item, by, version=None, **fields) -> AdoptionItem:
    """Change an ATM item's text, topic, division or target. With the
    ``version`` the edit form was opened at, raises ``guard.EditConflict``
    (and saves nothing) when someone else changed the item since."""
    with transaction.atomic():
        current = AdoptionItem.objects.select_for_update().get(pk=item.pk)
        current.report = item.report
        if not permissions.can_edit_item(by, current):
            raise permissions.refusal(by, current, permissions.can_edit_item)
        saved = item_values(current)
        for name, value in fields.items():
            setattr(current, name, value)
        if version is not None:
            agency = current.report.agency
            guard.check(
                version,
                about=current,
                current=saved,
                mine=item_values(current),
                when=guard.moment(current.updated_at, agency.tzinfo, agency.time_zone),
            )
        current.save()
    return current


@records_actor
def move_item(*, item, by, allowed, to_status, comment="") -> AdoptionEvent:
    """Move an ATM item along its lifecycle after checking ``allowed``."""
    with transaction.atomic():
        current = AdoptionItem.objects.select_for_update().get(pk=item.pk)
        current.report = item.report
        if allowed is not None and not allowed(by, current):
            raise permissions.refusal(by, current, allowed)
        if not current.can_move_to(to_status):
            raise ValidationError(
                _("Butir berstatus %(from)s tidak dapat diubah menjadi %(to)s.")
                % {"from": current.get_status_display(), "to": AdoptionStatus(to_status).label}
            )
        event = AdoptionEvent.objects.create(
            item=current,
            actor=by,
            from_status=current.status,
            to_status=to_status,
            comment=comment,
        )
        AdoptionItem.objects.filter(pk=current.pk).update(
            status=to_status, updated_at=timezone.now()
        )
        current.status = to_status
        stamps.touch_objects([current])
        record_change(current, by=by)  # the update above bypassed save()
    item.status = to_status
    return event


def _item_step(item, by, allowed, to_status, comment):
    """``move_item`` for the steps below, which differ only in who may take
    them and where they lead (a step needing a reason checks it first)."""
    return move_item(item=item, by=by, allowed=allowed, to_status=to_status, comment=comment)


def item_approve(*, item, by, comment=""):
    return _item_step(item, by, permissions.can_review_item, AdoptionStatus.APPROVED, comment)


def item_return(*, item, by, comment):
    if not comment.strip():
        raise ValidationError(_("Tuliskan apa yang perlu diperbaiki."))
    return _item_step(item, by, permissions.can_review_item, AdoptionStatus.RETURNED, comment)


def item_propose_again(*, item, by, comment=""):
    return _item_step(item, by, permissions.can_propose_item, AdoptionStatus.PROPOSED, comment)


def item_start(*, item, by, comment=""):
    return _item_step(item, by, permissions.can_start_item, AdoptionStatus.IN_PROGRESS, comment)


def item_adopt(*, item, by, comment=""):
    return _item_step(item, by, permissions.can_conclude_item, AdoptionStatus.ADOPTED, comment)


def item_drop(*, item, by, comment):
    if not comment.strip():
        raise ValidationError(_("Tuliskan alasan butir ini dihentikan."))
    return _item_step(item, by, permissions.can_conclude_item, AdoptionStatus.DROPPED, comment)


@records_actor
def checkin_add(*, item, by, date, note, evidence=None) -> CheckIn:
    """Record a dated progress note on an approved or running ATM item, with
    an optional evidence file already checked by content (``reports.forms.plan``).

    Side effects: a check-in on an *approved* item means the work has begun,
    so the item moves to "in progress" with a timeline event. Raises
    ``ValidationError`` (per field) for an empty note or a date after today
    in the agency's time zone; ``PermissionDenied`` unless
    ``permissions.can_check_in``.
    """
    with transaction.atomic():
        current = AdoptionItem.objects.select_for_update().get(pk=item.pk)
        current.report = item.report
        if not permissions.can_check_in(by, current):
            raise permissions.refusal(by, current, permissions.can_check_in)
        errors = {}
        if not (note or "").strip():
            errors["note"] = _("Tuliskan kemajuan yang dicapai.")
        # The check-in's agency is the actor's (can_check_in says so), whose
        # time zone is loaded with the user.
        if date > timezone.localdate(timezone=agency_of(by).tzinfo):
            errors["date"] = _("Tanggal kemajuan tidak boleh di masa depan.")
        if errors:
            raise ValidationError(errors)
        check_in = CheckIn.objects.create(
            item=current, date=date, note=note.strip(), evidence=evidence or "", created_by=by
        )
        if current.status == AdoptionStatus.APPROVED:
            move_item(
                item=item,
                by=by,
                allowed=None,
                to_status=AdoptionStatus.IN_PROGRESS,
                comment=_("Mulai berjalan: kemajuan pertama dicatat."),
            )
    return check_in


# --- Photos ----------------------------------------------------------------------------


def _report_for_photos(report, by) -> Report:
    """The report locked for a change to its photos, once the user may make it."""
    current = (
        Report.objects.select_for_update(of=("self",)).select_related("agency").get(pk=report.pk)
    )
    if not permissions.can_manage_photos(by, current):
        raise permissions.refusal(by, current, permissions.can_manage_photos)
    return current


@records_actor
def photo_add(*, report, by, photos) -> list[Photo]:
    """Add documentation photos to the report, after its last one.

    ``photos`` is a list of ``(processed, caption)`` pairs, ``processed`` being
    a ``reports.photos.ProcessedPhoto`` (the checked, re-encoded upload). All
    are added or none: when anything fails, the files already written to the
    storage are removed again and the error is raised.
    """
    created = []
    try:
        with transaction.atomic():
            current = _report_for_photos(report, by)
            last = current.photos.order_by("-order").values_list("order", flat=True).first()
            order = 0 if last is None else last + 1
            for processed, caption in photos:
                photo = Photo(
                    report=current,
                    caption=caption.strip(),
                    order=order,
                    uploaded_by=by,
                    width=processed.width,
                    height=processed.height,
                )
                photo.image = processed.image
                photo.thumbnail = processed.thumbnail
                created.append(photo)
                photo.save()
                order += 1
    except BaseException:
        for photo in created:
            cleanup.delete_now(photo.image, photo.thumbnail)
        raise
    return created


def photo_values(photo) -> guard.Snapshot:
    return guard.model_values(photo, ("caption",))


@records_actor
def photo_update_caption(*, photo, by, caption, version=None) -> Photo:
    """Change a photo's caption while the report may still be edited. With
    the ``version`` the edit form was opened at, raises
    ``guard.EditConflict`` (and saves nothing) when someone else changed the
    caption since."""
    with transaction.atomic():
        _report_for_photos(photo.report, by)
        current = Photo.objects.select_for_update().get(pk=photo.pk)
        saved = photo_values(current)
        current.caption = caption.strip()
        if version is not None:
            guard.check(version, about=current, current=saved, mine=photo_values(current))
        current.save(update_fields=["caption"])  # through save(): the history sees it
    photo.caption = current.caption
    return photo


@records_actor
def photo_delete(*, photo, by) -> None:
    """Remove a photo from a report still being written; its files go once
    the deletion is committed (``uploads.cleanup``, for every deleted photo)."""
    with transaction.atomic():
        _report_for_photos(photo.report, by)
        current = Photo.objects.select_for_update().filter(pk=photo.pk).first()
        if current is None:  # a colleague deleted it a moment ago
            return
        current.delete()
