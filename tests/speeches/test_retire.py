"""Withdrawing, restoring and deleting a compilation for good, and the admin's guards."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from accounts.models import Activity
from annotations import services
from annotations.models import Annotation, Comment, Theme
from search.services import parse_query, search
from speeches.models import Compilation, Speech
from speeches.services.retire import (
    RESTORE_DAYS,
    RetireRefused,
    delete_compilation,
    restore_compilation,
    withdraw_compilation,
)
from tests.speeches.browse_data import import_speech


@pytest.fixture
def kept(db):
    return import_speech(title="在全市经济工作会议上的讲话", speaker="王萍", date="2023年5月6日",
                         paragraphs=["发展经济，加强人大监督。"])


@pytest.fixture
def retired(db, annotator):
    speech = import_speech(title="在全市人大工作会议上的讲话", speaker="李强", date="2024年8月",
                           paragraphs=["加强人大监督，推进依法行政。"])
    paragraph = speech.paragraphs.get()
    services.tag_passage(paragraph=paragraph, start=2, end=6, quote="人大监督",
                         themes=[Theme.objects.filter(active=True).first()], author=annotator)
    services.write_comment(paragraph=paragraph, author=annotator, body="重要")
    return speech


def age(compilation, days):
    Compilation.objects.filter(pk=compilation.pk).update(
        withdrawn_at=timezone.now() - datetime.timedelta(days=days)
    )
    compilation.refresh_from_db()


def test_a_withdrawn_compilation_leaves_browsing_search_and_analysis(
    viewer_client, kept, retired, editor
):
    withdraw_compilation(compilation=retired.compilation, actor=editor)
    assert list(Speech.objects.current()) == [kept]
    page = viewer_client.get(reverse("speech_list"))
    assert [s.pk for s in page.context["speeches"]] == [kept.pk]
    assert "李强" not in viewer_client.get(reverse("speaker_list")).content.decode()
    home = viewer_client.get(reverse("home"))
    assert home.context["counts"]["speeches"] == 1
    assert [c.pk for c in home.context["recent_compilations"]] == [kept.compilation_id]
    assert [h.paragraph.speech_id for h in search(parse_query("人大监督")).hits] == [kept.pk]
    listing = viewer_client.get(reverse("compilation_list")).context
    assert [c.pk for c in listing["compilations"]] == [kept.compilation_id]
    assert listing["withdrawn"] == []  # only editors see the withdrawn ones
    api = viewer_client.get("/api/compilations").json()
    assert [c["id"] for c in api["items"]] == [kept.compilation_id]
    assert viewer_client.get("/api/search", {"q": "人大监督"}).json()["total"] == 1
    # Still readable by its address, with a notice; its annotations are kept.
    reader = viewer_client.get(retired.get_absolute_url())
    assert reader.status_code == 200 and "notice--warn" in reader.content.decode()
    assert Annotation.objects.count() == 1 and Comment.objects.count() == 1


def test_a_withdrawn_compilations_annotations_stay_exportable(viewer_client, retired, editor):
    withdraw_compilation(compilation=retired.compilation, actor=editor)
    url = reverse("export_annotations", args=["csv"])
    response = viewer_client.get(url, {"compilation": retired.compilation_id})
    assert "人大监督" in b"".join(response.streaming_content).decode("utf-8-sig")


def test_restore_within_thirty_days(editor_client, retired, editor):
    compilation = retired.compilation
    editor_client.post(reverse("compilation_withdraw", args=[compilation.pk]))
    compilation.refresh_from_db()
    assert compilation.withdrawn_at and compilation.withdrawn_by == editor
    listing = editor_client.get(reverse("compilation_list")).context
    assert [c.pk for c in listing["withdrawn"]] == [compilation.pk]
    age(compilation, RESTORE_DAYS - 1)
    editor_client.post(reverse("compilation_restore", args=[compilation.pk]))
    compilation.refresh_from_db()
    assert compilation.withdrawn_at is None
    actions = list(Activity.objects.filter(target_type="speeches.compilation")
                   .order_by("id").values_list("data__action", flat=True))
    assert actions[-2:] == ["withdraw", "restore"]


def test_no_restore_after_thirty_days(retired, editor):
    compilation = retired.compilation
    withdraw_compilation(compilation=compilation, actor=editor)
    age(compilation, RESTORE_DAYS + 1)
    with pytest.raises(RetireRefused) as refused:
        restore_compilation(compilation=compilation, actor=editor)
    assert refused.value.code == "too-late"


def test_only_editors_withdraw(retired, annotator, client):
    with pytest.raises(PermissionDenied):
        withdraw_compilation(compilation=retired.compilation, actor=annotator)
    client.force_login(annotator)
    response = client.post(reverse("compilation_withdraw", args=[retired.compilation_id]))
    assert response.status_code == 403
    assert client.post(f"/api/compilations/{retired.compilation_id}/withdraw").status_code == 403


def test_deleting_for_good_takes_an_administrator_after_the_window(
    retired, editor, admin_user, client
):
    compilation = retired.compilation
    with pytest.raises(RetireRefused) as refused:
        delete_compilation(compilation=compilation, actor=admin_user)
    assert refused.value.code == "not-withdrawn"
    withdraw_compilation(compilation=compilation, actor=editor)
    with pytest.raises(RetireRefused) as refused:
        delete_compilation(compilation=compilation, actor=admin_user)
    assert refused.value.code == "restorable"
    age(compilation, RESTORE_DAYS + 1)
    with pytest.raises(PermissionDenied):
        delete_compilation(compilation=compilation, actor=editor)

    client.force_login(admin_user)
    url = reverse("compilation_delete", args=[compilation.pk])
    page = client.get(url)
    html = page.content.decode()
    # The export comes first: the page offers it before the button.
    export = html.find(f"csv?compilation={compilation.pk}")
    assert 0 < export < html.index('name="confirm_title"')
    assert client.post(url, {"confirm_title": "别的"}).status_code == 200
    assert Compilation.objects.filter(pk=compilation.pk).exists()
    response = client.post(url, {"confirm_title": compilation.title})
    assert response.status_code == 302
    assert not Compilation.objects.filter(pk=compilation.pk).exists()
    assert Annotation.objects.count() == 0


def test_withdraw_restore_and_delete_through_the_api(editor_client, retired, admin_user, client):
    pk = retired.compilation_id
    body = editor_client.post(f"/api/compilations/{pk}/withdraw").json()
    assert body["withdrawn_at"]
    again = editor_client.post(f"/api/compilations/{pk}/withdraw")
    assert (again.status_code, again.json()["code"]) == (409, "already-withdrawn")
    assert editor_client.delete(f"/api/compilations/{pk}").status_code == 403
    client.force_login(admin_user)
    early = client.delete(f"/api/compilations/{pk}")
    assert (early.status_code, early.json()["code"]) == (409, "restorable")
    assert editor_client.post(f"/api/compilations/{pk}/restore").json()["withdrawn_at"] is None
    editor_client.post(f"/api/compilations/{pk}/withdraw")
    age(retired.compilation, RESTORE_DAYS + 1)
    gone = client.delete(f"/api/compilations/{pk}")
    assert gone.status_code == 200
    assert gone.json()["deleted"]["annotations.annotation"] == 1


# ---- The admin never orphans work ----


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_admin_refuses_to_delete_a_compilation_not_withdrawn(admin_client, retired, editor):
    compilation = retired.compilation
    url = reverse("admin:speeches_compilation_delete", args=[compilation.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 200  # the refusal page
    assert Compilation.objects.filter(pk=compilation.pk).exists()
    withdraw_compilation(compilation=compilation, actor=editor)
    admin_client.post(url, {"post": "yes"})
    assert Compilation.objects.filter(pk=compilation.pk).exists()  # still restorable
    age(compilation, RESTORE_DAYS + 1)
    admin_client.post(url, {"post": "yes"})
    assert not Compilation.objects.filter(pk=compilation.pk).exists()


def test_the_admin_refuses_to_delete_a_theme_in_use(admin_client, retired):
    theme = Annotation.objects.get().themes.get()
    url = reverse("admin:annotations_theme_delete", args=[theme.pk])
    page = admin_client.post(url, {"post": "yes"})
    assert page.status_code == 200 and "请停用或将其合并" in page.content.decode()
    assert Theme.objects.filter(pk=theme.pk).exists()
    unused = Theme.objects.filter(annotations__isnull=True, children__isnull=True).first()
    admin_client.post(reverse("admin:annotations_theme_delete", args=[unused.pk]),
                      {"post": "yes"})
    assert not Theme.objects.filter(pk=unused.pk).exists()


def test_the_admin_deletes_a_comment_but_keeps_other_peoples_replies(
    admin_client, retired, editor, annotator
):
    comment = Comment.objects.get()
    reply = services.write_comment(paragraph=comment.paragraph, author=editor, body="同意",
                                   parent=comment)
    own = services.write_comment(paragraph=comment.paragraph, author=annotator, body="补充")
    own_reply = services.write_comment(paragraph=comment.paragraph, author=annotator,
                                       body="再补充", parent=own)
    admin_client.post(reverse("admin:annotations_comment_delete", args=[comment.pk]),
                      {"post": "yes"})
    comment.refresh_from_db()
    assert comment.is_deleted and comment.body == ""
    assert Comment.objects.get(pk=reply.pk).body == "同意"
    # A comment whose replies are all its author's own goes with them.
    admin_client.post(reverse("admin:annotations_comment_delete", args=[own.pk]),
                      {"post": "yes"})
    assert not Comment.objects.filter(pk__in=[own.pk, own_reply.pk]).exists()
