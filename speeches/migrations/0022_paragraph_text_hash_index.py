"""An index of the paragraphs' hashes, with their speech.

``speeches.services.versions.looks_like`` (every upload preview) read the
hash of every current paragraph to find the compilation an upload is a
version of; it now asks for the upload's hashes only. Plans (EXPLAIN, on
the benchmark's 200,000 paragraphs, docs/performance.md "Recognising a new
version"): SQLite searches this index for each hash and finds the speech
in it (COVERING INDEX: the wide row, text inline, is not read); an index
of the hash alone would read a row per match. PostgreSQL reads it with a
bitmap index scan, then the matching rows of the heap; the speech in the
index serves it nothing but costs it little (8 bytes beside 64).
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('speeches', '0021_paragraph_text_inline'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='paragraph',
            index=models.Index(fields=['text_hash', 'speech'], name='paragraph_text_hash_idx'),
        ),
    ]
