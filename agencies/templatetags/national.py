"""Whether the user is a national administrator, for the menu of their own
(``permissions.is_national_admin``)."""

from django import template

from agencies.permissions import is_national_admin

register = template.Library()


@register.filter
def national_admin(user) -> bool:
    return is_national_admin(user)
