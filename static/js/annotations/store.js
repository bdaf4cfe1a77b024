// The reader's state: the codebook, the speech's annotations, comments and
// suggestions, and the reader's filter. Modules change it through these
// methods and listen for what changed (events carry the paragraph ids).

export class Store extends EventTarget {
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
