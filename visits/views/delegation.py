"""The delegation, the host's officials, attendance and the agenda.

Each agency keeps its own people (the visitor its delegation, the host its
receiving officials, speakers and companions); either side marks attendance
and edits the agenda. Access is asked of ``visits.permissions``; writes go
through ``visits.delegation``. Every action works as a plain POST with a
redirect; htmx requests (attendance toggles, removing a row) get the changed
fragment instead.
"""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Layout, Row
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from edits.guard import EditConflict, EditGuard, render_edit
from studitiru.query import next_path, page_number

from .. import delegation, permissions
from ..models import (
    VISITOR_ROLES,
    AgendaItem,
    DelegationRole,
    Participant,
    Side,
)
from ..participant_import import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    SheetError,
    read_participant_sheet,
    template_csv,
    template_headers,
    template_xlsx,
)
from ..permissions import (
    can_edit_agenda,
    can_edit_participants,
    can_mark_attendance,
    get_visit_for_user,
    refusal,
    side_check,
    side_of,
)

PAGE_SIZE = 100
# The import page lists this many problems, then says how many more there are.
SHOWN_PROBLEMS = 20


def _can_edit_own_side(user, visit) -> bool:
    """May the user change the participants of their own side of the visit?
    (A private helper: ``can_edit_participants`` with the user's side.)"""
    side = side_of(user, visit)
    return side is not None and can_edit_participants(user, visit, side)


def _participant_for(request, pk, participant_pk, *, write=True):
    """The visit and one of its participants; 403 when the participant is on
    the other side (each agency keeps its own people)."""
    visit = get_visit_for_user(request, pk)
    participant = get_object_or_404(Participant, pk=participant_pk, visit=visit)
    if write and not can_edit_participants(request.user, visit, participant.side):
        raise refusal(request.user, visit, side_check(can_edit_participants, participant.side))
    return visit, participant


def _flags(user, visit):
    return {
        "my_side": side_of(user, visit),
        "can_edit_visitor_participants": can_edit_participants(user, visit, Side.VISITOR),
        "can_edit_host_participants": can_edit_participants(user, visit, Side.HOST),
        "can_remove_visitor_participants": permissions.can_remove_participants(
            user, visit, Side.VISITOR
        ),
        "can_remove_host_participants": permissions.can_remove_participants(user, visit, Side.HOST),
        "can_edit_agenda": can_edit_agenda(user, visit),
        "can_mark_attendance": can_mark_attendance(user, visit),
    }


