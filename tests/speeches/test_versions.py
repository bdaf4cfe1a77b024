"""A corrected text uploaded again becomes a new version: recognised, its
annotations and comments moved, the old one superseded."""

import pytest
from django.utils import timezone

from accounts.models import Activity
from annotations import services
from annotations.models import Annotation, Comment, Theme
from speeches.models import Compilation, ImportJob, Paragraph, Speech
from speeches.services.imports import import_compilation
from speeches.services.jobs import run_import_job, start_import
from speeches.services.versions import VersionRefused, looks_like
from tests.speeches.browse_data import import_text
from tests.speeches.test_upload_page import form_data
from text.parsing import parse_text

TOPICS = ["人大监督", "依法行政", "税收征管", "民生保障", "教育公平", "医疗改革", "住房保障",
          "生态环境", "科技创新", "乡村振兴", "营商环境", "安全生产", "文化建设", "交通运输",
          "城市更新", "养老服务", "就业创业", "财政预算", "审计监督", "社会治理"]
PARAGRAPHS = [
    f"第{n}段讲{topic}。要把{topic}放在更加突出的位置，依法开展执法检查第{n}次，"
    f"确保{topic}各项任务落到实处。"
    for n, topic in enumerate(TOPICS, start=1)
]


def text_of(paragraphs):
    head = "在全市人大工作会议上的讲话\n王萍\n（2024年8月12日）\n同志们：\n"
    return head + "\n".join(paragraphs) + "\n"


@pytest.fixture
def original(db):
    return import_text(text_of(PARAGRAPHS), source="原稿.txt")


def revised_paragraphs():
    revised = list(PARAGRAPHS)
    revised[2] = revised[2].replace("执法检查", "执法调查")  # a typo fixed
    del revised[5]  # a paragraph removed
    revised.insert(10, "新增加的一段，说明补充的情况。")  # one added
    return revised


def para(compilation, n):
    return Paragraph.objects.get(speech__compilation=compilation, position=n)


def tag(paragraph, quote, author):
    start = paragraph.text.index(quote)
    return services.tag_passage(
        paragraph=paragraph, start=start, end=start + len(quote), quote=quote,
        themes=[Theme.objects.filter(active=True).first()], author=author,
    )


def test_an_upload_sharing_most_paragraphs_looks_like_the_compilation(original):
    match = looks_like(revised_paragraphs())
    assert match.compilation == original
    assert (match.unchanged, match.changed, match.added, match.removed) == (18, 1, 1, 1)
    assert match.share == pytest.approx(18 / 20)
    assert looks_like(["完全不同的一段文字。", "另一段。"]) is None


def test_a_new_version_takes_the_annotations_and_comments(original, annotator, editor):
    kept = tag(para(original, 1), "要把人大监督放在", annotator)
    fixed = tag(para(original, 3), "依法开展执法检查第3次", annotator)
    gone = tag(para(original, 6), "第6段", annotator)
    comment = services.write_comment(paragraph=para(original, 8), author=annotator, body="好")
    parsed = parse_text(text_of(revised_paragraphs()), source="修订稿.txt")

    result = import_compilation(parsed=parsed, size=1, user=editor, new_version_of=original)

    new = result.compilation
    original.refresh_from_db()
    assert original.superseded_by == new
    assert list(Compilation.objects.current()) == [new]
    assert list(Speech.objects.current()) == list(new.speeches.all())
    kept.refresh_from_db()
    assert kept.paragraph.speech.compilation == new and kept.paragraph.position == 1
    assert kept.quote == "要把人大监督放在" and kept.orphaned_at is None
    fixed.refresh_from_db()
    assert fixed.paragraph.speech.compilation == new
    assert fixed.quote == "依法开展执法调查第3次"  # placed fuzzily on the corrected words
    gone.refresh_from_db()
    assert gone.orphaned_at is not None and gone.paragraph.speech.compilation == original
    comment.refresh_from_db()
    assert comment.paragraph.speech.compilation == new and comment.paragraph.position == 7
    assert para(original, 8).moved_to == comment.paragraph
    assert para(original, 6).moved_to is None
    assert result.carried["orphaned"] == 1 and result.carried["comments_moved"] == 1
    entry = Activity.objects.get(data__action="new-version")
    assert entry.data["new"] == new.pk


