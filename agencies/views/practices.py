"""The good-practice directory: what agencies can show visitors, by topic.

Anyone logged in browses the active practices by topic, province and free
text, and asks to visit from a practice ("Ajukan studi tiru"). An agency's
schedulers add, edit and deactivate their own agency's practices; the writes
go through ``agencies.practices``.

The topic catalogue lives in ``visits``, which imports ``agencies``: the model
is looked up through the practice's foreign key, never imported here.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from edits.guard import EditConflict, EditGuard, render_edit

from ..models import GoodPractice, Province
from ..permissions import (
    agency_of,
    can_manage_practices,
    can_schedule,
    get_practice_for_user,
    membership_of,
    require_membership,
)
from ..practices import (
    create_practice,
    deactivate_practice,
    practice_values,
    topic_lineage,
    topics_matching,
    update_practice,
)

PAGE_SIZE = 20


def _topic_model():
    return GoodPractice._meta.get_field("topic").related_model


# --- Forms ----------------------------------------------------------------------


class DirectoryFilterForm(forms.Form):
    """The directory's GET filters. Choices come from lists the view has
    already loaded, so validating costs no query."""

    q = forms.CharField(
        label=gettext_lazy("Cari"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("Judul, uraian atau instansi")}
        ),
    )
    topic = forms.ChoiceField(label=gettext_lazy("Topik"), required=False)
    province = forms.ChoiceField(label=gettext_lazy("Provinsi"), required=False)
    mine = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, topics, provinces):
        super().__init__(data)
        self.fields["topic"].choices = [("", _("Semua topik"))] + [
            (t.code, f"{t.code} — {t.name}") for t in topics if t.is_active
        ]
        self.fields["province"].choices = [("", _("Semua provinsi"))] + [
            (p.code, p.name) for p in provinces
        ]


class PracticeForm(forms.ModelForm):
    """A practice as its agency describes it. The topic list offers the active
    topics (and the practice's current one, should it have been retired)."""

    class Meta:
        model = GoodPractice
        fields = ["topic", "title", "description", "location", "contact", "is_active"]
        labels = {"is_active": gettext_lazy("Tampilkan di direktori praktik baik")}
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "title": gettext_lazy("Misalnya: SLRT terintegrasi Puskesos kelurahan."),
            "description": gettext_lazy(
                "Apa yang dapat dipelajari pengunjung: cara kerja, dasar hukum, hasilnya."
            ),
            "contact": gettext_lazy("Bidang atau pejabat yang dapat dihubungi."),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        Topic = _topic_model()
        current = Q(pk=self.instance.topic_id) if self.instance.topic_id else Q(pk__in=[])
        self.fields["topic"].queryset = Topic.objects.filter(Q(is_active=True) | current)
        self.fields["topic"].empty_label = _("— Pilih topik —")
        if self.instance.pk is None:
            # A new practice is shown at once; hiding it is for later.
            del self.fields["is_active"]

    def clean(self):
        cleaned = super().clean()
        topic, title = cleaned.get("topic"), cleaned.get("title")
        if topic and title:
            duplicates = GoodPractice.objects.filter(
                agency=self.agency, topic=topic, title__iexact=title
            ).exclude(pk=self.instance.pk)
            if duplicates.exists():
                self.add_error(
                    "title",
                    _("Instansi Anda sudah mempunyai praktik baik berjudul ini untuk topik ini."),
                )
        return cleaned


# --- Views ----------------------------------------------------------------------


def practice_list(request):
    """The directory: active practices of active agencies, filtered by topic
    (with the topics it was renamed from or into), province and free text;
    with ``mine=1`` a member sees their own agency's practices, hidden ones too.

    Queries: the topic catalogue, the provinces, the count and the page."""
    topics = list(_topic_model().objects.all())
    provinces = list(Province.objects.all())
    form = DirectoryFilterForm(request.GET, topics=topics, provinces=provinces)
    form.is_valid()  # an invalid filter shows its message and is ignored
    filters = form.cleaned_data
    membership = membership_of(request.user)
    mine = bool(filters.get("mine")) and membership is not None

    practices = GoodPractice.objects.select_related("agency__province", "topic")
    if mine:
        practices = practices.filter(agency=membership.agency)
    else:
        practices = practices.filter(is_active=True, agency__is_active=True)

    topic = next((t for t in topics if t.code == filters.get("topic")), None)
    related_topics = []
    if topic is not None:
        lineage = topic_lineage(topic, topics)
        practices = practices.filter(topic_id__in=lineage)
        related_topics = [t for t in topics if t.pk in lineage and t.pk != topic.pk]
    if filters.get("province"):
        practices = practices.filter(agency__province__code=filters["province"])
    for word in filters.get("q", "").split():
        practices = practices.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(location__icontains=word)
            | Q(agency__name__icontains=word)
            | Q(agency__short_name__icontains=word)
            | Q(topic_id__in=topics_matching(word, topics))
        )
    practices = practices.order_by("agency__name", "title", "pk")

    page = Paginator(practices, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "mine": mine,
        "membership": membership,
        "topic": topic,
        "related_topics": related_topics,
        "is_filtered": any(filters.get(name) for name in ("q", "topic", "province")),
        "can_add": membership is not None and can_manage_practices(request.user, membership.agency),
    }
    return render(request, "agencies/practice_list.html", context)


