"""Sortable column headers: the header cell says the order, its link sorts."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def header(sort: str, **context) -> str:
    request = RequestFactory().get("/speeches/", {"sort": sort} if sort else {})
    html = render_to_string(
        "speeches/_sort_header.html", {"sort": sort, "key": "date", "label": "日期", **context},
        request=request,
    )
    return html.strip()


@pytest.mark.parametrize(
    ("sort", "descending_first", "aria_sort", "link_sort"),
    [
        ("date", False, "ascending", "-date"),
        ("-date", False, "descending", "date"),
        ("", False, None, "date"),
        ("", True, None, "-date"),
        ("title", True, None, "-date"),
        ("-date", True, "descending", "date"),
        ("date", True, "ascending", "-date"),
    ],
)
def test_the_cell_says_the_order_and_the_link_sorts(sort, descending_first, aria_sort, link_sort):
    html = header(sort, descending_first=descending_first)
    cell = re.match(r"<th ([^>]*)>", html)
    assert cell is not None, html
    attributes = cell.group(1)
    assert 'scope="col"' in attributes
    if aria_sort:
        assert f'aria-sort="{aria_sort}"' in attributes
    else:
        assert "aria-sort" not in attributes
    (link,) = re.findall(r"<a ([^>]*)>日期</a>", html)
    assert "aria-sort" not in link  # not a property of links
    (href,) = re.findall(r'href="([^"]*)"', link)
    assert parse_qs(urlsplit(unescape(href)).query)["sort"] == [link_sort]


def test_the_cell_keeps_its_class():
    assert header("", th_class="num").startswith('<th scope="col" class="num">')


def test_the_lists_mark_the_sorted_column_on_its_header(viewer_client, seed_compilation):
    lists = ("/speeches/?sort=-date", "/speakers/?sort=-speeches", "/compilations/?sort=-speeches")
    for url in lists:
        html = viewer_client.get(url).content.decode()
        assert re.findall(r"<th [^>]*aria-sort=\"([a-z]+)\"", html) == ["descending"], url
        assert not re.search(r"<a [^>]*aria-sort", html), url
