"""The topic catalogue moves from ``visits`` into ``agencies`` (state only).

Its table keeps its name, ``visits_topic``, and its rows: only Django's view of
which app owns the model changes. ``visits`` drops the model from its state in
``visits.0010_topic_moves_to_agencies``, once every foreign key points here
(``reports.0005_topic_moves_to_agencies`` runs before it). The content type
follows the model, so its permissions and admin log entries stay attached.
"""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, *, source="visits", target="agencies"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=source, model="topic").exists():
        return  # a new database: the content type is made after migrating
    # One made meanwhile for the target (by a partial migration) has nothing to keep.
    types.filter(app_label=target, model="topic").delete()
    types.filter(app_label=source, model="topic").update(app_label=target)
    ContentType.objects.clear_cache()


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="agencies", target="visits")


def topic_field(**options):
    return models.ForeignKey(to="agencies.topic", verbose_name="topik", **options)


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0009_seal_authenticator_secrets"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Topic",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("code", models.CharField(max_length=20, unique=True, verbose_name="kode")),
                        ("name", models.CharField(max_length=200, verbose_name="nama")),
                        ("description", models.TextField(blank=True, verbose_name="uraian")),
                        (
                            "legal_basis",
                            models.CharField(
                                blank=True, max_length=300, verbose_name="dasar hukum"
                            ),
                        ),
                        (
                            "aliases",
                            models.JSONField(
                                blank=True,
                                default=list,
                                help_text="Singkatan atau nama lama.",
                                verbose_name="nama lain",
                            ),
                        ),
                        (
                            "successor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="predecessors",
                                to="agencies.topic",
                                verbose_name="digantikan oleh",
                            ),
                        ),
                        ("is_active", models.BooleanField(default=True, verbose_name="aktif")),
                    ],
                    options={
                        "verbose_name": "topik",
                        "verbose_name_plural": "topik",
                        "db_table": "visits_topic",
                        "ordering": ["code"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("successor", models.F("pk")), _negated=True),
                                name="visits_topic_not_own_successor",
                            )
                        ],
                    },
                ),
                migrations.AlterField(
                    model_name="goodpractice",
                    name="topic",
                    field=topic_field(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="good_practices",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalgoodpractice",
                    name="topic",
                    field=topic_field(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                    ),
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
