"""A lifecycle step as the pages offer it, for every app with a lifecycle.

Each app keeps a table ``ACTIONS = {name: Action(...)}`` next to its views;
``lifecycle.urls.action_urls`` gives every action its URL (named after the
key), and ``lifecycle.views.confirm_action`` its page. The rules themselves
stay in the app's ``permissions.py`` (``allowed``) and ``services.py``
(``service``)."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.functional import Promise


@dataclass(frozen=True)
class Action:
    """One step: its address, who may take it, what it calls, what it asks.

    ``form``'s fields are what ``service`` takes besides the object and the
    user: at least ``comment``, a required one when the step needs a reason
    (declining, returning, unpublishing, dropping)."""

    slug: str  # the last segment of its URL, in Indonesian ("terima")
    allowed: Callable  # the permissions predicate (user, obj) -> bool
    service: Callable  # the service (<obj>=..., by=..., **form.cleaned_data)
    form: type[forms.Form]
    title: Promise
    explanation: Promise
    button: Promise  # the confirmation page's submit button
    done: Promise  # the message once it is done
    style: str = "primary"  # Bootstrap's button colour
    icon: str = ""  # Bootstrap icon beside the button's label, if any
    link: Promise | None = None  # the object page's button, when not ``button``

    @property
    def link_label(self):
        return self.link or self.button


def allowed_actions(actions, user, obj, *, url_prefix):
    """``(url name, action)`` pairs of the steps of ``actions`` that ``user``
    may take on ``obj``, in the table's order, for the object page's buttons.
    ``url_prefix`` is what ``action_urls`` put before each name, with the
    namespace (``"reports:item_"``)."""
    return [
        (f"{url_prefix}{name}", action)
        for name, action in actions.items()
        if action.allowed(user, obj)
    ]
