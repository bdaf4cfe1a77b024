"""What keeps searching a large corpus fast (figures in docs/performance.md).

- PostgreSQL stores the search vector inside the row (STORAGE MAIN) rather
  than in the TOAST table: testing a row for a word then costs about a
  microsecond instead of five, which is what a scan in date order or over
  a sample pays per row. The text and tokens move out of the row instead;
  only the few rows on a page of results read them.
- Finer statistics on the vector let the planner tell a word found in a
  third of the paragraphs from one found in a hundredth, and so choose
  between walking speeches in date order and collecting every hit.
- Speeches indexed in the order search results and lists show them
  (newest first, undated last), so a walk in that order reads no more
  speeches than it shows.

Only new and rewritten rows take the new storage; VACUUM FULL rewrites the
rest, which a database that existed before this migration may want.
"""

from django.db import migrations

STATEMENTS = {
    "postgresql": (
        [
            "ALTER TABLE speeches_paragraph ALTER COLUMN search_vector SET STORAGE MAIN",
            "ALTER TABLE speeches_paragraph ALTER COLUMN search_vector SET STATISTICS 1000",
            "CREATE INDEX speech_date_desc_idx ON speeches_speech (date DESC NULLS LAST, id DESC)",
        ],
        [
            "DROP INDEX IF EXISTS speech_date_desc_idx",
            "ALTER TABLE speeches_paragraph ALTER COLUMN search_vector SET STATISTICS -1",
            "ALTER TABLE speeches_paragraph ALTER COLUMN search_vector SET STORAGE EXTENDED",
        ],
    ),
    # SQLite sorts NULL first ascending and last descending, so this is the
    # same order (and SQLite refuses NULLS LAST in an index).
    "sqlite": (
        ["CREATE INDEX speech_date_desc_idx ON speeches_speech (date DESC, id DESC)"],
        ["DROP INDEX IF EXISTS speech_date_desc_idx"],
    ),
}


def run(statements_index):
    def operation(apps, schema_editor):
        for statement in STATEMENTS[schema_editor.connection.vendor][statements_index]:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("speeches", "0002_paragraph_search_index"),
    ]

    operations = [
        migrations.RunPython(run(0), run(1)),
    ]
