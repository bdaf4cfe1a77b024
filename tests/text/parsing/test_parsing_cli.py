"""`python -m text.parsing FILE` and the JSON shape of docs/parsing.md."""

import json
import subprocess
import sys
from pathlib import Path

from text.parsing import PARSER_VERSION, parse_text

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures" / "parsing"


def run_cli(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "text.parsing", str(path)],
        cwd=REPO,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_prints_the_parse_as_json():
    result = run_cli(FIXTURES / "two_speeches.txt")
    assert result.returncode == 0, result.stderr.decode()
    output = result.stdout.decode("utf-8")
    assert "同志们" in output  # ensure_ascii=False: Chinese as Chinese
    assert output.startswith('{\n "source"')  # indent=1
    data = json.loads(output)
    assert data["source"] == "two_speeches.txt"
    assert data["encoding"] == "utf-8"
    assert [speech["title"] for speech in data["speeches"]] == [
        "县长在全县经济工作会议上的讲话",
        "李明县长在全县人大工作会议结束时的讲话",
    ]


def test_refused_file_exits_1_with_the_message_on_stderr(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    result = run_cli(pdf)
    assert result.returncode == 1
    assert result.stdout == b""
    assert "PDF" in result.stderr.decode("utf-8")
    assert "无法导入" in result.stderr.decode("utf-8")


def test_speech_json_shape():
    compilation = parse_text((FIXTURES / "two_speeches.txt").read_text(encoding="utf-8"))
    data = compilation.to_dict()
    assert data["parser_version"] == PARSER_VERSION
    first, second = data["speeches"]
    assert set(first) >= {
        "ordinal",
        "title",
        "speaker",
        "event",
        "date",
        "published",
        "place",
        "salutation",
        "sections",
        "paragraphs",
        "warnings",
    }
    assert second["speaker"] == {"name": "李明", "role": "县长", "raw": "李明县长"}
    assert second["event"] == "全县人大工作会议"
    assert first["date"] == "2024-03-02"
    assert first["published"] == "2024-03-05"
    section = first["sections"][0]
    assert set(section) >= {"marker", "heading", "level", "run_in", "merged_with_body", "children"}
    assert section["children"][0] == {
        "marker": "一是",
        "heading": "抓学习",
        "level": 2,
        "run_in": True,
        "merged_with_body": False,
        "line": section["children"][0]["line"],
        "children": [],
    }
    paragraph = first["paragraphs"][1]
    assert paragraph["section_path"] == ["一、", "一是"]
    assert paragraph["text"][: paragraph["heading_end"]] == "一是抓学习。"
    assert second["warnings"] == [
        {
            "line": 19,
            "code": "ends-mid-sentence",
            "message": second["warnings"][0]["message"],
            "params": {},
        }
    ]
