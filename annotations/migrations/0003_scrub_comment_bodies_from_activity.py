"""Remove comment texts that older versions copied into the activity log.

The log is append-only, but a comment's body is the commenter's to delete
(and an editor's to moderate): once gone from the thread it must not stay
readable in the speech's history. Each comment entry now names its comment
(``#<id>``) and keeps only the paragraph and the action.
"""

from django.db import migrations
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat


def scrub_comment_bodies(apps, schema_editor):
    Activity = apps.get_model("accounts", "Activity")
    Activity.objects.filter(target_type="annotations.comment").update(
        summary=Concat(Value("#"), Cast("target_id", CharField()), output_field=CharField())
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_api_tokens"),
        ("annotations", "0002_seed_default_codebook"),
    ]

    operations = [
        # The texts are gone for good: there is nothing to put back.
        migrations.RunPython(scrub_comment_bodies, migrations.RunPython.noop, elidable=True),
    ]
