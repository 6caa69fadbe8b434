"""How django-allauth behaves in this portal: nobody signs up on their own
(an agency's coordinator invites colleagues), a person who must log in with
a second factor cannot remove their last one, and logging in brings the
language the person chose."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .mfa import SECOND_FACTOR_TYPES, seal, unseal
from .permissions import must_use_second_factor
from .services import LANGUAGE_CHOSEN, choose_language

LANGUAGES = {code for code, _name in settings.LANGUAGES}


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def post_login(self, request, user, **kwargs):
        """A language chosen with the switch just before logging in is kept
        on the account, which e-mails follow; otherwise the account's language
        wins over the browser's cookie (which may be the previous person's, on
        a shared computer), so the person reads the portal as they chose."""
        chosen = request.session.pop(LANGUAGE_CHOSEN, None)
        response = super().post_login(request, user, **kwargs)
        if chosen in LANGUAGES:
            choose_language(user=user, language=chosen)
        elif request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE) != (
            user.language
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


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
