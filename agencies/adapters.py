"""How django-allauth behaves in this portal: nobody signs up on their own
(an agency's coordinator invites colleagues), and a person who must log in
with a second factor cannot remove their last one."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _

from .mfa import SECOND_FACTOR_TYPES, seal, unseal
from .permissions import must_use_second_factor


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False


class MFAAdapter(DefaultMFAAdapter):
    error_messages = DefaultMFAAdapter.error_messages | {
        "cannot_delete_authenticator": _(
            "Verifikasi dua langkah wajib untuk peran Anda (kepala, admin instansi, "
            "administrator nasional), jadi aplikasi autentikator ini tidak dapat "
            "dinonaktifkan. Bila ponsel Anda hilang atau diganti, masuk dengan kode "
            "pemulihan lalu mintalah administrator mengatur ulang autentikator Anda."
        ),
    }

    def encrypt(self, text: str) -> str:
        return seal(text)

    def decrypt(self, encrypted_text: str) -> str:
        return unseal(encrypted_text)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type not in SECOND_FACTOR_TYPES:
            return True
        if not must_use_second_factor(authenticator.user):
            return True
        others = Authenticator.objects.filter(
            user_id=authenticator.user_id, type__in=SECOND_FACTOR_TYPES
        ).exclude(pk=authenticator.pk)
        return others.exists()