def _add_errors(form, error: ValidationError):
    """Put a service's ValidationError on the form: on its fields when it
    names fields the form has, otherwise on the form as a whole."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Forms ----------------------------------------------------------------------


class ListFilterForm(forms.Form):
    """Search by name, position or division (never by NIP, phone or e-mail:
    personal data must not end up in a URL) and filter by side."""

    q = forms.CharField(
        label=gettext_lazy("Cari"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": gettext_lazy("Nama, jabatan atau bidang"), "type": "search"}
        ),
    )
    side = forms.ChoiceField(
        label=gettext_lazy("Pihak"),
        required=False,
        choices=[("", gettext_lazy("Semua pihak")), *Side.choices],
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        text = self.cleaned_data["q"].strip()
        if text:
            queryset = queryset.filter(
                Q(name__icontains=text)
                | Q(front_title__icontains=text)
                | Q(back_title__icontains=text)
                | Q(position__icontains=text)
                | Q(division__icontains=text)
            )
        if self.cleaned_data["side"]:
            queryset = queryset.filter(side=self.cleaned_data["side"])
        return queryset

    def is_filtered(self):
        """Whether a valid filter narrows the list (an invalid one is ignored)."""
        return self.is_valid() and any(self.cleaned_data.get(name) for name in self.fields)


class AttendanceFilterForm(ListFilterForm):
    status = forms.ChoiceField(
        label=gettext_lazy("Kehadiran"),
        required=False,
        choices=[
            ("", gettext_lazy("Semua")),
            ("unknown", gettext_lazy("Belum dicatat")),
            ("present", gettext_lazy("Hadir")),
            ("absent", gettext_lazy("Tidak hadir")),
        ],
    )

    def filter(self, queryset):
        queryset = super().filter(queryset)
        status = self.cleaned_data.get("status") if self.is_valid() else ""
        if status == "unknown":
            queryset = queryset.filter(attended__isnull=True)
        elif status == "present":
            queryset = queryset.filter(attended=True)
        elif status == "absent":
            queryset = queryset.filter(attended=False)
        return queryset


class TemplateFormatForm(forms.Form):
    """``?format=csv``: the blank participant sheet as CSV; XLSX otherwise."""

    format = forms.ChoiceField(
        choices=[("", "XLSX"), ("xlsx", "XLSX"), ("csv", "CSV")], required=False
    )

    def wants_csv(self):
        return self.is_valid() and self.cleaned_data["format"] == "csv"


class ParticipantForm(forms.ModelForm):
    # Longer than the stored 18 digits: people type NIPs with spaces
    # ("19790312 200501 1 004"); clean_nip removes them.
    nip = forms.CharField(
        label=Participant._meta.get_field("nip").verbose_name,
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Participant
        fields = [
            "front_title",
            "name",
            "back_title",
            "position",
            "division",
            "role",
            "employment_type",
            "nip",
            "phone",
            "email",
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, side, **kwargs):
        super().__init__(*args, **kwargs)
        if side == Side.VISITOR:
            roles = VISITOR_ROLES
        else:
            roles = [role for role in DelegationRole if role not in VISITOR_ROLES]
        self.fields["role"].choices = [(role.value, role.label) for role in roles]
        if self.instance.pk is None:
            self.initial.setdefault("role", roles[-1] if side == Side.VISITOR else roles[0])
        self.fields["nip"].help_text = _(
            "18 angka; spasi boleh, akan dihapus. Kosongkan untuk pegawai non-ASN."
        )
        self.fields["name"].help_text = _("Tanpa gelar; gelar diisi di kolomnya sendiri.")
        if side == Side.VISITOR:
            self.fields["role"].help_text = _(
                "Menjadikan seseorang ketua akan menjadikan ketua sebelumnya anggota."
            )
        erased = self.instance.contact_erased_at is not None
        if erased:
            # Erased under UU PDP: not asked for again (the row keeps them empty).
            for name in ("nip", "phone", "email"):
                del self.fields[name]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("front_title", css_class="col-md-2"),
                Column("name", css_class="col-md-6"),
                Column("back_title", css_class="col-md-4"),
            ),
            Row(Column("position", css_class="col-md-6"), Column("division", css_class="col-md-6")),
            Row(
                Column("role", css_class="col-md-4"),
                Column("employment_type", css_class="col-md-4"),
                Column("nip", css_class="col-md-4")
                if not erased
                else HTML(
                    format_html(
                        '<div class="col-md-4"><p class="form-text">{}</p></div>',
                        _("NIP, telepon dan e-mail: %(reason)s.")
                        % {"reason": self.instance.get_contact_erasure_display()},
                    )
                ),
            ),
            *(
                []
                if erased
                else [
                    Row(
                        Column("phone", css_class="col-md-4"),
                        Column("email", css_class="col-md-8"),
                    )
                ]
            ),
        )

    def clean_nip(self):
        return "".join(self.cleaned_data["nip"].split())


class ParticipantImportForm(forms.Form):
    APPEND, REPLACE = "append", "replace"

    file = forms.FileField(
        label=gettext_lazy("Berkas XLSX atau CSV"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet,text/csv"
            }
        ),
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Cara impor"),
        widget=forms.RadioSelect,
        initial=APPEND,
        choices=[
            (APPEND, gettext_lazy("Tambahkan ke daftar yang ada")),
            (REPLACE, gettext_lazy("Ganti semua peserta pihak kami dengan isi berkas")),
        ],
    )

    def __init__(self, *args, can_replace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Paling besar %(size)s MB dan %(rows)s baris. Seluruh isi berkas diperiksa dulu; "
            "jika ada satu baris yang salah, tidak ada yang diimpor."
        ) % {
            "size": MAX_UPLOAD_BYTES // 1024 // 1024,
            "rows": number_format(MAX_ROWS, force_grouping=True),
        }
        if not can_replace:
            self.fields["mode"].choices = self.fields["mode"].choices[:1]
            self.fields["mode"].help_text = _(
                "Kunjungan sudah terlaksana: daftar hanya dapat ditambah, tidak diganti."
            )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("Berkas terlalu besar. Ukuran berkas paling besar %(size)s MB.")
                % {"size": MAX_UPLOAD_BYTES // 1024 // 1024}
            )
        return upload


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0"), ("", "")],
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
    )


class AgendaItemForm(forms.ModelForm):
    """An agenda item; its times are typed in the host agency's time zone
    (the zone is named on the form) and stored as aware datetimes."""

    day = forms.TypedChoiceField(label=gettext_lazy("Tanggal"), coerce=datetime.date.fromisoformat)
    start_time = forms.TimeField(
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_time = forms.TimeField(
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "place", "speaker"]

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.tz = visit.host.tzinfo
        zone = visit.host.time_zone
        days = _visit_days(visit)
        if self.instance.pk is not None:
            start = timezone.localtime(self.instance.start, self.tz)
            if start.date() not in days:
                days = sorted({*days, start.date()})
            self.initial.update(day=start.date().isoformat(), start_time=start.time())
            if self.instance.end:
                self.initial["end_time"] = timezone.localtime(self.instance.end, self.tz).time()
        else:
            free = _next_free_moment(visit)
            day = free.date() if free.date() in days else days[0]
            self.initial.update(day=day.isoformat(), start_time=free.time())
        self.fields["day"].choices = [
            (day.isoformat(), date_format(day, "l, j F Y")) for day in days
        ]
        self.fields["start_time"].label = _("Mulai (%(zone)s)") % {"zone": zone}
        self.fields["end_time"].label = _("Selesai (%(zone)s)") % {"zone": zone}
        self.fields["end_time"].help_text = _("Boleh kosong.")
        self.fields["speaker"].help_text = _("Nama dan jabatan, misalnya: Syahrial Hamid, Kabid.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("day", css_class="col-md-6"),
                Column("start_time", css_class="col-md-3"),
                Column("end_time", css_class="col-md-3"),
            ),
            Row(Column("kind", css_class="col-md-4"), Column("title", css_class="col-md-8")),
            Row(Column("place", css_class="col-md-6"), Column("speaker", css_class="col-md-6")),
        )

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start:
            self.instance.start = datetime.datetime.combine(day, start, tzinfo=self.tz)
            self.instance.end = (
                datetime.datetime.combine(day, end, tzinfo=self.tz) if end is not None else None
            )
            if end is not None and end < start:
                self.add_error("end_time", _("Waktu selesai tidak boleh sebelum waktu mulai."))
        return cleaned


def _next_free_moment(visit):
    """When a new agenda item most likely starts, in the host's zone: when the
    last one ends, or when the visit starts."""
    last = visit.agenda_items.order_by("-start").first()
    moment = (last.end or last.start) if last is not None else visit.start
    return timezone.localtime(moment, visit.host.tzinfo)


def _visit_days(visit, limit=31):
    """The days of the visit in the host's zone (a visit lasts a few days)."""
    first = timezone.localtime(visit.start, visit.host.tzinfo).date()
    last = timezone.localtime(visit.end, visit.host.tzinfo).date()
    count = min((last - first).days, limit - 1) + 1
    return [first + datetime.timedelta(days=n) for n in range(max(count, 1))]


