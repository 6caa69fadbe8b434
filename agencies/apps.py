from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Instansi")

    def ready(self):
        from uploads import cleanup

        # A deleted agency's logo leaves the storage once the deletion commits.
        cleanup.delete_with_rows(self.get_model("Agency"))
