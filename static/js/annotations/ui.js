// Small DOM helpers shared by the reader's modules: element building, the
// side panel, and the status messages (a live region for screen readers).
import { rememberFocus, restoreFocus } from "./focus.js";
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
// It is a dialog: Tab and Shift+Tab go round inside it while it is open,
// Esc closes it, and the focus goes back to what opened it.
let panel = null;
let returnFocus = null;

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

function focusables() {
  return [...panel.querySelectorAll(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

function trapTab(event) {
  const items = focusables();
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  if (!panel.contains(active)) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  } else if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

function onKey(event) {
  if (!panel || panel.hidden || event.defaultPrevented) return;
  const active = document.activeElement;
  // Inside the panel, or lost with a control the panel rebuilt.
  const ours = !active || active === document.body || panel.contains(active);
  if (!ours) return;
  if (event.key === "Escape") {
    event.preventDefault();
    closePanel();
  } else if (event.key === "Tab") {
    trapTab(event);
  }
}

// ``opener``: where the focus goes back to on closing; by default what has
// the focus now, unless the panel is open and only changes what it shows.
export function openPanel(title, build, opener) {
  if (!panel) {
    panel = h("aside", { class: "anno-panel", role: "dialog", "aria-labelledby": "anno-panel-title", hidden: true });
    document.addEventListener("keydown", onKey);
    document.body.append(panel);
  }
  const active = document.activeElement;
  const rebuilding = !panel.hidden && (!active || active === document.body || panel.contains(active));
  if (opener) returnFocus = rememberFocus(opener);
  else if (!rebuilding) returnFocus = rememberFocus(active);
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
  restoreFocus(returnFocus);
  returnFocus = null;
}

export function panelElement() {
  return panel;
}

export function confirmAction(message) {
  return window.confirm(message);
}
