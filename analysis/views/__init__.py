"""Pages of the analysis app: crosstab, co-occurrence, term trends and text reuse.

Each view reads its form, makes one call to ``analysis.services``, and
renders the table (``analysis.exports.tables``), the chart
(``analysis.exports.svg``) or a download of either.
"""

from analysis.views.pages import cooccurrence_page, crosstab_page, trends_page
from analysis.views.reuse import compare_page, reuse_page, reuse_start, speech_reuse_page

__all__ = [
    "compare_page",
    "cooccurrence_page",
    "crosstab_page",
    "reuse_page",
    "reuse_start",
    "speech_reuse_page",
    "trends_page",
]
