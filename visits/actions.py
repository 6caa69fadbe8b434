"""A lifecycle step as the pages offer it, shared by every app with a
lifecycle (visits; reports and ATM items build on it).

The view looks the step up by name, loads the object with ``allowed`` as the
permission check, shows a confirmation page with ``form`` and the texts
below, and on POST calls ``service``; the rules themselves stay in
``permissions.py`` and ``services.py``."""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Action:
    allowed: Any  # permissions predicate (user, obj) -> bool
    service: Any  # services function (obj=..., by=..., **form.cleaned_data)
    form: type
    title: Promise
    explanation: Promise
    button: Promise  # the confirmation page's submit button
    done: Promise  # the message once it is done
    style: str = "primary"
    icon: str = "check2"
    link: Promise | None = None  # the object page's button, when not ``button``

    @property
    def link_label(self):
        return self.link or self.button
