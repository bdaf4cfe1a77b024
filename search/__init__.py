"""The search app: Chinese full-text search over the speeches' paragraphs.

``services`` is its front (query language, engines, estimates, ranking,
highlights); ``api``, ``views``, ``exports`` and the ``search_hints`` template
tags are its pages and API. It has no models: it reads the speeches app's
paragraphs and their index (docs/architecture.md).
"""
