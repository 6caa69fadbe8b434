from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Kunjungan")

    def ready(self):
        from . import stamps

        stamps.register()

        from uploads import cleanup

        # A deleted visit's letters leave the storage once the deletion commits.
        cleanup.delete_with_rows(self.get_model("Visit"))
