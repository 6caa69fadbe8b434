"""The form every lifecycle step starts from: an optional comment, kept on
the step's timeline event. A step that needs more (a reason, a date) extends
it in its app's forms."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CommentForm(forms.Form):
    """The optional comment of a lifecycle action."""

    comment = forms.CharField(
        label=_("Catatan (opsional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
