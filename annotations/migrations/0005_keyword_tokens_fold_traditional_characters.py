"""Themes' keyword tokens cut again: the segmentation now folds traditional
and variant characters to simplified ones (text.variants), and tokens
stored under the former segmentation would be cut on every suggestion."""

from django.db import migrations


def segment_keywords_again(apps, schema_editor):
    from annotations.services.suggest import segment_keywords

    Theme = apps.get_model("annotations", "Theme")
    for theme in Theme.objects.using(schema_editor.connection.alias).exclude(keywords=[]):
        theme.keyword_tokens = segment_keywords(theme.keywords)
        theme.save(update_fields=["keyword_tokens"])


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0004_theme_keyword_tokens"),
        ("speeches", "0005_tokens_fold_traditional_characters"),
    ]

    operations = [
        migrations.RunPython(segment_keywords_again, migrations.RunPython.noop, elidable=True),
    ]