# --- Participants -------------------------------------------------------------


@cache_control(private=True, no_store=True)
@require_GET
def participants(request, pk):
    """Both sides' people, searchable and paginated; each agency changes its own."""
    visit = get_visit_for_user(request, pk)
    filters = ListFilterForm(request.GET)
    queryset = filters.filter(visit.participants.all())
    page = Paginator(queryset, PAGE_SIZE).get_page(page_number(request.GET))
    rows = list(page.object_list)
    counts = visit.participants.aggregate(
        visitor=Count("pk", filter=Q(side=Side.VISITOR)),
        host=Count("pk", filter=Q(side=Side.HOST)),
    )
    context = {
        "visit": visit,
        "filters": filters,
        "page": page,
        "visitor_participants": [p for p in rows if p.side == Side.VISITOR],
        "host_participants": [p for p in rows if p.side == Side.HOST],
        "counts": counts,
        "filtered": filters.is_filtered(),
        "side_filter": filters.cleaned_data.get("side", "") if filters.is_valid() else "",
        "tab": "participants",
        **_flags(request.user, visit),
    }
    return render(request, "visits/participants.html", context)


def _participants_url(visit, participant=None):
    url = reverse("visits:participants", args=[visit.pk])
    return f"{url}#p{participant.pk}" if participant is not None else url


