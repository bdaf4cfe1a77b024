"""Recompute every paragraph's search tokens, after the segmentation changed.

Tokens are computed once, at import. When the tokenizer or the project
dictionary (speeches/data/jieba_userdict.txt) changes, run this so that old
paragraphs are found as new ones are; the full-text index follows the
tokens column by itself (a generated column on PostgreSQL, triggers on
SQLite).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from speeches.models import Paragraph
from speeches.segmentation import search_tokens

BATCH = 2000


class Command(BaseCommand):
    help = "Recompute the search tokens of every paragraph (after a dictionary change)."

    def handle(self, *args, **options):
        changed = seen = 0
        batch: list[Paragraph] = []
        rows = Paragraph.objects.only("id", "text", "tokens").order_by("id")
        for paragraph in rows.iterator(chunk_size=BATCH):
            seen += 1
            tokens = search_tokens(paragraph.text)
            if tokens != paragraph.tokens:
                paragraph.tokens = tokens
                batch.append(paragraph)
            if len(batch) >= BATCH:
                changed += self._save(batch)
        changed += self._save(batch)
        self.stdout.write(f"{seen} paragraphs read, {changed} re-indexed.")

    @staticmethod
    def _save(batch: list[Paragraph]) -> int:
        with transaction.atomic():
            Paragraph.objects.bulk_update(batch, ["tokens"])
        count = len(batch)
        batch.clear()
        return count
