// Where the keyboard focus goes back to when the theme picker or the side
// panel closes: the control that opened it, or the paragraph the reader
// was on. Margin buttons are rebuilt whenever their paragraph is repainted,
// so a button is remembered by its paragraph and its action and found again.
import { focusableParagraph, marginOf } from "./margin.js";

export { focusableParagraph };

const PARAGRAPH = "p.para[data-paragraph-id]";

function paragraphOf(el) {
  const inside = el.closest(PARAGRAPH);
  if (inside) return inside;
  // The margin is inside its paragraph, or right after it (see marginOf).
  const previous = el.closest(".para__margin")?.previousElementSibling;
  return previous?.matches(PARAGRAPH) ? previous : null;
}

export function rememberFocus(el) {
  if (!(el instanceof Element) || el === document.body) return null;
  const button = el.closest("[data-margin-action]");
  return { el, para: paragraphOf(el), action: button?.dataset.marginAction ?? null };
}

export function restoreFocus(target) {
  if (!target) return;
  let el = document.contains(target.el) ? target.el : null;
  if (!el && target.para && document.contains(target.para)) {
    const margin = marginOf(target.para);
    el = (target.action && margin?.querySelector(`[data-margin-action="${target.action}"]`)) || null;
    el ??= focusableParagraph(target.para);
  }
  el?.focus({ preventScroll: true });
}
