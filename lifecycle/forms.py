"""The form every lifecycle step starts from: an optional comment, kept on
the step's timeline event. A step that needs more (a reason, a date) extends
it in its app's forms; a step that needs a reason makes its comment
``required_comment(...)``."""

from django import forms
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 2000


class CommentForm(forms.Form):
    """The optional comment of a lifecycle action."""

    comment = forms.CharField(
        label=_("Catatan (opsional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def required_comment(label, *, rows=3, help_text="", missing=None):
    """The comment of a step that needs a reason (declining, returning,
    unpublishing, dropping): required, under its own ``label``; ``missing``
    is the message when it is left empty, if not Django's own."""
    return forms.CharField(
        label=label,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages={"required": missing} if missing else None,
    )
