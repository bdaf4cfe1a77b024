"""Theme colours that keep highlighted text readable (WCAG 2.1 contrast)
and highlights visible.

The reader paints a highlight as the theme colour at ``TINT_ALPHA`` over the
page; overlapping highlights stack (at most ``MAX_STACK`` tints, more get an
underline), so a colour is accepted only if body text stays at AA contrast
on ``MAX_STACK`` stacked tints, white text on the full colour (swatches,
chips) does too, and a single tint stands out from the page by at least
``MIN_TINT_CONTRAST``. At 22 % the tints of the muted default colours were
hard to see (about 1.35 : 1 against the page); at 32 % every colour white
text can sit on gives one of 1.45 : 1 or more.
"""

from collections import Counter
from collections.abc import Iterable

INK = "#1f2328"  # --ink in static/css/base.css
PAPER = "#fbfaf7"  # --paper
WHITE = "#ffffff"
# Keep in step with --tint-alpha in static/css/annotations.css and
# TINT_ALPHA, MAX_LAYERS in static/js/annotations/highlights.js (a test checks).
TINT_ALPHA = 0.32
MAX_STACK = 2
AA = 4.5
MIN_TINT_CONTRAST = 1.45

# The default codebook's colours, in its order (the seeding migration uses
# the first ten), then more; a new theme takes the least used.
DEFAULT_PALETTE = (
    "#b8412c",
    "#2f5f9e",
    "#44782a",
    "#9a5c0b",
    "#1a7a63",
    "#a3243b",
    "#6a4c9c",
    "#b0501f",
    "#7d6319",
    "#2b7a99",
    # Further colours for the themes editors add.
    "#8c3b6e",
    "#4a5aa8",
    "#5b6b1e",
    "#7a4a2a",
)


def least_used(colours_in_use: Iterable[str]) -> str:
    """The palette colour the codebook uses least (the earliest of them).

    A new theme should not look like an existing one at a glance in the
    reader, where colour is what tells themes apart.
    """
    counts = Counter(colour.lower() for colour in colours_in_use)
    return min(DEFAULT_PALETTE, key=lambda colour: (counts[colour], DEFAULT_PALETTE.index(colour)))


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: tuple[float, float, float]) -> float:
    r, g, b = (_linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def tint(colour: str, layers: int = 1) -> tuple[float, float, float]:
    """The page colour under ``layers`` stacked highlights of ``colour``."""
    base: tuple[float, float, float] = tuple(float(c) for c in rgb(PAPER))  # type: ignore[assignment]
    top = rgb(colour)
    for _ in range(layers):
        base = tuple(TINT_ALPHA * t + (1 - TINT_ALPHA) * b for t, b in zip(top, base, strict=True))  # type: ignore[assignment]
    return base


def readability(colour: str) -> dict[str, float]:
    """The contrasts that matter for a theme colour."""
    return {
        "text_on_tint": contrast(rgb(INK), tint(colour, MAX_STACK)),
        "white_on_colour": contrast(rgb(WHITE), rgb(colour)),
        "tint_on_page": contrast(rgb(PAPER), tint(colour, 1)),
    }


def is_readable(colour: str) -> bool:
    """Text stays readable on and beside the colour, and its highlight shows."""
    values = readability(colour)
    return (
        values["text_on_tint"] >= AA
        and values["white_on_colour"] >= AA
        and values["tint_on_page"] >= MIN_TINT_CONTRAST
    )
