"""How many annotations survive a new version of their text, and none wrongly.

    .venv/bin/python bench/reanchor_bench.py [--samples ../shared/samples] [--annotations 1000]

Parses the sample compilations (the seed one is always there), makes N
annotations on random spans of their paragraphs (2–40 characters, with
32 characters of context each side, as the reader stores them), then
applies a fixed set of edits with a fixed seed: typos fixed, punctuation
changed, paragraphs split and merged, headings renumbered, paragraphs
deleted, text inserted before spans. Every character of the new text
knows where it came from, so the truth is known: an annotation's text
"still exists" when at least 80 % of its characters survive, and a
placement is right when at least 90 % of what it covers comes from the
quote (or was typed inside it) and it covers at least 90 % of what
survives of the quote. Anything else placed is wrong.

Prints placed exactly, placed fuzzily, orphaned, wrong, and the share
placed of those whose text still exists (the goal: wrong 0, placed ≥ 99 %).
No database: the same functions the versions service uses
(annotations.anchoring).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotations.anchoring import Selector, align, anchor  # noqa: E402
from text.parsing import parse_bytes  # noqa: E402

CONTEXT = 32
SEED = 13
PUNCTUATION = {"，": "、", "。": "；", "；": "。", "、": "，", "：": "，"}
NUMERALS = "一二三四五六七八九十"
INSERT = "（此处有增补）"


def load(samples: Path) -> list[list[str]]:
    """Each speech's paragraph texts, from every .txt sample (one encoding of each)."""
    speeches = []
    for path in sorted(samples.glob("*.txt")):
        if "_crlf" in path.name or "_gb18030" in path.name:
            continue
        parsed = parse_bytes(path.read_bytes(), filename=path.name, max_bytes=50_000_000)
        speeches += [[p.text for p in s.paragraphs] for s in parsed.speeches if s.paragraphs]
    return speeches


# A paragraph of the new version: characters, each with where it came from:
# (old paragraph, offset, kept) where kept is False for a character typed in
# place of that one (a typo or a punctuation mark corrected), or None for
# text typed anew.
Chars = list[tuple[str, tuple[int, int, bool] | None]]


def replaced(char) -> tuple[int, int, bool] | None:
    origin = char[1]
    return (origin[0], origin[1], False) if origin else None


