"""Odd input on every page, as each role: never a server error, and a
refused form leaves the database as it was (docs/api.md, "Errors").

The pages are walked from the resolver (tests/integration/urlwalk.py), with
real ids (a withdrawn compilation's, another user's token) and ids and
slugs at the edges. Each page is first asked plainly while the query
parameters it reads are recorded; then those parameters get odd values:
Unicode digits, numbers past any column, impossible dates, long text,
repeated parameters, NUL and lone surrogates (refused with 422 before any
view). Every POST form the pages render is then sent back empty, with odd
values in its fields, and twice. The values are spread over the parameters
in rotation: the admin's walk gives each parameter half of them on a page
and the other half on the next.
Run on SQLite and on PostgreSQL (which refuses NUL in text and overflows
on integers past bigint).
"""

import re

import pytest
from django.db import transaction

from accounts.models import Activity
from accounts.tokens import create_token
from annotations.services.rules import create_rule
from speeches.models import ImportJob, Speaker
from speeches.services.retire import withdraw_compilation
from tests.integration.oddinput import (
    LONG,
    Reads,
    local_path,
    post_forms,
    query,
    table_counts,
)
from tests.integration.urlwalk import url_patterns

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

NOT_PAGES = ("api/", "admin/", "i18n/", "jsi18n/")
ROLES = ["anonymous", "viewer", "annotator", "editor", "admin"]

QUERY_VALUES = ["①", str(10**30), "-1", "2026-02-30", "", LONG]
# Other values, in one request a page for the admin (repeated parameters, too).
MORE_QUERY_VALUES = ["٣", "0", "99999-01-01", "<b>'\"%", "𠀀"]
FORM_VALUES = ["①", str(10**30), "-1", "长" * 100_000]

# Past bigint, and past what SQLite's driver converts.
EDGE_IDS = [2**63, 10**30]
ODD_SLUGS = ["①", "𠀀" * 300]


@pytest.fixture
def world(coded, editor, annotator, viewer, admin_user):
    """The coded corpus, one compilation withdrawn, a rule, another user's
    token and import job."""
    rare = coded["rare"].compilation
    withdraw_compilation(compilation=rare, actor=editor)
    rule = create_rule(actor=editor, theme=coded["supervision"], query="人大监督")
    token, _secret = create_token(user=annotator, name="别人的", scope="read")
    job = ImportJob.objects.create(user=annotator, filename="x.txt", size=1)
    users = {
        "anonymous": None,
        "viewer": viewer,
        "annotator": annotator,
        "editor": editor,
        "admin": admin_user,
    }
    return {"withdrawn": rare, "rule": rule, "token": token, "job": job, "users": users, **coded}


def kind_of(route: str) -> str:
    for prefix, kind in [
        ("compilations/jobs/", "job"),
        ("exports/compilations/", "compilation"),
        ("compilations/", "compilation"),
        ("themes/rules/", "rule"),
        ("accounts/tokens/", "token"),
        ("history/", "activity"),
        ("speakers/", "speaker"),
        ("themes/", "theme"),
        ("exports/annotations.", "format"),
    ]:
        if route.startswith(prefix):
            return kind
    return "speech"  # speeches/, exports/speeches/, analysis/reuse/


def page_urls(world, *, edges: bool = True) -> list[str]:
    """Each page once with real ids (a withdrawn compilation's too), and at the edges."""
    real = {
        "speech": [world["speeches"][3].pk, world["rare"].pk],
        "compilation": [world["compilation"].pk, world["withdrawn"].pk],
        "rule": [world["rule"].pk],
        "token": [world["token"].pk],
        "job": [world["job"].pk],
        "activity": [Activity.objects.order_by("pk").values_list("pk", flat=True).first()],
        "speaker": [Speaker.objects.filter(speeches__isnull=False).first().slug],
        "theme": [world["supervision"].slug],
        "format": ["csv"],
    }
    urls = []
    for route, _name in url_patterns():
        if route.startswith(NOT_PAGES) or route in ("accounts/logout/",):
            continue
        converters = re.findall(r"<(\w+):\w+>", route)
        if not converters:
            urls.append("/" + route)
            continue
        odd = (EDGE_IDS if converters[0] == "int" else ODD_SLUGS) if edges else []
        for value in [*real[kind_of(route)], *odd]:
            urls.append("/" + re.sub(r"<\w+:\w+>", str(value), route))
    return urls


