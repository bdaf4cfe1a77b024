// Entry point of the annotation layer on the speech reader. Reads its
// configuration, with the speech's annotations and comments, from the JSON
// script #annotation-config, loads the suggestions from the API, and wires the
// behaviours: selection -> theme picker -> optimistic tag; highlights;
// details panel; comments; suggestions; the filter.
import { api, getAll } from "./api.js";
import { showAnnotations } from "./annotation-panel.js";
import { refreshThread, showThread } from "./comments.js";
import { mountFilterButton } from "./filter.js";
import { renderHighlights } from "./highlights.js";
import { fmt, gettext, ngettext, themeName } from "./i18n.js";
import { focusableParagraph, renderMargin } from "./margin.js";
import { ThemePicker } from "./popover.js";
import { inIdleChunks, restInOrder, visibleRange } from "./schedule.js";
import { readSelection, wholeParagraph } from "./selection.js";
import { Store } from "./store.js";
import { notify } from "./ui.js";

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
