"""The full-text index over Paragraph.tokens, one per database engine.

PostgreSQL: a generated tsvector column (the `simple` configuration, the
positions stripped: phrases are verified on the text, not on positions)
with a GIN index. SQLite: an FTS5 table reading its content from the
paragraph table, kept current by triggers.

Django's models do not know about either, so `makemigrations` stays quiet.
Beware on SQLite: a later migration that makes Django rebuild the
paragraph table (most column changes do) drops these triggers; such a
migration must create them again (tests/search/test_search_index.py
checks that they exist).

Existing paragraphs get their tokens recomputed first, because the token
format changed with this index (letters-and-digits runs plus single
characters, see text.segmentation.search_tokens).
"""

from django.db import migrations

POSTGRESQL_CREATE = [
    "ALTER TABLE speeches_paragraph ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, tokens))) STORED",
    "CREATE INDEX speeches_paragraph_search_idx ON speeches_paragraph USING gin (search_vector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS speeches_paragraph_search_idx",
    "ALTER TABLE speeches_paragraph DROP COLUMN IF EXISTS search_vector",
]

SQLITE_CREATE = [
    # detail=none: only which rows hold a token. Phrases are verified on the
    # text, so positions would only make the index three times larger.
    "CREATE VIRTUAL TABLE speeches_paragraph_fts USING fts5("
    "tokens, content='speeches_paragraph', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0', detail='none')",
    "CREATE TRIGGER speeches_paragraph_fts_insert AFTER INSERT ON speeches_paragraph BEGIN "
    "INSERT INTO speeches_paragraph_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
    "CREATE TRIGGER speeches_paragraph_fts_delete AFTER DELETE ON speeches_paragraph BEGIN "
    "INSERT INTO speeches_paragraph_fts(speeches_paragraph_fts, rowid, tokens) "
    "VALUES ('delete', old.id, old.tokens); END",
    "CREATE TRIGGER speeches_paragraph_fts_update AFTER UPDATE OF tokens ON speeches_paragraph "
    "BEGIN "
    "INSERT INTO speeches_paragraph_fts(speeches_paragraph_fts, rowid, tokens) "
    "VALUES ('delete', old.id, old.tokens); "
    "INSERT INTO speeches_paragraph_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
    "INSERT INTO speeches_paragraph_fts(speeches_paragraph_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS speeches_paragraph_fts_update",
    "DROP TRIGGER IF EXISTS speeches_paragraph_fts_delete",
    "DROP TRIGGER IF EXISTS speeches_paragraph_fts_insert",
    "DROP TABLE IF EXISTS speeches_paragraph_fts",
]

STATEMENTS = {
    "postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP),
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
}


def recompute_tokens(apps, schema_editor):
    Paragraph = apps.get_model("speeches", "Paragraph")
    if not Paragraph.objects.using(schema_editor.connection.alias).exists():
        return
    from text.segmentation import search_tokens

    batch = []
    rows = Paragraph.objects.using(schema_editor.connection.alias).only("id", "text")
    for paragraph in rows.iterator(chunk_size=2000):
        paragraph.tokens = search_tokens(paragraph.text)
        batch.append(paragraph)
        if len(batch) == 2000:
            Paragraph.objects.bulk_update(batch, ["tokens"])
            batch = []
    Paragraph.objects.bulk_update(batch, ["tokens"])


def run(statements_index):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in STATEMENTS:
            raise NotImplementedError(f"No full-text index for the {vendor} database.")
        for statement in STATEMENTS[vendor][statements_index]:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("speeches", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(recompute_tokens, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(run(0), run(1)),
    ]
