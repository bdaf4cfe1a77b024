"""Search tokens hold every Chinese character and every two adjacent ones, and
jieba's words marked as whole words (text.segmentation.search_tokens), so
that a string is found wherever it occurs (从严治党 inside 全面从严治党), not
only where jieba cut the text into it.

Tokens are computed at import, so every paragraph imported before is cut
again here, in batches of their own transactions (search.retokenize); the
full-text index follows the tokens column by itself. Going back leaves the
tokens as they are: after going back to code without the bigrams, run
``manage.py reindex_search``.
"""

from django.db import migrations


def bigram_tokens(apps, schema_editor):
    from search.retokenize import retokenize

    Paragraph = apps.get_model("speeches", "Paragraph")
    retokenize(Paragraph._base_manager.using(schema_editor.connection.alias).all())


class Migration(migrations.Migration):
    # Each batch commits on its own: a large database is not rewritten in
    # one transaction.
    atomic = False

    dependencies = [
        ("speeches", "0015_meeting_alias_and_meeting_pinyin_order"),
    ]

    operations = [
        migrations.RunPython(bigram_tokens, migrations.RunPython.noop, elidable=True),
    ]
