"""A narrow index of the paragraphs' ids, speeches and positions.

On SQLite a paragraph's row holds its text and tokens inline (a few KB),
so reading a hit's speech to count it per year read a page per hit; the
searches that count, sample or sort hits without their text read this
index instead (search.backends.covering_sql, INDEXED BY: the planner
would otherwise prefer the rowid). PostgreSQL does not use it for search
(its hits come from the GIN index's heap rows) and pays a small index.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('speeches', '0019_import_job_is_a_background_job'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='paragraph',
            index=models.Index(fields=['id', 'speech', 'position'], name='paragraph_id_speech_idx'),
        ),
    ]
