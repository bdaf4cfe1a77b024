// The reader's pure functions, run with `node --test tests/js/` (and from
// pytest: tests/config/test_javascript.py). They need no DOM: the modules
// touch `document` only when called to build elements.
import assert from "node:assert/strict";
import { test } from "node:test";

import { codePointLength, sliceCodePoints, snapUtf16, utf16Index } from "../../static/js/annotations/codepoints.js";
import { pieces } from "../../static/js/annotations/highlights.js";
import { fmt, themeName } from "../../static/js/annotations/i18n.js";
import { matches, placement } from "../../static/js/annotations/popover.js";
import { inIdleChunks, restInOrder, visibleRange } from "../../static/js/annotations/schedule.js";

const RARE = "𠀀"; // one code point, two UTF-16 units

test("code points: a character outside the BMP counts once", () => {
  assert.equal(codePointLength(""), 0);
  assert.equal(codePointLength("人大"), 2);
  assert.equal(codePointLength(`古${RARE}字`), 3);
  assert.equal(codePointLength(`${RARE}${RARE}`), 2);
  // A lone surrogate is one code point, as Python counts it.
  assert.equal(codePointLength("\ud840a"), 2);
});

test("code points to UTF-16 indices and back", () => {
  const text = `古${RARE}字${RARE}`;
  assert.deepEqual([0, 1, 2, 3, 4].map((cp) => utf16Index(text, cp)), [0, 1, 3, 4, 6]);
  assert.equal(utf16Index(text, 99), text.length); // clamped
  assert.equal(sliceCodePoints(text, 1, 3), `${RARE}字`);
  assert.equal(sliceCodePoints(text, 3, 4), RARE);
});

test("an offset inside a surrogate pair snaps to a whole character", () => {
  const text = `a${RARE}b`;
  assert.equal(snapUtf16(text, 2, false), 1);
  assert.equal(snapUtf16(text, 2, true), 3);
  assert.equal(snapUtf16(text, 1, true), 1);
  assert.equal(snapUtf16(text, 0, true), 0);
  assert.equal(snapUtf16(text, text.length, false), text.length);
});

test("highlight pieces: cut at every boundary, each with what covers it", () => {
  const a = { id: 1, start: 2, end: 6 };
  const b = { id: 2, start: 4, end: 10 };
  const result = pieces(10, [a, b]).map((p) => [p.from, p.to, p.covering.map((x) => x.id)]);
  assert.deepEqual(result, [
    [0, 2, []],
    [2, 4, [1]],
    [4, 6, [1, 2]],
    [6, 10, [2]],
  ]);
});

test("highlight pieces: offsets beyond the text are clamped, nothing is lost", () => {
  const result = pieces(5, [{ id: 1, start: -3, end: 99 }]);
  assert.deepEqual(result.map((p) => [p.from, p.to, p.covering.length]), [[0, 5, 1]]);
  assert.deepEqual(pieces(4, []).map((p) => [p.from, p.to]), [[0, 4]]);
  // Nested and identical spans.
  const nested = pieces(8, [{ id: 1, start: 0, end: 8 }, { id: 2, start: 3, end: 5 }, { id: 3, start: 3, end: 5 }]);
  assert.deepEqual(nested.map((p) => p.covering.map((x) => x.id)), [[1], [1, 2, 3], [1]]);
});

const SUPERVISION = {
  name: "人大监督", name_en: "People's congress supervision", initials: "rdjd",
  slug: "people-s-congress-supervision", keywords: ["执法检查", "专题询问"],
};

test("picker matching: Chinese, English, pinyin initials, slug and keywords", () => {
  for (const query of ["", "  ", "人大", "监督", "SUPERVISION", "congress", "rdjd", "rd", "people-s", "执法", "询问"]) {
    assert.ok(matches(SUPERVISION, query), query);
  }
  for (const query of ["经济", "economy", "xcz", "防汛"]) {
    assert.ok(!matches(SUPERVISION, query), query);
  }
});

test("a theme's name follows the page's language", () => {
  assert.equal(themeName(SUPERVISION, "zh-hans"), "人大监督");
  assert.equal(themeName(SUPERVISION, "en"), "People's congress supervision");
  assert.equal(themeName({ ...SUPERVISION, name_en: "" }, "en"), "人大监督");
});

