"""The analyses, as typed keyword-only functions that know no HTTP.

Pages, the API and the exports call these; each reads in a fixed number
of queries and returns plain objects.
"""

from analysis.services.cooccurrence import Cooccurrence, Pair, PairMeasure, cooccurrence
from analysis.services.crosstab import Count, Crosstab, Measure, crosstab
from analysis.services.dimensions import Column, Dimension
from analysis.services.trends import Series, Trend, TrendMeasure, split_terms, term_trend
from analysis.services.volumes import record_missing_volumes, volume_columns

__all__ = [
    "Column",
    "Cooccurrence",
    "Count",
    "Crosstab",
    "Dimension",
    "Measure",
    "Pair",
    "PairMeasure",
    "Series",
    "Trend",
    "TrendMeasure",
    "cooccurrence",
    "crosstab",
    "record_missing_volumes",
    "split_terms",
    "term_trend",
    "volume_columns",
]