def participant_add(request, pk):
    visit = get_visit_for_user(request, pk, check=_can_edit_own_side)
    side = side_of(request.user, visit)
    participant = Participant(visit=visit, side=side)
    form = ParticipantForm(request.POST or None, instance=participant, side=side)
    if request.method == "POST" and form.is_valid():
        try:
            delegation.participant_save(participant=form.instance, by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s ditambahkan.") % {"name": form.instance.full_name}
            )
            if "add_another" in request.POST:
                return redirect("visits:participant_add", visit.pk)
            return redirect(_participants_url(visit, form.instance))
    return render(
        request,
        "visits/participant_form.html",
        {"visit": visit, "form": form, "side": side, "tab": "participants"},
    )


def participant_edit(request, pk, participant_pk):
    """Change a participant of the user's own side; a save over someone
    else's change made since the page opened is refused (409) with both
    versions shown."""
    visit, participant = _participant_for(request, pk, participant_pk)
    edit_guard = EditGuard(request, about=participant, values=delegation.participant_values)
    form = ParticipantForm(request.POST or None, instance=participant, side=participant.side)
    if request.method == "POST" and form.is_valid():
        try:
            delegation.participant_save(
                participant=form.instance, by=request.user, version=edit_guard.version
            )
        except EditConflict as conflict:
            edit_guard.conflict = conflict
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Data %(name)s disimpan.") % {"name": participant.full_name}
            )
            return redirect(_participants_url(visit, participant))
    return render_edit(
        request,
        "visits/participant_form.html",
        {
            "visit": visit,
            "form": form,
            "side": participant.side,
            "participant": participant,
            "tab": "participants",
        },
        edit_guard,
    )


