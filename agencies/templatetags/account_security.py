"""What the "Keamanan akun" pages ask about the user: whether their role
requires a second factor (``permissions.must_use_second_factor``)."""

from django import template

from agencies.permissions import membership_of, must_use_second_factor

register = template.Library()


@register.filter
def second_factor_required(user) -> bool:
    return must_use_second_factor(user)


@register.filter
def role_label(user) -> str:
    """The role that requires the second factor, as the user knows it."""
    from django.utils.translation import gettext as _

    membership = membership_of(user)
    if membership is not None:
        return membership.get_role_display()
    return _("Administrator nasional")
