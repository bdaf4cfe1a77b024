// Element building for the reader's modules. It imports only i18n.js, so
// every module may use it without creating an import cycle.
import { themeName } from "./i18n.js";

export function h(tag, attrs = {}, ...children) {
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

export function swatch(colour) {
  const el = h("span", { class: "swatch", "aria-hidden": "true" });
  el.style.setProperty("--c", colour);
  return el;
}

export function themeChip(theme, extra = {}) {
  const chip = h("span", { class: "theme-chip", ...extra }, swatch(theme.colour), themeName(theme));
  chip.style.setProperty("--c", theme.colour);
  return chip;
}
