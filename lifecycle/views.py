"""The one confirmation page of every lifecycle step, and the step itself.

Each app's action view loads its object with the action's ``allowed`` as the
permission check (another agency's object answers 404, the wrong role or
state 403), refuses every method but GET and POST, and hands over to
``confirm_action`` with the partials that describe its object."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


def confirm_action(request, *, action, target, back, context, form_kwargs=None):
    """On GET, the confirmation page of ``action`` on the object in ``target``
    (``{"visit": visit}``, as the service takes it); on POST, the step: the
    form checked, the service called, the success message, and a redirect to
    ``back``, also the page's way back. A bad form or a rule the service
    refuses comes back on the page as the form's errors.

    ``context`` names the partials ``breadcrumb`` (given ``here``, the
    action's title) and ``summary`` (what is about to move), optionally
    ``notice`` (what to check first), and what they read."""
    data = request.POST if request.method == "POST" else None
    form = action.form(data, **(form_kwargs or {}))
    if data is not None and _carry_out(request, action, form, target):
        return redirect(back)
    page = {**target, **context, "action": action, "form": form, "back": back}
    return render(request, "lifecycle/action.html", page)


def _carry_out(request, action, form, target) -> bool:
    """Call the action's service with ``target``, the user and the form's
    cleaned data once the form is valid; a ``ValidationError`` of the
    service becomes the form's error. True when done, with the success
    message queued."""
    if not form.is_valid():
        return False
    try:
        action.service(**target, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, action.done)
    return True
