"""Highlights show: every theme colour's tint stands out from the page, and
the reader paints with the constants the colour rules were checked at."""

import re

import pytest

from annotations.services import colours
from annotations.services.colours import (
    DEFAULT_PALETTE,
    MIN_TINT_CONTRAST,
    contrast,
    readability,
    rgb,
)
from tests.conftest import REPO


@pytest.mark.parametrize("colour", DEFAULT_PALETTE)
def test_every_palette_tint_stands_out_from_the_page(colour):
    assert readability(colour)["tint_on_page"] >= MIN_TINT_CONTRAST


def test_the_old_tint_left_the_economic_development_highlight_faint(monkeypatch):
    # 经济发展's olive at 22 %: barely different from the page (the UX review).
    monkeypatch.setattr(colours, "TINT_ALPHA", 0.22)
    assert contrast(rgb(colours.PAPER), colours.tint("#7d6319")) < MIN_TINT_CONTRAST


def test_a_colour_whose_tint_would_not_show_is_refused(monkeypatch):
    monkeypatch.setattr(colours, "MIN_TINT_CONTRAST", 1.7)
    assert not colours.is_readable("#7d6319")
    monkeypatch.undo()
    assert colours.is_readable("#7d6319")


def test_the_reader_and_the_stylesheet_use_the_same_tint():
    script = (REPO / "static/js/annotations/highlights.js").read_text()
    css = (REPO / "static/css/annotations.css").read_text()
    alpha = float(re.search(r"const TINT_ALPHA = ([\d.]+);", script)[1])
    layers = int(re.search(r"const MAX_LAYERS = (\d+);", script)[1])
    percent = float(re.search(r"--tint-alpha: ([\d.]+)%", css)[1])
    assert (alpha, layers, percent / 100) == (
        colours.TINT_ALPHA, colours.MAX_STACK, colours.TINT_ALPHA)
