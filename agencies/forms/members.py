"""Forms of an agency's team: inviting a colleague, changing a member, and the
invitee's own form that creates the account."""

from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from ..models import Division, Invitation, Role, User
from ..services import check_invitee_email


class DivisionChoiceMixin:
    """Limits the ``division`` field to the divisions of ``agency``."""

    def _limit_divisions(self, agency):
        field = self.fields["division"]
        field.queryset = Division.objects.filter(agency=agency).order_by("name")
        field.empty_label = _("— tanpa bidang —")


class InvitationForm(DivisionChoiceMixin, forms.Form):
    # As long as the column it is stored in (Django's e-mail field allows 320
    # characters; the column 254: a longer address was a 500).
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=Invitation._meta.get_field("email").max_length,
        help_text=_("Alamat kantor atau pribadi yang akan dipakai untuk masuk ke portal."),
    )
    name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=150,
        help_text=_("Dengan gelar, misalnya: Slamet Setyo Budi, S.E., M.Acc."),
    )
    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices, initial=Role.PENYULUH)
    division = forms.ModelChoiceField(
        label=_("Bidang"), queryset=Division.objects.none(), required=False
    )
    position = forms.CharField(
        label=_("Jabatan"),
        max_length=200,
        required=False,
        help_text=_("Misalnya: Penyuluh Sosial Ahli Muda."),
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_divisions(agency)
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def clean_email(self):
        return check_invitee_email(self.cleaned_data["email"])


class MemberForm(DivisionChoiceMixin, forms.Form):
    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)
    division = forms.ModelChoiceField(
        label=_("Bidang"), queryset=Division.objects.none(), required=False
    )
    position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_divisions(agency)


class AcceptInvitationForm(SetPasswordMixin, forms.Form):
    """The invitee's name (prefilled from the invitation) and a password typed
    twice, checked by Django's password validators."""

    name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Kata sandi"), label2=_("Ulangi kata sandi")
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        # The validators compare the password with the person's e-mail and name.
        person = User(email=self.invitation.email, name=cleaned.get("name", ""))
        self.validate_password_for_user(person)
        return cleaned
