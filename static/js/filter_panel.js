// Filter panels (templates/_filter_panel.html) come folded on a phone when the page has results,
// so the results come first. On a wider screen the form stands open beside them: base.css shows
// it where the browser lets a stylesheet open a <details> (::details-content); this opens it in
// the others too. A window narrowed again (a phone turned back upright) gets each panel as the
// reader left it there.
const wide = matchMedia("(min-width: 761px)");
const panels = document.querySelectorAll("details[data-filter-panel]");
const narrowState = new Map();

function fit() {
  for (const panel of panels) {
    if (wide.matches) {
      if (!narrowState.has(panel)) narrowState.set(panel, panel.open);
      panel.open = true;
    } else if (narrowState.has(panel)) {
      panel.open = narrowState.get(panel);
      narrowState.delete(panel);
    }
  }
}

fit();
wide.addEventListener("change", fit);

// A filter refused (a date that reads as none) opens its panel (the template); bring the
// field and its message into view, which on a phone can be a long column of facets below.
// Scrolled to, not focused: a focused field would open a phone's keyboard over the page.
const refused = document.querySelector("details[data-filter-panel] .field--error");
if (refused) refused.scrollIntoView({ block: "center" });
