"""Forms of the agencies app that are not about accounts or members
(``account_forms.py``, ``member_forms.py``): a good practice, and the
agency search of the select widgets."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import GoodPractice, Topic

# A query is a few words of a name; more only make the SQL longer.
MAX_WORDS = 8
MAX_QUERY_LENGTH = 100


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


class SearchForm(forms.Form):
    """``?q=…&lain=1&nilai=id``. A NUL byte is refused (PostgreSQL refuses it
    in a parameter); a query longer than a name is cut, as before."""

    q = forms.CharField(required=False, strip=False)
    lain = forms.ChoiceField(choices=[("", ""), ("1", "1")], required=False)
    nilai = forms.ChoiceField(choices=[("", ""), ("id", "id"), ("slug", "slug")], required=False)

    def clean_q(self):
        return self.cleaned_data["q"][:MAX_QUERY_LENGTH]

    def words(self):
        """The words of ``q``, at most ``MAX_WORDS``; none when it does not validate."""
        self.is_valid()
        # The label's parentheses, "(Jawa Tengah)", may come back typed.
        query = self.cleaned_data.get("q", "").replace("(", " ").replace(")", " ")
        return query.split()[:MAX_WORDS]
