// Written by `manage.py bundle_reader` from static/js/annotations/ (reader.js
// and the modules it reaches): edit those, not this file, then run it again.

// annotations/i18n.js
const __bundled_annotations_i18n = (() => {
// Strings come from Django's JavaScript catalogue (/jsi18n/), loaded as a
// classic script before the modules; without it the English source shows.
// The names are gettext/ngettext so that makemessages finds the strings.
function gettext(text) {
  return typeof window.gettext === "function" ? window.gettext(text) : text;
}

function ngettext(singular, plural, count) {
  return typeof window.ngettext === "function"
    ? window.ngettext(singular, plural, count)
    : count === 1 ? singular : plural;
}

// fmt("%(n)s themes", {n: 3}): named placeholders, as in Django's catalogues.
function fmt(text, values) {
  return text.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
}

// English months as Django's DATE_FORMAT ("N j, Y") writes them.
const MONTHS_EN = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
  "Oct.", "Nov.", "Dec."];

// A moment as the pages write it (the `timestamp` filter): the date in the
// page's language, then the 24-hour time, in the site's time zone rather
// than the browser's, so the panel and the pages show the same clock.
function formatDate(iso) {
  const root = document.documentElement;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: root.dataset.timeZone || undefined,
      year: "numeric", month: "numeric", day: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  const time = `${parts.hour}:${parts.minute}`;
  if (root.lang.startsWith("zh")) return `${parts.year}年${parts.month}月${parts.day}日 ${time}`;
  return `${MONTHS_EN[parts.month - 1]} ${parts.day}, ${parts.year} ${time}`;
}

// A theme's name in the page's language: every theme has an English name,
// shown when the page is in English (the Chinese one when it has none).
function themeName(theme, lang = document.documentElement.lang) {
  return !lang.startsWith("zh") && theme.name_en ? theme.name_en : theme.name;
}
return { gettext, ngettext, fmt, formatDate, themeName };
})();

// annotations/api.js
const __bundled_annotations_api = (() => {
const { gettext } = __bundled_annotations_i18n;
// The JSON API as the reader uses it: same-origin session, the CSRF token
// in a header on writes, and every refusal thrown as an ApiFailure carrying
// the server's ErrorOut {code, message, details}.

class ApiFailure extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
  let response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(0, "network", gettext("The server could not be reached. Check the connection and try again."));
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const message = data && data.message ? data.message : gettext("The server refused the change.");
    throw new ApiFailure(response.status, data?.code || "error", message, data?.details);
  }
  return data;
}

// Every item of a paginated list, page by page.
async function getAll(path) {
  const items = [];
  const limit = 500;
  const join = path.includes("?") ? "&" : "?";
  for (let offset = 0; ; offset += limit) {
    const page = await api("GET", `${path}${join}limit=${limit}&offset=${offset}`);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}
return { ApiFailure, api, getAll };
})();

