"""Django's own ``|date`` and ``|time`` filters, memoised like the rest of
``studitiru.dates``: installed as template builtins (settings.TEMPLATES,
"builtins"), so every ``|date:"…"`` of every template uses them without a
``{% load %}``, and writes byte for byte what Django's would."""

from django import template
from django.template import defaultfilters

from studitiru.dates import memoised

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    if value in (None, ""):
        return ""
    return memoised(defaultfilters.date, value, arg)


@register.filter(expects_localtime=True, is_safe=False)
def time(value, arg=None):
    if value in (None, ""):
        return ""
    return memoised(defaultfilters.time, value, arg)
