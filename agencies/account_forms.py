"""django-allauth's account forms with the portal's words.

allauth's Indonesian catalogue is good, but a few of its English labels
("Email", "Password") are also in Django's own catalogues, which win and say
"Email" and "Sandi"; the portal says "E-mail" and "Kata sandi" everywhere.
Wired in through ``ACCOUNT_FORMS`` (studitiru/settings.py)."""

from allauth.account import forms as allauth_forms
from django.utils.translation import gettext_lazy as _


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
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, email=_("E-mail"))
        self.fields["email"].widget.attrs["placeholder"] = _("nama@instansi.go.id")


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
