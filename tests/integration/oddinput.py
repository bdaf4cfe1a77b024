"""Helpers of the odd-input walk (test_odd_input.py): which query parameters a
page reads, the POST forms a page renders, and the rows of every table."""

import contextlib
import re
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

from django.apps import apps
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

LONG = "长" * 12_000  # 36 KB of text, 108 KB percent-encoded


def encode(value: str) -> str:
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def query(pairs) -> str:
    return "&".join(f"{encode(k)}={encode(v)}" for k, v in pairs)


class Reads:
    """The keys read from any QueryDict while it is on (GET and POST alike)."""

    def __init__(self):
        self.keys: set[str] = set()

    @contextlib.contextmanager
    def on(self, monkeypatch):
        keys = self.keys
        originals = {
            name: getattr(MultiValueDict, name)
            for name in ("get", "getlist", "__getitem__", "__contains__")
        }

        def wrap(name):
            original = originals[name]

            def read(self, key, *args, **kwargs):
                if isinstance(self, QueryDict) and isinstance(key, str):
                    keys.add(key)
                return original(self, key, *args, **kwargs)

            return read

        with monkeypatch.context() as patch:
            for name in originals:
                patch.setattr(MultiValueDict, name, wrap(name))
            yield self


class FormParser(HTMLParser):
    """The POST forms of a page: action, and each field with its value(s)."""

    def __init__(self, url: str):
        super().__init__()
        self.url = url
        self.forms: list[dict] = []
        self.current: dict | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                action = urljoin(self.url, a.get("action") or self.url)
                self.current = {
                    "action": action,
                    "fields": {},
                    "files": [],
                    "multipart": "multipart" in (a.get("enctype") or ""),
                }
            else:
                self.current = None
            return
        form = self.current
        if form is None:
            return
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                form["files"].append(a["name"])
            elif kind in ("checkbox", "radio"):
                if "checked" in a or a["name"] not in form["fields"]:
                    form["fields"].setdefault(a["name"], [])
                    form["fields"][a["name"]].append(a.get("value", "on"))
            elif kind not in ("submit", "button", "reset", "image"):
                form["fields"][a["name"]] = [a.get("value", "")]
            elif kind == "submit":
                form.setdefault("submits", []).append((a["name"], a.get("value", "")))
        elif tag == "button" and a.get("name"):
            form.setdefault("submits", []).append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
            form["fields"].setdefault(self.select, [])
        elif tag == "option" and self.select:
            values = form["fields"][self.select]
            if "selected" in a or not values:
                if "selected" in a:
                    values.clear()
                values.append(a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self.textarea = a["name"]
            form["fields"][self.textarea] = [""]

    def handle_data(self, data):
        if self.current is not None and self.textarea:
            self.current["fields"][self.textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            if self.current is not None:
                self.forms.append(self.current)
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def post_forms(url: str, html: str) -> list[dict]:
    parser = FormParser(url)
    parser.feed(html)
    return parser.forms


def local_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


SKIPPED_TABLES = re.compile(r"^(django_session|axes_|django_admin_log)")


def table_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        table = model._meta.db_table
        if SKIPPED_TABLES.match(table) or model._meta.proxy:
            continue
        counts[table] = model._base_manager.count()
    return counts
