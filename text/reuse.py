"""Text reuse: passages two documents share, allowing small edits.

Pure Python with numpy and datasketch (no Django): ``analysis.services.reuse``
feeds it the speeches and stores what it finds; ``bench/reuse_bench.py``
feeds it a planted corpus.

The method, in three steps (docs/architecture.md, "Text reuse"):

1. **Normalise.** Punctuation, spaces and symbols are dropped, every digit
   becomes ``0``, Latin letters are lower-cased and traditional or variant
   characters folded to simplified ones (``text.variants``). Each kept
   character remembers its offset in the original text. Changed numbers and
   punctuation therefore vanish; changed names are left to step 3.
2. **Candidates (MinHash + LSH).** Each document's normalised text is cut
   into overlapping windows (``Settings.step`` character shingles long, two
   steps wide, one step apart). A window's MinHash is the datasketch
   ``MinHash`` (scheme ``affine32``: MurmurHash3's finaliser, then affine
   permutations from the same seed) of its character shingles; its bands
   are those of a datasketch ``MinHashLSH`` with the same threshold and
   number of permutations. Both are computed on numpy arrays for thousands
   of windows at once, and the band keys go to temporary files, one per
   band, so that memory stays bounded by one band's keys: a sort per band
   finds the windows that collide. Two windows of different documents in
   the same bucket are a *seed*. Buckets holding more than
   ``Settings.max_bucket`` windows are boilerplate said everywhere and are
   skipped. There is no loop over all pairs of documents.
3. **Alignment.** For each pair of documents with seeds, the seeds are
   grouped along their diagonals; each group's stretch of both texts is
   aligned with ``difflib.SequenceMatcher``; matching blocks closer than
   ``Settings.max_gap`` on both sides are joined into a passage (the gaps
   are the edits: a changed name, an inserted word). A passage counts when
   it is at least ``Settings.min_characters`` long in both originals and
   its matched characters are at least ``Settings.min_similarity`` of its
   longer side.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import os
import tempfile
import unicodedata
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from text import variants

DROP = 0
ZERO = ord("0")
# The last code point + 1.
CODE_POINTS = 0x110000
LAST_KEPT = 0x31350
SHINGLE = 5  # characters per shingle
# MurmurHash3's 32-bit finaliser, as datasketch's affine32 scheme applies it.
FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
BAND_MIX = np.uint64(0x100000001B3)
# Shingles hashed and permuted at once: this many rows of num_perm uint32.
CHUNK_SHINGLES = 262_144


@dataclass(frozen=True)
class Settings:
    """What counts as reuse, and how candidates are found."""

    # A passage is at least this many characters long in both documents.
    min_characters: int = 50
    num_perm: int = 32
    # The Jaccard similarity of two windows' shingles that LSH aims to catch.
    threshold: float = 0.4
    # Windows sharing one bucket beyond this number are boilerplate: skipped.
    max_bucket: int = 64
    seed: int = 1
    # Edits allowed inside a passage: unmatched characters in a row, on either side.
    max_gap: int = 12
    # Matching blocks shorter than this do not anchor a passage.
    min_block: int = 3
    # Matched characters / the longer side of the passage (normalised).
    min_similarity: float = 0.75

    @property
    def step(self) -> int:
        """Shingles between the starts of two windows; a window is two steps.

        Chosen so that a passage of ``min_characters`` (less its punctuation)
        always holds one whole window of either document."""
        return max(4, self.min_characters // 4)

    @property
    def window(self) -> int:
        """Characters in a window."""
        return 2 * self.step + SHINGLE - 1


@dataclass(frozen=True)
class Document:
    key: int
    text: str


@dataclass(frozen=True)
class Passage:
    """A passage of document ``a`` (offsets ``a_start``–``a_end`` of its text,
    code points) that document ``b`` holds too (``b_start``–``b_end``);
    ``a < b``. ``matched``: normalised characters the two have in common;
    ``a_lines``, ``b_lines``: the first and last line (paragraph) of each
    text the passage touches, counted from 0."""

    a: int
    b: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int
    similarity: float
    a_lines: tuple[int, int] = (0, 0)
    b_lines: tuple[int, int] = (0, 0)

    @property
    def length(self) -> int:
        """The shorter side, in characters of the original texts."""
        return min(self.a_end - self.a_start, self.b_end - self.b_start)


@dataclass(frozen=True)
class Normalised:
    text: str
    # offsets[i]: where the i-th normalised character is in the original.
    offsets: np.ndarray
    # Where each line of the original starts.
    line_starts: Sequence[int] = (0,)

    def lines(self, start: int, end: int) -> tuple[int, int]:
        """The first and last line the original span ``start``–``end`` touches."""
        return first_and_last(self.line_starts, start, end)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span of normalised characters ``start``–``end``."""
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


