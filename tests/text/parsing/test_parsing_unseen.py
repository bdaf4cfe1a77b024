"""Golden test: compilations written for this test, in formats the shared
samples do not show (tests/fixtures/parsing/unseen/).

Each ``NAME.json`` holds what a careful reader says a correct parse
contains, in the shared ``check_parse.py`` format (only the keys present
are compared). Its source is ``NAME.txt`` (bytes as stored: GB18030, CRLF…)
or ``NAME.lines``, one Word paragraph per line, from which the test builds a
.docx with python-docx. Two keys beyond check_parse's are checked here: the
compilation's ``title`` and the detected ``encoding``.
"""

import io
import json
import re
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

import docx
import pytest

from text.parsing import parse_bytes

from .test_parsing_samples import NO_SHARED, SHARED, load_check_parse

UNSEEN = Path(__file__).resolve().parents[2] / "fixtures" / "parsing" / "unseen"
EXPECTED = sorted(UNSEEN.glob("*.json"))
_WHITESPACE = re.compile(r"\s+")


def docx_from_lines(text: str) -> bytes:
    """A Word document with one paragraph per line (empty lines included)."""
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def parse_fixture(expected_path: Path):
    text_path = expected_path.with_suffix(".txt")
    if text_path.exists():
        return parse_bytes(text_path.read_bytes(), filename=text_path.name)
    lines = expected_path.with_suffix(".lines").read_text(encoding="utf-8")
    return parse_bytes(docx_from_lines(lines), filename=f"{expected_path.stem}.docx")


def test_there_are_enough_fixtures():
    assert len(EXPECTED) >= 12
    for path in EXPECTED:
        assert path.with_suffix(".txt").exists() or path.with_suffix(".lines").exists(), path


@pytest.mark.skipif(not SHARED, reason=NO_SHARED)
@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: path.stem)
def test_unseen_compilation_matches_its_expectation(expected_path):
    check_parse = load_check_parse()
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    compilation = parse_fixture(expected_path)
    actual = json.loads(json.dumps(compilation.to_dict(), ensure_ascii=False))
    printed = io.StringIO()
    with redirect_stdout(printed):
        report = check_parse.compare(expected, actual)
    assert report.failed == 0, printed.getvalue()
    assert report.passed > 0


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: path.stem)
def test_unseen_compilation_title_and_encoding(expected_path):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    compilation = parse_fixture(expected_path)
    assert compilation.title == expected.get("title")
    assert compilation.encoding == expected.get("encoding", "utf-8")


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: path.stem)
def test_unseen_compilation_loses_no_text(expected_path):
    compilation = parse_fixture(expected_path)
    kept = Counter(_WHITESPACE.sub("", "".join(compilation.kept_texts())))
    assert kept == Counter(_WHITESPACE.sub("", compilation.text))


@pytest.mark.parametrize(
    ("name", "encoding", "reported"),
    [
        ("11_traditional_report", "big5", "big5"),
        ("01_renminwang_subtitle_four_levels", "utf-16", "utf-16"),
        ("01_renminwang_subtitle_four_levels", "utf-8-sig", "utf-8"),
    ],
)
def test_unseen_compilation_parses_the_same_in_other_encodings(name, encoding, reported):
    source = UNSEEN / f"{name}.txt"
    plain = parse_bytes(source.read_bytes(), filename=source.name)
    text = source.read_text(encoding="utf-8").replace("\n", "\r")
    other = parse_bytes(text.encode(encoding), filename=source.name)
    assert other.encoding == reported
    assert [s.to_dict() for s in other.speeches] == [s.to_dict() for s in plain.speeches]
