"""Published reports for everyone: news pages and feeds (stubs until built)."""

from django.contrib.syndication.views import Feed
from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


news_list = news_detail = _todo


class LatestReportsRss(Feed):
    def __call__(self, request, *args, **kwargs):
        raise Http404


class LatestReportsAtom(LatestReportsRss):
    pass