def practice_detail(request, pk):
    """Everything about one practice, and the way to ask to visit it."""
    practice = get_practice_for_user(request, pk)
    if not practice.agency.is_active:
        raise Http404
    agency = agency_of(request.user)
    own = agency is not None and agency.pk == practice.agency_id
    context = {
        "practice": practice,
        "own": own,
        "can_request": not own and can_schedule(request.user, agency),
        "can_manage": own and can_manage_practices(request.user, agency),
    }
    return render(request, "agencies/practice_detail.html", context)


def practice_create(request):
    membership = require_membership(request)
    agency = membership.agency
    if not can_manage_practices(request.user, agency):
        raise PermissionDenied
    form = PracticeForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            practice = create_practice(agency=agency, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Praktik baik ditambahkan ke direktori."))
            return redirect("agencies:practice_detail", pk=practice.pk)
    return render(
        request, "agencies/practice_form.html", {"form": form, "practice": None, "agency": agency}
    )


def practice_edit(request, pk):
    practice = get_practice_for_user(request, pk, write=True)
    # The form writes into its instance while validating; the page keeps
    # showing the saved title and visibility.
    saved = GoodPractice(title=practice.title, is_active=practice.is_active)
    edit_guard = EditGuard(request, about=practice, values=practice_values)
    form = PracticeForm(request.POST or None, instance=practice, agency=practice.agency)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields}
        try:
            update_practice(
                practice=practice, by=request.user, version=edit_guard.version, **changes
            )
        except EditConflict as conflict:
            edit_guard.conflict = conflict
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Perubahan praktik baik disimpan."))
            if practice.is_active:
                return redirect("agencies:practice_detail", pk=practice.pk)
            return redirect(reverse("agencies:practices") + "?mine=1")
    context = {
        "form": form,
        "practice": practice,
        "saved": saved,
        "agency": practice.agency,
    }
    return render_edit(request, "agencies/practice_form.html", context, edit_guard)


@require_POST
def practice_deactivate(request, pk):
    practice = get_practice_for_user(request, pk, write=True)
    deactivate_practice(practice=practice, by=request.user)
    messages.success(
        request,
        _(
            "“%(title)s” tidak lagi ditampilkan di direktori. Anda dapat menampilkannya "
            "kembali dari formulir ubah."
        )
        % {"title": practice.title},
    )
    return redirect(reverse("agencies:practices") + "?mine=1")
