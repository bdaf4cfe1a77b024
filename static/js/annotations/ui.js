// Small DOM helpers shared by the reader's modules: element building, the
// side panel, and the status messages (a live region for screen readers).
import { gettext } from "./i18n.js";

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function swatch(colour) {
  const el = h("span", { class: "swatch", "aria-hidden": "true" });
  el.style.setProperty("--c", colour);
  return el;
}

export function themeChip(theme, extra = {}) {
  const chip = h("span", { class: "theme-chip", ...extra }, swatch(theme.colour), theme.name);
  chip.style.setProperty("--c", theme.colour);
  return chip;
}

let toastRegion = null;

export function notify(message, kind = "error") {
  if (!toastRegion) {
    toastRegion = h("div", { class: "anno-toasts", role: "status", "aria-live": "polite" });
    document.body.append(toastRegion);
  }
  const item = h(
    "div",
    { class: `anno-toast anno-toast--${kind}` },
    h("span", {}, message),
    h("button", { type: "button", class: "link-button", "aria-label": gettext("Dismiss"), onclick: () => item.remove() }, "×"),
  );
  toastRegion.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 10000 : 4000);
}

// The one side panel (a bottom sheet on phones) for details and threads.
let panel = null;
let returnFocus = null;

export function openPanel(title, build) {
  if (!panel) {
    panel = h("aside", { class: "anno-panel", role: "dialog", "aria-labelledby": "anno-panel-title", hidden: true });
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") closePanel();
    });
    document.body.append(panel);
  }
  if (!panel.hidden && document.activeElement && panel.contains(document.activeElement)) {
    // keep the original opener when the panel switches content
  } else {
    returnFocus = document.activeElement;
  }
  const body = h("div", { class: "anno-panel__body" });
  panel.replaceChildren(
    h(
      "header",
      { class: "anno-panel__head" },
      h("h2", { id: "anno-panel-title" }, title),
      h("button", { type: "button", class: "anno-panel__close", "aria-label": gettext("Close"), onclick: closePanel }, "×"),
    ),
    body,
  );
  build(body);
  panel.hidden = false;
  const first = body.querySelector("button, textarea, input, select, a[href]") || panel.querySelector(".anno-panel__close");
  first?.focus({ preventScroll: true });
  return body;
}

export function closePanel() {
  if (!panel || panel.hidden) return;
  panel.hidden = true;
  panel.dispatchEvent(new CustomEvent("panelclose"));
  if (returnFocus && document.contains(returnFocus)) returnFocus.focus({ preventScroll: true });
}

export function panelElement() {
  return panel;
}

export function confirmAction(message) {
  return window.confirm(message);
}
