"""Text-reuse detection: precision and recall on planted passages, and time.

    .venv/bin/python bench/reuse_bench.py                      # 100,000 paragraphs, a few minutes
    .venv/bin/python bench/reuse_bench.py --paragraphs 1000000 # the whole job at scale

A corpus of speeches is built, at run time, from the real texts in
../shared/corpus and ../shared/samples (never copied into the repository):
their sentences, deduplicated and laid end to end into paragraphs of two to
six sentences, speeches of 10 to 40 paragraphs. Real reports repeat their
formulae, so before it is used the sentence pool is thinned until no two
sentences share 10 characters (normalised): the background then holds no
reuse of its own, and every passage found is either planted or a mistake.
Past the pool's size, sentences are pieced together from 3 to 6
characters of random others: phrases recur across the corpus, as formulae
do, but no passage of 50 characters does.

Then ``--plants`` passages (by default one per 100 paragraphs) are copied
from one speech into another as a paragraph of their own or at the end of
one: 55 to 600 characters long, half of them exact, half edited (a name
changed, numbers changed, punctuation changed, a word inserted). Sources
and targets are different speeches, and no two plants take overlapping
text.

The detection is ``text.reuse.find_reuse`` with the settings the job uses
(``analysis.services.reuse`` adds the database reads before and the inserts
after): the speeches are streamed from a generator (each speech rebuilt
from its seed when the alignment fetches it again), so the corpus is never
held in memory. A planted passage is found when a detected passage of the
same two speeches overlaps it on both sides by half its length or more;
precision is the share of detected passages that find a plant.
Prints the counts, precision, recall, the time of each stage, the peak RSS
and the load average.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from text import reuse  # noqa: E402

SHARED = REPO.parent / "shared"
SOURCES = (SHARED / "corpus", SHARED / "samples")
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
UNIQUE_GRAM = 10
LENGTHS = (55, 70, 100, 150, 300, 600)
NAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志红春文斌宁海波鹏辉玲萍云"
INSERTED = ("切实", "进一步", "认真", "全面", "扎实")
PUNCTUATION = {"，": "；", "。": "！", "、": "，", "；": "，"}


def read_sentences() -> list[str]:
    """Every sentence of the shared texts, once, thinned so that no two share
    UNIQUE_GRAM normalised characters."""
    seen_sentences: set[str] = set()
    seen_grams: set[str] = set()
    kept = []
    paths = sorted(p for folder in SOURCES if folder.is_dir() for p in folder.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no texts in {' or '.join(str(s) for s in SOURCES)}")
    for path in paths:
        if path.name == "README.md":
            continue
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # an encoding variant of a text read already
        for match in SENTENCE.finditer(text):
            sentence = match.group().strip()
            if len(sentence) < 8 or sentence in seen_sentences:
                continue
            seen_sentences.add(sentence)
            normalised = reuse.normalise(sentence).text
            grams = {
                normalised[i : i + UNIQUE_GRAM]
                for i in range(max(1, len(normalised) - UNIQUE_GRAM + 1))
            }
            if grams & seen_grams:
                continue
            seen_grams |= grams
            kept.append(sentence)
    return kept


@dataclass(frozen=True)
class Plant:
    source: int
    source_start: int
    source_end: int
    target: int
    paragraph: int  # inserted before this paragraph of the target
    prefix: str  # text of the target before the passage in its paragraph
    text: str  # the passage as the target holds it
    edited: bool


class Corpus:
    """Speeches made from the sentence pool, rebuilt from their seed on demand."""

    def __init__(self, sentences: list[str], paragraphs: int, seed: int):
        self.pool = sentences
        self.seed = seed
        rng = random.Random(seed)
        self.layout: list[list[int]] = []  # per speech: sentences per paragraph
        total = 0
        while total < paragraphs:
            count = min(rng.randint(10, 40), paragraphs - total)
            self.layout.append([rng.randint(2, 6) for _ in range(count)])
            total += count
        self.first_sentence = []
        counter = 0
        for speech in self.layout:
            self.first_sentence.append(counter)
            counter += sum(speech)
        self.plants: dict[int, list[Plant]] = {}

    def __len__(self) -> int:
        return len(self.layout)

    def sentence(self, index: int) -> str:
        """The pool's sentences in turn; past the pool, sentences pieced together
        from 3 to 6 characters of random others (phrases recur, passages do not)."""
        text = self.pool[index % len(self.pool)]
        if index < len(self.pool):
            return text
        rng = random.Random(index * 7919 + self.seed)
        pieces: list[str] = []
        length = 0
        while length < len(text):
            other = self.pool[rng.randrange(len(self.pool))]
            size = rng.randint(3, 6)
            start = rng.randrange(max(1, len(other) - size))
            piece = other[start : start + size].strip("，。！？；、 ")
            # A comma every few pieces, as in the sentences they come from.
            pieces.append(piece + ("，" if rng.random() < 0.3 else ""))
            length += len(piece)
        return "".join(pieces).rstrip("，") + "。"

    def base(self, key: int) -> list[str]:
        index = self.first_sentence[key]
        paragraphs = []
        for count in self.layout[key]:
            paragraphs.append("".join(self.sentence(index + i) for i in range(count)))
            index += count
        return paragraphs

    def paragraphs(self, key: int) -> list[str]:
        paragraphs = self.base(key)
        for plant in sorted(self.plants.get(key, []), key=lambda p: -p.paragraph):
            paragraphs.insert(plant.paragraph, plant.prefix + plant.text)
        return paragraphs

    def text(self, key: int) -> str:
        return "\n".join(self.paragraphs(key))

    def documents(self) -> Iterator[reuse.Document]:
        for key in range(len(self)):
            yield reuse.Document(key, self.text(key))

    def fetch(self, keys: Sequence[int]) -> dict[int, str]:
        return {key: self.text(key) for key in keys}


def _edit(passage: str, rng: random.Random) -> str:
    """A name changed, numbers changed, punctuation changed, a word inserted."""
    chars = list(passage)
    third = len(chars) // 3
    at = rng.randrange(2, max(3, third))
    chars[at : at + 2] = [rng.choice(NAMES), rng.choice(GIVEN)]
    for i, char in enumerate(chars):
        if char.isdigit():
            chars[i] = str(rng.randrange(10))
        elif char in PUNCTUATION and rng.random() < 0.5:
            chars[i] = PUNCTUATION[char]
    at = rng.randrange(third, 2 * third)
    chars.insert(at, rng.choice(INSERTED))
    at = rng.randrange(2 * third, len(chars) - 2)
    chars[at] = rng.choice(GIVEN)
    return "".join(chars)


def plant(corpus: Corpus, count: int, seed: int) -> list[tuple[Plant, int, int, int, int]]:
    """Plant ``count`` passages; each with its spans (source and target offsets)."""
    rng = random.Random(seed + 1)
    keys = list(range(len(corpus)))
    rng.shuffle(keys)
    half = len(keys) // 2
    sources, targets = keys[:half], keys[half:]
    used: set[tuple[int, int]] = set()
    plants: list[Plant] = []
    while len(plants) < count:
        source = rng.choice(sources)
        paragraphs = corpus.base(source)
        length = rng.choice(LENGTHS)
        text = "\n".join(paragraphs)
        if len(text) < length + 10:
            continue
        start = rng.randrange(0, len(text) - length)
        if "\n" in text[start : start + length] and length < 300:
            continue
        first = text.count("\n", 0, start)
        last = text.count("\n", 0, start + length)
        if any((source, p) in used for p in range(first, last + 1)):
            continue
        used.update((source, p) for p in range(first, last + 1))
        passage = text[start : start + length]
        edited = len(plants) % 2 == 1
        target = rng.choice(targets)
        position = rng.randrange(0, len(corpus.layout[target]) + 1)
        prefix = corpus.sentence(rng.randrange(10**9)) if rng.random() < 0.5 else ""
        plants.append(
            Plant(
                source, start, start + length, target, position, prefix,
                _edit(passage, rng) if edited else passage, edited,
            )
        )
    for item in plants:
        corpus.plants.setdefault(item.target, []).append(item)
    located = []
    for item in plants:
        paragraphs = corpus.paragraphs(item.target)
        # Where the planted paragraph ended up, among the target's own and
        # the other plants' paragraphs.
        index = paragraphs.index(item.prefix + item.text)
        offset = sum(len(p) + 1 for p in paragraphs[:index]) + len(item.prefix)
        located.append((item, item.source_start, item.source_end, offset, offset + len(item.text)))
    return located


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def evaluate(found: list[reuse.Passage], located) -> tuple[int, int, dict[str, int]]:
    """(detections that find a plant, plants found, plants found by kind)."""
    by_pair: dict[tuple[int, int], list] = {}
    for item in located:
        plant_, s0, s1, t0, t1 = item
        by_pair.setdefault(tuple(sorted((plant_.source, plant_.target))), []).append(item)
    hits = set()
    true = 0
    for passage in found:
        matched = False
        for item in by_pair.get((passage.a, passage.b), []):
            plant_, s0, s1, t0, t1 = item
            if plant_.source == passage.a:
                mine = ((passage.a_start, passage.a_end), (passage.b_start, passage.b_end))
            else:
                mine = ((passage.b_start, passage.b_end), (passage.a_start, passage.a_end))
            need = (s1 - s0) // 2
            if _overlap(mine[0], (s0, s1)) >= need and _overlap(mine[1], (t0, t1)) >= need:
                hits.add(id(item))
                matched = True
        true += matched
    kinds = {"exact": 0, "edited": 0}
    for item in located:
        if id(item) in hits:
            kinds["edited" if item[0].edited else "exact"] += 1
    return true, len(hits), kinds


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--plants", type=int, default=0, help="default: one per 100 paragraphs")
    parser.add_argument("--min-characters", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    started = time.perf_counter()
    sentences = read_sentences()
    corpus = Corpus(sentences, args.paragraphs, args.seed)
    located = plant(corpus, args.plants or max(20, args.paragraphs // 100), args.seed)
    built = time.perf_counter() - started
    print(
        f"corpus: {args.paragraphs:,} paragraphs in {len(corpus):,} speeches; "
        f"{len(sentences):,} distinct sentences; {len(located):,} planted passages "
        f"({sum(1 for p in located if p[0].edited):,} edited) in {built:.1f}s",
        flush=True,
    )

    stages: dict[str, float] = {}
    last = [time.perf_counter(), ""]

    def progress(stage: str, done: float) -> None:
        now = time.perf_counter()
        if stage != last[1]:
            if last[1]:
                stages[last[1]] = now - last[0]
            last[0], last[1] = now, stage

    start = time.perf_counter()
    found = list(
        reuse.find_reuse(
            corpus.documents(),
            fetch=corpus.fetch,
            settings=reuse.Settings(min_characters=args.min_characters),
            total=len(corpus),
            progress=progress,
        )
    )
    elapsed = time.perf_counter() - start
    stages[last[1]] = time.perf_counter() - last[0]
    true, hits, kinds = evaluate(found, located)
    precision = true / len(found) if found else 0.0
    recall = hits / len(located) if located else 0.0
    edited = sum(1 for p in located if p[0].edited)
    print(
        f"found {len(found):,} passages; {true:,} are planted ones; "
        f"{hits:,} of {len(located):,} plants found "
        f"(exact {kinds['exact']}/{len(located) - edited}, edited {kinds['edited']}/{edited})"
    )
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    print(
        "time: "
        + ", ".join(f"{stage} {seconds:.1f}s" for stage, seconds in stages.items())
        + f"; detection {elapsed:.1f}s, all {time.perf_counter() - started:.1f}s"
    )
    print(f"peak RSS {peak_rss_mb():.0f} MB; load average {os.getloadavg()[0]:.2f}")
    if precision < 0.95 or recall < 0.95:
        sys.exit(1)


if __name__ == "__main__":
    main()
