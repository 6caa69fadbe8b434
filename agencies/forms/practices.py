"""The form of a good practice, as its agency describes it."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import GoodPractice, Topic


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
