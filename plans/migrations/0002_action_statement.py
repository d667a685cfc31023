# Written by hand (helper T, issue 14) because 0004 was already in the tree: the field
# Action.statement, the statement an action answers.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("diagnostics", "0007_sheet_cap_origin_and_throttle"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="statement",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="diagnostics.statement",
                verbose_name="affirmation visée",
            ),
        ),
    ]
