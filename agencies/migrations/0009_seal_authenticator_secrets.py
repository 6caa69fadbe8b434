"""Authenticator secrets and recovery-code seeds stored before they were
sealed (agencies.mfa.seal) are sealed now; going back opens them again."""

from django.db import migrations

from agencies.mfa import SEALED, seal, unseal

SECRET_FIELDS = ("secret", "seed")


def _rewrite(apps, change):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all():
        data = dict(authenticator.data)
        for name in SECRET_FIELDS:
            if isinstance(data.get(name), str):
                data[name] = change(data[name])
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def seal_secrets(apps, schema_editor):
    _rewrite(apps, lambda value: value if value.startswith(SEALED) else seal(value))


def open_secrets(apps, schema_editor):
    _rewrite(apps, unseal)


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0008_change_history"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(seal_secrets, open_secrets)]
