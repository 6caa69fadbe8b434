from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Instansi")

    def ready(self):
        from . import stamps

        stamps.register()

        # Bookkeeping of logins, not business rules: which sessions a user has
        # (to end them on deactivation) and whether their second factor was
        # seen (so the enrolment check costs no query per request).
        from allauth.mfa.signals import authenticator_added, authenticator_removed
        from django.contrib.auth.signals import user_logged_in

        from . import mfa, sessions

        user_logged_in.connect(sessions.record_session, dispatch_uid="agencies.record_session")
        user_logged_in.connect(mfa.remember_at_login, dispatch_uid="agencies.mfa_at_login")
        authenticator_added.connect(mfa.remember_enrolment, dispatch_uid="agencies.mfa_added")
        authenticator_removed.connect(mfa.forget_enrolment, dispatch_uid="agencies.mfa_removed")

        from uploads import cleanup

        # A deleted agency's logo leaves the storage once the deletion commits.
        cleanup.delete_with_rows(self.get_model("Agency"))
