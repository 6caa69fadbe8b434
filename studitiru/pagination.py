"""One way to paginate a list page.

``paginate`` reads the page number from the query parameter ``halaman``
(through a form: ``studitiru.query.page_number``) and the one partial,
``templates/_pagination.html``, draws the links (``{% page_url %}``, the
template library ``pagination`` of this module). A page with two paginated
lists names the second one's parameter ``halaman_<list>`` (the team page:
``halaman`` for the members, ``halaman_undangan`` for the invitations), so
that each list keeps its page while the other one moves.
"""

from django import template
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

from pagecache.rows import forget

from .query import page_number

PAGE_PARAMETER = "halaman"

register = template.Library()


def paginate(request, queryset, per_page, *, prefix="", count_in_page=False):
    """The page of ``queryset`` the query string asks for: the first when it
    asks for none or for something that is not a page number, the last when
    it asks for one past the end. The page keeps its parameter's name
    (``page.parameter``) for the partial's links.

    ``count_in_page`` reads the total in the page's own query (a window
    count) instead of a query of its own: for one agency's lists, a few
    hundred rows that the page's sort reads anyway; never for the public
    news list, whose page reads 20 of 16,000 rows through an index and whose
    window would read them all."""
    parameter = f"{PAGE_PARAMETER}_{prefix}" if prefix else PAGE_PARAMETER
    number = page_number(request.GET, parameter)
    paginator = Paginator(queryset, per_page)
    page = _counted_page(paginator, number) if count_in_page else None
    if page is None:
        page = paginator.get_page(number)
    page.parameter = parameter
    return page


def _counted_page(paginator, number):
    """Page ``number`` with the paginator's count read from its rows, or None
    when the page has no rows (past the end: ``get_page`` finds the last)."""
    number = number if isinstance(number, int) and number >= 1 else 1
    start = (number - 1) * paginator.per_page
    rows = list(
        paginator.object_list.annotate(total_rows=Window(Count("pk")))[
            start : start + paginator.per_page
        ]
    )
    if not rows and number > 1:
        return None
    paginator.count = rows[0].total_rows if rows else 0
    forget(rows, "total_rows")
    return Page(rows, number, paginator)


@register.simple_tag(takes_context=True)
def page_url(context, page, number):
    """The current address's query string with ``page``'s parameter set to
    ``number``: the other parameters (the filters, another list's page) stay."""
    query = context.request.GET.copy()
    query[getattr(page, "parameter", PAGE_PARAMETER)] = number
    return f"?{query.urlencode()}"
