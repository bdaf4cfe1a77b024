"""The orphan queue page refuses a hand-made form: anything but an id where
the page posts one is a 404 that changes nothing, never a server error."""

import pytest
from django.urls import reverse

from annotations.models import Annotation
from tests.speeches.test_versions import original, para, superseded  # noqa: F401

pytestmark = pytest.mark.django_db

NOT_IDS = ["abc", "", "-1", "1.5", "١٢", str(2**63)]


@pytest.mark.parametrize("bad", NOT_IDS)
def test_an_annotation_that_is_not_an_id_is_404(editor_client, superseded, bad):  # noqa: F811
    orphan, _new = superseded
    response = editor_client.post(reverse("orphan_queue"), {"annotation": bad, "action": "discard"})
    assert response.status_code == 404
    assert Annotation.objects.filter(pk=orphan.pk, orphaned_at__isnull=False).exists()


@pytest.mark.parametrize("bad", NOT_IDS)
def test_a_paragraph_that_is_not_an_id_is_404(editor_client, superseded, bad):  # noqa: F811
    orphan, new = superseded
    response = editor_client.post(
        reverse("orphan_queue"), {"annotation": orphan.pk, "paragraph": bad, "quote": "第7段"}
    )
    assert response.status_code == 404
    orphan.refresh_from_db()
    assert orphan.orphaned_at is not None and orphan.paragraph != para(new, 6)


@pytest.mark.parametrize("action", ["discard", "reattach"])
def test_an_annotation_that_is_not_an_orphan_is_404(editor_client, superseded, action):  # noqa: F811
    orphan, new = superseded
    placed = Annotation.objects.get(orphaned_at__isnull=True, quote="要把人大监督放在")
    response = editor_client.post(
        reverse("orphan_queue"),
        {"annotation": placed.pk, "action": action, "paragraph": para(new, 6).pk, "quote": "第7段"},
    )
    assert response.status_code == 404
    assert Annotation.objects.get(pk=placed.pk).paragraph_id == placed.paragraph_id



def test_the_old_text_is_introduced_with_a_chinese_colon(editor_client, superseded):  # noqa: F811
    html = editor_client.get(reverse("orphan_queue")).content.decode()
    assert "原来的文字：</span>" in html
    assert "原来的文字:" not in html
