"""The text-reuse pages, the reader's links and the API: permissions,
content, bad input, the run's progress, query counts."""

import pytest
from django.urls import reverse
from lxml import html

from analysis.models import ReuseRun
from analysis.services import reuse
from tests.analysis.reuse_texts import computed_archive
from tests.conftest import client_for, make_user

REUSE = reverse("analysis_reuse")


@pytest.fixture
def speeches(db):
    return computed_archive()


def _pages(speeches):
    model, copy = speeches["model"], speeches["copy"]
    return [
        REUSE,
        reverse("analysis_reuse_speech", args=[model.pk]),
        reverse("analysis_reuse_compare", args=[model.pk, copy.pk]),
    ]


def test_pages_need_a_reader(client, speeches):
    for url in _pages(speeches):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client_for(client, make_user("nobody", None))
    for url in _pages(speeches):
        assert client.get(url).status_code == 403


def test_the_archive_page_lists_the_pairs_and_when_they_were_computed(
    viewer_client, speeches, django_assert_num_queries
):
    # Session, user and role, speakers, compilations, the latest run, the computed-at
    # stamp, the count and the page of pairs.
    with django_assert_num_queries(9):
        response = viewer_client.get(REUSE)
    assert response.status_code == 200
    doc = html.fromstring(response.content)
    rows = doc.cssselect("table.reuse-pairs tbody tr")
    assert len(rows) == 3
    assert "计算于" in doc.cssselect(".reuse-status")[0].text_content()
    # A reader cannot start a run.
    assert not doc.cssselect("form.reuse-run")
    # Filtered by speaker: the pairs with one of 李明's speeches.
    li = speeches["copy"].speaker
    response = viewer_client.get(REUSE, {"speaker": li.pk})
    assert len(html.fromstring(response.content).cssselect("table.reuse-pairs tbody tr")) == 2
    response = viewer_client.get(REUSE, {"year": 2021})
    assert not html.fromstring(response.content).cssselect("table.reuse-pairs tbody tr")


def test_the_page_shows_a_running_run_and_refreshes(viewer_client, speeches):
    run = reuse.start_run(user=None, enqueue=False)
    ReuseRun.objects.filter(pk=run.pk).update(stage=ReuseRun.Stage.ALIGNING, percent=70)
    response = viewer_client.get(REUSE)
    doc = html.fromstring(response.content)
    assert doc.cssselect("progress")[0].get("value") == "70"
    assert doc.cssselect('meta[http-equiv="refresh"]')


def test_a_running_run_shows_the_progress_of_an_import_job_with_its_time_left(
    viewer_client, speeches
):
    import datetime

    from django.utils import timezone

    run = reuse.start_run(user=None, enqueue=False)
    started = timezone.now() - datetime.timedelta(seconds=70)
    ReuseRun.objects.filter(pk=run.pk).update(
        stage=ReuseRun.Stage.ALIGNING, percent=70, started_at=started
    )
    doc = html.fromstring(viewer_client.get(REUSE).content)
    (progress,) = doc.cssselect(".reuse-status .job-progress")
    assert progress.cssselect(".job-progress__bar")[0].get("value") == "70"
    assert progress.cssselect(".job-progress__percent")[0].text_content() == "70%"
    assert progress.cssselect(".job-progress__left")[0].text_content() == "约剩 30 秒"
    assert "对齐" in progress.cssselect(".job-progress__stage")[0].text_content()
    body = viewer_client.get(f"/api/analysis/reuse/runs/{run.pk}").json()
    assert (body["percent"], body["seconds_left"]) == (70, 30)


def test_an_editor_starts_a_run_and_bad_input_writes_nothing(editor_client, speeches, settings):
    response = editor_client.get(REUSE)
    assert html.fromstring(response.content).cssselect("form.reuse-run")
    before = ReuseRun.objects.count()
    response = editor_client.post(reverse("analysis_reuse_start"), {"min_characters": "5"})
    assert response.status_code == 302 and ReuseRun.objects.count() == before
    response = editor_client.post(reverse("analysis_reuse_start"), {"min_characters": "60"})
    assert response.status_code == 302
    run = ReuseRun.objects.order_by("-pk").first()
    assert run.min_characters == 60 and run.kind == "full"


def test_readers_cannot_start_a_run(viewer_client, speeches):
    before = ReuseRun.objects.count()
    response = viewer_client.post(reverse("analysis_reuse_start"), {"min_characters": "60"})
    assert response.status_code == 403 and ReuseRun.objects.count() == before


def test_the_speech_page_gives_the_share_and_the_other_speeches(
    viewer_client, speeches, django_assert_num_queries
):
    model = speeches["model"]
    url = reverse("analysis_reuse_speech", args=[model.pk])
    # Session, user and role, the speech, the passages, the other speeches, the
    # speech's length, the computed-at stamp.
    with django_assert_num_queries(8):
        response = viewer_client.get(url)
    doc = html.fromstring(response.content)
    rows = doc.cssselect("table.reuse-others tbody tr")
    assert len(rows) == 2
    badges = sorted(r.cssselect(".badge")[0].text_content() for r in rows)
    assert badges == ["更早", "更晚"]
    assert "%" in doc.cssselect(".reuse-share")[0].text_content()
    assert viewer_client.get(reverse("analysis_reuse_speech", args=[999999])).status_code == 404


