"""The methods a page accepts, declared once for every app's pages.

A form page is shown (GET, with HEAD) and sent (POST); a page that only
reads answers GET and HEAD (Django's ``require_safe``). No page takes PUT,
or the OPTIONS no page of the site answers: each refuses them with 405
(``config/not_allowed.py``, ``tests/integration/test_allowed_methods.py``).
"""

from django.views.decorators.http import require_http_methods

FORM_METHODS = ["GET", "HEAD", "POST"]
READ_METHODS = ["GET", "HEAD"]

require_form_methods = require_http_methods(FORM_METHODS)
