"""The reader's script as the page loads it: static/js/annotations/reader.js
and every module it imports, bundled into static/js/annotations.bundle.js
(core.js_bundle) so that the reader waits for one file instead of sixteen.

The bundle is committed, so that the app runs as cloned, with no build
tool; ``manage.py bundle_reader`` writes it again after a module changes,
and tests/config/test_static_files.py fails while it is out of date.
"""

from pathlib import Path

from django.conf import settings

from core.js_bundle import bundle

JS: Path = settings.BASE_DIR / "static" / "js"
ENTRY = "annotations/reader.js"
BUNDLE: Path = JS / "annotations.bundle.js"
HEADER = (
    "// Written by `manage.py bundle_reader` from static/js/annotations/ (reader.js\n"
    "// and the modules it reaches): edit those, not this file, then run it again.\n"
)


def build() -> str:
    return bundle(JS, ENTRY, header=HEADER)
