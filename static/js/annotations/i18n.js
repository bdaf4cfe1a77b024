// Strings come from Django's JavaScript catalogue (/jsi18n/), loaded as a
// classic script before the modules; without it the English source shows.
// The names are gettext/ngettext so that makemessages finds the strings.
export function gettext(text) {
  return typeof window.gettext === "function" ? window.gettext(text) : text;
}

export function ngettext(singular, plural, count) {
  return typeof window.ngettext === "function"
    ? window.ngettext(singular, plural, count)
    : count === 1 ? singular : plural;
}

// fmt("%(n)s themes", {n: 3}): named placeholders, as in Django's catalogues.
export function fmt(text, values) {
  return text.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
}

export function formatDate(iso) {
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
