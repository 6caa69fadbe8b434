"""Published reports for everyone, no login: the news list, the news page and
the RSS and Atom feeds.

Only published reports show, and nothing personal of the participants: no
names from the delegation lists, no NIP, phone or e-mail, only how many people
came from each side. What the report's own writers chose to publish (their
text, quotes, photos and captions, the authors' names) is shown as written,
escaped.
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from pagecache.pages import Scope, cached_page
from studitiru.links import absolute_url
from studitiru.pagination import paginate
from visits.models import Side

from ..filters import NewsFilter
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


def public_page(request, *args, **kwargs) -> Scope:
    """The page cache's scope of a public page: the public stamp."""
    return Scope(public=True)


@login_not_required
@require_safe
@cached_page(public_page)
def news_list(request):
    filters = NewsFilter(request.GET, published_reports())  # the valid fields still filter
    reports = with_cover_photo(filters.qs.defer(*LIST_DEFERRED))
    page = paginate(request, reports, PAGE_SIZE)
    for report in page.object_list:
        report.news_url = report.get_public_url()
        report.teaser = teaser(report)
    context = {
        "form": filters.form,
        "page": page,
        "reports": page.object_list,
        "is_filtered": filters.is_filtered(),
    }
    return render(request, "reports/public/news_list.html", context)


@login_not_required
@require_safe
@cached_page(public_page)
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
        "canonical_url": absolute_url(path),
        "image_url": (absolute_url("reports:photo_file", photos[0].pk, "asli") if photos else ""),
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
