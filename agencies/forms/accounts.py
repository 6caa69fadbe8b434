"""django-allauth's account forms with the portal's words.

allauth's Indonesian catalogue is good, but a few of its English labels
("Email", "Password") are also in Django's own catalogues, which win and say
"Email" and "Sandi"; the portal says "E-mail" and "Kata sandi" everywhere.
Wired in through ``ACCOUNT_FORMS`` (studitiru/settings.py)."""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from django.utils.translation import gettext_lazy as _

from studitiru import mail

from ..password_reset import password_reset_emails


def _relabel(form, **labels):
    for name, label in labels.items():
        field = form.fields.get(name)
        if field is not None:
            field.label = label
            if "placeholder" in field.widget.attrs:
                field.widget.attrs["placeholder"] = label


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, login=_("E-mail"), password=_("Kata sandi"))
        self.fields["login"].widget.attrs["placeholder"] = _("nama@instansi.go.id")
        if "remember" in self.fields:
            self.fields["remember"].label = _("Ingat saya di perangkat ini")


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """Queues the e-mail for the task to send (agencies/password_reset.py):
    the request looks no account up, so every address is answered alike."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, email=_("E-mail"))
        self.fields["email"].widget.attrs["placeholder"] = _("nama@instansi.go.id")

    def clean_email(self):
        self.users = []  # looked up by the task, not here
        return get_adapter().clean_email(self.cleaned_data["email"].lower())

    def save(self, request, **kwargs):
        email = self.cleaned_data["email"]
        mail.enqueue(password_reset_emails, email)
        return email


class SetPasswordForm(allauth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, password1=_("Kata sandi"), password2=_("Ulangi kata sandi"))


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, password2=_("Ulangi kata sandi baru"))


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, password2=_("Ulangi kata sandi baru"))


class ReauthenticateForm(allauth_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, password=_("Kata sandi"))
