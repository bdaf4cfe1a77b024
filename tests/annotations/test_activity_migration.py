"""The data migration that scrubs comment texts older versions logged."""

import pytest

from accounts.models import Activity, Verb

from .conftest import migrate

BEFORE = [("annotations", "0002_seed_default_codebook")]
AFTER = [("annotations", "0003_scrub_comment_bodies_from_activity")]


# Not serialized_rollback: restoring the serialized rows clashes with content types
# that an earlier transactional test's flush re-created under new ids.
@pytest.mark.django_db(transaction=True)
def test_migration_scrubs_comment_texts_from_the_log(latest_schema_afterwards):
    migrate(BEFORE)
    comment = Activity.objects.create(
        verb=Verb.COMMENT, target_type="annotations.comment", target_id=41, speech_id=1,
        summary="一条后来被删除的评论", data={"paragraph": 3, "parent": None},
    )
    edit = Activity.objects.create(
        verb=Verb.EDIT, target_type="annotations.comment", target_id=41, speech_id=1,
        summary="改过的评论", data={"paragraph": 3, "action": "edit-comment"},
    )
    tag = Activity.objects.create(
        verb=Verb.TAG, target_type="annotations.annotation", target_id=7, speech_id=1,
        summary="“依法行政” 依法行政与法治", data={"paragraph": 3},
    )
    migrate(AFTER)
    comment.refresh_from_db()
    edit.refresh_from_db()
    tag.refresh_from_db()
    assert comment.summary == edit.summary == "#41"
    assert comment.data == {"paragraph": 3, "parent": None}
    assert tag.summary == "“依法行政” 依法行政与法治"
