"""Each theme keeps its keywords' jieba tokens, cut when the keywords are written.

Existing themes get theirs here, so suggesting never has to segment.
"""

from django.db import migrations, models


def segment_existing_keywords(apps, schema_editor):
    # The function the services use: the stored form must be exactly theirs.
    # Should it ever go, this step may go too: suggestions cut keywords that
    # have no stored tokens themselves.
    from annotations.services.suggest import segment_keywords

    Theme = apps.get_model("annotations", "Theme")
    for theme in Theme.objects.exclude(keywords=[]):
        theme.keyword_tokens = segment_keywords(theme.keywords)
        theme.save(update_fields=["keyword_tokens"])


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0003_scrub_comment_bodies_from_activity"),
    ]

    operations = [
        migrations.AddField(
            model_name="theme",
            name="keyword_tokens",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="keyword tokens"
            ),
        ),
        migrations.RunPython(
            segment_existing_keywords, migrations.RunPython.noop, elidable=True
        ),
    ]
