"""The 人大监督 theme's page no longer reads 执法检查 twice: the seeded
description stops listing what its keywords list (migration 0007)."""

import importlib

import pytest

from annotations.models import Theme

from .conftest import migrate

MIGRATION = importlib.import_module(
    "annotations.migrations.0007_supervision_description_without_keywords"
)


@pytest.mark.django_db(transaction=True)
def test_the_seeded_description_changes_and_an_edited_one_stays(codebook, latest_schema_afterwards):
    migrate([("annotations", "0006_specific_seed_keywords")])
    theme = Theme.objects.get(slug=MIGRATION.SLUG)
    theme.description = MIGRATION.SEEDED
    theme.save()

    migrate([("annotations", "0007_supervision_description_without_keywords")])
    theme.refresh_from_db()
    assert theme.description == MIGRATION.NOW
    # Nothing of the keywords shown under it is repeated.
    assert not any(keyword in theme.description for keyword in theme.keywords)

    migrate([("annotations", "0006_specific_seed_keywords")])
    theme.refresh_from_db()
    assert theme.description == MIGRATION.SEEDED
    theme.description = "编辑自己写的说明：执法检查。"
    theme.save()
    migrate([("annotations", "0007_supervision_description_without_keywords")])
    theme.refresh_from_db()
    assert theme.description == "编辑自己写的说明：执法检查。"
