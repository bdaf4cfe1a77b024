// The upload preview's Discard asks first when the editor has corrected
// something, since the corrections go with the upload. Untouched, or
// without JavaScript, Discard just discards.
const form = document.querySelector("form.preview[data-confirm-discard]");

function edited(form) {
  // A preview shown again after a refused import holds corrections already.
  if (form.hasAttribute("data-edited")) return true;
  return [...form.elements].some((el) => {
    if (el.disabled || el.type === "hidden") return false;
    if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
    if (el.tagName === "SELECT") return [...el.options].some((o) => o.selected !== o.defaultSelected);
    if (el.tagName === "INPUT" || el.tagName === "TEXTAREA") return el.value !== el.defaultValue;
    return false;
  });
}

// Discard submits a small form of its own (the preview's fields stay behind).
document.getElementById("discard-upload")?.addEventListener("submit", (event) => {
  if (!form || !edited(form)) return;
  if (!window.confirm(form.dataset.confirmDiscard)) event.preventDefault();
});

// A correction the server refused: its field gets the focus (inside a
// folded list of headings, the list opens) and its message is scrolled to
// the middle of the screen, clear of the sticky Import/Discard bar.
const refused = form?.querySelector(".errorlist");
if (refused) {
  const details = refused.closest("details");
  if (details) details.open = true;
  const field = refused.closest(".field, li")?.querySelector("input:not([type=hidden]), select, textarea");
  field?.setAttribute("aria-invalid", "true");
  field?.focus({ preventScroll: true });
  refused.scrollIntoView({ block: "center" });
}
