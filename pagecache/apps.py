from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import stamps

        # A data migration writes without signals: after any migration every
        # page is made again.
        post_migrate.connect(stamps.bump_everything, dispatch_uid="pagecache.migrated")
