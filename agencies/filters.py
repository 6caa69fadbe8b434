"""The filters of the good-practice directory and of the team list, on the
portal's base ``studitiru.filters.PortalFilterSet``."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from studitiru.filters import PortalFilterSet, search_filter

from .models import Role, Topic
from .practices import topics_matching


class FlagFilter(django_filters.Filter):
    """``?mine=1``: a yes/no the view reads; absent or empty is no."""

    field_class = forms.BooleanField


class DirectoryFilter(PortalFilterSet):
    """The directory's filters. Choices come from the topics and provinces
    the view has already loaded, so validating costs no query; the topic
    filter follows a programme through its renamings, both ways."""

    q = search_filter(_("Judul, uraian atau instansi"), max_length=100)
    topic = django_filters.ChoiceFilter(
        label=_("Topik"), method="filter_lineage", empty_label=_("Semua topik")
    )
    province = django_filters.ChoiceFilter(
        label=_("Provinsi"), field_name="agency__province__code", empty_label=_("Semua provinsi")
    )
    mine = FlagFilter(method="keep", widget=forms.HiddenInput)

    search_fields = ("title", "description", "location", "agency__name", "agency__short_name")

    def __init__(self, data, queryset, *, topics, provinces, membership):
        super().__init__(data, queryset)
        self.topics = topics
        self.membership = membership
        self.filters["topic"].extra["choices"] = [
            (t.code, f"{t.code} — {t.name}") for t in topics if t.is_active
        ]
        self.filters["province"].extra["choices"] = [(p.code, p.name) for p in provinces]

    @property
    def own_only(self):
        """With ``mine=1``, a member sees their own agency's practices, hidden ones too."""
        self.form.is_valid()
        return bool(self.form.cleaned_data.get("mine")) and self.membership is not None

    @property
    def chosen_topic(self):
        """The topic chosen, or None."""
        self.form.is_valid()
        code = self.form.cleaned_data.get("topic")
        return next((t for t in self.topics if t.code == code), None)

    def related_topics(self):
        """The topics the chosen one was renamed from or into."""
        topic = self.chosen_topic
        if topic is None:
            return []
        return list(Topic.objects.lineage(topic).exclude(pk=topic.pk))

    def search_condition(self, word):
        # "CSR" or "Puskesos" finds the practices of the topic so named.
        return super().search_condition(word) | Q(topic__in=topics_matching(word, self.topics))

    def filter_lineage(self, practices, name, code):
        # The choice is a code (from the loaded topics): the shared topic filter.
        return self.filter_topic(practices, name, self.chosen_topic)

    def filter_queryset(self, practices):
        if self.own_only:
            practices = practices.filter(agency=self.membership.agency)
        else:
            practices = practices.filter(is_active=True, agency__is_active=True)
        return super().filter_queryset(practices).order_by("agency__name", "title", "pk")


class TeamFilter(PortalFilterSet):
    """``?q=…&peran=…``: the team list's search and role filter. A value that
    does not validate (a NUL byte, a novel-length query) is not given."""

    q = search_filter(_("Nama, e-mail, jabatan"))
    peran = django_filters.ChoiceFilter(field_name="role", choices=Role.choices)

    search_fields = ("user__name", "user__email", "position", "division__name")
    whole_phrase = True

    def value(self, name):
        self.form.is_valid()
        return self.form.cleaned_data.get(name) or ""
