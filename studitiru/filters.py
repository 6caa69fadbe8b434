"""The base of every list filter of the portal (django-filter).

A list page reads its filters from the query string through a ``FilterSet``
whose form validates every value: a NUL byte, an endless string or an
unknown code becomes a message on the form, and the filters that did
validate still narrow the list (``FilterSet.qs`` filters by the form's
``cleaned_data``, which holds only the valid fields).

The shared parameters keep one meaning and one look everywhere:

- ``q``: words; each word must match one of the set's ``search_fields``
  (``search_condition`` builds the match, a set may add to it), or the
  whole text as one phrase (``whole_phrase``);
- ``topik``: a topic by its code, and the rows of every name a renamed
  programme had (DTKS and DTSEN find each other) — ``filter_topic``, through
  the one home of that rule, ``agencies.models.Topic.objects.lineage``;
- ``provinsi``: a province by its code, in any of the set's ``province_fields``.

This module imports no app of the portal: the topic and province querysets
are passed in by the app that declares the filter (``topic_filter``,
``province_filter``), so agencies, visits and reports can all build on it.
"""

import operator
from functools import reduce

import django_filters
from django import forms
from django.db.models import Exists, Q
from django.utils.translation import gettext_lazy as _

# Longer than anything a person types into a search box.
MAX_QUERY_LENGTH = 200
SEARCH_LABEL = _("Cari")


class FilterBoundField(forms.BoundField):
    """A filter's field with Bootstrap's classes on its widget (``form-select``
    or ``form-control``, ``is-invalid`` on an error; Django adds
    ``aria-invalid`` and ``aria-describedby``), drawn by
    ``templates/_filter_field.html``: what crispy-forms drew, without its
    cost (a fifth of the visit list's CPU)."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        look = "form-select" if isinstance(widget, forms.Select) else "form-control"
        classes = (widget.attrs.get("class"), look, "is-invalid" if self.errors else None)
        attrs["class"] = " ".join(name for name in classes if name)
        return attrs


class FilterForm(forms.Form):
    """The form of a filter bar drawn field by field with ``_filter_field.html``."""

    bound_field_class = FilterBoundField


def search_filter(placeholder, *, max_length=MAX_QUERY_LENGTH, label=SEARCH_LABEL):
    """The ``q`` box: a search input whose words each must match."""
    return django_filters.CharFilter(
        label=label,
        method="filter_words",
        max_length=max_length,
        widget=forms.TextInput(attrs={"placeholder": placeholder, "type": "search"}),
    )


def status_filter(choices, **kwargs):
    """The ``status`` select: ``choices`` of states (and groups of them)."""
    options = {"label": _("Status"), "empty_label": _("Semua status")} | kwargs
    return django_filters.ChoiceFilter(choices=choices, **options)


def topic_filter(queryset, **kwargs):
    """The ``topik`` select: ``queryset`` of topics, chosen by code."""
    options = {"label": _("Topik"), "empty_label": _("Semua topik")} | kwargs
    return django_filters.ModelChoiceFilter(
        queryset=queryset, to_field_name="code", method="filter_topic", **options
    )


def province_filter(queryset, **kwargs):
    """The ``provinsi`` select: ``queryset`` of provinces, chosen by code."""
    options = {"label": _("Provinsi"), "empty_label": _("Semua provinsi")} | kwargs
    return django_filters.ModelChoiceFilter(
        queryset=queryset, to_field_name="code", method="filter_province", **options
    )


def topic_condition(field, topic):
    """Rows whose ``field`` is ``topic`` or a topic it was renamed from or
    into: a subquery of the topic's own manager (``Topic.objects.lineage``)."""
    return Q(**{f"{field}__in": type(topic).objects.lineage(topic)})


def _any_of(conditions):
    return reduce(operator.or_, conditions)


class PortalFilterSet(django_filters.FilterSet):
    """A list's filters. Subclasses declare their filters (with the helpers
    above for the shared ones) and name the paths these filter on."""

    # Lookups a word of ``q`` is looked for in (``icontains``).
    search_fields: tuple[str, ...] = ()
    # True: ``q`` is looked for as typed, one phrase (a person's name).
    whole_phrase = False
    # The path to the topic from the listed model, or ``topic_rows`` for
    # topics held by a through model.
    topic_field = "topic"
    # Paths to a province; a row matches when any of them is the province.
    province_fields: tuple[str, ...] = ()

    def search_condition(self, word):
        """The rows one word of ``q`` matches."""
        return _any_of(Q(**{f"{field}__icontains": word}) for field in self.search_fields)

    def filter_words(self, queryset, name, value):
        for word in [value] if self.whole_phrase else value.split():
            queryset = queryset.filter(self.search_condition(word))
        return queryset

    def keep(self, queryset, name, value):
        """The method of a parameter that the view reads, not a filter."""
        return queryset

    def topic_rows(self):
        """Rows linking the listed row to its topics, correlated with
        ``OuterRef``; None when the listed model has the topic itself."""
        return None

    def filter_topic(self, queryset, name, topic):
        rows = self.topic_rows()
        if rows is None:
            return queryset.filter(topic_condition(self.topic_field, topic))
        return queryset.filter(Exists(rows.filter(topic_condition("topic", topic))))

    def filter_province(self, queryset, name, province):
        return queryset.filter(_any_of(Q(**{field: province}) for field in self.province_fields))

    def is_filtered(self, *, ignore=()):
        """Whether a valid value narrows the list (an invalid one is ignored)."""
        self.form.is_valid()
        return any(
            value not in (None, "", False)
            for name, value in self.form.cleaned_data.items()
            if name not in ignore
        )
