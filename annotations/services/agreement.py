"""How far two coders agree, theme by theme (inter-coder agreement).

The unit is the paragraph: coder A did or did not tag paragraph p with
theme t, and so did coder B. Over the paragraphs both of them coded, that
gives a 2×2 table per theme and pair, its percentage agreement and Cohen's
kappa (agreement beyond what chance would give; 1 is perfect, 0 chance).

"Both coded" is read per speech: the paragraphs of the speeches in which
each of the two tagged at least one passage. A speech only one of them
read says nothing about whether they agree, and counting its paragraphs as
agreed absences would flatter the figure.

Only passages a person selected by hand are a coder's calls. A passage
made by accepting a rule's hit (``Annotation.from_rule``) is the rule's
judgment, which the reviewer approved from a list without reading the
speech: counted as the reviewer's coding, two reviewers of the same rule
would agree on every hit, and the pair's figure would measure the rule.
Those passages are left out (and counted, so the page can say how many);
a rule is compared with a coder on its own, as the pseudo-coder it is
(``compare_rule_with_coder``), rather than as one more coder among the
pairs, because a rule has one theme and no speeches it "read": in a pair
table it would have a row of absences for every other theme.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from annotations.models import Annotation, Theme
from speeches.models import Speech


@dataclass(frozen=True)
class Cell:
    """One theme for one pair of coders."""

    theme: Theme
    both: int  # paragraphs both tagged with the theme
    first_only: int
    second_only: int
    neither: int

    @property
    def units(self) -> int:
        return self.both + self.first_only + self.second_only + self.neither

    @property
    def agreement(self) -> float | None:
        """Share of paragraphs on which the two made the same call."""
        return (self.both + self.neither) / self.units if self.units else None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa; None when it is undefined (one call everywhere for both)."""
        return cohen_kappa(self.both, self.first_only, self.second_only, self.neither)

    @property
    def strength(self) -> str:
        return strength(self.kappa)


@dataclass(frozen=True)
class Pair:
    first: object  # a user
    second: object
    speeches: int  # coded by both
    paragraphs: int  # their paragraphs: the units compared
    cells: list[Cell]
    # Each coder's passages accepted from rules in the selection: left out.
    first_from_rules: int = 0
    second_from_rules: int = 0

    @property
    def tagged_cells(self) -> list[Cell]:
        """The themes at least one of the two used here."""
        return [cell for cell in self.cells if cell.both or cell.first_only or cell.second_only]

    @property
    def mean_kappa(self) -> float | None:
        kappas = [cell.kappa for cell in self.tagged_cells if cell.kappa is not None]
        return sum(kappas) / len(kappas) if kappas else None


# Landis and Koch (1977): the usual words for a kappa's size.
STRENGTHS = (
    (0.8, _("almost perfect")),
    (0.6, _("substantial")),
    (0.4, _("moderate")),
    (0.2, _("fair")),
)


def strength(kappa: float | None) -> str:
    if kappa is None:
        return ""
    for floor, label in STRENGTHS:
        if kappa > floor:
            return str(label)
    return str(_("slight") if kappa >= 0 else _("poor"))


def cohen_kappa(both: int, first_only: int, second_only: int, neither: int) -> float | None:
    """Cohen's kappa of a 2×2 table."""
    n = both + first_only + second_only + neither
    if not n:
        return None
    observed = (both + neither) / n
    first_yes, second_yes = (both + first_only) / n, (both + second_only) / n
    expected = first_yes * second_yes + (1 - first_yes) * (1 - second_yes)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def passages_from_rules(
    speeches: QuerySet[Speech], *, coders: Iterable[int] | None = None
) -> dict[int, int]:
    """Coder id -> how many of the coder's passages in ``speeches`` were made
    from rules' hits: what agreement leaves out (one query)."""
    rows = Annotation.objects.filter(
        paragraph__speech__in=speeches, author__isnull=False, from_rule=True
    )
    if coders is not None:
        rows = rows.filter(author_id__in=list(coders))
    return dict(rows.values("author_id").annotate(n=Count("id")).values_list("author_id", "n"))


