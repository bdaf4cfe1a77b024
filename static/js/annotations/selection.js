// Maps the browser's text selection to passages the server understands:
// one {paragraphId, start, end, quote} per paragraph it touches, with
// offsets in code points within that paragraph's text. A selection across
// paragraphs is split at paragraph ends; the number, links and margin
// around the text are never part of a passage.
import { codePointLength, sliceCodePoints } from "./codepoints.js";

export const MAX_PARAGRAPHS = 20;

export function textOf(para) {
  return para.querySelector(".para__text");
}

function cpBefore(span, container, offset) {
  const range = document.createRange();
  range.setStart(span, 0);
  range.setEnd(container, offset);
  let text = range.toString();
  // A boundary between the halves of a surrogate pair belongs before the pair.
  const last = text.charCodeAt(text.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) text = text.slice(0, -1);
  return codePointLength(text);
}

// The passage of ``para`` inside ``range``, or null when none of its text is.
export function segmentIn(para, range) {
  const span = textOf(para);
  if (!span || !range.intersectsNode(span)) return null;
  const part = document.createRange();
  part.selectNodeContents(span);
  if (range.compareBoundaryPoints(Range.START_TO_START, part) > 0) {
    part.setStart(range.startContainer, range.startOffset);
  }
  if (range.compareBoundaryPoints(Range.END_TO_END, part) < 0) {
    part.setEnd(range.endContainer, range.endOffset);
  }
  if (part.collapsed) return null;
  const text = span.textContent;
  let start = cpBefore(span, part.startContainer, part.startOffset);
  let end = cpBefore(span, part.endContainer, part.endOffset);
  let quote = sliceCodePoints(text, start, end);
  // Dragging often catches spaces at either end; they are never the point.
  const lead = quote.length - quote.trimStart().length;
  const trail = quote.length - quote.trimEnd().length;
  if (lead || trail) {
    start += codePointLength(quote.slice(0, lead));
    end -= codePointLength(quote.slice(quote.length - trail));
    quote = sliceCodePoints(text, start, end);
  }
  if (end <= start) return null;
  return { para, paragraphId: Number(para.dataset.paragraphId), start, end, quote, text };
}

// Every passage of the current selection inside ``article``, or
// {error} when the selection is unusable, or null when there is none.
export function readSelection(article) {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!article.contains(range.commonAncestorContainer)) return null;
  const paras = [...article.querySelectorAll("p.para[data-paragraph-id]")].filter((p) =>
    range.intersectsNode(p),
  );
  if (paras.length > MAX_PARAGRAPHS) return { error: "too-many" };
  const segments = paras.map((p) => segmentIn(p, range)).filter(Boolean);
  if (segments.length === 0) return null;
  return { segments, rect: range.getBoundingClientRect() };
}

// The whole text of one paragraph as a passage (the "tag paragraph" button).
export function wholeParagraph(para) {
  const text = textOf(para).textContent;
  return {
    para,
    paragraphId: Number(para.dataset.paragraphId),
    start: 0,
    end: codePointLength(text),
    quote: text,
    text,
  };
}
