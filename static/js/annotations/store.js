// The reader's state: the codebook, the speech's annotations, comments and
// suggestions, and the reader's filter. Modules change it through these
// methods and listen for what changed (events carry the paragraph ids).

export class Store extends EventTarget {
  constructor(config) {
    super();
    this.config = config;
    this.themes = new Map(config.themes.map((theme) => [theme.id, theme]));
    this.annotations = new Map();
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
    this.emit("annotations", { paragraphIds: null });
  }

  putAnnotation(annotation, replacesId) {
    if (replacesId !== undefined) this.annotations.delete(replacesId);
    this.annotations.set(annotation.id, annotation);
    if (replacesId !== undefined && this.focused === replacesId) this.focused = annotation.id;
    this.emit("annotations", { paragraphIds: [annotation.paragraph_id] });
  }

  removeAnnotation(id) {
    const annotation = this.annotations.get(id);
    if (!annotation) return null;
    this.annotations.delete(id);
    if (this.focused === id) this.focused = null;
    this.emit("annotations", { paragraphIds: [annotation.paragraph_id] });
    return annotation;
  }

  annotationsOf(paragraphId) {
    return [...this.annotations.values()].filter((a) => a.paragraph_id === paragraphId);
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
    this.emit("comments", { paragraphIds: null });
  }

  putComment(comment, replacesId) {
    if (replacesId !== undefined) {
      this.comments.delete(replacesId);
      // Replies written while the comment was still pending follow it.
      for (const other of this.comments.values()) {
        if (other.parent_id === replacesId) other.parent_id = comment.id;
      }
    }
    this.comments.set(comment.id, comment);
    this.emit("comments", { paragraphIds: [comment.paragraph_id] });
  }

  removeComment(id) {
    const comment = this.comments.get(id);
    if (!comment) return;
    this.comments.delete(id);
    this.emit("comments", { paragraphIds: [comment.paragraph_id] });
  }

  commentsOf(paragraphId) {
    return [...this.comments.values()].filter((c) => c.paragraph_id === paragraphId);
  }

  // Suggestions ---------------------------------------------------------

  setSuggestions(list) {
    this.suggestions = list;
    this.emit("suggestions", { paragraphIds: null });
  }

  suggestionsOf(paragraphId) {
    const tagged = new Set(this.annotationsOf(paragraphId).flatMap((a) => a.theme_ids));
    return this.suggestions.filter(
      (s) => s.paragraph_id === paragraphId && !tagged.has(s.theme_id) && this.themes.get(s.theme_id)?.active,
    );
  }

  // Filter ----------------------------------------------------------------

  setFilter(changes) {
    Object.assign(this.filter, changes);
    this.emit("annotations", { paragraphIds: null });
    this.emit("suggestions", { paragraphIds: null });
  }
}
