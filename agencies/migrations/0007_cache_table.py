"""The table of the default cache (settings.CACHE_TABLE): allauth's rate-limit
counters and the other entries every app process must share when there is no
Redis. Created here, not by ``manage.py createcachetable``, so that the one
documented step (``migrate``) sets up a clean checkout, a production server and
the benchmark alike. It is created whatever cache is configured when the
migration runs, so that dropping REDIS_URL later finds the table in place."""

from django.conf import settings
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Skips a table that already exists (one made by createcachetable, say).
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, settings.CACHE_TABLE, False)


def drop_cache_table(apps, schema_editor):
    table = schema_editor.connection.ops.quote_name(settings.CACHE_TABLE)
    schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("agencies", "0006_logo_names_of_their_own")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table, elidable=False)]
