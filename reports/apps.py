from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Laporan")

    def ready(self):
        from . import stamps

        stamps.register()

        from uploads import cleanup

        # The files of a deleted photo or check-in (a report or an ATM item deleted in
        # the admin takes them along) leave the storage once the deletion commits.
        cleanup.delete_with_rows(self.get_model("Photo"), self.get_model("CheckIn"))