def edit(paragraphs: list[str], rng: random.Random) -> tuple[list[str], list[Chars]]:
    new: list[Chars] = [
        [(c, (i, k, True)) for k, c in enumerate(text)] for i, text in enumerate(paragraphs)
    ]
    out: list[Chars] = []
    for chars in new:
        roll = rng.random()
        text = "".join(c for c, _ in chars)
        if roll < 0.01 and len(new) > 3:
            continue  # a paragraph deleted
        if roll < 0.08 and len(chars) > 4:
            # A typo fixed: one character replaced by another.
            at = rng.randrange(len(chars))
            chars[at] = (chr(0x4E00 + rng.randrange(0x5000)), replaced(chars[at]))
        elif roll < 0.16:
            marks = [k for k, (c, _) in enumerate(chars) if c in PUNCTUATION]
            for k in rng.sample(marks, min(2, len(marks))):
                chars[k] = (PUNCTUATION[chars[k][0]], replaced(chars[k]))
        elif roll < 0.22:
            at = rng.randrange(len(chars) + 1)
            chars[at:at] = [(c, None) for c in INSERT]
        elif roll < 0.26 and text[:1] in NUMERALS and text[1:2] in "、，":
            chars[0] = (NUMERALS[(NUMERALS.index(text[0]) + 1) % 10], replaced(chars[0]))
        if roll > 0.96 and len(chars) > 20:
            cut = next(
                (k + 1 for k in range(len(chars) // 3, len(chars) - 5) if chars[k][0] == "。"),
                len(chars) // 2,
            )
            out += [chars[:cut], chars[cut:]]
            continue
        if 0.92 < roll <= 0.96 and out:
            out[-1] = out[-1] + chars
            continue
        out.append(chars)
    return ["".join(c for c, _ in chars) for chars in out], out


def annotate(paragraphs: list[str], count: int, rng: random.Random) -> list[Selector]:
    usable = [i for i, text in enumerate(paragraphs) if len(text) >= 4]
    selectors = []
    for _ in range(count):
        i = rng.choice(usable)
        text = paragraphs[i]
        length = rng.randint(2, min(40, len(text)))
        start = rng.randrange(len(text) - length + 1)
        end = start + length
        selectors.append(Selector(
            paragraph=i, start=start, end=end, quote=text[start:end],
            prefix=text[max(0, start - CONTEXT):start], suffix=text[end:end + CONTEXT],
        ))
    return selectors


def judge(selector: Selector, placement, provenance: list[Chars]) -> tuple[bool, str]:
    """(text still exists, "right" | "wrong" | "orphan")."""
    survivors, corrected = set(), set()
    for p, chars in enumerate(provenance):
        for k, (_c, origin) in enumerate(chars):
            if origin and origin[0] == selector.paragraph and (
                selector.start <= origin[1] < selector.end
            ):
                (survivors if origin[2] else corrected).add((p, k))
    exists = len(survivors) >= 0.8 * len(selector.quote)
    if placement is None:
        return exists, "orphan"
    # Characters corrected in the quote, and text typed between two of its
    # characters, belong to it.
    inside = survivors | corrected
    for p in {p for p, _ in survivors}:
        ks = sorted(k for q, k in survivors if q == p)
        inside |= {(p, k) for k in range(ks[0], ks[-1] + 1) if provenance[p][k][1] is None}
    placed = {(p, k) for p, s, e in placement.pieces for k in range(s, e)}
    if not placed:
        return exists, "wrong"
    precision = len(placed & inside) / len(placed)
    recall = len(placed & survivors) / len(survivors) if survivors else 0
    return exists, "right" if precision >= 0.9 and recall >= 0.9 else "wrong"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=REPO.parent / "shared" / "samples")
    parser.add_argument("--annotations", type=int, default=1000)
    args = parser.parse_args()
    samples = args.samples
    if not samples.is_dir():
        samples = REPO / "speeches" / "fixtures" / "seed"
    speeches = load(samples)
    rng = random.Random(SEED)
    total_paragraphs = sum(len(s) for s in speeches)
    counts = {"exact": 0, "fuzzy": 0, "orphan": 0, "wrong": 0}
    exists_total = placed_existing = 0
    wrong_examples = []
    started = time.perf_counter()
    for speech in speeches:
        share = max(1, round(args.annotations * len(speech) / total_paragraphs))
        selectors = annotate(speech, share, rng)
        new_texts, provenance = edit(list(speech), rng)
        alignment = align(speech, new_texts)
        for selector in selectors:
            placement = anchor(selector, new_texts, alignment)
            exists, verdict = judge(selector, placement, provenance)
            exists_total += exists
            if verdict == "orphan":
                counts["orphan"] += 1
            elif verdict == "wrong":
                counts["wrong"] += 1
                wrong_examples.append((selector.quote, placement))
            else:
                counts[placement.method] += 1
                placed_existing += exists
    elapsed = time.perf_counter() - started
    made = sum(counts.values())
    print(f"samples: {samples}  speeches: {len(speeches)}  paragraphs: {total_paragraphs}")
    print(f"annotations: {made}")
    print(f"placed exactly: {counts['exact']}")
    print(f"placed fuzzily: {counts['fuzzy']}")
    print(f"orphaned: {counts['orphan']}")
    print(f"wrong: {counts['wrong']}")
    print(f"text still exists: {exists_total}")
    share = placed_existing / exists_total if exists_total else 1.0
    print(f"placed of those whose text still exists: {share:.1%}")
    print(f"time: {elapsed:.2f} s")
    for quote, placement in wrong_examples[:5]:
        print(f"  wrong: {quote!r} -> {placement}")


if __name__ == "__main__":
    main()
