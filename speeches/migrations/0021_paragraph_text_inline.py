"""PostgreSQL keeps a paragraph's text inside its row (STORAGE MAIN).

The row already holds the search vector (migration 0003), so the text,
stored EXTENDED, went to the TOAST table: every text check of a search
term (a candidate of 从严治党 is read to see that the four characters
stand together) read the row and then the text's TOAST index and page,
three or four buffers a candidate more. A search counting the 10,001
first hits of such a term read some 44,000 buffers, far more than the
shared buffers hold; inline, about 11,000 (figures in
docs/performance.md). The tokens, read only when a paragraph is
re-indexed, stay in TOAST. A text too long for the page still moves out.

Only new and rewritten rows take the new storage; VACUUM FULL
speeches_paragraph rewrites the rest, which a database that existed
before this migration may want. SQLite keeps every column in the row.
"""

from django.db import migrations

STATEMENTS = {
    "postgresql": (
        ["ALTER TABLE speeches_paragraph ALTER COLUMN text SET STORAGE MAIN"],
        ["ALTER TABLE speeches_paragraph ALTER COLUMN text SET STORAGE EXTENDED"],
    ),
}


def run(statements_index):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in STATEMENTS.get(vendor, ([], []))[statements_index]:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("speeches", "0020_paragraph_id_speech_index"),
    ]

    operations = [
        migrations.RunPython(run(0), run(1)),
    ]
