// The reader's shared chrome: the side panel and the status messages (a
// live region for screen readers). Element building is in dom.js, which
// imports nothing of the reader, so that margin.js and focus.js can use it
// without importing this module back (an import cycle keeps collectstatic
// from giving the modules stable hashed names).
import { h } from "./dom.js";
import { rememberFocus, restoreFocus } from "./focus.js";
import { gettext } from "./i18n.js";

let toastRegion = null;

// One message at a time, in a corner away from the text: a new message
// replaces the one showing, except that news of success does not push an
// error off the screen before it could be read (the highlight itself shows
// the success).
export function notify(message, kind = "error") {
  if (!toastRegion) {
    toastRegion = h("div", { class: "anno-toasts", role: "status", "aria-live": "polite" });
    document.body.append(toastRegion);
  }
  const showing = toastRegion.querySelector(".anno-toast");
  if (kind !== "error" && showing?.classList.contains("anno-toast--error")) return;
  const item = h(
    "div",
    { class: `anno-toast anno-toast--${kind}` },
    h("span", {}, message),
    h("button", { type: "button", class: "link-button", "aria-label": gettext("Dismiss"), onclick: () => item.remove() }, "×"),
  );
  toastRegion.replaceChildren(item);
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