@require_POST
def participant_delete(request, pk, participant_pk):
    visit, participant = _participant_for(request, pk, participant_pk)
    try:
        delegation.participant_delete(participant=participant, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        if request.htmx:
            return HttpResponseClientRedirect(_participants_url(visit))
        return redirect(_participants_url(visit))
    if request.htmx:
        # The row disappears (hx-swap="delete"); the side's head count follows.
        return render(
            request,
            "visits/participants.html#side-count",
            {
                "side": participant.side,
                "count": visit.participants.filter(side=participant.side).count(),
                "oob": True,
            },
        )
    messages.success(request, _("%(name)s dihapus dari daftar.") % {"name": participant.full_name})
    return redirect(_participants_url(visit))


@require_POST
def participant_make_head(request, pk, participant_pk):
    visit, participant = _participant_for(request, pk, participant_pk)
    previous = visit.participants.filter(role=DelegationRole.HEAD).exclude(pk=participant.pk)
    previous = previous.first()
    try:
        delegation.participant_make_head(participant=participant, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if previous is not None:
            message = _("%(name)s kini ketua rombongan; %(previous)s menjadi anggota.") % {
                "name": participant.full_name,
                "previous": previous.full_name,
            }
        else:
            message = _("%(name)s kini ketua rombongan.") % {"name": participant.full_name}
        messages.success(request, message)
    return redirect(_participants_url(visit, participant))


def participant_import(request, pk):
    """Import the user's own side from a CSV or XLSX sheet: all rows or none."""
    visit = get_visit_for_user(request, pk, check=_can_edit_own_side)
    side = side_of(request.user, visit)
    can_replace = permissions.can_remove_participants(request.user, visit, side)
    form = ParticipantImportForm(
        request.POST or None, request.FILES or None, can_replace=can_replace
    )
    problems, problem_count = [], 0
    if request.method == "POST" and form.is_valid():
        replace = form.cleaned_data["mode"] == ParticipantImportForm.REPLACE
        upload = form.cleaned_data["file"]
        known = delegation.registered_nips(visit, replacing_side=side if replace else None)
        try:
            result = read_participant_sheet(
                upload.read(), filename=upload.name, side=side, existing_nips=known
            )
        except SheetError as error:
            form.add_error("file", error.message)
        else:
            if result.ok:
                try:
                    count = delegation.participants_import(
                        visit=visit,
                        side=side,
                        participants=result.participants,
                        replace=replace,
                        by=request.user,
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(
                        request,
                        _("%(count)s peserta diimpor dari %(file)s.")
                        % {"count": count, "file": upload.name},
                    )
                    if result.ignored_columns:
                        messages.info(
                            request,
                            _("Kolom yang tidak dikenal dan diabaikan: %(columns)s.")
                            % {"columns": ", ".join(result.ignored_columns)},
                        )
                    return redirect(_participants_url(visit))
            else:
                problem_count = len(result.problems)
                problems = [str(problem) for problem in result.problems[:SHOWN_PROBLEMS]]
    return render(
        request,
        "visits/participant_import.html",
        {
            "visit": visit,
            "form": form,
            "side": side,
            "problems": problems,
            "problem_count": problem_count,
            "more_problems": max(problem_count - SHOWN_PROBLEMS, 0),
            "max_rows": MAX_ROWS,
            "headers": template_headers(side),
            "tab": "participants",
        },
    )


@require_GET
def participant_template(request, pk):
    """The blank sheet for the user's side: XLSX, or CSV with ``?format=csv``."""
    visit = get_visit_for_user(request, pk)
    side = side_of(request.user, visit)
    stem = "peserta-rombongan" if side == Side.VISITOR else "peserta-tuan-rumah"
    if TemplateFormatForm(request.GET).wants_csv():
        response = HttpResponse(template_csv(side), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="templat-{stem}.csv"'
    else:
        response = HttpResponse(
            template_xlsx(side),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="templat-{stem}.xlsx"'
    return response


# --- Attendance ---------------------------------------------------------------


def _attendance_counts(visit):
    counts = visit.participants.aggregate(
        total=Count("pk"),
        present=Count("pk", filter=Q(attended=True)),
        absent=Count("pk", filter=Q(attended=False)),
    )
    counts["unknown"] = counts["total"] - counts["present"] - counts["absent"]
    return counts


@cache_control(private=True, no_store=True)
@require_GET
def attendance(request, pk):
    """The checklist of the day: both sides, hadir / tidak hadir per person."""
    visit = get_visit_for_user(request, pk)
    filters = AttendanceFilterForm(request.GET)
    page = Paginator(filters.filter(visit.participants.all()), PAGE_SIZE).get_page(
        page_number(request.GET)
    )
    rows = list(page.object_list)
    context = {
        "visit": visit,
        "filters": filters,
        "page": page,
        "visitor_participants": [p for p in rows if p.side == Side.VISITOR],
        "host_participants": [p for p in rows if p.side == Side.HOST],
        "counts": _attendance_counts(visit),
        "filtered": filters.is_filtered(),
        "side_filter": filters.cleaned_data.get("side", "") if filters.is_valid() else "",
        "can_mark_attendance": can_mark_attendance(request.user, visit),
        "back_url": request.get_full_path(),
        "tab": "attendance",
    }
    return render(request, "visits/attendance.html", context)


@require_POST
def attendance_mark(request, pk, participant_pk):
    visit = get_visit_for_user(request, pk, check=can_mark_attendance)
    participant = get_object_or_404(Participant, pk=participant_pk, visit=visit)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Nilai kehadiran tidak sah."))
    delegation.attendance_set(
        participant=participant, attended=form.cleaned_data["attended"], by=request.user
    )
    if request.htmx:
        return render(
            request,
            "visits/attendance.html#attendance-update",
            {
                "visit": visit,
                "participant": participant,
                "counts": _attendance_counts(visit),
                "can_mark_attendance": True,
                "back_url": request.htmx.current_url_abs_path or "",
            },
        )
    url = reverse("visits:attendance", args=[visit.pk])
    back = next_path(request.POST)
    if back.startswith(url) and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        url = back
    return redirect(f"{url}#p{participant.pk}")


# --- Agenda -------------------------------------------------------------------


@require_GET
def agenda(request, pk):
    visit = get_visit_for_user(request, pk)
    return render(
        request,
        "visits/agenda.html",
        {
            "visit": visit,
            "agenda_items": visit.agenda_items.all(),
            "can_edit_agenda": can_edit_agenda(request.user, visit),
            "tab": "agenda",
        },
    )


def _agenda_form_page(request, visit, item):
    edit_guard = None
    if item.pk is not None:
        edit_guard = EditGuard(
            request,
            about=item,
            values=lambda stored: delegation.agenda_item_values(stored, visit=visit),
        )
    form = AgendaItemForm(request.POST or None, instance=item, visit=visit)
    if request.method == "POST" and form.is_valid():
        try:
            delegation.agenda_item_save(
                item=form.instance,
                by=request.user,
                version=edit_guard.version if edit_guard else None,
            )
        except EditConflict as conflict:
            edit_guard.conflict = conflict
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Acara «%(title)s» disimpan.") % {"title": item.title})
            if "add_another" in request.POST:
                return redirect("visits:agenda_add", visit.pk)
            return redirect(reverse("visits:agenda", args=[visit.pk]) + f"#a{item.pk}")
    return render_edit(
        request,
        "visits/agenda_form.html",
        {
            "visit": visit,
            "form": form,
            "item": item,
            "agenda_items": visit.agenda_items.all(),
            "can_edit_agenda": True,
            "tab": "agenda",
        },
        edit_guard,
    )


def agenda_add(request, pk):
    visit = get_visit_for_user(request, pk, check=can_edit_agenda)
    return _agenda_form_page(request, visit, AgendaItem(visit=visit))


def agenda_edit(request, pk, item_pk):
    visit = get_visit_for_user(request, pk, check=can_edit_agenda)
    item = get_object_or_404(AgendaItem, pk=item_pk, visit=visit)
    return _agenda_form_page(request, visit, item)


@require_POST
def agenda_delete(request, pk, item_pk):
    visit = get_visit_for_user(request, pk, check=can_edit_agenda)
    item = get_object_or_404(AgendaItem, pk=item_pk, visit=visit)
    delegation.agenda_item_delete(item=item, by=request.user)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("Acara «%(title)s» dihapus.") % {"title": item.title})
    return redirect("visits:agenda", visit.pk)
