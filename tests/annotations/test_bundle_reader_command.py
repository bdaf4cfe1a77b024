"""manage.py bundle_reader writes the reader's bundle, and --check refuses a
stale one without writing (annotations.reader_bundle)."""

import pytest
from django.core.management import CommandError, call_command

from annotations.management.commands import bundle_reader
from annotations.reader_bundle import BUNDLE, build


def test_the_committed_bundle_passes_the_check():
    call_command("bundle_reader", "--check")


def test_check_refuses_a_stale_bundle_and_writing_brings_it_up_to_date(tmp_path, monkeypatch):
    stale = tmp_path / BUNDLE.name
    stale.write_text("// an old bundle\n")
    monkeypatch.setattr(bundle_reader, "BUNDLE", stale)
    with pytest.raises(CommandError, match="bundle_reader"):
        call_command("bundle_reader", "--check")
    assert stale.read_text() == "// an old bundle\n"
    call_command("bundle_reader")
    assert stale.read_text(encoding="utf-8") == build()
    call_command("bundle_reader", "--check")
