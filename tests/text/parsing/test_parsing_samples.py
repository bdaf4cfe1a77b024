"""Golden test: the real sample compilations against their expectations.

The samples live in ``shared/samples`` beside the repository (CI lays a copy
there); they are read in place, never copied into the project. The
comparison is the shared ``tools/check_parse.py``, imported as it is.
"""

import importlib.util
import io
import json
import re
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from text.parsing import parse_bytes

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "speeches" / "fixtures" / "seed" / "000_664d169cac1943db.txt"


def find_shared() -> Path | None:
    """The nearest ``shared`` folder with samples, beside the repo or above it."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared"
        if (candidate / "samples" / "expected").is_dir():
            return candidate
    return None


SHARED = find_shared()
EXPECTED = sorted((SHARED / "samples" / "expected").glob("*.json")) if SHARED else []
SAMPLES = sorted((SHARED / "samples").glob("*.txt")) if SHARED else []
NO_SHARED = "shared/samples not found beside the repository (CI lays a copy there)"
_WHITESPACE = re.compile(r"\s+")


def load_check_parse():
    path = SHARED / "tools" / "check_parse.py"
    spec = importlib.util.spec_from_file_location("check_parse", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_file(path: Path):
    return parse_bytes(path.read_bytes(), filename=path.name)


@pytest.mark.skipif(not EXPECTED, reason=NO_SHARED)
@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: path.stem)
def test_sample_matches_its_expectation(expected_path):
    check_parse = load_check_parse()
    sample = expected_path.parent.parent / f"{expected_path.stem}.txt"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    # Through JSON, exactly as `python -m text.parsing` prints it.
    actual = json.loads(json.dumps(parse_file(sample).to_dict(), ensure_ascii=False))
    printed = io.StringIO()
    with redirect_stdout(printed):
        report = check_parse.compare(expected, actual)
    assert report.failed == 0, printed.getvalue()
    assert report.passed > 0


@pytest.mark.skipif(not SAMPLES, reason=NO_SHARED)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_no_text_is_lost(sample):
    compilation = parse_file(sample)
    kept = Counter(_WHITESPACE.sub("", "".join(compilation.kept_texts())))
    assert kept == Counter(_WHITESPACE.sub("", compilation.text))


@pytest.mark.skipif(not SAMPLES, reason=NO_SHARED)
def test_encodings_and_line_endings_do_not_change_the_parse():
    plain, crlf, gb18030 = (
        parse_file(SHARED / "samples" / f"01_beijing_gwr_2026{suffix}.txt")
        for suffix in ("", "_crlf", "_gb18030")
    )
    assert (crlf.encoding, gb18030.encoding) == ("utf-8", "gb18030")
    assert plain.text == crlf.text == gb18030.text
    assert plain.speeches[0].to_dict() == crlf.speeches[0].to_dict()
    assert plain.speeches[0].to_dict() == gb18030.speeches[0].to_dict()


@pytest.mark.skipif(not SAMPLES, reason=NO_SHARED)
def test_web_chrome_and_licences_are_not_body():
    for name in ("01_beijing_gwr_2026", "05_gwr_1957_zhou_enlai_wikisource"):
        speech = parse_file(SHARED / "samples" / f"{name}.txt").speeches[0]
        body = "".join(paragraph.text for paragraph in speech.paragraphs)
        for furniture in ("下载", "【字号", "相关报道", "本作品", "Public domain"):
            assert furniture not in body


def test_seed_demo_copy_parses_into_five_speeches():
    compilation = parse_file(SEED)
    assert [speech.title for speech in compilation.speeches] == [
        "市长在2024年全市人大工作会议上的讲话范文",
        "市长在市委人大工作会议上的讲话",
        "市长在2024年市委人大工作会议上的讲话",
        "王萍市长在全市人大工作会议上的讲话",
        "市长在全市人大工作会议结束时的讲话",
    ]
    fourth = compilation.speeches[3]
    assert (fourth.speaker_name, fourth.role, fourth.speaker_raw) == ("王萍", "市长", "王萍市长")
    assert (fourth.date, fourth.published) == ("2024-08-12", "2024-08-14")
    assert [w.code for w in fourth.warnings] == ["merged-heading"]


@pytest.mark.skipif(not SHARED, reason=NO_SHARED)
def test_seed_demo_copy_is_the_shared_seed():
    assert SEED.read_bytes() == (SHARED / "samples" / SEED.name).read_bytes()
