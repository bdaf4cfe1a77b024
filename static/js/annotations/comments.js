// Threaded comments on a paragraph: write, reply, edit your own (marked
// edited), delete your own (a placeholder keeps the thread's shape);
// editors may delete anyone's. Bodies are plain text with safe links.
import { api } from "./api.js";
import { fmt, formatDate, gettext, ngettext } from "./i18n.js";
import { linkify } from "./linkify.js";
import { h } from "./dom.js";
import { confirmAction, notify, openPanel } from "./ui.js";

let view = null;

export function showThread(store, paragraphId, position, opener) {
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

export function refreshThread(paragraphIds) {
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

export function commentLabel(count) {
  return fmt(ngettext("%(n)s comment", "%(n)s comments", count), { n: count });
}
