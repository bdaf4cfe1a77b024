// The details of annotations (a clicked highlight, or all of a paragraph):
// themes, note, author, date; their author or an editor may change the
// themes and note, or delete. Changes show at once and roll back, with a
// message, if the server refuses.
import { api } from "./api.js";
import { fmt, formatDate, gettext } from "./i18n.js";
import { h, themeChip } from "./dom.js";
import { confirmAction, notify, openPanel } from "./ui.js";

let view = null;

// ``opener``: where the focus goes back to when the panel closes (by
// default what has the focus now).
export function showAnnotations(store, ids, title, opener) {
  view = { store, ids, title };
  render(opener);
}

export function refreshAnnotationPanel() {
  if (view && document.querySelector(".anno-panel:not([hidden]) [data-view=annotations]")) render();
}

function render(opener) {
  const { store, ids, title } = view;
  const annotations = ids.map((id) => store.annotations.get(id)).filter(Boolean);
  openPanel(title, (body) => {
    body.dataset.view = "annotations";
    if (annotations.length === 0) {
      body.append(h("p", { class: "muted" }, gettext("No annotation here any more.")));
      return;
    }
    const list = h("ol", { class: "anno-list" });
    for (const annotation of annotations) list.append(item(store, annotation));
    body.append(list);
  }, opener);
}

function item(store, annotation) {
  const li = h("li", { class: "anno-item", dataset: { annotationId: annotation.id } });
  const themes = annotation.theme_ids.map((id) => store.themes.get(id)).filter(Boolean);
  li.append(
    ...[
    h("blockquote", { class: "anno-item__quote" }, annotation.quote),
    h("p", { class: "anno-item__themes" }, ...themes.map((theme) => themeChip(theme))),
    annotation.note ? h("p", { class: "anno-item__note" }, annotation.note) : null,
    h(
      "p",
      { class: "anno-item__meta muted" },
      fmt(gettext("%(who)s · %(when)s"), {
        who: annotation.author || gettext("a former user"),
        when: annotation.id < 0 ? gettext("saving…") : formatDate(annotation.created_at),
      }),
    ),
    // Its origin when it came from a rule's hit that its author accepted.
    annotation.rule_id
      ? h(
          "p",
          { class: "anno-item__origin muted" },
          fmt(gettext("From the rule “%(rule)s”, accepted by %(who)s"), {
            rule: annotation.rule,
            who: annotation.author || gettext("a former user"),
          }),
        )
      : null,
    ].filter(Boolean),
  );
  li.addEventListener("mouseenter", () => store.focused !== annotation.id && store.focus(annotation.id));
  if (annotation.can_change && annotation.id > 0) {
    li.append(
      h(
        "p",
        { class: "anno-item__actions" },
        h("button", { type: "button", class: "button button--small", onclick: () => edit(store, annotation, li) }, gettext("Edit")),
        h("button", { type: "button", class: "button button--small button--danger", onclick: () => remove(store, annotation) }, gettext("Delete")),
      ),
    );
  }
  return li;
}

function edit(store, annotation, li) {
  const choices = [...store.themes.values()].filter((theme) => theme.active || annotation.theme_ids.includes(theme.id));
  const boxes = choices.map((theme) =>
    h(
      "label",
      { class: "anno-check" },
      h("input", { type: "checkbox", value: theme.id, checked: annotation.theme_ids.includes(theme.id) }),
      themeChip(theme),
    ),
  );
  const note = h("textarea", { name: "note", rows: 3, maxlength: 5000, "aria-label": gettext("Note") });
  note.value = annotation.note;
  const form = h(
    "form",
    { class: "anno-edit" },
    h("fieldset", {}, h("legend", {}, gettext("Themes")), h("div", { class: "anno-checks" }, ...boxes)),
    h("label", { class: "anno-edit__label" }, gettext("Note"), note),
    h(
      "p",
      { class: "anno-item__actions" },
      h("button", { type: "submit", class: "button button--primary button--small" }, gettext("Save")),
      h("button", { type: "button", class: "button button--small", onclick: () => render() }, gettext("Cancel")),
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const themeIds = boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => Number(i.value));
    if (themeIds.length === 0) {
      notify(gettext("Choose at least one theme."));
      return;
    }
    const before = { ...annotation };
    store.putAnnotation({ ...annotation, theme_ids: themeIds, note: note.value.trim() });
    render();
    try {
      const saved = await api("PATCH", `/annotations/${annotation.id}`, { theme_ids: themeIds, note: note.value });
      store.putAnnotation(saved);
      notify(gettext("Annotation saved."), "ok");
    } catch (error) {
      store.putAnnotation(before);
      notify(fmt(gettext("Not saved: %(reason)s"), { reason: error.message }));
    }
    refreshAnnotationPanel();
  });
  li.replaceChildren(h("blockquote", { class: "anno-item__quote" }, annotation.quote), form);
  boxes[0]?.querySelector("input")?.focus();
}

async function remove(store, annotation) {
  if (!confirmAction(gettext("Delete this annotation?"))) return;
  const removed = store.removeAnnotation(annotation.id);
  view.ids = view.ids.filter((id) => id !== annotation.id);
  render();
  try {
    await api("DELETE", `/annotations/${annotation.id}`);
    notify(gettext("Annotation deleted."), "ok");
  } catch (error) {
    store.putAnnotation(removed);
    view.ids = [...view.ids, annotation.id];
    notify(fmt(gettext("Not deleted: %(reason)s"), { reason: error.message }));
    refreshAnnotationPanel();
  }
}
