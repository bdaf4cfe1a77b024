"""Search tokens cut from the text with traditional and variant characters
folded to simplified ones (text.variants), so that either script finds both.

Tokens are computed at import, so paragraphs imported before this change
are cut again here; only those whose text holds a character the fold
changes (the others would get the same tokens), in batches of their own
transactions, on any database (search.retokenize). Going back leaves the
tokens as they are: after going back to code without the fold, run
``manage.py reindex_search``.
"""

from django.db import migrations


def fold_tokens(apps, schema_editor):
    from search.retokenize import holds_variants, retokenize

    Paragraph = apps.get_model("speeches", "Paragraph")
    paragraphs = Paragraph._base_manager.using(schema_editor.connection.alias).all()
    retokenize(paragraphs, select=holds_variants)


class Migration(migrations.Migration):
    # Each batch commits on its own: a large database is not rewritten in
    # one transaction.
    atomic = False

    dependencies = [
        ("speeches", "0004_paragraph_section_restrict"),
    ]

    operations = [
        migrations.RunPython(fold_tokens, migrations.RunPython.noop, elidable=True),
    ]
