"""The API keeps its published contract.

Schemathesis reads the OpenAPI document at /api/openapi.json and, for every
operation, sends a bounded number of generated requests straight to the
WSGI application, authenticated with a read-write token of an editor over
a corpus holding the seed compilation. No answer may be a server error or
contradict the schema (status, content type, body).
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from accounts.tokens import create_token
from config.api import api
from config.wsgi import application

pytestmark = pytest.mark.contract

# Enough to reach every operation's main branches; kept small so that the
# suite (run twice in CI) stays fast.
EXAMPLES_PER_OPERATION = 12

# The document /api/openapi.json serves, built in-process (collection runs
# before the test environment allows any host).
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())


@pytest.fixture
def _keep_the_test_connection():
    # Django closes the database connection at the end of each WSGI request;
    # in a test that would close the transaction the test runs in. Django's
    # test client does the same as this.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token_header(seed_compilation, editor, settings, _keep_the_test_connection) -> dict[str, str]:
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]  # schemathesis sends Host: localhost
    _, secret = create_token(user=editor, name="contract", scope="write")
    return {"Authorization": f"Bearer {secret}"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api_contract(case, token_header):
    case.call_and_validate(
        app=application,
        headers=token_header,
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
