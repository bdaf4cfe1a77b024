"""The activity log is append-only: entries are added, never changed or removed.

A speech's history is only worth reading if nobody can rewrite it, not even
an administrator: the admin shows entries without offering to add, change or
delete them, and the model refuses the same in code.
"""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.activity import record_activity
from accounts.models import Activity, AppendOnlyError, Verb
from annotations.models import Theme
from tests.conftest import make_user


@pytest.fixture
def entry(editor):
    theme = Theme.objects.first()  # seeded by the migrations
    return record_activity(
        actor=editor, verb=Verb.THEME, target=theme, summary="改了主题", data={"name": "旧名"}
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def unchanged(entry) -> bool:
    stored = Activity.objects.get(pk=entry.pk)
    return (stored.summary, stored.data, stored.actor_id) == ("改了主题", {"name": "旧名"},
                                                               entry.actor_id)


def test_the_admin_shows_the_log(admin_client, entry):
    assert admin_client.get(reverse("admin:accounts_activity_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:accounts_activity_change", args=[entry.pk]))
    assert page.status_code == 200
    assert 'name="summary"' not in page.content.decode()  # shown, not offered for editing


def test_the_admin_adds_no_entry(admin_client, entry):
    url = reverse("admin:accounts_activity_add")
    assert admin_client.get(url).status_code == 403
    posted = admin_client.post(url, {"verb": "tag", "target_type": "x", "target_id": 1,
                                     "summary": "伪造的记录", "data": "{}"})
    assert posted.status_code == 403
    assert list(Activity.objects.all()) == [entry]


def test_the_admin_changes_no_entry(admin_client, entry):
    url = reverse("admin:accounts_activity_change", args=[entry.pk])
    posted = admin_client.post(url, {"verb": entry.verb, "target_type": entry.target_type,
                                     "target_id": entry.target_id, "summary": "改写的记录",
                                     "data": "{}"})
    assert posted.status_code == 403
    assert unchanged(entry)


def test_the_admin_deletes_no_entry(admin_client, entry):
    url = reverse("admin:accounts_activity_delete", args=[entry.pk])
    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    changelist = admin_client.get(reverse("admin:accounts_activity_changelist"))
    assert "delete_selected" not in changelist.content.decode()  # no bulk action offered
    admin_client.post(reverse("admin:accounts_activity_changelist"),
                      {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert Activity.objects.filter(pk=entry.pk).exists()


def test_saving_an_existing_entry_raises(entry):
    entry.summary = "改写的记录"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        Activity.objects.filter(pk=entry.pk).update(summary="改写的记录")
    # bulk_update fails inside an atomic block of its own, without a savepoint.
    with pytest.raises(AppendOnlyError), transaction.atomic():
        Activity.objects.bulk_update([entry], ["summary"])
    assert unchanged(entry)


def test_a_new_entry_never_overwrites_an_old_one(entry, editor):
    """Even given the id of an existing entry, a new entry is inserted, and
    the database refuses it, instead of being written over the old one."""
    forged = Activity(pk=entry.pk, actor=editor, verb=Verb.TAG, target_type="x", target_id=1,
                      summary="伪造的记录")
    with pytest.raises(IntegrityError), transaction.atomic():
        forged.save()
    assert unchanged(entry)


def test_deleting_entries_raises(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        Activity.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        Activity.objects.all().delete()
    assert Activity.objects.filter(pk=entry.pk).exists()


def test_new_entries_are_still_added(entry, editor):
    theme = Theme.objects.last()
    added = record_activity(actor=editor, verb=Verb.THEME, target=theme, summary="又一条")
    assert list(Activity.objects.order_by("id")) == [entry, added]


def test_deleting_a_user_keeps_their_entries_without_a_name(db):
    """The actor is SET_NULL: the entries outlive the account, as the model says."""
    leaving = make_user("leaving", "editor")
    theme = Theme.objects.first()
    kept = record_activity(actor=leaving, verb=Verb.THEME, target=theme, summary="改了主题")
    leaving.delete()
    kept = Activity.objects.get(pk=kept.pk)
    assert kept.actor is None and kept.summary == "改了主题"
