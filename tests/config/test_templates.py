"""The templates' own conventions, checked over every file."""

import re

from tests.conftest import REPO

# Django reads ``{# … #}`` on one line only: a comment left open at the end of its
# line is not a comment, and the page shows it as text.
UNCLOSED_COMMENT = re.compile(r"\{#(?![^\n]*#\})")


def test_every_short_comment_closes_on_its_own_line():
    unclosed = [
        f"{template.relative_to(REPO)}:{text[: match.start()].count(chr(10)) + 1}"
        for template in sorted((REPO / "templates").rglob("*.html"))
        for text in [template.read_text(encoding="utf-8")]
        for match in UNCLOSED_COMMENT.finditer(text)
    ]
    assert unclosed == [], "use {% comment %} for a note over several lines"
