// Strings come from Django's JavaScript catalogue (/jsi18n/), loaded as a
// classic script before the modules; without it the English source shows.
export function t(text) {
  return typeof window.gettext === "function" ? window.gettext(text) : text;
}

export function tn(singular, plural, count) {
  return typeof window.ngettext === "function"
    ? window.ngettext(singular, plural, count)
    : count === 1 ? singular : plural;
}

// interpolate("%(n)s themes", {n: 3}) with named placeholders.
export function fmt(text, values) {
  return text.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
}

export function formatDate(iso) {
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
