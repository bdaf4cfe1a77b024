"""The codebook as an ordered, indented list built from one query."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from annotations.models import Theme


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
        """Passages of this theme and of the sub-themes in the tree, summed."""
        return self.count + sum(child.total for child in self.children)


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
