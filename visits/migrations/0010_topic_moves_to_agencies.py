"""The topic catalogue now belongs to ``agencies``
(``agencies.0010_topic_moves_from_visits``): the visit topics point there and
the model leaves this app's state. The table ``visits_topic`` stays as it is."""

import django.db.models.deletion
from django.db import migrations, models


def topic_field(**options):
    return models.ForeignKey(to="agencies.topic", verbose_name="topik", **options)


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0010_topic_moves_from_visits"),
        ("visits", "0009_visitevent_created_at_defaults_to_now"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="visittopic",
                    name="topic",
                    field=topic_field(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="visit_topics",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalvisittopic",
                    name="topic",
                    field=topic_field(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                    ),
                ),
                migrations.DeleteModel(name="Topic"),
            ],
        ),
    ]
