"""``{% load privacy %}``: the menu asks whether to show "Data pribadi"."""

from django import template

from ..permissions import can_handle_personal_data as _can_handle

register = template.Library()


@register.filter
def can_handle_personal_data(user) -> bool:
    return _can_handle(user)
