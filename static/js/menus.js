// Menus built on <details data-menu> (the user menu, the export menus) open and
// close without JavaScript; this closes them the way menus are expected to close:
// on a click elsewhere, on Escape (focus back on the button), and one at a time.

const openMenus = () => document.querySelectorAll("details[data-menu][open]");

document.addEventListener("click", (event) => {
  for (const menu of openMenus()) {
    if (!menu.contains(event.target)) menu.open = false;
  }
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const menu of openMenus()) {
    menu.open = false;
    menu.querySelector("summary")?.focus();
  }
});

document.addEventListener(
  "toggle",
  (event) => {
    const opened = event.target;
    if (!(opened instanceof HTMLDetailsElement) || !opened.open || !opened.matches("[data-menu]")) return;
    for (const menu of openMenus()) {
      if (menu !== opened && !menu.contains(opened)) menu.open = false;
    }
  },
  true,
);
