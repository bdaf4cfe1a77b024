"""Length limits on text fields (docs/api.md, "Length limits").

A TextField's max_length is enforced by forms, schemas and services, not by
the database: the change is to the models' state only. Run as an AlterField,
SQLite would rebuild the table, dropping the triggers that keep the search
index (speeches 0002, 0003, 0016) in step.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('annotations', '0009_rules'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='annotation',
                    name='note',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='note'),
                ),
                migrations.AlterField(
                    model_name='annotation',
                    name='quote',
                    field=models.TextField(max_length=200000, verbose_name='quote'),
                ),
                migrations.AlterField(
                    model_name='comment',
                    name='body',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='text'),
                ),
                migrations.AlterField(
                    model_name='theme',
                    name='description',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='description'),
                ),
            ],
        ),
    ]
