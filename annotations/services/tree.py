"""The codebook as an ordered, indented list built from one query."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from annotations.models import Annotation, Theme


@dataclass
class Node:
    theme: Theme
    depth: int
    children: list["Node"] = field(default_factory=list)
    # Passages and distinct paragraphs with this theme or a sub-theme, inactive
    # ones too, as the theme's page counts them (the codebook page sets them).
    passage_total: int | None = None
    paragraph_total: int | None = None

    @property
    def count(self) -> int:
        return getattr(self.theme, "passage_count", 0)

    @property
    def total(self) -> int:
        """Passages with this theme or a sub-theme, each once: ``passage_total``
        where ``set_subtree_totals`` set it (a theme with sub-themes), else its own."""
        return self.passage_total if self.passage_total is not None else self.count


def theme_tree(themes: Iterable[Theme]) -> list[Node]:
    """Depth-first order; a theme whose parent is not among ``themes`` (an
    inactive parent filtered out) shows at the top level."""
    themes = list(themes)
    nodes = {t.pk: Node(t, 0) for t in themes}
    roots: list[Node] = []
    for theme in themes:
        parent = nodes.get(theme.parent_id) if theme.parent_id is not None else None
        (parent.children if parent else roots).append(nodes[theme.pk])
    ordered: list[Node] = []

    def walk(level: list[Node], depth: int) -> None:
        for node in level:
            node.depth = depth
            ordered.append(node)
            walk(node.children, depth + 1)

    walk(roots, 0)
    return ordered


def subtrees(themes: Iterable[Theme]) -> dict[int, list[int]]:
    """Theme id -> its own id and its descendants' among ``themes`` (at any depth)."""
    themes = list(themes)
    children: dict[int | None, list[int]] = {}
    for theme in themes:
        children.setdefault(theme.parent_id, []).append(theme.pk)
    found = {}
    for theme in themes:
        ids, stack = [], [theme.pk]
        while stack:
            pk = stack.pop()
            ids.append(pk)
            stack.extend(children.get(pk, []))
        found[theme.pk] = ids
    return found


def set_subtree_totals(nodes: list[Node], themes: Iterable[Theme]) -> None:
    """Give each node of a theme with sub-themes its passages and paragraphs with
    theirs (``passage_total``, ``paragraph_total``), each counted once, as the
    theme's page counts them: ``themes`` is every theme, inactive ones too, shown
    or not (summing the rows would count a passage tagged with a theme and its
    sub-theme twice, and leave hidden rows out). One query."""
    every = subtrees(themes)
    totals = Annotation.objects.counts_by_subtree(
        {node.theme.pk: every[node.theme.pk] for node in nodes if len(every[node.theme.pk]) > 1}
    )
    for node in nodes:
        if node.theme.pk in totals:
            node.passage_total, node.paragraph_total = totals[node.theme.pk]
