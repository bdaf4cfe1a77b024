"""ImportJob takes its progress fields from core.jobs.BackgroundJob, which
text-reuse runs share (analysis 0005).

Every row stays as it is: the times gain the names they have on a reuse
run (a change to the models' state only), and the stage column widens from
12 to 16 characters, the one length both jobs' stages fit.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("speeches", "0018_speech_office_corrected"),
    ]

    operations = [
        migrations.AlterField(
            model_name="importjob",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="queued at"),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="started at"),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="stage",
            field=models.CharField(
                choices=[
                    ("queued", "waiting for a worker"),
                    ("reading", "reading the file"),
                    ("parsing", "parsing"),
                    ("segmenting", "segmenting words"),
                    ("writing", "writing"),
                    ("done", "done"),
                    ("failed", "failed"),
                ],
                default="queued",
                max_length=16,
                verbose_name="stage",
            ),
        ),
    ]
