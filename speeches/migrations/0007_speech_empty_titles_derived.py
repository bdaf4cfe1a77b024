"""Speeches imported with no title get the stand-in the parser now gives
(第N篇, its number in the file), marked as derived, so no page shows an
empty title or link."""

from django.db import migrations


def fill_empty_titles(apps, schema_editor):
    Speech = apps.get_model("speeches", "Speech")
    for speech in Speech.objects.filter(title="").only("pk", "position"):
        Speech.objects.filter(pk=speech.pk).update(
            title=f"第{speech.position}篇", title_derived=True
        )


class Migration(migrations.Migration):
    dependencies = [("speeches", "0006_speech_title_derived")]

    operations = [migrations.RunPython(fill_empty_titles, migrations.RunPython.noop)]
