"""manage.py import_speeches: files and folders, progress, summary, exit status."""

import io
import logging
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from speeches.models import Compilation, Paragraph, Section, Speaker, Speech
from tests.speeches.upload_inputs import SMALL_LIMIT, refused_files, seed_variants
from text.parsing.errors import MESSAGES

SEED_NAME = "000_664d169cac1943db.txt"


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Compilation, Speech, Section, Paragraph, Speaker)
    }


def summary_counts(output: str) -> list[int]:
    """(imported, already present, refused) from the summary line."""
    summary = next(line for line in output.splitlines() if not line.startswith(("[", "  ")))
    return [int(n) for n in re.findall(r"\d+", summary)]


def run(*args) -> tuple[str, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("import_speeches", *[str(a) for a in args], stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


@pytest.fixture
def folder(tmp_path, seed_bytes):
    """The seed, a copy of it in another encoding deeper down, and files to skip."""
    (tmp_path / "seed.txt").write_bytes(seed_bytes)
    nested = tmp_path / "2024" / "gb"
    nested.mkdir(parents=True)
    name, data = seed_variants(seed_bytes.decode("utf-8"))[1]
    (nested / name).write_bytes(data)
    (tmp_path / "notes.md").write_text("# not a compilation", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("同志们：", encoding="utf-8")
    return tmp_path


@pytest.mark.django_db
def test_a_folder_is_searched_for_text_and_word_files(folder):
    output, error = run(folder)

    assert error is None
    assert Compilation.objects.count() == 1
    assert "[1/2]" in output and "[2/2]" in output
    assert "notes.md" not in output and ".hidden" not in output
    assert output.count("seed") == 2  # seed.txt and seed-gb18030.txt
    # The same text in GB18030 is the same compilation.
    assert summary_counts(output) == [1, 1, 0]


@pytest.mark.django_db
def test_the_output_is_chinese_with_no_log_line_among_it(folder, caplog):
    caplog.set_level(logging.INFO)  # the level a deployment logs at by default
    output, error = run(folder / "seed.txt")
    assert error is None
    compilation = Compilation.objects.get()
    assert f"已导入：{compilation.title}（{compilation.speeches.count()} 篇讲话，" in output
    assert "imported compilation" not in output
    assert [r.getMessage() for r in caplog.records if r.name.startswith("speeches")] == []


@pytest.mark.django_db
def test_the_summary_counts_imported_present_and_refused(folder, tmp_path_factory):
    run(folder / "seed.txt")
    odd = tmp_path_factory.mktemp("odd")
    (odd / "scan.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n")
    (odd / "new.txt").write_text("关于工作的讲话\n同志们：\n今天开会。\n", encoding="utf-8")

    output, error = run(folder, odd / "scan.pdf", odd / "new.txt", odd / "missing.txt")

    assert Compilation.objects.count() == 2
    assert summary_counts(output) == [1, 2, 2]
    assert MESSAGES["pdf"][0] in output
    assert "missing.txt" in output
    assert error is not None and error.returncode == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "code"), refused_files())
def test_each_refused_file_is_named_with_its_problem(tmp_path, settings, name, data, code):
    settings.MAX_UPLOAD_BYTES = SMALL_LIMIT
    path = tmp_path / name
    path.write_bytes(data)

    output, error = run(path)

    assert MESSAGES[code][0].split("；")[0] in output
    assert error is not None and error.returncode == 1
    assert row_counts() == dict.fromkeys(row_counts(), 0)


@pytest.mark.django_db
def test_a_title_and_an_uploader_for_one_file(folder, editor):
    output, error = run(folder / "seed.txt", "--title", "人大工作讲话汇编", "--user", "editor")
    assert error is None
    compilation = Compilation.objects.get()
    assert compilation.title == "人大工作讲话汇编"
    assert compilation.uploaded_by == editor


@pytest.mark.django_db
def test_a_title_for_several_files_is_refused(folder):
    output, error = run(folder, "--title", "汇编")
    assert error is not None and error.returncode != 0
    assert not Compilation.objects.exists()


@pytest.mark.django_db
def test_an_unknown_uploader_is_refused_before_importing(folder):
    output, error = run(folder, "--user", "nobody")
    assert error is not None
    assert "nobody" in str(error)
    assert not Compilation.objects.exists()


@pytest.mark.django_db
def test_a_file_over_the_limit_is_not_read(tmp_path, settings, monkeypatch):
    settings.MAX_UPLOAD_BYTES = 1024
    path = tmp_path / "big.txt"
    path.write_bytes("同志们：".encode() * 1000)
    opened = []
    monkeypatch.setattr(
        "speeches.services.imports.parse_upload",
        lambda **kwargs: opened.append(kwargs),
    )

    output, error = run(path)

    assert opened == []
    assert MESSAGES["too-large"][0] in output
    assert error is not None
