"""The static files storage: whitenoise's compressed manifest storage, which
also rewrites the reader's ES module imports to the hashed file names.

Without the rewrite, ``reader.3f2a….js`` would import ``./store.js``: a name
that is cached for a year under the old contents after a deploy, or, with the
unhashed copies gone, not found at all. Django rewrites ``import … from``,
``export … from`` and dynamic ``import()`` when
``support_js_module_import_aggregation`` is on; module graphs must be acyclic
for that: a cycle changes the hashes on every pass and collectstatic gives
up. ``tests/config/test_static_files.py`` checks both.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
