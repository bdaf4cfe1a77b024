"""人大监督's seeded description listed its forms of supervision (执法检查,
专题询问, 质询, 备案审查…), which the theme's keywords, shown right under
it, list again: the theme page read 执法检查 twice. The description now
says what the theme is; the keywords say which words suggest it. Only the
seeded text changes: an editor's own description stays as it is.
"""

from django.db import migrations

SLUG = "people-s-congress-supervision"
SEEDED = (
    "人大及其常委会对“一府一委两院”的监督：听取审议专项工作报告、执法检查、专题询问、"
    "质询、备案审查、预算审查监督等。"
)
NOW = "人大及其常委会依法对本级人民政府、监察委员会、人民法院和人民检察院工作的监督。"


def _replace(apps, schema_editor, *, was: str, becomes: str) -> None:
    Theme = apps.get_model("annotations", "Theme")
    Theme.objects.using(schema_editor.connection.alias).filter(
        slug=SLUG, description=was
    ).update(description=becomes)


def forwards(apps, schema_editor):
    _replace(apps, schema_editor, was=SEEDED, becomes=NOW)


def backwards(apps, schema_editor):
    _replace(apps, schema_editor, was=NOW, becomes=SEEDED)


class Migration(migrations.Migration):
    dependencies = [("annotations", "0006_specific_seed_keywords")]

    operations = [migrations.RunPython(forwards, backwards)]
