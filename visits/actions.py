"""A lifecycle step as the pages offer it, shared by every app with a
lifecycle (visits; reports and ATM items build on it).

The view looks the step up by name, loads the object with ``allowed`` as the
permission check, shows a confirmation page with ``form`` and the texts
below, and on POST has the step ``carry_out``; the rules themselves stay in
``permissions.py`` and ``services.py``."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
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

    def carry_out(self, request, form, **target) -> bool:
        """Call ``service`` with ``target`` (``visit=``, ``report=``, ``item=``),
        the user and ``form``'s cleaned data, once the form is valid. A rule
        the service refuses (``ValidationError``) becomes the form's error.
        True when done, with the success message queued."""
        if not form.is_valid():
            return False
        try:
            self.service(**target, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return False
        messages.success(request, self.done)
        return True
