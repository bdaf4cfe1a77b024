// The reader's annotation filter: only chosen themes, only mine, and
// whether suggestions show. Opened from a small floating button, it also
// serves as the legend of the theme colours with their counts.
import { fmt, gettext } from "./i18n.js";
import { h, themeChip } from "./dom.js";
import { openPanel } from "./ui.js";

export function mountFilterButton(store) {
  const button = h(
    "button",
    { type: "button", class: "anno-fab", "aria-haspopup": "dialog", onclick: () => showFilter(store) },
    h("span", { class: "anno-fab__icon", "aria-hidden": "true" }, "◧"),
    h("span", { class: "anno-fab__label" }, gettext("Annotations")),
    h("span", { class: "anno-fab__count" }),
  );
  document.body.append(button);
  const update = () => {
    const total = store.annotations.size;
    const visible = [...store.annotations.values()].filter((a) => store.isVisible(a)).length;
    const filtered = store.filter.themes.size > 0 || store.filter.mineOnly;
    button.querySelector(".anno-fab__count").textContent = filtered ? `${visible}/${total}` : String(total);
    button.classList.toggle("anno-fab--filtered", filtered);
  };
  store.addEventListener("annotations", update);
  update();
  return button;
}

export function showFilter(store) {
  openPanel(gettext("Show annotations"), (body) => {
    body.dataset.view = "filter";
    const counts = new Map();
    for (const a of store.annotations.values()) {
      for (const id of a.theme_ids) counts.set(id, (counts.get(id) || 0) + 1);
    }
    const themes = [...store.themes.values()].filter((theme) => theme.active || counts.has(theme.id));
    const boxes = themes.map((theme) => {
      const input = h("input", { type: "checkbox", value: theme.id, checked: store.filter.themes.has(theme.id) });
      input.addEventListener("change", () => {
        const chosen = new Set(store.filter.themes);
        if (input.checked) chosen.add(theme.id);
        else chosen.delete(theme.id);
        store.setFilter({ themes: chosen });
      });
      return h("label", { class: "anno-check" }, input, themeChip(theme), h("span", { class: "count" }, String(counts.get(theme.id) || 0)));
    });
    const mine = h("input", { type: "checkbox", checked: store.filter.mineOnly });
    mine.addEventListener("change", () => store.setFilter({ mineOnly: mine.checked }));
    const suggest = h("input", { type: "checkbox", checked: store.filter.showSuggestions });
    suggest.addEventListener("change", () => store.setFilter({ showSuggestions: suggest.checked }));
    body.append(
      ...[
      h("p", { class: "muted" }, gettext("Tick themes to show only their highlights; tick none to show all.")),
      h("fieldset", { class: "anno-checks anno-checks--column" }, h("legend", {}, gettext("Themes")), ...boxes),
      store.config.user ? h("label", { class: "anno-check" }, mine, gettext("Only my annotations")) : null,
      store.canAnnotate ? h("label", { class: "anno-check" }, suggest, gettext("Show suggested themes")) : null,
      h(
        "p",
        {},
        h("button", {
          type: "button",
          class: "button button--small",
          onclick: () => {
            store.setFilter({ themes: new Set(), mineOnly: false });
            showFilter(store);
          },
        }, gettext("Show all")),
      ),
      h("p", {}, h("a", { href: store.config.history_url }, gettext("History of this speech"))),
      h("p", { class: "muted anno-help" }, store.canAnnotate
        ? gettext("Select text in a paragraph to tag it; the + in the margin tags a whole paragraph. Keys: J and K move between paragraphs, Shift+arrows select, T tags.")
        : fmt(gettext("You can read annotations; tagging needs the %(role)s role."), { role: gettext("annotator") })),
      ].filter(Boolean),
    );
  });
}
