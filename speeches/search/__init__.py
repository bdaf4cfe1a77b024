"""Chinese full-text search over paragraphs (see ``engine``)."""

from speeches.search.engine import *  # noqa: F403
