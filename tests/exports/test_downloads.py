"""Every download names its file twice (RFC 6266): the real name in
``filename*`` and an ASCII ``filename`` for clients that read only that one
(``curl -OJ``, ``wget --content-disposition``)."""

import re
from urllib.parse import unquote

import pytest

from core.downloads import ascii_filename, attachment

pytestmark = pytest.mark.django_db


def names(header: str) -> tuple[str, str | None]:
    plain = re.search(r'filename="([^"]*)"', header).group(1)
    extended = re.search(r"filename\*=utf-8''(\S+)", header)
    return plain, unquote(extended.group(1)) if extended else None


def test_a_chinese_name_gets_a_pinyin_ascii_fallback():
    plain, extended = names(attachment("全国人大 讲话-2023.txt"))
    assert extended == "全国人大 讲话-2023.txt"
    assert plain == "quan-guo-ren-da-jiang-hua-2023.txt"
    assert plain.isascii()


def test_an_ascii_name_is_sent_once_and_nothing_unsafe_gets_through():
    assert attachment("annotations.csv") == 'attachment; filename="annotations.csv"'
    for name in ['a"b.csv', "a\\b.csv", "a;b.csv", "évènement 🙂.xlsx", "。.txt"]:
        plain, extended = names(attachment(name))
        assert extended == name
        assert re.fullmatch(r"[A-Za-z0-9._-]+", plain), plain
    assert ascii_filename("évènement 🙂.xlsx") == "evenement.xlsx"
    assert ascii_filename("。.txt") == "export.txt"


def test_every_export_carries_both_names(viewer_client, coded):
    speech = coded["speeches"][0]
    urls = [
        f"/api/exports/speeches/{speech.pk}/text",
        f"/api/exports/speeches/{speech.pk}/markdown",
        f"/api/exports/compilations/{coded['compilation'].pk}/tei",
        "/api/exports/annotations/csv",
        "/api/exports/annotations/xlsx",
        "/api/exports/annotations/qdpx",
        "/api/exports/annotations/jsonld",
    ]
    for url in urls:
        response = viewer_client.get(url)
        assert response.status_code == 200, url
        plain, extended = names(response["Content-Disposition"])
        assert plain.isascii() and plain.rsplit(".", 1)[0], url
        if extended is not None:
            assert plain.rsplit(".", 1)[1] == extended.rsplit(".", 1)[1]
