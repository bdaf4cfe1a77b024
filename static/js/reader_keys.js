// Moving through the reader with the keyboard, as document editors allow:
// J and K go to the next and the previous paragraph (the focus and the view
// follow), so a long report is not hundreds of Tab stops; from a paragraph
// so reached, Tab goes on to its margin. Shift+→ or Shift+← on a paragraph
// starts a selection at its first or last character, which further
// Shift+arrows extend (the browser extends a selection, but cannot start one
// without a caret), so a keyboard user can select a span to tag.

const PARAGRAPH = "p.para[data-paragraph-id]";
const reader = document.querySelector(".reader");

function typingIn(el) {
  return el instanceof Element && el.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']");
}

// The paragraph to move from: the focused one, or the first one in view.
function current(paragraphs) {
  const focused = document.activeElement?.closest?.(PARAGRAPH);
  if (focused) return { index: paragraphs.indexOf(focused), focused: true };
  const index = paragraphs.findIndex((p) => p.getBoundingClientRect().bottom > 0);
  return { index, focused: false };
}

export function moveToParagraph(step) {
  const paragraphs = [...reader.querySelectorAll(PARAGRAPH)];
  if (paragraphs.length === 0) return null;
  const { index, focused } = current(paragraphs);
  // Not on a paragraph yet: the first key goes to the one in view.
  const target = focused || index < 0 ? Math.max(0, Math.min(paragraphs.length - 1, index + step)) : index;
  const para = paragraphs[target];
  if (!para.hasAttribute("tabindex")) para.setAttribute("tabindex", "-1");
  para.focus({ preventScroll: true });
  para.scrollIntoView({ block: "nearest" });
  return para;
}

function startSelection(para, atEnd) {
  const text = para.querySelector(".para__text");
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) if (walker.currentNode.data.length) nodes.push(walker.currentNode);
  if (nodes.length === 0) return;
  const node = atEnd ? nodes[nodes.length - 1] : nodes[0];
  const chars = [...node.data];
  const one = (atEnd ? chars[chars.length - 1] : chars[0]).length;
  const [from, to] = atEnd ? [node.data.length, node.data.length - one] : [0, one];
  window.getSelection().setBaseAndExtent(node, from, node, to);
}

if (reader) {
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (typingIn(document.activeElement) || document.activeElement?.closest?.("[role=dialog]")) return;
    const key = event.key.toLowerCase();
    if (!event.shiftKey && (key === "j" || key === "k")) {
      if (moveToParagraph(key === "j" ? 1 : -1)) event.preventDefault();
      return;
    }
    const para = document.activeElement?.matches?.(PARAGRAPH) ? document.activeElement : null;
    if (para && event.shiftKey && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
      const selection = window.getSelection();
      const inside = selection.rangeCount > 0 && !selection.isCollapsed && para.contains(selection.anchorNode);
      if (!inside) {
        event.preventDefault();
        startSelection(para, event.key === "ArrowLeft");
      }
    }
  });
}