@functools.cache
def _table() -> np.ndarray:
    """Code point -> the normalised code point (DROP: left out)."""
    table = np.zeros(CODE_POINTS, dtype=np.uint32)
    folded = variants.table()
    # Beyond the CJK extensions (text.chinese) nothing is kept.
    for code in range(LAST_KEPT):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        category = unicodedata.category(char)
        if category[0] == "L":
            target = folded.get(code, char)
            table[code] = ord(target.lower()) if len(target.lower()) == 1 else ord(target)
        elif code == 0x3007:
            table[code] = code  # 〇, a character of Chinese numbers (二〇二四), kept as written
        elif category[0] == "N":
            table[code] = ZERO
    return table


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def normalise(text: str) -> Normalised:
    """``text`` without punctuation or spaces, digits as 0, scripts folded (step 1)."""
    codes = _codes(text)
    mapped = _table()[codes]
    offsets = np.flatnonzero(mapped != DROP).astype(np.int32)
    kept = mapped[offsets]
    line_starts = [0, *(np.flatnonzero(codes == ord("\n")) + 1).tolist()]
    return Normalised(kept.astype("<u4").tobytes().decode("utf-32-le"), offsets, line_starts)


def _fmix32(values: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = FMIX32
    values = values ^ (values >> np.uint32(s1))
    values = values * np.uint32(m1)
    values = values ^ (values >> np.uint32(s2))
    values = values * np.uint32(m2)
    return values ^ (values >> np.uint32(s3))


def shingle_hashes(codes: np.ndarray) -> np.ndarray:
    """One 32-bit hash per character shingle (SHINGLE characters) of normalised code points."""
    if len(codes) < SHINGLE:
        return np.zeros(0, dtype=np.uint32)
    wide = codes.astype(np.uint64)
    count = len(codes) - SHINGLE + 1
    with np.errstate(over="ignore"):
        mixed = wide[:count].copy()
        for i in range(1, SHINGLE):
            # Code points have 21 bits: the first three are packed exactly.
            mixed = (mixed << np.uint64(21)) ^ wide[i : i + count] if i < 3 else (
                mixed * GOLDEN + wide[i : i + count]
            )
        return ((mixed * GOLDEN) >> np.uint64(32)).astype(np.uint32)


class Hasher:
    """The MinHash of windows, many at once, with datasketch's permutations."""

    def __init__(self, settings: Settings):
        self.settings = settings
        permutations = MinHash(num_perm=settings.num_perm, seed=settings.seed).permutations
        self.a = np.asarray(permutations[0], dtype=np.uint32)
        self.b = np.asarray(permutations[1], dtype=np.uint32)
        lsh = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm)
        self.bands: list[tuple[int, int]] = list(lsh.hashranges)

    def permuted(self, hashes: np.ndarray) -> np.ndarray:
        """Rows of permuted shingle hashes, as ``MinHash.update_batch`` computes them."""
        with np.errstate(over="ignore"):
            return _fmix32(hashes)[:, None] * self.a + self.b

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """The MinHash values of one set of shingle hashes (what a ``LeanMinHash`` holds)."""
        return self.permuted(hashes).min(axis=0)

    def band_keys(self, signatures: np.ndarray) -> list[np.ndarray]:
        """One 64-bit key per window and band: equal keys, equal band."""
        keys = []
        with np.errstate(over="ignore"):
            for start, end in self.bands:
                key = np.zeros(len(signatures), dtype=np.uint64)
                for column in range(start, end):
                    key = key * BAND_MIX + signatures[:, column].astype(np.uint64)
                keys.append(key)
        return keys


