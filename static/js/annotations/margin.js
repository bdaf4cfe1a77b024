// The margin beside each paragraph: how many annotations and comments it
// has (buttons that open them), a button to tag the whole paragraph, and
// the suggested themes as faint chips that accept with one click.
import { fmt, gettext, ngettext, themeName } from "./i18n.js";
import { h, swatch } from "./dom.js";

// The margin is inside the paragraph element, or (an <aside> cannot sit in
// a <p>, so the HTML parser moves it out) right after it.
export function marginOf(para) {
  const inside = para.querySelector(".para__margin");
  if (inside) return inside;
  const next = para.nextElementSibling;
  return next && next.matches(".para__margin") ? next : null;
}

export function renderMargin(para, store, handlers) {
  const aside = marginOf(para);
  if (!aside) return;
  const paragraphId = Number(para.dataset.paragraphId);
  const position = Number(para.dataset.position);
  let box = aside.querySelector(".anno-margin");
  if (!box) {
    box = h("div", { class: "anno-margin" });
    aside.append(box);
  }
  const annotations = store.visibleAnnotationsOf(paragraphId);
  const comments = store.commentsOf(paragraphId).filter((c) => !c.deleted);
  const items = [];
  if (annotations.length) {
    items.push(
      h(
        "button",
        {
          type: "button",
          class: "anno-count anno-count--tags",
          dataset: { marginAction: "tags" },
          title: gettext("Show the annotations of this paragraph"),
          "aria-label": fmt(ngettext("%(n)s annotation", "%(n)s annotations", annotations.length), { n: annotations.length }),
          onclick: () => handlers.showParagraphAnnotations(paragraphId, position),
        },
        h("span", { class: "anno-count__icon", "aria-hidden": "true" }, "◧"),
        String(annotations.length),
      ),
    );
  }
  if (comments.length || store.canAnnotate) {
    items.push(
      h(
        "button",
        {
          type: "button",
          class: `anno-count anno-count--comments${comments.length ? "" : " anno-count--zero"}`,
          dataset: { marginAction: "comments" },
          title: comments.length ? gettext("Show the comments") : gettext("Comment on this paragraph"),
          "aria-label": comments.length
            ? fmt(ngettext("%(n)s comment", "%(n)s comments", comments.length), { n: comments.length })
            : gettext("Comment on this paragraph"),
          onclick: () => handlers.showComments(paragraphId, position),
        },
        h("span", { class: "anno-count__icon", "aria-hidden": "true" }, "✎"),
        comments.length ? String(comments.length) : "",
      ),
    );
  }
  if (store.canAnnotate) {
    items.push(
      h(
        "button",
        {
          type: "button",
          class: "anno-count anno-count--add",
          dataset: { marginAction: "add" },
          title: gettext("Tag the whole paragraph"),
          "aria-label": gettext("Tag the whole paragraph"),
          onclick: (event) => handlers.tagWholeParagraph(para, event.currentTarget),
        },
        "+",
      ),
    );
  }
  const row = h("div", { class: "anno-margin__counts" }, ...items);
  const suggestions = store.canAnnotate && store.filter.showSuggestions ? store.suggestionsOf(paragraphId) : [];
  const chips = suggestions.map((s) => {
    const theme = store.themes.get(s.theme_id);
    const chip = h(
      "button",
      {
        type: "button",
        class: "anno-suggestion",
        dataset: { marginAction: `suggest-${s.theme_id}` },
        title: fmt(gettext("Suggested because of: %(words)s. Click to tag the whole paragraph."), { words: s.keywords.join("、") }),
        "aria-label": fmt(gettext("Accept suggested theme %(name)s for the whole paragraph"), { name: themeName(theme) }),
        onclick: () => handlers.acceptSuggestion(paragraphId, s.theme_id),
      },
      swatch(theme.colour),
      themeName(theme),
    );
    chip.style.setProperty("--c", theme.colour);
    return chip;
  });
  // Repainting replaces the buttons: the one that had the focus keeps it
  // (or, gone, such as an accepted suggestion, hands it to its paragraph).
  const focused = box.contains(document.activeElement) ? document.activeElement.dataset.marginAction : null;
  box.replaceChildren(
    ...[
    row,
    chips.length ? h("div", { class: "anno-margin__suggestions", "aria-label": gettext("Suggested themes") }, h("span", { class: "anno-margin__label" }, gettext("Suggested")), ...chips) : null,
    ].filter(Boolean),
  );
  para.classList.toggle("para--annotated", annotations.length > 0);
  if (focused) {
    const again = box.querySelector(`[data-margin-action="${focused}"]`) ?? focusableParagraph(para);
    again.focus({ preventScroll: true });
  }
}

// A paragraph takes the focus from scripts only (tabindex -1): it is not a
// stop on the Tab path, but the next Tab goes on from where it is.
export function focusableParagraph(para) {
  if (!para.hasAttribute("tabindex")) para.setAttribute("tabindex", "-1");
  return para;
}
