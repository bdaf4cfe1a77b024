// The theme picker that opens next to a selection: type to filter (names,
// English names, pinyin initials such as "rdjd" for 人大监督), arrows to
// move, Enter to apply, 1–9 for the last-used themes, Esc to close. Closed
// from the keyboard or by choosing, it gives the focus back to where the
// reader was: the button that opened it, or the selected paragraph.
import { utf16Index } from "./codepoints.js";
import { rememberFocus, restoreFocus } from "./focus.js";
import { fmt, gettext, themeName } from "./i18n.js";
import { h, swatch } from "./dom.js";

const RECENT_KEY = "jianghua.recentThemes";
const RECENT_MAX = 9;

export function recentThemeIds() {
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

export function matches(theme, query) {
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
export function placement(rect, size, viewport, margin = 8) {
  const maxLeft = Math.max(margin, viewport.width - size.width - margin);
  const left = Math.max(margin, Math.min(rect.left, maxLeft));
  const below = rect.bottom + margin;
  const above = rect.top - size.height - margin;
  let top = below;
  if (below + size.height > viewport.height - margin && above >= margin) top = above;
  const maxTop = Math.max(margin, viewport.height - size.height - margin);
  return { left, top: Math.max(margin, Math.min(top, maxTop)) };
}

export class ThemePicker {
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
