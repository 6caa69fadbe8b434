"""The findings and ATM items point at the topic catalogue in its new app
(``agencies.0010_topic_moves_from_visits``), in state only: the columns and
their constraints already reference the table ``visits_topic``, which stays.

It runs before ``visits.0010_topic_moves_to_agencies`` drops the old model,
without ``visits`` having to know about ``reports``."""

import django.db.models.deletion
from django.db import migrations, models


def topic_field(**options):
    return models.ForeignKey(to="agencies.topic", verbose_name="topik", related_name="+", **options)


def history_topic_field():
    return topic_field(
        blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING
    )


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0010_topic_moves_from_visits"),
        ("reports", "0004_history_of_findings_quotes_authors"),
    ]
    run_before = [("visits", "0010_topic_moves_to_agencies")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="adoptionitem",
                    name="topic",
                    field=topic_field(on_delete=django.db.models.deletion.PROTECT),
                ),
                migrations.AlterField(
                    model_name="finding",
                    name="topic",
                    field=topic_field(on_delete=django.db.models.deletion.PROTECT),
                ),
                migrations.AlterField(
                    model_name="historicaladoptionitem",
                    name="topic",
                    field=history_topic_field(),
                ),
                migrations.AlterField(
                    model_name="historicalfinding",
                    name="topic",
                    field=history_topic_field(),
                ),
            ],
        ),
    ]