def compare_coders(
    speeches: QuerySet[Speech], *, coders: Iterable[int] | None = None
) -> list[Pair]:
    """Every pair of coders who tagged passages by hand in the same speeches
    of ``speeches``; passages made from rules' hits are left out (each pair
    says how many).

    Five queries whatever the number of coders, themes and passages.
    """
    rows = (
        Annotation.objects.filter(
            paragraph__speech__in=speeches, author__isnull=False, from_rule=False
        )
        .values_list("author_id", "paragraph__speech_id", "paragraph_id", "themes")
        .order_by()
        .distinct()
    )
    if coders is not None:
        rows = rows.filter(author_id__in=list(coders))
    speeches_of: dict[int, set[int]] = defaultdict(set)
    tagged: dict[tuple[int, int], set[int]] = defaultdict(set)  # (coder, theme) -> paragraphs
    speech_of: dict[int, int] = {}  # paragraph -> speech
    for author, speech, paragraph, theme in rows:
        speeches_of[author].add(speech)
        speech_of[paragraph] = speech
        if theme is not None:
            tagged[author, theme].add(paragraph)
    if len(speeches_of) < 2:
        return []
    sizes = dict(
        Speech.objects.filter(pk__in=set().union(*speeches_of.values()))
        .annotate(size=Count("paragraphs"))
        .values_list("pk", "size")
    )
    users = get_user_model().objects.in_bulk(speeches_of)
    left_out = passages_from_rules(speeches, coders=speeches_of)
    themes = list(
        Theme.objects.filter(pk__in={theme for _coder, theme in tagged}).in_tree_order()
    )
    pairs = []
    for first, second in combinations(sorted(speeches_of, key=lambda pk: users[pk].username), 2):
        shared = speeches_of[first] & speeches_of[second]
        if not shared:
            continue
        units = sum(sizes[speech] for speech in shared)

        def calls(coder: int, theme: int, shared: set[int] = shared) -> set[int]:
            return {p for p in tagged.get((coder, theme), ()) if speech_of[p] in shared}

        cells = []
        for theme in themes:
            a, b = calls(first, theme.pk), calls(second, theme.pk)
            both = len(a & b)
            cells.append(
                Cell(
                    theme=theme,
                    both=both,
                    first_only=len(a) - both,
                    second_only=len(b) - both,
                    neither=units - len(a | b),
                )
            )
        pairs.append(
            Pair(
                users[first],
                users[second],
                len(shared),
                units,
                cells,
                first_from_rules=left_out.get(first, 0),
                second_from_rules=left_out.get(second, 0),
            )
        )
    return pairs


# What stands for the rule's calls: the hits an editor accepted, or every
# hit it found (reviewed or not), as if nobody had reviewed them.
RULE_ACCEPTED = "accepted"
RULE_ALL = "all"
RULE_CALLS = (RULE_ACCEPTED, RULE_ALL)


@dataclass(frozen=True)
class RuleComparison:
    """A rule as a pseudo-coder against one human coder, on the rule's theme."""

    rule: object  # annotations.models.Rule
    coder: object  # a user
    calls: str  # RULE_ACCEPTED or RULE_ALL
    speeches: int  # coded by the coder: the rule searched them all
    paragraphs: int
    cell: Cell
    coder_from_rules: int = 0  # the coder's passages from rules' hits: left out

    @property
    def cells(self) -> list[Cell]:
        """The one theme, as a table of a pair of coders lists its themes."""
        return [self.cell]


def compare_rule_with_coder(
    speeches: QuerySet[Speech], *, rule, coder, calls: str = RULE_ACCEPTED
) -> RuleComparison:
    """How far ``rule`` agrees with ``coder`` on the rule's theme, paragraph by paragraph.

    The units are the paragraphs of the speeches (of ``speeches``) in which
    the coder tagged at least one passage: the rule searched every speech,
    so those are the speeches both "read". The rule tags a paragraph when
    one of its hits there is accepted (``calls="accepted"``) or, with
    ``calls="all"``, when it found a hit there at all. The coder's calls are
    the passages the coder selected by hand: those accepted from this rule's
    hits are the rule's, those from other rules' hits no one's (as between
    coders, ``compare_coders``). Four queries.
    """
    from annotations.models import HitStatus, RuleHit

    rows = (
        Annotation.objects.filter(paragraph__speech__in=speeches, author=coder, from_rule=False)
        .values_list("paragraph__speech_id", "paragraph_id", "themes")
        .order_by()
        .distinct()
    )
    coded: set[int] = set()
    coder_calls: set[int] = set()
    for speech, paragraph, theme in rows:
        coded.add(speech)
        if theme == rule.theme_id:
            coder_calls.add(paragraph)
    hits = RuleHit.objects.filter(rule=rule, paragraph__speech_id__in=coded)
    if calls == RULE_ACCEPTED:
        hits = hits.filter(status=HitStatus.ACCEPTED)
    rule_calls = set(hits.values_list("paragraph_id", flat=True).order_by().distinct())
    units = (
        Speech.objects.filter(pk__in=coded).aggregate(n=Count("paragraphs"))["n"] or 0
        if coded
        else 0
    )
    both = len(rule_calls & coder_calls)
    cell = Cell(
        theme=rule.theme,
        both=both,
        first_only=len(rule_calls) - both,
        second_only=len(coder_calls) - both,
        neither=units - len(rule_calls | coder_calls),
    )
    left_out = passages_from_rules(speeches, coders=[coder.pk]).get(coder.pk, 0)
    return RuleComparison(rule, coder, calls, len(coded), units, cell, coder_from_rules=left_out)
