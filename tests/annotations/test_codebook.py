import importlib

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from annotations.models import Theme
from annotations.services.colours import (
    AA,
    DEFAULT_PALETTE,
    contrast,
    is_readable,
    least_used,
    readability,
    rgb,
    tint,
)
from annotations.services.suggest import suggest
from annotations.services.tree import theme_tree

SEED = importlib.import_module("annotations.migrations.0002_seed_default_codebook")


def test_the_migration_seeds_the_ten_themes_of_the_issue(db):
    names = set(Theme.objects.values_list("name", flat=True))
    assert {"人大监督", "依法行政与法治", "乡村振兴", "脱贫攻坚与巩固", "生态文明", "党的领导",
            "廉洁自律", "民生保障", "经济发展", "代表建议办理"} <= names
    for theme in Theme.objects.filter(slug__in=[row[0] for row in SEED.DEFAULT_THEMES]):
        assert theme.name_en and theme.description and len(theme.keywords) >= 3
        assert theme.active and theme.parent is None


@pytest.mark.parametrize("row", SEED.DEFAULT_THEMES, ids=lambda row: row[0])
def test_seed_colours_keep_text_readable(row):
    colour = row[3]
    assert is_readable(colour), readability(colour)


def test_contrast_arithmetic():
    assert contrast(rgb("#000000"), rgb("#ffffff")) == pytest.approx(21)
    assert contrast(rgb("#777777"), rgb("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert tint("#000000", 0) == tuple(float(c) for c in rgb("#fbfaf7"))
    assert not is_readable("#ffff00")  # white text on yellow fails
    assert not is_readable("#111111")  # three stacked tints get too dark for ink
    assert max(readability("#111111").values()) >= AA


def test_database_refuses_bad_themes(codebook):
    with pytest.raises(IntegrityError), transaction.atomic():
        Theme.objects.create(name="x", slug="x", colour="red")
    with pytest.raises(IntegrityError), transaction.atomic():
        Theme.objects.create(name="人大监督", slug="dup", colour="#2f5f9e")  # top-level twin
    parent = codebook["rule-of-law"]
    Theme.objects.create(name="人大监督", slug="child", colour="#2f5f9e", parent=parent)


def test_tree_orders_children_after_parents(codebook):
    parent = codebook["rule-of-law"]
    Theme.objects.create(name="立法", slug="legislation", colour="#2f5f9e", parent=parent,
                         position=2)
    first = Theme.objects.create(name="执法", slug="enforcement", colour="#2f5f9e", parent=parent,
                                 position=1)
    nodes = theme_tree(Theme.objects.in_tree_order())
    names = [n.theme.name for n in nodes]
    at = names.index("依法行政与法治")
    assert names[at + 1 : at + 3] == ["执法", "立法"]
    assert nodes[at + 1].depth == 1 and nodes[at + 1].theme == first


def test_suggestions_use_tokens_and_skip_tagged_themes(paragraphs, codebook):
    themes = list(Theme.objects.in_tree_order())
    found = suggest(paragraphs, themes)
    by_paragraph = {}
    for s in found:
        by_paragraph.setdefault(s.paragraph_id, set()).add(s.theme.slug)
    assert "rural-revitalization" in by_paragraph[paragraphs[3].pk]
    assert "poverty-alleviation" in by_paragraph[paragraphs[3].pk]
    assert paragraphs[2].pk not in by_paragraph  # nothing in the astral-character paragraph
    skipped = suggest(paragraphs, themes, {paragraphs[3].pk: {codebook["rural-revitalization"].pk}})
    assert "rural-revitalization" not in {
        s.theme.slug for s in skipped if s.paragraph_id == paragraphs[3].pk}


def test_a_phrase_keyword_needs_the_phrase_not_just_its_words(db, codebook):
    from .conftest import make_speech

    theme = codebook["people-s-congress-supervision"]
    theme.keywords = ["执法检查"]
    apart, together = make_speech(["严格执法，认真检查。", "开展执法检查。"], key="phrase") \
        .paragraphs.order_by("position")
    assert {"执法", "检查"} <= set(apart.tokens.split())
    assert [s.paragraph_id for s in suggest([apart, together], [theme])] == [together.pk]


@pytest.mark.parametrize("colour", DEFAULT_PALETTE)
def test_every_palette_colour_keeps_text_readable(colour):
    assert is_readable(colour), readability(colour)


def test_a_new_theme_takes_the_least_used_palette_colour():
    assert least_used([]) == DEFAULT_PALETTE[0]
    assert least_used(DEFAULT_PALETTE[:10]) == DEFAULT_PALETTE[10]
    assert least_used([*DEFAULT_PALETTE, DEFAULT_PALETTE[0].upper()]) == DEFAULT_PALETTE[1]
    assert len(set(DEFAULT_PALETTE)) == len(DEFAULT_PALETTE)


def test_the_new_theme_form_offers_a_colour_no_theme_has(client, editor, codebook):
    client.force_login(editor)
    form = client.get(reverse("theme_create")).context["form"]
    in_use = set(Theme.objects.values_list("colour", flat=True))
    assert form["colour"].value() not in in_use