def _windows(n_shingles: int, step: int) -> tuple[np.ndarray, np.ndarray]:
    """A document's blocks (shingle offsets) and its windows (pairs of blocks)."""
    blocks = np.arange(0, n_shingles, step)
    if len(blocks) == 1:
        return blocks, np.zeros(1, dtype=np.int64)
    return blocks, np.arange(len(blocks) - 1)


class _Index:
    """Step 2: every window's document, position and band keys (on disk)."""

    def __init__(self, settings: Settings, directory: str):
        self.settings = settings
        self.hasher = Hasher(settings)
        self.files = [
            open(os.path.join(directory, f"band{i}.u64"), "wb")  # noqa: SIM115
            for i in range(len(self.hasher.bands))
        ]
        self.documents: list[np.ndarray] = []
        self.positions: list[np.ndarray] = []
        self.keys: list[int] = []
        self._pending: list[tuple[int, np.ndarray]] = []
        self._pending_shingles = 0

    def add(self, document: Document) -> None:
        normalised = normalise(document.text)
        if len(normalised.text) < SHINGLE:
            return
        hashes = shingle_hashes(_codes(normalised.text))
        self._pending.append((len(self.keys), hashes))
        self.keys.append(document.key)
        self._pending_shingles += len(hashes)
        if self._pending_shingles >= CHUNK_SHINGLES:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        step = self.settings.step
        hashes = np.concatenate([h for _, h in self._pending])
        block_starts, first, second, docs, positions = [], [], [], [], []
        offset, block_offset = 0, 0
        for index, document_hashes in self._pending:
            blocks, windows = _windows(len(document_hashes), step)
            block_starts.append(blocks + offset)
            first.append(windows + block_offset)
            second.append(np.minimum(windows + 1, len(blocks) - 1) + block_offset)
            docs.append(np.full(len(windows), index, dtype=np.int32))
            positions.append((windows * step).astype(np.int32))
            offset += len(document_hashes)
            block_offset += len(blocks)
        starts = np.concatenate(block_starts)
        minima = np.empty((len(starts), self.settings.num_perm), dtype=np.uint32)
        # Permute a chunk of whole blocks at a time: bounded memory.
        chunk_blocks = max(1, CHUNK_SHINGLES // step)
        for lo in range(0, len(starts), chunk_blocks):
            hi = min(lo + chunk_blocks, len(starts))
            begin = starts[lo]
            end = starts[hi] if hi < len(starts) else len(hashes)
            permuted = self.hasher.permuted(hashes[begin:end])
            minima[lo:hi] = np.minimum.reduceat(permuted, starts[lo:hi] - begin, axis=0)
        signatures = np.minimum(minima[np.concatenate(first)], minima[np.concatenate(second)])
        for handle, key in zip(self.files, self.hasher.band_keys(signatures), strict=True):
            key.tofile(handle)
        self.documents.append(np.concatenate(docs))
        self.positions.append(np.concatenate(positions))
        self._pending, self._pending_shingles = [], 0

    def seeds(self, focus: set[int] | None) -> tuple[np.ndarray, np.ndarray]:
        """Pairs of windows of different documents that share a band's bucket.

        ``focus``: only pairs with at least one document of these keys.
        Returns the pairs (window indices, lower document index first) and
        the window table (document index, position), sorted by document pair.
        """
        self.flush()
        for handle in self.files:
            handle.close()
        documents = np.concatenate(self.documents) if self.documents else np.zeros(0, np.int32)
        positions = np.concatenate(self.positions) if self.positions else np.zeros(0, np.int32)
        self.window_documents, self.window_positions = documents, positions
        in_focus = None
        if focus is not None:
            wanted = np.array(
                [i for i, key in enumerate(self.keys) if key in focus], dtype=np.int32
            )
            in_focus = np.isin(documents, wanted)
        found: list[np.ndarray] = []
        for handle in self.files:
            keys = np.fromfile(handle.name, dtype=np.uint64)
            os.unlink(handle.name)
            found.append(self._collisions(keys, documents, in_focus))
            del keys
        if not found:
            return np.zeros((0, 2), dtype=np.int64), documents
        pairs = np.unique(np.concatenate(found))
        left = (pairs >> np.uint64(32)).astype(np.int64)
        right = (pairs & np.uint64(0xFFFFFFFF)).astype(np.int64)
        return np.stack([left, right], axis=1), documents

    def _collisions(
        self, keys: np.ndarray, documents: np.ndarray, in_focus: np.ndarray | None
    ) -> np.ndarray:
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        if len(ordered) < 2:
            return np.zeros(0, dtype=np.uint64)
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        sizes = np.diff(np.append(starts, len(ordered)))
        keep = (sizes >= 2) & (sizes <= self.settings.max_bucket)
        starts, sizes = starts[keep], sizes[keep]
        if not len(starts):
            return np.zeros(0, dtype=np.uint64)
        members = order[np.repeat(starts, sizes) + _ranks(sizes)]
        run = np.repeat(np.arange(len(starts)), sizes)
        found = []
        # Pairs within each bucket: member i with member i + d, for every d.
        for distance in range(1, int(sizes.max())):
            same = run[distance:] == run[:-distance]
            if not same.any():
                break
            left, right = members[:-distance][same], members[distance:][same]
            found.append(self._pairs(left, right, documents, in_focus))
        return np.concatenate(found)

    @staticmethod
    def _pairs(
        left: np.ndarray, right: np.ndarray, documents: np.ndarray, in_focus: np.ndarray | None
    ) -> np.ndarray:
        left_doc, right_doc = documents[left], documents[right]
        keep = left_doc != right_doc
        if in_focus is not None:
            keep &= in_focus[left] | in_focus[right]
        left, right = left[keep], right[keep]
        swap = documents[left] > documents[right]
        low = np.where(swap, right, left).astype(np.uint64)
        high = np.where(swap, left, right).astype(np.uint64)
        return (low << np.uint64(32)) | high


def _ranks(sizes: np.ndarray) -> np.ndarray:
    """0, 1, …, size - 1 for each size, concatenated."""
    total = int(sizes.sum())
    offsets = np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.arange(total) - offsets


Progress = Callable[[str, float], None]


def _quiet(stage: str, done: float) -> None:
    return None


def find_reuse(
    documents: Iterable[Document],
    *,
    fetch: Callable[[Sequence[int]], Mapping[int, str]],
    settings: Settings | None = None,
    focus: set[int] | None = None,
    total: int = 0,
    progress: Progress = _quiet,
    batch_pairs: int = 200,
    cache_characters: int = 10_000_000,
) -> Iterator[Passage]:
    """The passages the documents share (step 1 to 3), by pair of documents.

    ``documents`` is read once (a stream: a query's iterator); ``fetch``
    gives the texts of the keys asked for again, a batch of document pairs
    at a time, for the alignment (the pairs come in order of their first
    document, and the last ``cache_characters`` of normalised text fetched
    are kept, so a document is seldom fetched twice). ``focus``: only passages with a document
    of these keys (an incremental run: the new documents against all).
    ``total``: how many documents to expect, for ``progress(stage, done)``.
    """
    settings = settings or Settings()
    with tempfile.TemporaryDirectory(prefix="reuse-") as directory:
        index = _Index(settings, directory)
        for count, document in enumerate(documents, 1):
            index.add(document)
            if total and count % 500 == 0:
                progress("hashing", count / total)
        progress("hashing", 1.0)
        pairs, window_documents = index.seeds(focus)
        progress("candidates", 1.0)
    if not len(pairs):
        progress("aligning", 1.0)
        return
    positions = index.window_positions
    left_doc = window_documents[pairs[:, 0]].astype(np.int64)
    right_doc = window_documents[pairs[:, 1]].astype(np.int64)
    order = np.lexsort((positions[pairs[:, 0]], right_doc, left_doc))
    left_doc, right_doc, pairs = left_doc[order], right_doc[order], pairs[order]
    pair_key = (left_doc << 32) | right_doc
    starts = np.flatnonzero(np.concatenate(([True], pair_key[1:] != pair_key[:-1])))
    ends = np.append(starts[1:], len(pair_key))
    keys = index.keys
    aligner = Aligner(settings)
    cache = _Cache(cache_characters)
    for lo in range(0, len(starts), batch_pairs):
        batch = range(lo, min(lo + batch_pairs, len(starts)))
        wanted = sorted(
            {keys[left_doc[starts[i]]] for i in batch} | {keys[right_doc[starts[i]]] for i in batch}
        )
        # This batch's texts are held here: the cache may let older ones go
        # while the missing ones come in.
        normalised = {key: cache.get(key) for key in wanted if key in cache}
        missing = [key for key in wanted if key not in normalised]
        if missing:
            for key, text in fetch(missing).items():
                normalised[key] = normalise(text)
                cache.put(key, normalised[key])
        for i in batch:
            a, b = keys[left_doc[starts[i]]], keys[right_doc[starts[i]]]
            seeds = [
                (int(positions[left]), int(positions[right]))
                for left, right in pairs[starts[i] : ends[i]]
            ]
            # Keys in order: ``a`` is the document with the lower key.
            if a > b:
                a, b = b, a
                seeds = [(right, left) for left, right in seeds]
            yield from aligner.passages(a, b, normalised[a], normalised[b], seeds)
        progress("aligning", batch[-1] / len(starts))
    progress("aligning", 1.0)


class _Cache:
    """Normalised texts, the most recently used first out last, up to a size."""

    def __init__(self, characters: int):
        self.limit = characters
        self.size = 0
        self.items: OrderedDict[int, Normalised] = OrderedDict()

    def __contains__(self, key: int) -> bool:
        return key in self.items

    def get(self, key: int) -> Normalised:
        self.items.move_to_end(key)
        return self.items[key]

    def put(self, key: int, value: Normalised) -> None:
        self.items[key] = value
        self.size += len(value.text)
        while self.size > self.limit and self.items:
            _, old = self.items.popitem(last=False)
            self.size -= len(old.text)


class Aligner:
    """Step 3: seeds to passages."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def passages(
        self,
        a: int,
        b: int,
        left: Normalised,
        right: Normalised,
        seeds: Sequence[tuple[int, int]],
    ) -> list[Passage]:
        window = self.settings.window
        found: list[tuple[int, int, int, int, int]] = []
        for group in _groups(sorted(seeds), window):
            a_lo = max(0, min(s[0] for s in group) - window)
            a_hi = min(len(left.text), max(s[0] for s in group) + 2 * window)
            b_lo = max(0, min(s[1] for s in group) - window)
            b_hi = min(len(right.text), max(s[1] for s in group) + 2 * window)
            for start_a, end_a, start_b, end_b, matched in self.align(
                left.text[a_lo:a_hi], right.text[b_lo:b_hi]
            ):
                found.append((start_a + a_lo, end_a + a_lo, start_b + b_lo, end_b + b_lo, matched))
        result = []
        for start_a, end_a, start_b, end_b, matched in _merge(found):
            similarity = matched / max(end_a - start_a, end_b - start_b)
            if similarity < self.settings.min_similarity:
                continue
            a_span, b_span = left.span(start_a, end_a), right.span(start_b, end_b)
            passage = Passage(
                a, b, *a_span, *b_span, matched, round(similarity, 4),
                left.lines(*a_span), right.lines(*b_span),
            )
            if passage.length >= self.settings.min_characters:
                result.append(passage)
        return result

    def align(self, left: str, right: str) -> list[tuple[int, int, int, int, int]]:
        """Passages of two stretches of normalised text: matching blocks
        joined across gaps of at most ``max_gap`` on both sides."""
        matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
        blocks = [
            block
            for block in matcher.get_matching_blocks()
            if block.size >= self.settings.min_block
        ]
        passages: list[tuple[int, int, int, int, int]] = []
        current: list[int] | None = None
        for i, j, size in blocks:
            if (
                current is not None
                and i - current[1] <= self.settings.max_gap
                and j - current[3] <= self.settings.max_gap
            ):
                current[1], current[3] = i + size, j + size
                current[4] += size
                continue
            if current is not None:
                passages.append((current[0], current[1], current[2], current[3], current[4]))
            current = [i, i + size, j, j + size, size]
        if current is not None:
            passages.append((current[0], current[1], current[2], current[3], current[4]))
        return passages


def _groups(seeds: list[tuple[int, int]], window: int) -> list[list[tuple[int, int]]]:
    """Seeds along one diagonal and close together, as one stretch to align
    (at most ``32 * window`` long, so that no alignment runs on whole books)."""
    groups: list[list[tuple[int, int]]] = []
    open_groups: list[list[tuple[int, int]]] = []
    for seed in seeds:
        for group in open_groups:
            last = group[-1]
            near = seed[0] - last[0] <= 2 * window
            same_diagonal = abs((seed[1] - seed[0]) - (last[1] - last[0])) <= 2 * window
            short = seed[0] - group[0][0] <= 32 * window
            if near and same_diagonal and short:
                group.append(seed)
                break
        else:
            group = [seed]
            open_groups.append(group)
            groups.append(group)
        open_groups = [g for g in open_groups if seed[0] - g[-1][0] <= 2 * window]
    return groups


def _merge(
    found: list[tuple[int, int, int, int, int]],
) -> list[tuple[int, int, int, int, int]]:
    """Passages found twice (overlapping stretches) or cut in two, as one."""
    merged: list[tuple[int, int, int, int, int]] = []
    for passage in sorted(found):
        if merged:
            last = merged[-1]
            overlaps_a = passage[0] <= last[1]
            overlaps_b = passage[2] <= last[3] and passage[3] >= last[2]
            if overlaps_a and overlaps_b:
                # The matched characters of the union: the larger part plus what
                # the other adds beyond it, in proportion.
                extra = max(0, passage[1] - last[1])
                width = max(1, passage[1] - passage[0])
                matched = last[4] + round(passage[4] * extra / width)
                merged[-1] = (
                    last[0],
                    max(last[1], passage[1]),
                    min(last[2], passage[2]),
                    max(last[3], passage[3]),
                    matched,
                )
                continue
        merged.append(passage)
    return merged


def coverage(spans: Iterable[tuple[int, int]]) -> int:
    """Characters covered by the spans at least once."""
    covered, end = 0, -1
    for start, stop in sorted(spans):
        if stop <= end:
            continue
        covered += stop - max(start, end)
        end = stop
    return covered


def first_and_last(starts: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The indices of the first and the last of consecutive pieces (starting
    at ``starts``) that the span ``start``–``end`` touches."""
    first = bisect.bisect_right(starts, start) - 1
    last = bisect.bisect_right(starts, max(start, end - 1)) - 1
    return max(first, 0), max(last, 0)


@dataclass(frozen=True)
class Difference:
    """A piece of an aligned passage: the same on both sides, or changed."""

    same: bool
    left: str
    right: str


def differences(left: str, right: str) -> list[Difference]:
    """Two versions of a passage as pieces, equal or changed (for the
    side-by-side view): character by character, as SequenceMatcher sees them."""
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    pieces: list[Difference] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pieces.append(Difference(tag == "equal", left[i1:i2], right[j1:j2]))
    return pieces


def group_by_pair(passages: Iterable[Passage]) -> dict[tuple[int, int], list[Passage]]:
    pairs: dict[tuple[int, int], list[Passage]] = defaultdict(list)
    for passage in passages:
        pairs[(passage.a, passage.b)].append(passage)
    return pairs
