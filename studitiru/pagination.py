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
from django.core.paginator import Paginator

from .query import page_number

PAGE_PARAMETER = "halaman"

register = template.Library()


def paginate(request, queryset, per_page, *, prefix=""):
    """The page of ``queryset`` the query string asks for: the first when it
    asks for none or for something that is not a page number, the last when
    it asks for one past the end. The page keeps its parameter's name
    (``page.parameter``) for the partial's links."""
    parameter = f"{PAGE_PARAMETER}_{prefix}" if prefix else PAGE_PARAMETER
    page = Paginator(queryset, per_page).get_page(page_number(request.GET, parameter))
    page.parameter = parameter
    return page


@register.simple_tag(takes_context=True)
def page_url(context, page, number):
    """The current address's query string with ``page``'s parameter set to
    ``number``: the other parameters (the filters, another list's page) stay."""
    query = context.request.GET.copy()
    query[getattr(page, "parameter", PAGE_PARAMETER)] = number
    return f"?{query.urlencode()}"
