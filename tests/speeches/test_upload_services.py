"""The ways a file comes in: read, parsed and imported at once (the API and
the command), or held, previewed, corrected and confirmed (the upload page)."""

import dataclasses

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile

from config.errors import status_for
from speeches.models import Compilation
from speeches.services.imports import (
    UploadRefused,
    confirm_upload,
    import_file,
    parse_pending,
    read_file,
)
from speeches.services.pending import get_pending, hold_upload
from text.corrections import CompilationCorrections, correction_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pending_dir")]


def test_import_file_reads_parses_and_imports(seed_bytes, editor):
    result = import_file(file=ContentFile(seed_bytes, name="seed.txt"), user=editor, title="汇编")
    assert result.created and result.compilation.title == "汇编"
    assert result.compilation.uploaded_by == editor and result.compilation.speeches.exists()
    again = import_file(file=ContentFile(seed_bytes, name="again.txt"), user=None)
    assert not again.created and again.compilation == result.compilation


def test_a_refused_file_names_its_problem_and_status(settings, editor):
    settings.MAX_UPLOAD_BYTES = 10
    with pytest.raises(UploadRefused) as refused:
        import_file(file=ContentFile("同志们：开会。".encode(), name="big.txt"), user=editor)
    assert (status_for(refused.value.code), refused.value.code) == (413, "too-large")
    assert refused.value.details["file"] == "big.txt" and refused.value.details["message_en"]
    with pytest.raises(UploadRefused) as refused:
        read_file(file=ContentFile(b"%PDF-1.7\n", name="scan.pdf"))
    assert (status_for(refused.value.code), refused.value.code) == (415, "pdf")
    assert not Compilation.objects.exists()


def test_a_held_upload_is_confirmed_as_corrected_and_let_go(seed_bytes, editor):
    session = SessionStore()
    held = hold_upload(session=session, user_id=editor.pk, data=seed_bytes, filename="seed.txt")
    parsed = parse_pending(pending=held)
    first = dataclasses.replace(correction_of(parsed.speeches[0]), title="改过的标题")
    corrections = CompilationCorrections(
        title="更正后的汇编",
        speeches=(first, *(correction_of(speech) for speech in parsed.speeches[1:])),
    )
    job = confirm_upload(session=session, pending=held, corrections=corrections, user=editor)
    job.refresh_from_db()  # run at once by the tests' task backend
    compilation = job.compilation
    assert job.created_compilation and compilation.title == "更正后的汇编"
    assert compilation.size == len(seed_bytes) and compilation.uploaded_by == editor
    assert compilation.speeches.order_by("position").first().title == "改过的标题"
    assert get_pending(session=session, user_id=editor.pk, token=held.token) is None