// annotations/dom.js
const __bundled_annotations_dom = (() => {
const { themeName } = __bundled_annotations_i18n;
// Element building for the reader's modules. It imports only i18n.js, so
// every module may use it without creating an import cycle.

function h(tag, attrs = {}, ...children) {
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

function swatch(colour) {
  const el = h("span", { class: "swatch", "aria-hidden": "true" });
  el.style.setProperty("--c", colour);
  return el;
}

function themeChip(theme, extra = {}) {
  const chip = h("span", { class: "theme-chip", ...extra }, swatch(theme.colour), themeName(theme));
  chip.style.setProperty("--c", theme.colour);
  return chip;
}
return { h, swatch, themeChip };
})();

// annotations/margin.js
const __bundled_annotations_margin = (() => {
const { fmt, gettext, ngettext, themeName } = __bundled_annotations_i18n;
const { h, swatch } = __bundled_annotations_dom;
// The margin beside each paragraph: how many annotations and comments it
// has (buttons that open them), a button to tag the whole paragraph, and
// the suggested themes as faint chips that accept with one click.

// The margin is inside the paragraph element, or (an <aside> cannot sit in
// a <p>, so the HTML parser moves it out) right after it.
function marginOf(para) {
  const inside = para.querySelector(".para__margin");
  if (inside) return inside;
  const next = para.nextElementSibling;
  return next && next.matches(".para__margin") ? next : null;
}

function renderMargin(para, store, handlers) {
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
function focusableParagraph(para) {
  if (!para.hasAttribute("tabindex")) para.setAttribute("tabindex", "-1");
  return para;
}
return { marginOf, renderMargin, focusableParagraph };
})();

// annotations/focus.js
const __bundled_annotations_focus = (() => {
const { focusableParagraph, marginOf } = __bundled_annotations_margin;
// Where the keyboard focus goes back to when the theme picker or the side
// panel closes: the control that opened it, or the paragraph the reader
// was on. Margin buttons are rebuilt whenever their paragraph is repainted,
// so a button is remembered by its paragraph and its action and found again.


const PARAGRAPH = "p.para[data-paragraph-id]";

function paragraphOf(el) {
  const inside = el.closest(PARAGRAPH);
  if (inside) return inside;
  // The margin is inside its paragraph, or right after it (see marginOf).
  const previous = el.closest(".para__margin")?.previousElementSibling;
  return previous?.matches(PARAGRAPH) ? previous : null;
}

function rememberFocus(el) {
  if (!(el instanceof Element) || el === document.body) return null;
  const button = el.closest("[data-margin-action]");
  return { el, para: paragraphOf(el), action: button?.dataset.marginAction ?? null };
}

function restoreFocus(target) {
  if (!target) return;
  let el = document.contains(target.el) ? target.el : null;
  if (!el && target.para && document.contains(target.para)) {
    const margin = marginOf(target.para);
    el = (target.action && margin?.querySelector(`[data-margin-action="${target.action}"]`)) || null;
    el ??= focusableParagraph(target.para);
  }
  el?.focus({ preventScroll: true });
}
return { rememberFocus, restoreFocus, focusableParagraph };
})();

// annotations/ui.js
const __bundled_annotations_ui = (() => {
const { h } = __bundled_annotations_dom;
const { rememberFocus, restoreFocus } = __bundled_annotations_focus;
const { gettext } = __bundled_annotations_i18n;
// The reader's shared chrome: the side panel and the status messages (a
// live region for screen readers). Element building is in dom.js, which
// imports nothing of the reader, so that margin.js and focus.js can use it
// without importing this module back (an import cycle keeps collectstatic
// from giving the modules stable hashed names).

let toastRegion = null;

// One message at a time, in a corner away from the text: a new message
// replaces the one showing, except that news of success does not push an
// error off the screen before it could be read (the highlight itself shows
// the success).
function notify(message, kind = "error") {
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
function openPanel(title, build, opener) {
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

function closePanel() {
  if (!panel || panel.hidden) return;
  panel.hidden = true;
  panel.dispatchEvent(new CustomEvent("panelclose"));
  restoreFocus(returnFocus);
  returnFocus = null;
}

function panelElement() {
  return panel;
}

function confirmAction(message) {
  return window.confirm(message);
}
return { notify, openPanel, closePanel, panelElement, confirmAction };
})();

// annotations/annotation-panel.js
const __bundled_annotations_annotation_panel = (() => {
const { api } = __bundled_annotations_api;
const { fmt, formatDate, gettext } = __bundled_annotations_i18n;
const { h, themeChip } = __bundled_annotations_dom;
const { confirmAction, notify, openPanel } = __bundled_annotations_ui;
// The details of annotations (a clicked highlight, or all of a paragraph):
// themes, note, author, date; their author or an editor may change the
// themes and note, or delete. Changes show at once and roll back, with a
// message, if the server refuses.

let view = null;

// ``opener``: where the focus goes back to when the panel closes (by
// default what has the focus now).
function showAnnotations(store, ids, title, opener) {
  view = { store, ids, title };
  render(opener);
}

function refreshAnnotationPanel() {
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
return { showAnnotations, refreshAnnotationPanel };
})();

// annotations/linkify.js
const __bundled_annotations_linkify = (() => {
// Comment bodies are plain text. This turns the http(s) addresses in them
// into links while every other character stays text: nothing is ever parsed
// as HTML, so a comment cannot inject markup or javascript: links.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'，。；！？、）)】]+/g;

function linkify(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    // A sentence's closing punctuation is not part of the address.
    while (/[.,;:!?]$/.test(url)) url = url.slice(0, -1);
    fragment.append(text.slice(last, match.index));
    const link = document.createElement("a");
    link.href = url;
    link.rel = "nofollow noopener noreferrer ugc";
    link.target = "_blank";
    link.textContent = url;
    fragment.append(link);
    last = match.index + url.length;
  }
  fragment.append(text.slice(last));
  return fragment;
}
return { linkify };
})();

// annotations/comments.js
const __bundled_annotations_comments = (() => {
const { api } = __bundled_annotations_api;
const { fmt, formatDate, gettext, ngettext } = __bundled_annotations_i18n;
const { linkify } = __bundled_annotations_linkify;
const { h } = __bundled_annotations_dom;
const { confirmAction, notify, openPanel } = __bundled_annotations_ui;
// Threaded comments on a paragraph: write, reply, edit your own (marked
// edited), delete your own (a placeholder keeps the thread's shape);
// editors may delete anyone's. Bodies are plain text with safe links.

let view = null;

function showThread(store, paragraphId, position, opener) {
  view = { store, paragraphId, position };
  openPanel(fmt(gettext("Comments on ¶%(n)s"), { n: position }), (body) => {
    body.dataset.view = "comments";
    body.dataset.paragraphId = paragraphId;
    view.list = h("div", { class: "anno-thread" });
    body.append(view.list);
    renderList();
    if (store.canAnnotate) body.append(composer(store, paragraphId, null));
  }, opener);
}

function refreshThread(paragraphIds) {
  if (!view || !view.list || !document.contains(view.list)) return;
  if (paragraphIds && !paragraphIds.includes(view.paragraphId)) return;
  renderList();
}

function renderList() {
  const { store, paragraphId } = view;
  const comments = store.commentsOf(paragraphId).sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
  const children = new Map();
  for (const c of comments) {
    const key = c.parent_id ?? 0;
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(c);
  }
  const ids = new Set(comments.map((c) => c.id));
  // A reply whose parent is not loaded still shows, at the top level.
  const roots = comments.filter((c) => c.parent_id === null || !ids.has(c.parent_id));
  const build = (list, depth) =>
    h("ol", { class: `anno-comments anno-comments--depth-${Math.min(depth, 3)}` }, ...list.map((c) => entry(store, c, children, depth)));
  view.list.replaceChildren(
    comments.length
      ? build(roots, 0)
      : h("p", { class: "muted" }, store.canAnnotate ? gettext("No comments yet. Start the discussion below.") : gettext("No comments yet.")),
  );
}

function entry(store, comment, children, depth) {
  const li = h("li", { class: "anno-comment", id: `comment-${comment.id}`, dataset: { commentId: comment.id } });
  const body = comment.deleted
    ? h("p", { class: "anno-comment__body anno-comment__body--deleted" }, gettext("This comment was deleted."))
    : h("p", { class: "anno-comment__body" }, linkify(comment.body));
  const meta = h(
    "p",
    { class: "anno-comment__meta muted" },
    h("strong", {}, comment.author || gettext("a former user")),
    " · ",
    comment.id < 0 ? gettext("sending…") : h("time", { datetime: comment.created_at }, formatDate(comment.created_at)),
    comment.edited_at && !comment.deleted ? h("span", { class: "anno-comment__edited" }, ` · ${gettext("edited")}`) : null,
  );
  const actions = h("p", { class: "anno-comment__actions" });
  if (comment.id > 0 && !comment.deleted) {
    if (store.canAnnotate) {
      actions.append(h("button", { type: "button", class: "link-button", onclick: () => reply(store, comment, li) }, gettext("Reply")));
    }
    if (comment.can_edit) {
      actions.append(h("button", { type: "button", class: "link-button", onclick: () => editForm(store, comment, li) }, gettext("Edit")));
    }
    if (comment.can_delete) {
      actions.append(h("button", { type: "button", class: "link-button link-button--danger", onclick: () => remove(store, comment) }, gettext("Delete")));
    }
  }
  li.append(meta, body);
  if (actions.childNodes.length) li.append(actions);
  const replies = children.get(comment.id);
  if (replies) {
    li.append(h("ol", { class: `anno-comments anno-comments--depth-${Math.min(depth + 1, 3)}` }, ...replies.map((c) => entry(store, c, children, depth + 1))));
  }
  return li;
}

function composer(store, paragraphId, parent, onDone) {
  const textarea = h("textarea", {
    rows: parent ? 2 : 3,
    maxlength: 5000,
    required: true,
    "aria-label": parent ? gettext("Your reply") : gettext("Your comment"),
    placeholder: parent ? gettext("Write a reply…") : gettext("Write a comment…"),
  });
  const form = h(
    "form",
    { class: "anno-composer" },
    textarea,
    h(
      "p",
      { class: "anno-item__actions" },
      h("button", { type: "submit", class: "button button--primary button--small" }, parent ? gettext("Reply") : gettext("Comment")),
      onDone ? h("button", { type: "button", class: "button button--small", onclick: onDone }, gettext("Cancel")) : null,
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) return;
    const pending = {
      id: store.nextPendingId(),
      paragraph_id: paragraphId,
      parent_id: parent ? parent.id : null,
      author: store.config.user,
      body: text,
      created_at: new Date().toISOString(),
      edited_at: null,
      deleted: false,
      can_edit: false,
      can_delete: false,
    };
    textarea.value = "";
    onDone?.();
    store.putComment(pending);
    try {
      const saved = await api("POST", "/comments", { paragraph_id: paragraphId, body: text, parent_id: pending.parent_id });
      store.putComment(saved, pending.id);
    } catch (error) {
      store.removeComment(pending.id);
      textarea.value = text;
      notify(fmt(gettext("Comment not saved: %(reason)s"), { reason: error.message }));
    }
  });
  return form;
}

function reply(store, comment, li) {
  if (li.querySelector(":scope > .anno-composer")) return;
  const form = composer(store, comment.paragraph_id, comment, () => form.remove());
  li.querySelector(":scope > .anno-comment__actions")?.after(form);
  form.querySelector("textarea").focus();
}

function editForm(store, comment, li) {
  const textarea = h("textarea", { rows: 3, maxlength: 5000, "aria-label": gettext("Edit comment") });
  textarea.value = comment.body;
  const body = li.querySelector(":scope > .anno-comment__body");
  const form = h(
    "form",
    { class: "anno-composer" },
    textarea,
    h(
      "p",
      { class: "anno-item__actions" },
      h("button", { type: "submit", class: "button button--primary button--small" }, gettext("Save")),
      h("button", { type: "button", class: "button button--small", onclick: () => renderList() }, gettext("Cancel")),
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) return;
    const before = { ...comment };
    store.putComment({ ...comment, body: text, edited_at: new Date().toISOString() });
    try {
      store.putComment(await api("PATCH", `/comments/${comment.id}`, { body: text }));
    } catch (error) {
      store.putComment(before);
      notify(fmt(gettext("Not saved: %(reason)s"), { reason: error.message }));
    }
  });
  body.replaceWith(form);
  textarea.focus();
}

async function remove(store, comment) {
  if (!confirmAction(gettext("Delete this comment?"))) return;
  const before = { ...comment };
  store.putComment({ ...comment, body: "", deleted: true, can_edit: false, can_delete: false });
  try {
    store.putComment(await api("DELETE", `/comments/${comment.id}`));
  } catch (error) {
    store.putComment(before);
    notify(fmt(gettext("Not deleted: %(reason)s"), { reason: error.message }));
  }
}

function commentLabel(count) {
  return fmt(ngettext("%(n)s comment", "%(n)s comments", count), { n: count });
}
return { showThread, refreshThread, commentLabel };
})();

// annotations/filter.js
const __bundled_annotations_filter = (() => {
const { fmt, gettext } = __bundled_annotations_i18n;
const { h, themeChip } = __bundled_annotations_dom;
const { openPanel } = __bundled_annotations_ui;
// The reader's annotation filter: only chosen themes, only mine, and
// whether suggestions show. Opened from a small floating button, it also
// serves as the legend of the theme colours with their counts.

function mountFilterButton(store) {
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

function showFilter(store) {
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
return { mountFilterButton, showFilter };
})();

// annotations/codepoints.js
const __bundled_annotations_codepoints = (() => {
// Offsets are Unicode code points, as the server stores them (Python string
// indices); the DOM counts UTF-16 units, in which 𠀀 is two. These helpers
// convert between the two.

function codePointLength(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

// The UTF-16 index of code point ``cp`` in ``text`` (clamped to its length).
function utf16Index(text, cp) {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

// A UTF-16 offset that falls between the halves of a surrogate pair is
// moved back (start) or forward (end) so no character is cut in two.
function snapUtf16(text, index, forward) {
  if (index <= 0 || index >= text.length) return index;
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) {
    return forward ? index + 1 : index - 1;
  }
  return index;
}

function sliceCodePoints(text, start, end) {
  return text.slice(utf16Index(text, start), utf16Index(text, end));
}
return { codePointLength, utf16Index, snapUtf16, sliceCodePoints };
})();

// annotations/highlights.js
const __bundled_annotations_highlights = (() => {
const { codePointLength, utf16Index } = __bundled_annotations_codepoints;
// Paints annotations into a paragraph's text as tinted spans. The text is
// split at every annotation boundary; each piece carries the tints of all
// annotations covering it (stacked, so overlaps darken) and their ids. The
// text content of .para__text never changes, so offsets stay valid.

// Matches annotations/colours.py: AA contrast is guaranteed up to two layers;
// a third overlapping highlight adds the overlap underline, not a tint.
const TINT_ALPHA = 0.32;
const MAX_LAYERS = 2;
const pristine = new WeakMap();

function tint(hex) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${TINT_ALPHA})`;
}

function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

// The pieces [from, to) of the paragraph with the annotations covering each.
function pieces(length, annotations) {
  const cuts = new Set([0, length]);
  for (const a of annotations) {
    cuts.add(Math.max(0, Math.min(length, a.start)));
    cuts.add(Math.max(0, Math.min(length, a.end)));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const result = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = annotations.filter((a) => a.start <= from && a.end >= to);
    result.push({ from, to, covering });
  }
  return result;
}

function renderHighlights(para, annotations, { themes, focused, pendingClass = "hl--pending" }) {
  const span = para.querySelector(".para__text");
  if (!span) return;
  // The first time, the text is as the server wrote it: keep a copy to
  // start again from, and paint on the text itself.
  if (!pristine.has(span)) pristine.set(span, span.cloneNode(true));
  else span.replaceChildren(...pristine.get(span).cloneNode(true).childNodes);
  if (annotations.length === 0) return;

  const length = codePointLength(span.textContent);
  const parts = pieces(length, annotations).filter((p) => p.covering.length > 0);
  const focusStart = annotations.find((x) => x.id === focused)?.start;
  let offset = 0;
  for (const node of textNodes(span)) {
    const nodeLength = codePointLength(node.data);
    const nodeStart = offset;
    const nodeEnd = offset + nodeLength;
    offset = nodeEnd;
    const inside = parts.filter((p) => p.from < nodeEnd && p.to > nodeStart);
    if (inside.length === 0) continue;
    // The node's text cut into plain runs and marks, put in its place in one
    // change of the document rather than several per mark.
    const text = node.data;
    const runs = [];
    let at = 0;
    for (const part of inside) {
      const a = utf16Index(text, Math.max(part.from, nodeStart) - nodeStart);
      const b = utf16Index(text, Math.min(part.to, nodeEnd) - nodeStart);
      if (a > at) runs.push(text.slice(at, a));
      runs.push(mark(text.slice(a, b), part, { themes, focused, pendingClass, focusStart }));
      at = b;
    }
    if (at < text.length) runs.push(text.slice(at));
    node.replaceWith(...runs);
  }
}

function mark(text, part, { themes, focused, pendingClass, focusStart }) {
  const el = document.createElement("span");
  el.className = "hl";
  const ids = part.covering.map((x) => x.id);
  el.dataset.annotationIds = ids.join(" ");
  const colours = part.covering
    .slice(0, MAX_LAYERS)
    .map((x) => themes.get(x.theme_ids[0])?.colour || "#6b7079");
  el.style.backgroundImage = colours.map((c) => `linear-gradient(${tint(c)}, ${tint(c)})`).join(", ");
  if (part.covering.length > 1) el.classList.add("hl--overlap");
  if (part.covering.some((x) => x.id < 0)) el.classList.add(pendingClass);
  if (focused !== null && ids.includes(focused)) el.classList.add("hl--focus");
  if (ids.includes(focused) && part.from === focusStart) el.classList.add("hl--focus-start");
  el.append(text);
  return el;
}
return { pieces, renderHighlights };
})();

// annotations/popover.js
const __bundled_annotations_popover = (() => {
const { utf16Index } = __bundled_annotations_codepoints;
const { rememberFocus, restoreFocus } = __bundled_annotations_focus;
const { fmt, gettext, themeName } = __bundled_annotations_i18n;
const { h, swatch } = __bundled_annotations_dom;
// The theme picker that opens next to a selection: type to filter (names,
// English names, pinyin initials such as "rdjd" for 人大监督), arrows to
// move, Enter to apply, 1–9 for the last-used themes, Esc to close. Closed
// from the keyboard or by choosing, it gives the focus back to where the
// reader was: the button that opened it, or the selected paragraph.

const RECENT_KEY = "jianghua.recentThemes";
const RECENT_MAX = 9;

function recentThemeIds() {
  try {
    const ids = JSON.parse(localStorage.getItem(RECENT_KEY) || "[]");
    return Array.isArray(ids) ? ids.filter(Number.isInteger) : [];
  } catch {
    return [];
  }
}

function remember(themeId) {
  const ids = [themeId, ...recentThemeIds().filter((id) => id !== themeId)].slice(0, RECENT_MAX);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(ids));
  } catch {
    // Private browsing without storage: the order just isn't remembered.
  }
}

function matches(theme, query) {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return (
    theme.name.includes(q) ||
    theme.name_en.toLowerCase().includes(q) ||
    theme.initials.includes(q) ||
    theme.slug.includes(q) ||
    theme.keywords.some((k) => k.includes(q))
  );
}

// Where the picker goes, in viewport coordinates, for a selection (or
// button) at ``rect``: below it, or above when there is no room below and
// there is above; always inside the viewport, even when the selection is
// partly scrolled out of it or the picker is taller than the room left.
function placement(rect, size, viewport, margin = 8) {
  const maxLeft = Math.max(margin, viewport.width - size.width - margin);
  const left = Math.max(margin, Math.min(rect.left, maxLeft));
  const below = rect.bottom + margin;
  const above = rect.top - size.height - margin;
  let top = below;
  if (below + size.height > viewport.height - margin && above >= margin) top = above;
  const maxTop = Math.max(margin, viewport.height - size.height - margin);
  return { left, top: Math.max(margin, Math.min(top, maxTop)) };
}

class ThemePicker {
  constructor(store, onApply) {
    this.store = store;
    this.onApply = onApply;
    this.segments = null;
    this.returnTo = null;
    this.active = 0;
    this.items = [];
    // tabindex: on touch screens the dialog itself takes the focus (the
    // input would summon the keyboard over the text), so that Esc reaches it.
    this.el = h("div", { class: "anno-popover", role: "dialog", "aria-label": gettext("Choose a theme"), tabindex: "-1", hidden: true });
    this.what = h("p", { class: "anno-popover__what" });
    this.closeButton = h(
      "button",
      { type: "button", class: "anno-popover__close", "aria-label": gettext("Close"), title: gettext("Close"), onclick: () => this.close({ restore: true }) },
      "×",
    );
    this.input = h("input", {
      type: "search",
      class: "anno-popover__filter",
      role: "combobox",
      "aria-expanded": "true",
      "aria-controls": "anno-theme-options",
      "aria-autocomplete": "list",
      "aria-label": gettext("Filter themes"),
      placeholder: gettext("Type to filter (pinyin initials work)"),
      autocomplete: "off",
    });
    this.list = h("ul", { class: "anno-popover__list", role: "listbox", id: "anno-theme-options" });
    this.el.append(
      h("div", { class: "anno-popover__head" }, this.what, this.closeButton),
      this.input,
      this.list,
      h("p", { class: "anno-popover__hint" }, gettext("↑↓ choose · Enter apply · 1–9 recent · Esc close")),
    );
    document.body.append(this.el);
    this.input.addEventListener("input", () => {
      this.active = 0;
      this.renderList();
    });
    this.input.addEventListener("keydown", (event) => this.onKey(event));
    // Esc closes it wherever the focus is inside (an option, the close
    // button), or when the focus was left on the page's body.
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || this.el.hidden || event.defaultPrevented) return;
      const active = document.activeElement;
      if (active && active !== document.body && !this.el.contains(active)) return;
      event.preventDefault();
      this.close({ restore: true });
    });
    this.list.addEventListener("mousedown", (event) => event.preventDefault());
    this.list.addEventListener("click", (event) => {
      const option = event.target.closest("[data-theme-id]");
      if (option) this.apply(Number(option.dataset.themeId));
    });
    document.addEventListener("mousedown", (event) => {
      if (!this.el.hidden && !this.el.contains(event.target)) this.close();
    });
    // Tabbing or clicking away closes it where the focus went.
    this.el.addEventListener("focusout", (event) => {
      if (event.relatedTarget && !this.el.contains(event.relatedTarget)) this.close();
    });
  }

  get isOpen() {
    return !this.el.hidden;
  }

  isFor(segments) {
    const key = (list) => list.map((s) => `${s.paragraphId}:${s.start}-${s.end}`).join(" ");
    return this.segments !== null && key(this.segments) === key(segments);
  }

  // ``returnTo``: the element the focus goes back to (a button, or a
  // paragraph made focusable); by default whatever has the focus now.
  open(segments, rect, returnTo = document.activeElement) {
    this.segments = segments;
    this.returnTo = rememberFocus(returnTo);
    showSelection(segments);
    const first = segments[0];
    const quote = segments.map((s) => s.quote).join(" … ");
    const whole = segments.length === 1 && first.start === 0 && first.end >= [...first.text].length;
    this.what.textContent = whole
      ? gettext("The whole paragraph")
      : segments.length > 1
        ? fmt(gettext("%(n)s paragraphs: “%(quote)s”"), { n: segments.length, quote: shorten(quote) })
        : `“${shorten(quote)}”`;
    this.input.value = "";
    this.active = 0;
    this.renderList();
    this.el.hidden = false;
    this.place(rect);
    // On touch screens the keyboard would cover the text: don't summon it.
    if (!window.matchMedia("(pointer: coarse)").matches) this.input.focus({ preventScroll: true });
    else this.el.focus({ preventScroll: true });
  }

  place(rect) {
    const { left, top } = placement(rect, { width: this.el.offsetWidth, height: this.el.offsetHeight }, {
      width: document.documentElement.clientWidth,
      height: window.innerHeight,
    });
    this.el.style.left = `${left + window.scrollX}px`;
    this.el.style.top = `${top + window.scrollY}px`;
  }

  // ``restore``: give the focus back (Esc, a theme chosen); a click or a
  // Tab elsewhere leaves it where it went.
  close({ restore = false } = {}) {
    if (this.el.hidden) return;
    this.el.hidden = true;
    this.segments = null;
    showSelection(null);
    if (restore) restoreFocus(this.returnTo);
    this.returnTo = null;
  }

  ordered() {
    const themes = this.store.activeThemes();
    const byId = new Map(themes.map((theme) => [theme.id, theme]));
    const recent = recentThemeIds().map((id) => byId.get(id)).filter(Boolean);
    const rest = themes.filter((theme) => !recent.includes(theme));
    return { recent, all: [...recent, ...rest] };
  }

  renderList() {
    const query = this.input.value;
    const { recent, all } = this.ordered();
    this.items = all.filter((theme) => matches(theme, query));
    this.active = Math.max(0, Math.min(this.active, this.items.length - 1));
    this.list.replaceChildren(
      ...this.items.map((theme, index) => {
        const number = !query && index < recent.length ? index + 1 : null;
        return h(
          "li",
          {
            role: "option",
            id: `anno-theme-${theme.id}`,
            class: "anno-popover__option",
            "aria-selected": index === this.active ? "true" : "false",
            title: theme.name_en ? `${theme.name} · ${theme.name_en}` : theme.name,
            dataset: { themeId: theme.id },
          },
          number ? h("kbd", {}, String(number)) : h("span", { class: "anno-popover__nokey" }),
          swatch(theme.colour),
          h("span", { class: "anno-popover__name" }, themeName(theme)),
          other(theme),
        );
      }),
    );
    if (this.items.length === 0) {
      this.list.append(h("li", { class: "anno-popover__none" }, gettext("No theme matches.")));
      this.input.removeAttribute("aria-activedescendant");
    } else {
      this.input.setAttribute("aria-activedescendant", `anno-theme-${this.items[this.active].id}`);
      scrollWithin(this.list, this.list.children[this.active]);
    }
  }

  onKey(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      this.close({ restore: true });
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      this.active = (this.active + step + this.items.length) % Math.max(1, this.items.length);
      this.renderList();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (this.items[this.active]) this.apply(this.items[this.active].id);
    } else if (/^[1-9]$/.test(event.key) && this.input.value === "" && !event.isComposing) {
      const { recent } = this.ordered();
      const theme = recent[Number(event.key) - 1];
      if (theme) {
        event.preventDefault();
        this.apply(theme.id);
      }
    }
  }

  apply(themeId) {
    const segments = this.segments;
    if (!segments) return;
    remember(themeId);
    window.getSelection()?.removeAllRanges();
    this.close({ restore: true });
    this.onApply(segments, themeId);
  }
}

// The passage being tagged stays marked while the picker has the focus
// (focusing its input hides the browser's own selection). The CSS Custom
// Highlight API paints it without touching the text's DOM.
function showSelection(segments) {
  if (!window.CSS?.highlights || typeof Highlight !== "function") return;
  if (!segments) {
    CSS.highlights.delete("anno-selection");
    return;
  }
  const ranges = segments.map((segment) => rangeOf(segment)).filter(Boolean);
  CSS.highlights.set("anno-selection", new Highlight(...ranges));
}

function rangeOf(segment) {
  const span = segment.para.querySelector(".para__text");
  const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = [...node.data].length;
    if (!started && segment.start < seen + length) {
      range.setStart(node, utf16Index(node.data, segment.start - seen));
      started = true;
    }
    if (started && segment.end <= seen + length) {
      range.setEnd(node, utf16Index(node.data, segment.end - seen));
      return range;
    }
    seen += length;
  }
  return null;
}

// Scrolls the list, and only the list, to show ``option``: scrollIntoView
// would also scroll the page, back to where the picker was before it moves
// to a new selection.
function scrollWithin(list, option) {
  if (!option) return;
  const top = option.offsetTop;
  const bottom = top + option.offsetHeight;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
}

// Beside a theme's name, its name in the other language, in small print.
function other(theme) {
  const shown = themeName(theme);
  if (shown !== theme.name) return h("span", { class: "anno-popover__en", lang: "zh-Hans" }, theme.name);
  return theme.name_en ? h("span", { class: "anno-popover__en", lang: "en" }, theme.name_en) : null;
}

function shorten(text, length = 40) {
  const chars = [...text];
  return chars.length > length ? `${chars.slice(0, length).join("")}…` : text;
}
return { recentThemeIds, matches, placement, ThemePicker };
})();

// annotations/schedule.js
const __bundled_annotations_schedule = (() => {
// The order of the first paint: the paragraphs the reader sees are painted
// (highlights and margins) before the page is shown; the others follow in
// idle time, nearest first. A busy speech has ~150 paragraphs of which ~10
// fit on a screen, and painting all of them at once held the first paint
// back by 50–80 ms (docs/performance.md, "The reader on a busy speech").
// Pure functions of geometry, tested in tests/js/.

// The range [first, last] of the paragraphs (in document order, one column,
// so their tops grow) that meet the band [top, bottom] of the viewport, by
// binary search: a handful of geometry reads rather than one per paragraph.
// ``boxOf(i)`` gives {top, bottom} relative to the viewport. Null when none
// does (the band is above the first or below the last).
function visibleRange(count, boxOf, top, bottom) {
  // The first paragraph whose bottom is below the band's top.
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (boxOf(mid).bottom < top) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  if (first >= count || boxOf(first).top > bottom) return null;
  // The last paragraph whose top is above the band's bottom.
  lo = first;
  hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (boxOf(mid).top > bottom) hi = mid - 1;
    else lo = mid;
  }
  return [first, lo];
}

// The indices left after [first, last]: those below it first (where the
// reader goes next), then those above it, nearest first.
function restInOrder(count, range) {
  if (range === null) return [...Array(count).keys()];
  const [first, last] = range;
  const order = [];
  for (let i = last + 1; i < count; i++) order.push(i);
  for (let i = first - 1; i >= 0; i--) order.push(i);
  return order;
}

// Runs ``work`` on ``items`` a chunk at a time in the browser's idle time
// (or, where there is no requestIdleCallback, in short tasks), so that
// input and rendering are not held up; ``next()`` gives the items still to
// do, read again before each chunk (others may have done some meanwhile).
// Resolves when none is left; rejects with the error if ``work`` throws (the
// caller shows it, as it would a failure of the first paint, rather than
// waiting for ever on items never done).
function inIdleChunks(next, work, { chunk = 12, budget = 8 } = {}) {
  const idle =
    typeof requestIdleCallback === "function"
      ? (step) => requestIdleCallback(step, { timeout: 100 })
      : (step) => setTimeout(() => step({ timeRemaining: () => budget, didTimeout: true }), 0);
  return new Promise((resolve, reject) => {
    const step = (deadline) => {
      try {
        let items = next();
        // At least one chunk per call, even past the deadline, so it ends.
        do {
          if (items.length === 0) break;
          work(items.slice(0, chunk));
          items = next();
        } while (deadline.timeRemaining() > 2);
        if (items.length === 0) resolve();
        else idle(step);
      } catch (error) {
        reject(error);
      }
    };
    idle(step);
  });
}
return { visibleRange, restInOrder, inIdleChunks };
})();

// annotations/selection.js
const __bundled_annotations_selection = (() => {
const { codePointLength, sliceCodePoints } = __bundled_annotations_codepoints;
// Maps the browser's text selection to passages the server understands:
// one {paragraphId, start, end, quote} per paragraph it touches, with
// offsets in code points within that paragraph's text. A selection across
// paragraphs is split at paragraph ends; the number, links and margin
// around the text are never part of a passage.

const MAX_PARAGRAPHS = 20;

function textOf(para) {
  return para.querySelector(".para__text");
}

function cpBefore(span, container, offset) {
  const range = document.createRange();
  range.setStart(span, 0);
  range.setEnd(container, offset);
  let text = range.toString();
  // A boundary between the halves of a surrogate pair belongs before the pair.
  const last = text.charCodeAt(text.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) text = text.slice(0, -1);
  return codePointLength(text);
}

// The passage of ``para`` inside ``range``, or null when none of its text is.
function segmentIn(para, range) {
  const span = textOf(para);
  if (!span || !range.intersectsNode(span)) return null;
  const part = document.createRange();
  part.selectNodeContents(span);
  if (range.compareBoundaryPoints(Range.START_TO_START, part) > 0) {
    part.setStart(range.startContainer, range.startOffset);
  }
  if (range.compareBoundaryPoints(Range.END_TO_END, part) < 0) {
    part.setEnd(range.endContainer, range.endOffset);
  }
  if (part.collapsed) return null;
  const text = span.textContent;
  let start = cpBefore(span, part.startContainer, part.startOffset);
  let end = cpBefore(span, part.endContainer, part.endOffset);
  let quote = sliceCodePoints(text, start, end);
  // Dragging often catches spaces at either end; they are never the point.
  const lead = quote.length - quote.trimStart().length;
  const trail = quote.length - quote.trimEnd().length;
  if (lead || trail) {
    start += codePointLength(quote.slice(0, lead));
    end -= codePointLength(quote.slice(quote.length - trail));
    quote = sliceCodePoints(text, start, end);
  }
  if (end <= start) return null;
  return { para, paragraphId: Number(para.dataset.paragraphId), start, end, quote, text };
}

// Every passage of the current selection inside ``article``, or
// {error} when the selection is unusable, or null when there is none.
function readSelection(article) {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!article.contains(range.commonAncestorContainer)) return null;
  const paras = [...article.querySelectorAll("p.para[data-paragraph-id]")].filter((p) =>
    range.intersectsNode(p),
  );
  if (paras.length > MAX_PARAGRAPHS) return { error: "too-many" };
  const segments = paras.map((p) => segmentIn(p, range)).filter(Boolean);
  if (segments.length === 0) return null;
  return { segments, rect: range.getBoundingClientRect() };
}

// The whole text of one paragraph as a passage (the "tag paragraph" button).
function wholeParagraph(para) {
  const text = textOf(para).textContent;
  return {
    para,
    paragraphId: Number(para.dataset.paragraphId),
    start: 0,
    end: codePointLength(text),
    quote: text,
    text,
  };
}
return { MAX_PARAGRAPHS, textOf, segmentIn, readSelection, wholeParagraph };
})();

// annotations/store.js
const __bundled_annotations_store = (() => {
// The reader's state: the codebook, the speech's annotations, comments and
// suggestions, and the reader's filter. Modules change it through these
// methods and listen for what changed (events carry the paragraph ids).

class Store extends EventTarget {
  constructor(config) {
    super();
    this.config = config;
    this.themes = new Map(config.themes.map((theme) => [theme.id, theme]));
    this.annotations = new Map();
    // paragraph id -> its annotations / comments, kept with the maps above:
    // painting a paragraph reads its own, not every annotation of the speech.
    this.byParagraph = new Map();
    this.commentsByParagraph = new Map();
    this.comments = new Map();
    this.suggestions = [];
    this.filter = { themes: new Set(), mineOnly: false, showSuggestions: true };
    this.focused = null;
    this.pendingId = 0;
  }

  emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  get canAnnotate() {
    return this.config.can_annotate;
  }

  activeThemes() {
    return [...this.themes.values()].filter((theme) => theme.active);
  }

  nextPendingId() {
    this.pendingId -= 1;
    return this.pendingId;
  }

  // Annotations ---------------------------------------------------------

  setAnnotations(list) {
    this.annotations = new Map(list.map((a) => [a.id, a]));
    this.byParagraph = indexByParagraph(this.annotations);
    this.emit("annotations", { paragraphIds: null });
  }

  // The first load: one "annotations" event repaints text and margins once
  // (no thread is open yet to hear of the comments).
  setAnnotationsAndComments(annotations, comments) {
    this.comments = new Map(comments.map((c) => [c.id, c]));
    this.commentsByParagraph = indexByParagraph(this.comments);
    this.setAnnotations(annotations);
  }

  putAnnotation(annotation, replacesId) {
    if (replacesId !== undefined) this.dropAnnotation(replacesId);
    // A changed annotation keeps its place (Map.set on a known key does).
    const before = this.annotations.get(annotation.id);
    if (before && before.paragraph_id !== annotation.paragraph_id) removeFrom(this.byParagraph, before);
    this.annotations.set(annotation.id, annotation);
    addTo(this.byParagraph, annotation);
    if (replacesId !== undefined && this.focused === replacesId) this.focused = annotation.id;
    this.emit("annotations", { paragraphIds: [annotation.paragraph_id] });
  }

  // Out of the map and the index, without telling anyone.
  dropAnnotation(id) {
    const annotation = this.annotations.get(id);
    if (!annotation) return;
    this.annotations.delete(id);
    removeFrom(this.byParagraph, annotation);
  }

  removeAnnotation(id) {
    const annotation = this.annotations.get(id);
    if (!annotation) return null;
    this.dropAnnotation(id);
    if (this.focused === id) this.focused = null;
    this.emit("annotations", { paragraphIds: [annotation.paragraph_id] });
    return annotation;
  }

  annotationsOf(paragraphId) {
    return [...(this.byParagraph.get(paragraphId)?.values() ?? [])];
  }

  isVisible(annotation) {
    if (this.filter.mineOnly && annotation.author !== this.config.user) return false;
    if (this.filter.themes.size === 0) return true;
    return annotation.theme_ids.some((id) => this.filter.themes.has(id));
  }

  visibleAnnotationsOf(paragraphId) {
    return this.annotationsOf(paragraphId).filter((a) => this.isVisible(a));
  }

  focus(id) {
    const before = this.focused === null ? null : this.annotations.get(this.focused);
    this.focused = id;
    const after = id === null ? null : this.annotations.get(id);
    const ids = [before?.paragraph_id, after?.paragraph_id].filter((x) => x !== undefined);
    this.emit("annotations", { paragraphIds: [...new Set(ids)] });
  }

  // Comments ------------------------------------------------------------

  setComments(list) {
    this.comments = new Map(list.map((c) => [c.id, c]));
    this.commentsByParagraph = indexByParagraph(this.comments);
    this.emit("comments", { paragraphIds: null });
  }

  putComment(comment, replacesId) {
    if (replacesId !== undefined) {
      const pending = this.comments.get(replacesId);
      if (pending) removeFrom(this.commentsByParagraph, pending);
      this.comments.delete(replacesId);
      // Replies written while the comment was still pending follow it.
      for (const other of this.comments.values()) {
        if (other.parent_id === replacesId) other.parent_id = comment.id;
      }
    }
    const before = this.comments.get(comment.id);
    if (before) removeFrom(this.commentsByParagraph, before);
    this.comments.set(comment.id, comment);
    addTo(this.commentsByParagraph, comment);
    this.emit("comments", { paragraphIds: [comment.paragraph_id] });
  }

  removeComment(id) {
    const comment = this.comments.get(id);
    if (!comment) return;
    this.comments.delete(id);
    removeFrom(this.commentsByParagraph, comment);
    this.emit("comments", { paragraphIds: [comment.paragraph_id] });
  }

  commentsOf(paragraphId) {
    return [...(this.commentsByParagraph.get(paragraphId)?.values() ?? [])];
  }

  // Suggestions ---------------------------------------------------------

  setSuggestions(list) {
    this.suggestions = list;
    this.suggestionsByParagraph = new Map();
    for (const s of list) {
      if (!this.suggestionsByParagraph.has(s.paragraph_id)) this.suggestionsByParagraph.set(s.paragraph_id, []);
      this.suggestionsByParagraph.get(s.paragraph_id).push(s);
    }
    this.emit("suggestions", { paragraphIds: null });
  }

  suggestionsOf(paragraphId) {
    const tagged = new Set(this.annotationsOf(paragraphId).flatMap((a) => a.theme_ids));
    return (this.suggestionsByParagraph?.get(paragraphId) ?? []).filter(
      (s) => !tagged.has(s.theme_id) && this.themes.get(s.theme_id)?.active,
    );
  }

  // Filter ----------------------------------------------------------------

  setFilter(changes) {
    Object.assign(this.filter, changes);
    this.emit("annotations", { paragraphIds: null });
    this.emit("suggestions", { paragraphIds: null });
  }
}

// Annotations or comments by paragraph id, each paragraph's in a Map by id
// (in the order they came, as the maps by id keep it).
function indexByParagraph(items) {
  const index = new Map();
  for (const item of items.values()) addTo(index, item);
  return index;
}

function addTo(index, item) {
  if (!index.has(item.paragraph_id)) index.set(item.paragraph_id, new Map());
  index.get(item.paragraph_id).set(item.id, item);
}

function removeFrom(index, item) {
  const own = index.get(item.paragraph_id);
  own?.delete(item.id);
  if (own?.size === 0) index.delete(item.paragraph_id);
}
return { Store };
})();

// annotations/reader.js
const { api, getAll } = __bundled_annotations_api;
const { showAnnotations } = __bundled_annotations_annotation_panel;
const { refreshThread, showThread } = __bundled_annotations_comments;
const { mountFilterButton } = __bundled_annotations_filter;
const { renderHighlights } = __bundled_annotations_highlights;
const { fmt, gettext, ngettext, themeName } = __bundled_annotations_i18n;
const { focusableParagraph, renderMargin } = __bundled_annotations_margin;
const { ThemePicker } = __bundled_annotations_popover;
const { inIdleChunks, restInOrder, visibleRange } = __bundled_annotations_schedule;
const { readSelection, wholeParagraph } = __bundled_annotations_selection;
const { Store } = __bundled_annotations_store;
const { notify } = __bundled_annotations_ui;
// Entry point of the annotation layer on the speech reader. Reads its
// configuration, with the speech's annotations and comments, from the JSON
// script #annotation-config, loads the suggestions from the API, and wires the
// behaviours: selection -> theme picker -> optimistic tag; highlights;
// details panel; comments; suggestions; the filter.

const config = JSON.parse(document.getElementById("annotation-config").textContent);
const article = document.querySelector(`[data-speech-id="${config.speech_id}"]`);
const store = new Store(config);
// In document order.
const paragraphs = new Map(
  [...(article?.querySelectorAll("p.para[data-paragraph-id]") ?? [])].map((p) => [Number(p.dataset.paragraphId), p]),
);
// The paragraphs not painted yet, in the order they will be: the first paint
// does those on screen, and the others follow in idle time (load()).
const unpainted = new Set();

// ``highlights``: false when only the margin changed (comments, suggestions):
// the text of a paragraph is repainted only when its annotations changed.
// No ids: every paragraph painted so far (the others are painted whole, from
// the store as it is then, when their turn comes). A paragraph not painted
// yet is painted whole when named.
function paint(paragraphIds, { highlights = true } = {}) {
  const ids = paragraphIds ?? [...paragraphs.keys()].filter((id) => !unpainted.has(id));
  for (const id of ids) {
    const para = paragraphs.get(id);
    if (!para) continue;
    const first = unpainted.delete(id);
    if (highlights || first) renderHighlights(para, store.visibleAnnotationsOf(id), { themes: store.themes, focused: store.focused });
    renderMargin(para, store, handlers);
  }
}

// How far beyond the screen's edges the first paint reaches, in screens.
const FIRST_PAINT_REACH = 0.25;

// The paragraphs off the screen, nearest first (below it, then above it).
// Reads the layout once, before anything is written.
function offScreen() {
  const ids = [...paragraphs.keys()];
  const nodes = ids.map((id) => paragraphs.get(id));
  const height = window.innerHeight || document.documentElement.clientHeight;
  const reach = height * FIRST_PAINT_REACH;
  const range = visibleRange(nodes.length, (i) => nodes[i].getBoundingClientRect(), -reach, height + reach);
  return restInOrder(nodes.length, range).map((i) => ids[i]);
}

function refusal(error) {
  if (error.code === "quote-mismatch") {
    return gettext("The text no longer matches your selection. Reload the page and select again.");
  }
  if (error.status === 403) return gettext("You are not allowed to do this.");
  if (error.status === 401) return gettext("Your session has ended. Log in again.");
  return error.message;
}

async function tag(segments, themeId) {
  const theme = store.themes.get(themeId);
  await Promise.all(
    segments.map(async (segment) => {
      const pending = pendingAnnotation(segment.paragraphId, segment, themeId);
      store.putAnnotation(pending);
      try {
        const saved = await api("POST", "/annotations", {
          paragraph_id: segment.paragraphId,
          start: segment.start,
          end: segment.end,
          quote: segment.quote,
          theme_ids: [themeId],
        });
        store.putAnnotation(saved, pending.id);
      } catch (error) {
        store.removeAnnotation(pending.id);
        notify(fmt(gettext("“%(theme)s” was not applied: %(reason)s"), { theme: themeName(theme), reason: refusal(error) }));
        throw error;
      }
    }),
  ).then(
    () => notify(fmt(ngettext("Tagged with %(theme)s.", "%(n)s passages tagged with %(theme)s.", segments.length), { theme: themeName(theme), n: segments.length }), "ok"),
    () => {},
  );
}

// Shown at once while the server saves it; replaced by what the server returns.
function pendingAnnotation(paragraphId, segment, themeId) {
  return {
    id: store.nextPendingId(),
    paragraph_id: paragraphId,
    start: segment.start,
    end: segment.end,
    quote: segment.quote,
    note: "",
    theme_ids: [themeId],
    author: config.user,
    created_at: new Date().toISOString(),
    can_change: false,
  };
}

async function acceptSuggestion(paragraphId, themeId) {
  const para = paragraphs.get(paragraphId);
  const segment = wholeParagraph(para);
  const pending = pendingAnnotation(paragraphId, segment, themeId);
  store.putAnnotation(pending);
  try {
    const saved = await api("POST", "/suggestions/accept", { paragraph_id: paragraphId, theme_id: themeId });
    store.putAnnotation(saved, pending.id);
  } catch (error) {
    store.removeAnnotation(pending.id);
    notify(fmt(gettext("The suggestion was not accepted: %(reason)s"), { reason: refusal(error) }));
  }
}

const picker = config.can_annotate ? new ThemePicker(store, tag) : null;

const handlers = {
  showParagraphAnnotations(paragraphId, position) {
    const ids = store.visibleAnnotationsOf(paragraphId).map((a) => a.id);
    showAnnotations(store, ids, fmt(gettext("Annotations on ¶%(n)s"), { n: position }));
  },
  showComments(paragraphId, position) {
    showThread(store, paragraphId, position);
  },
  tagWholeParagraph(para, button) {
    picker?.open([wholeParagraph(para)], button.getBoundingClientRect(), button);
  },
  acceptSuggestion,
};

function onSelectionEnd() {
  if (!picker) return;
  const found = readSelection(article);
  if (!found) return;
  if (found.error === "too-many") {
    notify(gettext("Select at most 20 paragraphs at a time."));
    return;
  }
  // Already open for this very passage (a selection event that changed nothing).
  if (picker.isOpen && picker.isFor(found.segments)) return;
  // Done with the picker, the reader is back on the (first) paragraph selected.
  picker.open(found.segments, found.rect, focusableParagraph(found.segments[0].para));
}

function wire() {
  store.addEventListener("annotations", (event) => paint(event.detail.paragraphIds));
  store.addEventListener("suggestions", (event) => paint(event.detail.paragraphIds, { highlights: false }));
  store.addEventListener("comments", (event) => {
    paint(event.detail.paragraphIds, { highlights: false });
    refreshThread(event.detail.paragraphIds);
  });

  article.addEventListener("click", (event) => {
    const mark = event.target.closest(".hl");
    if (!mark || !window.getSelection().isCollapsed) return;
    const ids = mark.dataset.annotationIds.split(" ").map(Number).filter((id) => id > 0);
    if (ids.length === 0) return;
    // Read the paragraph before focusing: repainting replaces ``mark``.
    const para = mark.closest("p.para");
    store.focus(ids[0]);
    showAnnotations(store, ids, fmt(gettext("Annotations on ¶%(n)s"), { n: para.dataset.position }), focusableParagraph(para));
  });

  if (picker) {
    article.addEventListener("mouseup", () => setTimeout(onSelectionEnd, 0));
    // A selection made or extended with Shift+arrows is done when Shift is
    // let go. On the document: the focus is often on the body, not in the
    // article, while the keys extend a selection inside it.
    document.addEventListener("keyup", (event) => {
      if (event.key === "Shift" && !picker.isOpen) onSelectionEnd();
    });
    // T on a paragraph reached with J/K (js/reader_keys.js) tags what is
    // selected in it, or else all of it, as its + does.
    article.addEventListener("keydown", (event) => {
      const para = event.target;
      if (event.key.toLowerCase() !== "t" || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
      if (!(para instanceof Element) || !para.matches("p.para[data-paragraph-id]")) return;
      event.preventDefault();
      const found = readSelection(article);
      if (found?.segments) picker.open(found.segments, found.rect, para);
      else picker.open([wholeParagraph(para)], para.getBoundingClientRect(), para);
    });
    // Touch screens select with a long press and handles, without mouseup.
    // A new selection while the picker is open moves it there (with the
    // new passage), rather than leaving it by the old one.
    let timer = null;
    document.addEventListener("selectionchange", () => {
      if (!window.matchMedia("(pointer: coarse)").matches) return;
      clearTimeout(timer);
      timer = setTimeout(onSelectionEnd, 600);
    });
  }
  document.addEventListener("panelclose", () => store.focused !== null && store.focus(null), true);
}

async function load() {
  const id = config.speech_id;
  const suggested = config.can_annotate ? getAll(`/speeches/${id}/suggestions`) : Promise.resolve([]);
  // The annotations and comments came with the page (annotations/services/reading.py):
  // each paragraph painted once, text and margin; the suggestions (slower to
  // work out) follow. Those on screen first; bench/reader_bench.py times the reader up to
  // "annotations-ready" (what the reader sees: its highlights and margins
  // drawn) and to "annotations-complete" (every paragraph's).
  performance.mark("annotations-start");
  for (const id of offScreen()) unpainted.add(id);
  store.setAnnotationsAndComments(fromRows(config.annotations), config.comments);
  performance.mark("annotations-ready");
  const rest = inIdleChunks(() => [...unpainted], (ids) => paint(ids)).then(() => performance.mark("annotations-complete"));
  store.setSuggestions(await suggested);
  performance.mark("suggestions-ready");
  await rest;
  // Everything painted, the suggestions too (tests wait for this).
  article.classList.add("annotations-ready");
  article.dataset.annotationsLoaded = "true";
  openLinkedComment();
}

// The annotations as the page carries them (annotations/services/reading.py,
// as_rows): the field names once, then a list of values per annotation.
function fromRows({ fields, rows }) {
  return rows.map((row) => Object.fromEntries(fields.map((field, i) => [field, row[i]])));
}

// A link from one's own comments (?comment=ID) opens that comment's thread.
function openLinkedComment() {
  const id = Number(new URLSearchParams(window.location.search).get("comment"));
  const comment = id > 0 ? store.comments.get(id) : null;
  const para = comment ? paragraphs.get(comment.paragraph_id) : null;
  if (!para) return;
  showThread(store, comment.paragraph_id, para.dataset.position, focusableParagraph(para));
  const item = document.getElementById(`comment-${id}`);
  item?.classList.add("anno-comment--linked");
  item?.scrollIntoView({ block: "nearest" });
}

if (article) {
  article.classList.toggle("can-annotate", config.can_annotate);
  wire();
  mountFilterButton(store);
  // No margins painted before load(): it paints text and margins at once
  // (those on screen before its first await, the rest in idle time), from
  // the annotations that came with the page.
  load().catch((error) => notify(fmt(gettext("Annotations could not be loaded: %(reason)s"), { reason: error.message })));
}
