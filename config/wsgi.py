"""WSGI entry point for gunicorn: ``gunicorn config.wsgi``.

Each worker loads what every search needs (the segmentation dictionaries,
the fold tables) before its first request, then freezes the garbage
collector's view of every object alive at that point (``gc.freeze``):
several hundred thousand long-lived objects that each full collection
walked again, which made up more than half of a search page's time
(docs/performance.md, "Throughput").
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from search.services import warm_up  # noqa: E402 - needs the settings above

warm_up()
gc.freeze()