def test_only_a_current_compilation_gets_a_new_version(original, editor):
    from speeches.services.retire import withdraw_compilation

    withdraw_compilation(compilation=original, actor=editor)
    parsed = parse_text(text_of(revised_paragraphs()), source="修订稿.txt")
    with pytest.raises(VersionRefused):
        import_compilation(parsed=parsed, size=1, user=editor, new_version_of=original)
    assert Compilation.objects.count() == 1
    assert Annotation.objects.count() == 0 and Comment.objects.count() == 0


@pytest.fixture
def superseded(original, annotator, editor):
    """The original tagged twice, then superseded: one tag placed, one orphaned."""
    tag(para(original, 1), "要把人大监督放在", annotator)
    orphan = tag(para(original, 6), "第6段", annotator)
    parsed = parse_text(text_of(revised_paragraphs()), source="修订稿.txt")
    new = import_compilation(parsed=parsed, size=1, user=editor, new_version_of=original)
    orphan.refresh_from_db()
    assert orphan.orphaned_at is not None
    return orphan, new.compilation


def test_the_orphan_queue_reattaches_and_discards(editor_client, superseded,
                                                  django_assert_max_num_queries):
    from django.urls import reverse

    orphan, new = superseded
    url = reverse("orphan_queue")
    with django_assert_max_num_queries(16):
        page = editor_client.get(url)
    assert [row["annotation"] for row in page.context["rows"]] == [orphan]
    html = page.content.decode()
    assert "第6段" in html and 'name="csrfmiddlewaretoken"' in html
    target = para(new, 6)  # the old 7th, the 6th was removed
    response = editor_client.post(url, {"annotation": orphan.pk, "paragraph": target.pk,
                                        "quote": "不存在的字"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    editor_client.post(url, {"annotation": orphan.pk, "paragraph": target.pk, "quote": "第7段"})
    orphan.refresh_from_db()
    assert orphan.orphaned_at is None and orphan.paragraph == target and orphan.quote == "第7段"
    assert editor_client.get(url).context["rows"] == []


def test_the_orphan_queue_is_for_editors(client, annotator, superseded):
    from django.urls import reverse

    client.force_login(annotator)
    assert client.get(reverse("orphan_queue")).status_code == 403
    assert client.get("/api/orphaned-annotations").status_code == 403


def test_orphans_through_the_api(editor_client, superseded):
    orphan, new = superseded
    listed = editor_client.get("/api/orphaned-annotations").json()
    assert [a["id"] for a in listed["items"]] == [orphan.pk]
    assert listed["items"][0]["orphaned_at"]
    target = para(new, 6)
    bad = editor_client.post(f"/api/annotations/{orphan.pk}/reattach",
                             {"paragraph_id": target.pk, "start": 0, "end": 3, "quote": "第8段"},
                             content_type="application/json")
    assert (bad.status_code, bad.json()["code"]) == (409, "quote-mismatch")
    old = para(orphan.paragraph.speech.compilation, 2)
    stale = editor_client.post(f"/api/annotations/{orphan.pk}/reattach",
                               {"paragraph_id": old.pk, "start": 0, "end": 3, "quote": "第2段"},
                               content_type="application/json")
    assert (stale.status_code, stale.json()["code"]) == (409, "not-current")
    done = editor_client.post(f"/api/annotations/{orphan.pk}/reattach",
                              {"paragraph_id": target.pk, "start": 0, "end": 3, "quote": "第7段"},
                              content_type="application/json")
    assert done.status_code == 200 and done.json()["orphaned_at"] is None


def test_an_upload_is_offered_as_a_new_version(editor_client, original, pending_dir, annotator):
    from django.urls import reverse

    tag(para(original, 1), "要把人大监督放在", annotator)
    data = text_of(revised_paragraphs()).encode()
    upload = editor_client.post(reverse("compilation_upload"),
                                {"file": _file("修订稿.txt", data), "title": ""})
    preview = editor_client.get(upload["Location"])
    match = preview.context["looks_like"]
    assert match.compilation == original and match.percent == 90
    assert f'value="new-{original.pk}"' in preview.content.decode()
    fields = form_data(preview)
    response = editor_client.post(upload["Location"], {**fields, "version": f"new-{original.pk}"})
    # Confirming starts the import job (run at once by the tests' task backend)
    # with the editor's choice, and leads to the job's page.
    job = ImportJob.objects.get()
    assert response.status_code == 302, response.content[:500]
    assert response["Location"] == job.get_absolute_url()
    assert job.new_version_of == original and job.stage == ImportJob.Stage.DONE
    assert job.carried == {"exact": 1, "fuzzy": 0, "orphaned": 0, "split": 0,
                           "comments_moved": 0}
    original.refresh_from_db()
    assert original.superseded_by == job.compilation
    assert Annotation.objects.get().paragraph.speech.compilation == original.superseded_by
    # The job's page says what moved, links the diff and names the old version.
    page = editor_client.get(response["Location"]).content.decode()
    assert "import-job__carried" in page
    assert reverse("compilation_diff", args=[job.compilation_id]) in page
    assert original.get_absolute_url() in page


def test_a_separate_compilation_supersedes_nothing(editor_client, original, pending_dir):
    from django.urls import reverse

    data = text_of(revised_paragraphs()).encode()
    upload = editor_client.post(reverse("compilation_upload"),
                                {"file": _file("修订稿.txt", data), "title": ""})
    preview = editor_client.get(upload["Location"])
    editor_client.post(upload["Location"], {**form_data(preview), "version": "separate"})
    job = ImportJob.objects.get()
    assert job.new_version_of is None and job.carried is None and job.created_compilation
    original.refresh_from_db()
    assert original.superseded_by is None
    assert "import-job__carried" not in editor_client.get(job.get_absolute_url()).content.decode()


def test_the_preview_asks_again_when_the_compilation_was_withdrawn_meanwhile(
    editor_client, editor, original, pending_dir
):
    from django.urls import reverse

    from speeches.services.retire import withdraw_compilation

    data = text_of(revised_paragraphs()).encode()
    upload = editor_client.post(reverse("compilation_upload"),
                                {"file": _file("修订稿.txt", data), "title": ""})
    preview = editor_client.get(upload["Location"])
    withdraw_compilation(compilation=original, actor=editor)
    response = editor_client.post(upload["Location"],
                                  {**form_data(preview), "version": f"new-{original.pk}"})
    # Refused before any job starts; the upload is still held, its preview shown again.
    assert response.status_code == 302 and response["Location"] == upload["Location"]
    assert not ImportJob.objects.exists() and Compilation.objects.count() == 1
    again = editor_client.get(upload["Location"])
    assert again.status_code == 200 and again.context["looks_like"] is None


def test_a_dry_run_says_what_the_upload_looks_like_and_the_api_imports_a_version(
    editor_client, original
):
    data = text_of(revised_paragraphs()).encode()
    dry = editor_client.post("/api/compilations",
                             {"file": _file("修订稿.txt", data), "dry_run": "true"}).json()
    assert dry["looks_like"]["id"] == original.pk and dry["looks_like"]["added"] == 1
    made = editor_client.post("/api/compilations",
                              {"file": _file("修订稿.txt", data), "new_version_of": original.pk})
    # The import runs as a job (at once with the tests' task backend); the job says
    # which compilation it is a new version of and, once done, what moved.
    assert made.status_code == 202, made.content
    job = editor_client.get(made["Location"]).json()
    assert job["finished"] and job["created"] is True
    assert job["new_version_of"] == original.pk
    assert job["carried"] == {"exact": 0, "fuzzy": 0, "orphaned": 0, "split": 0,
                              "comments_moved": 0}
    original.refresh_from_db()
    assert original.superseded_by_id == job["compilation"]["id"]
    # A superseded (or withdrawn) compilation gets no newer version: refused at once.
    again = editor_client.post("/api/compilations",
                               {"file": _file("再修订稿.txt", data + "再加一段。\n".encode()),
                                "new_version_of": original.pk})
    assert (again.status_code, again.json()["code"]) == (409, "not-current")
    unknown = editor_client.post("/api/compilations",
                                 {"file": _file("修订稿.txt", data), "new_version_of": 999999})
    assert unknown.status_code == 404
    assert ImportJob.objects.count() == 1


def test_a_job_fails_when_its_compilation_stopped_being_current(original, editor):
    """Withdrawn while the job waited for a worker: the job fails, nothing is written."""
    from speeches.services.retire import withdraw_compilation

    data = text_of(revised_paragraphs()).encode()
    job = start_import(data=data, filename="修订稿.txt", user=editor, new_version_of=original,
                       enqueue=False)
    withdraw_compilation(compilation=original, actor=editor)
    job = run_import_job(job_id=job.pk)
    assert (job.stage, job.error_code) == (ImportJob.Stage.FAILED, "not-current")
    assert job.error and job.error_en == "Only a current compilation can get a new version."
    assert Compilation.objects.count() == 1 and job.compilation is None


def _file(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/plain")


def test_the_diff_view_and_the_superseded_notices(viewer_client, superseded,
                                                  django_assert_max_num_queries):
    from django.urls import reverse

    _orphan, new = superseded
    with django_assert_max_num_queries(10):
        page = viewer_client.get(reverse("compilation_diff", args=[new.pk]))
    rows = page.context["rows"]
    kinds = [row.kind for row in rows]
    assert kinds.count("added") == 1 and kinds.count("removed") == 1
    assert kinds.count("changed") == 1 and sum(r.count for r in rows if r.kind == "same") == 18
    html = page.content.decode()
    assert "执法<del>检</del><ins>调</ins>查" in html
    old = new.earlier_versions.get()
    assert viewer_client.get(reverse("compilation_diff", args=[old.pk])).status_code == 404
    assert 'id="superseded"' in viewer_client.get(old.get_absolute_url()).content.decode()
    old_speech = old.speeches.get()
    reader = viewer_client.get(old_speech.get_absolute_url())
    moved = reader.context["moved"]
    assert moved[1] == para(new, 1).get_absolute_url() and 6 not in moved
    assert moved[7] == para(new, 6).get_absolute_url()
    assert 'id="reader-moved"' in reader.content.decode()
    # The current version has no such notice.
    current = viewer_client.get(new.speeches.get().get_absolute_url())
    assert current.context["moved"] is None and 'id="superseded"' not in current.content.decode()


def test_a_passage_from_a_rule_split_by_the_new_version_stays_the_rules(original, editor):
    from annotations.services.rules import create_rule

    theme = Theme.objects.filter(active=True).first()
    rule = create_rule(actor=editor, theme=theme, query="民生保障", name="民生")
    p4 = para(original, 4)
    start = p4.text.index("民生保障。要把")
    services.tag_passage(
        paragraph=p4, start=start, end=start + 7, quote="民生保障。要把", themes=[theme],
        author=editor, rule=rule,
    )
    revised = list(PARAGRAPHS)
    cut = revised[3].index("要把")
    revised[3:4] = [revised[3][:cut], revised[3][cut:]]
    parsed = parse_text(text_of(revised), source="修订稿.txt")

    result = import_compilation(parsed=parsed, size=1, user=editor, new_version_of=original)

    assert result.carried["split"] == 1
    parts = Annotation.objects.order_by("paragraph__position")
    assert [(a.quote, a.rule_id, a.from_rule) for a in parts] == [
        ("民生保障。", rule.pk, True), ("要把", rule.pk, True)]


def test_the_preview_shows_what_the_current_version_says_otherwise(
    editor_client, original, editor, pending_dir
):
    # Corrections made on the current version do not move to a new one: the
    # preview names them, so the editor can keep them before importing.
    from django.urls import reverse

    from speeches.services.editing import edit_speech

    edit_speech(
        speech=original.speeches.get(),
        changes={"speaker": "王萍华", "role": "市长", "place": "市人大会堂"},
        actor=editor,
    )
    data = text_of(revised_paragraphs()).encode()
    upload = editor_client.post(reverse("compilation_upload"),
                                {"file": _file("修订稿.txt", data), "title": ""})
    preview = editor_client.get(upload["Location"])
    (speech_form,) = preview.context["form"].speeches
    assert speech_form.differences == [
        ("讲话人", "王萍华"), ("职务", "市长"), ("地点", "市人大会堂")
    ]
    page = preview.content.decode()
    assert "当前版本与此文件不同。新版本按本文件读出的信息保存" in page
    assert "<li>讲话人：王萍华</li>" in page and "<li>地点：市人大会堂</li>" in page
    # Fields the two agree on are not listed.
    assert "日期：" not in page
    # Worded as a difference, not as a correction undone: the file may be read otherwise.
    editor_client.cookies["django_language"] = "en"
    english = editor_client.get(upload["Location"]).content.decode()
    assert "The current version says otherwise. A new version takes what this file reads" in english


def test_the_preview_lists_no_speaker_the_import_would_link_the_same(
    editor_client, original, editor, pending_dir
):
    # 王萍 merged into 王萍华 is an alias of theirs: a file reading 王萍 is
    # imported with 王萍华 (link_speaker), so nothing is there to keep.
    from django.urls import reverse

    from speeches.models import Speaker
    from speeches.services.imports import link_speaker
    from speeches.services.speakers import merge_speakers

    merge_speakers(source=Speaker.objects.get(name="王萍"),
                   target=link_speaker(name="王萍华", printed=None), actor=editor)
    data = text_of(revised_paragraphs()).encode()
    upload = editor_client.post(reverse("compilation_upload"),
                                {"file": _file("修订稿.txt", data), "title": ""})
    preview = editor_client.get(upload["Location"])
    (speech_form,) = preview.context["form"].speeches
    assert speech_form.initial["speaker_name"] == "王萍"
    assert speech_form.differences == []
    assert "preview-speech__current" not in preview.content.decode()
    assert link_speaker(name="王萍", printed=None).name == "王萍华"


def test_a_preview_like_no_compilation_lists_no_differences(editor_client, db, pending_dir):
    from django.urls import reverse

    upload = editor_client.post(reverse("compilation_upload"),
                                {"file": _file("原稿.txt", text_of(PARAGRAPHS).encode()),
                                 "title": ""})
    preview = editor_client.get(upload["Location"])
    assert preview.context["looks_like"] is None
    assert all(not form.differences for form in preview.context["form"].speeches)
    assert "preview-speech__current" not in preview.content.decode()


def heavily_revised(unchanged: int) -> list[str]:
    """The original's paragraphs with all but the first ``unchanged`` rewritten."""
    return PARAGRAPHS[:unchanged] + [
        f"改写后的第{n}段，讲的是另外的事情。" for n in range(unchanged + 1, len(PARAGRAPHS) + 1)
    ]


def test_a_short_or_much_corrected_file_is_offered_by_its_title(original):
    texts = heavily_revised(8)  # 40 % the same: under the 70 % that needs no title
    assert looks_like(texts) is None
    assert looks_like(texts, title="另一个汇编") is None
    match = looks_like(texts, title=f"  {original.title} ")
    assert match.compilation == original and match.by_title
    assert match.share == pytest.approx(8 / 20)
    assert match.to_dict()["by_title"] is True
    # Too little in common, whatever the title.
    assert looks_like(heavily_revised(5), title=original.title) is None
    # Most in common: offered as before, not for its title.
    assert looks_like(revised_paragraphs(), title=original.title).by_title is False
    # A superseded or withdrawn compilation is not offered.
    Compilation.objects.filter(pk=original.pk).update(withdrawn_at=timezone.now())
    assert looks_like(texts, title=original.title) is None


def test_the_preview_offers_a_same_titled_compilation_and_proposes_a_separate_one(
    editor_client, original, pending_dir
):
    from django.urls import reverse

    data = text_of(heavily_revised(8)).encode()
    upload = editor_client.post(reverse("compilation_upload"),
                                {"file": _file("改写稿.txt", data), "title": ""})
    preview = editor_client.get(upload["Location"])
    match = preview.context["looks_like"]
    assert match.compilation == original and match.by_title and match.percent == 40
    html = preview.content.decode()
    assert f"#{original.pk} 与此同名" in html and "会被重复计数" in html
    assert f'value="new-{original.pk}">' in html  # offered, not chosen
    assert 'value="separate" checked' in html
    dry = editor_client.post("/api/compilations",
                             {"file": _file("改写稿.txt", data), "dry_run": "true"}).json()
    assert dry["looks_like"]["id"] == original.pk and dry["looks_like"]["by_title"] is True
    titled = editor_client.post("/api/compilations",
                                {"file": _file("改写稿.txt", data), "dry_run": "true",
                                 "title": "另一个汇编"}).json()
    assert titled["looks_like"] is None
