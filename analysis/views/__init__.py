"""Pages of the analysis app: crosstab, co-occurrence and term trends.

Each view reads its form, makes one call to ``analysis.services``, and
renders the table (``analysis.exports.tables``), the chart
(``analysis.exports.svg``) or a download of either.
"""

from analysis.views.pages import cooccurrence_page, crosstab_page, trends_page

__all__ = ["cooccurrence_page", "crosstab_page", "trends_page"]
