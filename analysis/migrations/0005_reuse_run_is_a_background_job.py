"""ReuseRun takes its progress fields from core.jobs.BackgroundJob, which
import jobs share (speeches 0019).

Every row stays as it is: the task id is no longer editable in forms (the
models' state only), and the percentage gains the check an import job's
had (at most 100), which every run written so far meets.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("analysis", "0004_text_reuse"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reuserun",
            name="task_id",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddConstraint(
            model_name="reuserun",
            constraint=models.CheckConstraint(
                condition=models.Q(("percent__lte", 100)), name="reuserun_percent_lte_100"
            ),
        ),
    ]