test("fmt fills named placeholders and leaves no gap unfilled", () => {
  assert.equal(fmt("%(n)s passages tagged with %(theme)s.", { n: 4, theme: "经济" }), "4 passages tagged with 经济.");
  assert.equal(fmt("已将 %(n)s 处标注为“%(theme)s”。", { n: 4, theme: "经济" }), "已将 4 处标注为“经济”。");
});

const PHONE = { width: 390, height: 844 };
const SIZE = { width: 352, height: 320 };

test("picker placement: below the selection, or above when there is no room below", () => {
  assert.deepEqual(placement({ left: 20, top: 100, bottom: 130 }, SIZE, PHONE), { left: 20, top: 138 });
  assert.deepEqual(placement({ left: 20, top: 700, bottom: 730 }, SIZE, PHONE), { left: 20, top: 372 });
});

test("picker placement: always inside the viewport", () => {
  // A selection scrolled above the screen (the bug: the picker at y = -314).
  assert.deepEqual(placement({ left: 20, top: -600, bottom: -322 }, SIZE, PHONE), { left: 20, top: 8 });
  // Far right, and far below.
  const right = placement({ left: 380, top: 900, bottom: 930 }, SIZE, PHONE);
  assert.deepEqual(right, { left: PHONE.width - SIZE.width - 8, top: PHONE.height - SIZE.height - 8 });
  // Taller than the screen: its top stays visible.
  assert.equal(placement({ left: 0, top: 10, bottom: 40 }, { width: 300, height: 2000 }, PHONE).top, 8);
});

// Ten paragraphs 100 px tall with 10 px between them, scrolled by ``scroll``.
const column = (scroll) => (i) => ({ top: i * 110 - scroll, bottom: i * 110 + 100 - scroll });

test("first paint: the paragraphs meeting the screen, found by binary search", () => {
  let reads = 0;
  const counted = (box) => (i) => ((reads += 1), box(i));
  assert.deepEqual(visibleRange(10, counted(column(0)), 0, 300), [0, 2]);
  assert.ok(reads <= 10, `${reads} reads`);
  // Scrolled into the middle: partly visible paragraphs count.
  assert.deepEqual(visibleRange(10, column(500), 0, 300), [4, 7]);
  // A band reaching past the screen takes more.
  assert.deepEqual(visibleRange(10, column(500), -100, 400), [3, 8]);
  // The last paragraph, scrolled to the end.
  assert.deepEqual(visibleRange(10, column(1000), 0, 300), [9, 9]);
  // None on screen: above the first or below the last.
  assert.equal(visibleRange(10, column(2000), 0, 300), null);
  assert.equal(visibleRange(10, column(-500), 0, 300), null);
  assert.equal(visibleRange(0, column(0), 0, 300), null);
});

test("first paint: the rest below the screen first, then above it, nearest first", () => {
  assert.deepEqual(restInOrder(8, [3, 4]), [5, 6, 7, 2, 1, 0]);
  assert.deepEqual(restInOrder(3, [0, 2]), []);
  assert.deepEqual(restInOrder(3, null), [0, 1, 2]);
});

test("idle chunks: every item done once, in order, what others did skipped", async () => {
  const left = new Set([1, 2, 3, 4, 5, 6, 7]);
  const done = [];
  const finished = inIdleChunks(
    () => [...left],
    (items) => {
      for (const item of items) {
        done.push(item);
        left.delete(item);
      }
    },
    { chunk: 3 },
  );
  left.delete(5); // done elsewhere (a paragraph repainted on its own) before its turn
  await finished;
  assert.deepEqual(done, [1, 2, 3, 4, 6, 7]);
  await inIdleChunks(() => [], () => assert.fail("nothing to do"));
});

test("idle chunks: a chunk that throws rejects, instead of leaving the rest waiting", async () => {
  const left = [1, 2, 3, 4];
  await assert.rejects(
    inIdleChunks(
      () => left,
      (items) => {
        if (items.includes(3)) throw new Error("could not paint");
        left.splice(0, items.length);
      },
      { chunk: 2 },
    ),
    /could not paint/,
  );
});
