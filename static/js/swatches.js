// Gives every element with data-colour its theme colour as the CSS custom
// property --c, so stylesheets can tint with it (no inline style attributes
// in the HTML, which keeps the pages CSP-friendly).
export function paintSwatches(root = document) {
  for (const el of root.querySelectorAll("[data-colour]")) {
    if (/^#[0-9a-f]{6}$/i.test(el.dataset.colour)) el.style.setProperty("--c", el.dataset.colour);
  }
}

paintSwatches();