def test_the_side_by_side_page_marks_the_differences(
    viewer_client, speeches, django_assert_num_queries
):
    model, copy = speeches["model"], speeches["copy"]
    url = reverse("analysis_reuse_compare", args=[model.pk, copy.pk])
    # Session, user and role, both speeches, which are current, the passages, the
    # texts, the computed-at stamp.
    with django_assert_num_queries(8):
        response = viewer_client.get(url)
    doc = html.fromstring(response.content)
    (passage,) = doc.cssselect(".reuse-passage")
    # The changed name and number, and the changed punctuation (；for ，).
    assert [d.text_content() for d in passage.cssselect("del.reuse-diff")] == [
        "，",
        "，",
        "张三",
        "3",
    ]
    assert [i.text_content() for i in passage.cssselect("ins.reuse-diff")] == [
        "；",
        "、",
        "李四光",
        "4",
    ]
    same = reverse("analysis_reuse_compare", args=[model.pk, model.pk])
    assert viewer_client.get(same).status_code == 400
    missing = reverse("analysis_reuse_compare", args=[model.pk, 999999])
    assert viewer_client.get(missing).status_code == 404


def test_the_side_by_side_page_of_ids_past_the_range_is_404(viewer_client, speeches):
    """The path takes any digits: one past a bigint names no speech (it was a 500)."""
    model = speeches["model"]
    for left, right in [(model.pk, 2**63), (2**63, model.pk), (10**30, 10**30)]:
        url = reverse("analysis_reuse_compare", args=[left, right])
        assert viewer_client.get(url).status_code == 404


def test_the_reader_links_a_shared_paragraph(viewer_client, speeches):
    model = speeches["model"]
    response = viewer_client.get(model.get_absolute_url())
    doc = html.fromstring(response.content)
    import json

    links = json.loads(doc.get_element_by_id("reuse-links").text_content())
    assert [(link["position"], link["count"]) for link in links] == [(2, 2)]
    assert links[0]["url"].endswith(f"/analysis/reuse/speech/{model.pk}/?paragraph=2")
    assert "2" in links[0]["label"]
    # A speech sharing nothing gets no script.
    response = viewer_client.get(speeches["short"].get_absolute_url())
    assert b"reuse-links" not in response.content


# --- the API ---------------------------------------------------------------


def test_the_api_needs_a_reader_and_an_editor_to_start(client, speeches):
    assert client.get("/api/analysis/reuse").status_code == 401
    client_for(client, make_user("reader-only", "viewer"))
    assert client.get("/api/analysis/reuse").status_code == 200
    response = client.post(
        "/api/analysis/reuse/runs", {"min_characters": 50}, content_type="application/json"
    )
    assert response.status_code == 403


def test_the_api_gives_status_pairs_speech_and_comparison(viewer_client, speeches):
    status = viewer_client.get("/api/analysis/reuse").json()
    assert status["run"]["stage"] == "done" and status["computed_at"]
    pairs = viewer_client.get("/api/analysis/reuse/pairs").json()
    assert pairs["total"] == 3
    assert pairs["items"][0]["characters"] >= pairs["items"][-1]["characters"]
    li = speeches["copy"].speaker
    assert viewer_client.get("/api/analysis/reuse/pairs", {"speaker": li.pk}).json()["total"] == 2
    assert viewer_client.get("/api/analysis/reuse/pairs", {"to": "nonsense"}).status_code == 422
    model, copy = speeches["model"], speeches["copy"]
    found = viewer_client.get(f"/api/analysis/reuse/speeches/{model.pk}").json()
    assert {o["relation"] for o in found["others"]} == {"earlier", "later"}
    assert 0 < found["share"] < 1
    only = viewer_client.get(f"/api/analysis/reuse/speeches/{model.pk}", {"paragraph": 1}).json()
    assert only["others"] == []
    compared = viewer_client.get(f"/api/analysis/reuse/compare/{model.pk}/{copy.pk}").json()
    (passage,) = compared["passages"]
    assert {"same": False, "left": "张三", "right": "李四光"} in passage["pieces"]
    assert (
        viewer_client.get(f"/api/analysis/reuse/compare/{model.pk}/{model.pk}").status_code == 422
    )
    assert viewer_client.get(f"/api/analysis/reuse/speeches/{10**6}").status_code == 404


def test_the_api_starts_a_run_and_reports_its_progress(editor_client, speeches):
    response = editor_client.post(
        "/api/analysis/reuse/runs", {"min_characters": 5}, content_type="application/json"
    )
    assert response.status_code == 422
    before = ReuseRun.objects.count()
    response = editor_client.post(
        "/api/analysis/reuse/runs", {"min_characters": 80}, content_type="application/json"
    )
    assert response.status_code == 202 and ReuseRun.objects.count() == before + 1
    run = response.json()
    assert run["stage"] == "queued" and run["percent"] == 0 and run["min_characters"] == 80
    assert ReuseRun.objects.get(pk=run["id"]).started_by.username == "editor"
    again = editor_client.post("/api/analysis/reuse/runs", {}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "conflict"
    ReuseRun.objects.filter(pk=run["id"]).update(stage="hashing", percent=30)
    followed = editor_client.get(f"/api/analysis/reuse/runs/{run['id']}").json()
    assert (followed["stage"], followed["percent"]) == ("hashing", 30)
    assert editor_client.get("/api/analysis/reuse/runs/999999").status_code == 404


def test_an_undated_other_speech_says_undated_once(viewer_client, speeches):
    # An undated other speech showed both “Undated” and a “date unknown” badge.
    from django.utils import translation

    model, copy = speeches["model"], speeches["copy"]
    type(copy).objects.filter(pk=copy.pk).update(date=None, date_precision="")
    doc = html.fromstring(
        viewer_client.get(reverse("analysis_reuse_speech", args=[model.pk])).content
    )
    row = next(r for r in doc.cssselect("table.reuse-others tbody tr")
               if r.cssselect(f"a[href='{reverse('analysis_reuse_speech', args=[copy.pk])}']"))
    with translation.override("zh-hans"):
        undated = translation.gettext("Undated")
    assert row.cssselect("td")[1].text_content().strip() == undated
    assert not row.cssselect(".badge")