def log_in(client, user) -> None:
    client.logout()
    if user is not None:
        client.force_login(user)


@pytest.fixture
def walker(client):
    client.raise_request_exception = False  # a 500 is an answer to report, not a crash
    return client


def rotated(names, values, turn):
    """Turn ``turn`` of the rotation: name i gets value (i + turn) mod n."""
    return [(name, values[(i + turn) % len(values)]) for i, name in enumerate(names)]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_fails_on_odd_query_values(walker, world, role, monkeypatch):
    log_in(walker, world["users"][role])
    failures = []

    def get(url):
        # Each request undone after: a GET that wrote would not hide the next one's error.
        with transaction.atomic():
            response = walker.get(url)
            transaction.set_rollback(True)
        if response.status_code >= 500:
            failures.append((url[:200], response.status_code))
        return response

    admin = role == "admin"
    for index, url in enumerate(page_urls(world, edges=admin)):
        reads = Reads()
        with reads.on(monkeypatch):
            get(url)
        names = sorted(reads.keys | {"page", "sort"})
        # The admin, who sees every page, meets half the values in every
        # place on a page and the other half on the next (pages alternate),
        # so each parameter a page shares with its neighbours meets them all;
        # the other roles each value somewhere. Every turn is a request per
        # page, on both databases: the whole rotation doubled the suite's
        # slowest test.
        turns = (
            [(index + k) % len(QUERY_VALUES) for k in range(0, len(QUERY_VALUES), 2)]
            if admin else [ROLES.index(role)]
        )
        for turn in turns:
            get(f"{url}?{query(rotated(names, QUERY_VALUES, turn))}")
        if not admin:
            continue
        # The other values in one request, each parameter repeated.
        more = rotated(names, MORE_QUERY_VALUES, 0)
        get(f"{url}?{query([(n, v) for n, value in more for v in ('1', value)])}")
        # A NUL is refused before the view; invalid UTF-8 (a surrogate's bytes)
        # is read as U+FFFD, a character like any other.
        assert get(f"{url}?{names[0]}=a%00b").status_code == 422, url
        get(f"{url}?{names[0]}=%ED%A0%80")
    assert not failures


@pytest.mark.parametrize("role", ["annotator", "editor", "admin"])
def test_no_form_fails_on_odd_fields_nor_keeps_part_of_a_refusal(walker, world, role):
    log_in(walker, world["users"][role])
    forms = {}
    for url in page_urls(world):
        response = walker.get(url)
        if response.status_code == 200 and "html" in response["Content-Type"]:
            for form in post_forms("http://testserver" + url, response.content.decode()):
                forms.setdefault(local_path(form["action"]), form)
    assert len(forms) > (10 if role != "annotator" else 3), sorted(forms)  # the walk found them
    failures = []

    def post(action, data, *, refused_if_200: bool):
        with transaction.atomic():
            before = table_counts()
            response = walker.post(action, data)
            after = table_counts()
            transaction.set_rollback(True)
        if response.status_code >= 500:
            failures.append((action, sorted(data), response.status_code))
        elif response.status_code >= 400 or (response.status_code == 200 and refused_if_200):
            changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
            if changed:
                failures.append((action, sorted(data), response.status_code, changed))
        return response

    for action, form in sorted(forms.items()):
        if action.startswith(("/accounts/logout/", "/i18n/")):
            continue
        fields = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
        filled = {**fields, **{name: [value] for name, value in form.get("submits", [])}}
        post(action, {}, refused_if_200=True)
        for turn in range(len(FORM_VALUES)):
            odd = {name: [value] for name, value in rotated(sorted(fields), FORM_VALUES, turn)}
            post(action, {**filled, **odd}, refused_if_200=True)
        # The form as rendered, twice: the second is refused or done again, never a 500.
        with transaction.atomic():
            walker.post(action, filled)
            post(action, filled, refused_if_200=False)
            transaction.set_rollback(True)
    assert not failures
