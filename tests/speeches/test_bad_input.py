"""Bad and huge input (issue 11, part 2): each file is imported correctly or
refused with a message naming the problem; none becomes a speech without
paragraphs, none makes the preview unusable, none holds a worker for
minutes. Every file is generated here, not stored.
"""

import re
import time

import pytest
from django.conf import settings

from speeches.models import Compilation, ImportJob, Paragraph, Section, Speech
from speeches.services.jobs import run_import_job, start_import
from tests.speeches.test_upload_page import form_data, preview_url, upload
from text.parsing import parse_bytes
from text.parsing.errors import MESSAGES

pytestmark = pytest.mark.slow

SENTENCE = "我们要坚持以人民为中心的发展思想，推动经济高质量发展。"
# A worker must never be held for minutes: each file here takes seconds of
# processor time (docs/performance.md). Counted in processor time, which a
# machine busy with other work does not stretch as it does the clock.
WITHIN = 60


def run_job(data: bytes, filename: str, user=None) -> tuple[ImportJob, float]:
    job = start_import(data=data, filename=filename, user=user, enqueue=False)
    start = time.process_time()
    job = run_import_job(job_id=job.pk)
    return job, time.process_time() - start


def row_counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Compilation, Speech, Section, Paragraph)}


def assert_no_empty_speech():
    assert not Speech.objects.filter(paragraphs__isnull=True).exists()


def test_a_5_mb_line_without_breaks_is_refused_naming_the_problem(db):
    data = (SENTENCE * (5_000_000 // len(SENTENCE.encode()))).encode()
    assert len(data) > 4_900_000 and b"\n" not in data

    job, elapsed = run_job(data, "一行.txt")

    assert (job.stage, job.error_code) == ("failed", "line-too-long")
    assert job.error.startswith(MESSAGES["line-too-long"][0])
    assert "1,666,6" in job.error_en  # the length it found
    assert row_counts() == dict.fromkeys(row_counts(), 0)
    assert elapsed < WITHIN


def test_100000_short_paragraphs_are_imported(db):
    data = "\n".join(f"第{i}段，推动发展。" for i in range(100_000)).encode()

    job, elapsed = run_job(data, "十万段.txt")

    assert job.stage == "done", job.error_en
    speech = job.compilation.speeches.get()
    assert speech.paragraphs.count() == 100_000
    assert speech.paragraphs.get(position=100_000).text == "第99999段，推动发展。"
    assert elapsed < WITHIN


def test_100000_short_lines_between_blank_lines_are_imported(db):
    data = "\n\n".join(f"短句{i}。" for i in range(100_000)).encode()

    job, elapsed = run_job(data, "空行.txt")

    assert job.stage == "done", job.error_en
    assert Paragraph.objects.count() == 100_000
    assert_no_empty_speech()
    assert elapsed < WITHIN


def test_a_one_line_file_is_one_speech_of_one_paragraph(db):
    job, _elapsed = run_job(SENTENCE.encode(), "一句.txt")
    assert job.stage == "done"
    assert [s.paragraphs.count() for s in job.compilation.speeches.all()] == [1]


@pytest.mark.parametrize(
    "line", ["关于加强人大工作的讲话", "一、总体要求", "（2024年1月1日）", "王萍"]
)
def test_a_one_line_file_without_a_body_is_refused_not_a_speech_without_paragraphs(db, line):
    job, _elapsed = run_job(line.encode(), "标题.txt")
    assert (job.stage, job.error_code) == ("failed", "no-body")
    assert job.error.startswith(MESSAGES["no-body"][0])
    assert row_counts() == dict.fromkeys(row_counts(), 0)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(db, codec):
    text = "关于人大工作的讲话\n\n" + "\n".join(f"{i}. {SENTENCE}" for i in range(1, 200))
    job, _elapsed = run_job(text.encode(codec), "无BOM.txt")
    assert job.stage == "done", job.error_en
    assert job.compilation.encoding == "utf-16"
    # Read as the same text in UTF-8 is.
    same = parse_bytes(text.encode(), filename="a.txt", max_bytes=10**6)
    stored = list(Paragraph.objects.order_by("position").values_list("text", flat=True))
    assert stored == [p.text for p in same.speeches[0].paragraphs]
    assert len(stored) > 190
    assert_no_empty_speech()


def test_binary_with_nul_bytes_is_still_refused(db):
    job, _elapsed = run_job(bytes(range(256)) * 40, "data.txt")
    assert (job.stage, job.error_code) == ("failed", "binary")


def test_60000_headings_keep_the_preview_usable(editor_client, pending_dir):
    data = "\n".join(f"{i}. 标题{i}\n{SENTENCE}" for i in range(1, 60_001)).encode()
    preview = preview_url(upload(editor_client, "六万标题.txt", data))

    start = time.process_time()
    page = editor_client.get(preview)
    assert time.process_time() - start < WITHIN
    html = page.content.decode()
    # Not one input per heading: the first few thousand, the rest as read.
    inputs = len(re.findall(r"<input|<textarea", html))
    assert inputs < 5_000
    assert "57,000" in html or "57000" in html  # how many are left as read
    fields = form_data(page)
    assert len(fields) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS

    # Confirming posts those fields, under Django's limit, and imports all 60,000.
    first = next(name for name in fields if name.endswith("heading_1"))
    fields[first] = "改过的第一个标题"
    response = editor_client.post(preview, fields)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.stage == "done", job.error_en
    speech = job.compilation.speeches.get()
    assert speech.sections.count() == 60_000
    assert speech.sections.get(position=1).heading == "改过的第一个标题"
    # Past the preview's budget, imported as the parser read it.
    assert speech.sections.get(position=60_000).heading.endswith("标题60000")
    assert_no_empty_speech()


def test_a_preview_of_60000_headings_can_be_discarded(editor_client, pending_dir):
    data = "\n".join(f"{i}. 标题{i}\n{SENTENCE}" for i in range(1, 60_001)).encode()
    preview = preview_url(upload(editor_client, "六万标题.txt", data))
    # The Discard button submits its own form: the token and the action only.
    html = editor_client.get(preview).content.decode()
    assert 'form="discard-upload"' in html and 'id="discard-upload"' in html
    response = editor_client.post(preview, {"action": "discard"})
    assert response.status_code == 302
    assert not [p for p in pending_dir.rglob("*") if p.is_file()]
