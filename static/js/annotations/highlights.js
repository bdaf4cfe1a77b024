// Paints annotations into a paragraph's text as tinted spans. The text is
// split at every annotation boundary; each piece carries the tints of all
// annotations covering it (stacked, so overlaps darken) and their ids. The
// text content of .para__text never changes, so offsets stay valid.
import { codePointLength, utf16Index } from "./codepoints.js";

// Matches annotations/colours.py: AA contrast is guaranteed up to two layers;
// a third overlapping highlight adds the overlap underline, not a tint.
const TINT_ALPHA = 0.32;
const MAX_LAYERS = 2;
const pristine = new WeakMap();

function tint(hex) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${TINT_ALPHA})`;
}

function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

// The pieces [from, to) of the paragraph with the annotations covering each.
export function pieces(length, annotations) {
  const cuts = new Set([0, length]);
  for (const a of annotations) {
    cuts.add(Math.max(0, Math.min(length, a.start)));
    cuts.add(Math.max(0, Math.min(length, a.end)));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const result = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = annotations.filter((a) => a.start <= from && a.end >= to);
    result.push({ from, to, covering });
  }
  return result;
}

export function renderHighlights(para, annotations, { themes, focused, pendingClass = "hl--pending" }) {
  const span = para.querySelector(".para__text");
  if (!span) return;
  // The first time, the text is as the server wrote it: keep a copy to
  // start again from, and paint on the text itself.
  if (!pristine.has(span)) pristine.set(span, span.cloneNode(true));
  else span.replaceChildren(...pristine.get(span).cloneNode(true).childNodes);
  if (annotations.length === 0) return;

  const length = codePointLength(span.textContent);
  const parts = pieces(length, annotations).filter((p) => p.covering.length > 0);
  const focusStart = annotations.find((x) => x.id === focused)?.start;
  let offset = 0;
  for (const node of textNodes(span)) {
    const nodeLength = codePointLength(node.data);
    const nodeStart = offset;
    const nodeEnd = offset + nodeLength;
    offset = nodeEnd;
    const inside = parts.filter((p) => p.from < nodeEnd && p.to > nodeStart);
    if (inside.length === 0) continue;
    // The node's text cut into plain runs and marks, put in its place in one
    // change of the document rather than several per mark.
    const text = node.data;
    const runs = [];
    let at = 0;
    for (const part of inside) {
      const a = utf16Index(text, Math.max(part.from, nodeStart) - nodeStart);
      const b = utf16Index(text, Math.min(part.to, nodeEnd) - nodeStart);
      if (a > at) runs.push(text.slice(at, a));
      runs.push(mark(text.slice(a, b), part, { themes, focused, pendingClass, focusStart }));
      at = b;
    }
    if (at < text.length) runs.push(text.slice(at));
    node.replaceWith(...runs);
  }
}

function mark(text, part, { themes, focused, pendingClass, focusStart }) {
  const el = document.createElement("span");
  el.className = "hl";
  const ids = part.covering.map((x) => x.id);
  el.dataset.annotationIds = ids.join(" ");
  const colours = part.covering
    .slice(0, MAX_LAYERS)
    .map((x) => themes.get(x.theme_ids[0])?.colour || "#6b7079");
  el.style.backgroundImage = colours.map((c) => `linear-gradient(${tint(c)}, ${tint(c)})`).join(", ");
  if (part.covering.length > 1) el.classList.add("hl--overlap");
  if (part.covering.some((x) => x.id < 0)) el.classList.add(pendingClass);
  if (focused !== null && ids.includes(focused)) el.classList.add("hl--focus");
  if (ids.includes(focused) && part.from === focusStart) el.classList.add("hl--focus-start");
  el.append(text);
  return el;
}
