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

// English months as Django's DATE_FORMAT ("N j, Y") writes them.
const MONTHS_EN = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
  "Oct.", "Nov.", "Dec."];

// A moment as the pages write it (the `timestamp` filter): the date in the
// page's language, then the 24-hour time, in the site's time zone rather
// than the browser's, so the panel and the pages show the same clock.
export function formatDate(iso) {
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
export function themeName(theme, lang = document.documentElement.lang) {
  return !lang.startsWith("zh") && theme.name_en ? theme.name_en : theme.name;
}
