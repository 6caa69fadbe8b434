"""Published reports for everyone, no login: the news list, the news page and
the RSS and Atom feeds.

Only published reports show, and nothing personal of the participants: no
names from the delegation lists, no NIP, phone or e-mail, only how many people
came from each side. What the report's own writers chose to publish (their
text, quotes, photos and captions, the authors' names) is shown as written,
escaped.
"""

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from agencies.models import Province
from studitiru.query import page_number
from visits.feeds import portal_url
from visits.models import Side, Topic, VisitTopic

from ..selectors import published_reports, was_unpublished, with_cover_photo

PAGE_SIZE = 12
FEED_SIZE = 20
# Words of the report's text on a news card when it has no summary.
TEASER_WORDS = 30
DESCRIPTION_CHARS = 200
# Text fields the news list never shows: left in the database.
LIST_DEFERRED = (
    "purpose",
    "scope",
    "basis",
    "conclusion",
    "recommendations",
    "closing",
    "signatory_name",
    "signatory_position",
    "signatory_nip",
)


def teaser(report, words=TEASER_WORDS) -> str:
    """The summary, or the first words of the report's text."""
    text = report.summary or report.general or report.activities
    return Truncator(" ".join(text.split())).words(words)


class NewsFilterForm(forms.Form):
    """Search and filters of the news list, from the query string. A value
    that does not validate is ignored."""

    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Judul, instansi, topik…")}
        ),
    )
    topik = forms.ModelChoiceField(
        label=_("Topik"),
        queryset=Topic.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("Semua topik"),
    )
    provinsi = forms.ModelChoiceField(
        label=_("Provinsi"),
        queryset=Province.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("Semua provinsi"),
    )

    def filter(self, reports):
        data = self.cleaned_data if self.is_bound else {}
        for word in (data.get("q") or "").split():
            reports = reports.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(agency__name__icontains=word)
                | Q(visit__host__name__icontains=word)
                | Q(visit__visitor__name__icontains=word)
                | Exists(
                    VisitTopic.objects.filter(visit=OuterRef("visit")).filter(
                        Q(topic__code__iexact=word) | Q(topic__name__icontains=word)
                    )
                )
            )
        if topic := data.get("topik"):
            # A renamed programme's older reports count too (DTKS under DTSEN).
            reports = reports.filter(
                Exists(
                    VisitTopic.objects.filter(visit=OuterRef("visit")).filter(
                        Q(topic=topic) | Q(topic__successor=topic)
                    )
                )
            )
        if province := data.get("provinsi"):
            reports = reports.filter(
                Q(visit__host__province=province) | Q(visit__visitor__province=province)
            )
        return reports


@login_not_required
@require_safe
def news_list(request):
    form = NewsFilterForm(request.GET)
    form.is_valid()  # the fields that validate still filter
    reports = with_cover_photo(form.filter(published_reports()).defer(*LIST_DEFERRED))
    page = Paginator(reports, PAGE_SIZE).get_page(page_number(request.GET, "halaman"))
    for report in page.object_list:
        report.news_url = report.get_public_url()
        report.teaser = teaser(report)
    context = {
        "form": form,
        "page": page,
        "reports": page.object_list,
        "is_filtered": any(value not in (None, "") for value in form.cleaned_data.values()),
    }
    return render(request, "reports/public/news_list.html", context)


@login_not_required
@require_safe
def news_detail(request, pk, slug):
    """A published report as a news page; another address of it (an old or
    mistyped slug) redirects to the one address, anything unpublished is 404
    — or 410 Gone once its agency has taken it off the public pages."""
    report = published_reports().filter(pk=pk).first()
    if report is None:
        if was_unpublished(pk):
            return render(request, "reports/public/news_gone.html", status=410)
        raise Http404
    path = report.get_public_url()
    if slug != report.public_slug:
        return redirect(path, permanent=True)
    visit = report.visit
    photos = list(report.photos.all())
    # How many people came, per side; who they were is not public.
    attended = ~Q(attended=False)
    counts = visit.participants.aggregate(
        visitors=Count("pk", filter=Q(side=Side.VISITOR) & attended),
        hosts=Count("pk", filter=Q(side=Side.HOST) & attended),
    )
    context = {
        "report": report,
        "visit": visit,
        "topics": [visit_topic.topic for visit_topic in visit.visit_topics.all()],
        "venues": visit.venues.all(),
        "findings": report.findings.select_related("topic").exclude(text=""),
        "quotes": report.quotes.all(),
        "authors": report.authors.all(),
        "photos": photos,
        "can_manage_photos": False,
        "visitor_count": counts["visitors"],
        "host_count": counts["hosts"],
        "description": Truncator(teaser(report, words=60)).chars(DESCRIPTION_CHARS),
        "canonical_url": portal_url(path),
        "image_url": (
            portal_url(reverse("reports:photo_file", args=[photos[0].pk, "asli"])) if photos else ""
        ),
    }
    return render(request, "reports/public/news_detail.html", context)


class LatestReportsRss(Feed):
    """The newest published reports as RSS 2.0, for readers and agency websites."""

    login_required = False  # read by feed readers, which do not log in
    title = _("Berita studi tiru — Portal Studi Tiru")
    description = _("Laporan studi tiru antar Dinas Sosial yang telah diterbitkan.")

    def link(self):
        return reverse("reports:news_list")

    def items(self):
        return published_reports()[:FEED_SIZE]

    def item_title(self, item):
        # Feed readers treat titles as HTML: escaped once more (Django's default).
        return escape(item.title)

    def item_description(self, item):
        return escape(teaser(item, words=60))

    def item_link(self, item):
        return item.get_public_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.agency.name

    def item_categories(self, item):
        return [visit_topic.topic.code for visit_topic in item.visit.visit_topics.all()]


class LatestReportsAtom(LatestReportsRss):
    """The same as Atom 1.0."""

    feed_type = Atom1Feed
    subtitle = LatestReportsRss.description
