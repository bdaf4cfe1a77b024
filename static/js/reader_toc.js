// The reader's table of contents: marks the section being read, and on a
// phone folds the contents and the margin away behind two buttons.
// Without this script the contents are plain links and stay visible.

const reader = document.querySelector(".reader");
const toc = reader?.querySelector(".reader__toc");

if (reader) {
  reader.classList.add("reader--js");
  const tools = reader.querySelector(".reader__tools");
  if (tools) tools.hidden = false;

  for (const button of reader.querySelectorAll("[data-reader-toggle]")) {
    const panel = button.dataset.readerToggle; // "toc" or "margin"
    button.addEventListener("click", () => {
      const open = reader.classList.toggle(`reader--${panel}-open`);
      button.setAttribute("aria-expanded", String(open));
    });
  }

  // On a phone, following a contents link closes the contents again.
  toc?.addEventListener("click", (event) => {
    if (!event.target.closest("a") || !reader.classList.contains("reader--toc-open")) return;
    reader.classList.remove("reader--toc-open");
    reader.querySelector('[data-reader-toggle="toc"]')?.setAttribute("aria-expanded", "false");
  });
}

if (toc && "IntersectionObserver" in window) {
  const links = new Map(
    [...toc.querySelectorAll('a[href^="#s"]')].map((a) => [a.getAttribute("href").slice(1), a]),
  );
  // Section starts and paragraphs, in document order, each naming its section.
  const marks = [...reader.querySelectorAll(".reader__body [data-section]")];
  let current = null;

  // The section being read is that of the last section start or paragraph
  // whose top has scrolled above the upper third of the window.
  const update = () => {
    const line = window.innerHeight / 3;
    let found = null;
    for (const mark of marks) {
      if (mark.getBoundingClientRect().top <= line) found = mark;
      else break;
    }
    const link = found ? links.get(found.dataset.section) : null;
    if (link === current) return;
    current?.removeAttribute("aria-current");
    link?.setAttribute("aria-current", "location");
    current = link;
    if (link && toc.scrollHeight > toc.clientHeight) {
      const top = link.offsetTop - toc.clientHeight / 3;
      toc.scrollTo({ top: Math.max(0, top) });
    }
  };

  // The observer says when a paragraph or a section start crosses the
  // upper third of the window; the check itself runs once per frame at most.
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      update();
    });
  };
  const observer = new IntersectionObserver(schedule, { rootMargin: "0px 0px -66% 0px" });
  marks.forEach((mark) => observer.observe(mark));
  window.addEventListener("hashchange", schedule);
  // The browser scrolls to #pN after this module has run.
  window.addEventListener("load", schedule);
  update();
}
