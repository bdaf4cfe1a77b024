// Marks a search query's words in the reader (?hl=…) with the CSS Custom
// Highlight API, which paints ranges without touching the DOM, so the text
// of .para__text stays exactly the paragraph's (the annotation code counts
// on it). The spans come from the server, in code points, per paragraph
// position. Without the API (or this script) the page still lands on the
// paragraph, which :target marks.

const data = document.getElementById("reader-highlight");
const spans = data ? JSON.parse(data.textContent) : {};

// A range over [start, end) code points of `root`'s text, which may be split
// across text nodes (a run-in heading sits in its own <strong>).
function rangeFor(root, start, end) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const points = [...node.data]; // code points, not UTF-16 units
    const last = seen + points.length;
    if (!started && start < last) {
      range.setStart(node, points.slice(0, start - seen).join("").length);
      started = true;
    }
    if (started && end <= last) {
      range.setEnd(node, points.slice(0, end - seen).join("").length);
      return range;
    }
    seen = last;
  }
  return null;
}

function paint() {
  const ranges = [];
  for (const [position, pairs] of Object.entries(spans)) {
    const para = document.getElementById(`p${position}`);
    const text = para?.querySelector(".para__text");
    if (!text) continue;
    para.classList.add("para--hit");
    for (const [start, end] of pairs) {
      const range = rangeFor(text, start, end);
      if (range) ranges.push(range);
    }
  }
  if ("highlights" in CSS) CSS.highlights.set("search-hit", new Highlight(...ranges));
  return ranges.length;
}

if (Object.keys(spans).length) {
  paint();
  // Other scripts may rebuild a paragraph's inner elements (annotation
  // highlights); paint again after they do.
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      paint();
    });
  });
  for (const text of document.querySelectorAll(".para--hit .para__text")) {
    observer.observe(text, { childList: true, subtree: true });
  }
  // Arriving without #pN: bring the first marked paragraph into view.
  if (!window.location.hash) {
    const first = Math.min(...Object.keys(spans).map(Number));
    document.getElementById(`p${first}`)?.scrollIntoView({ block: "center" });
  }
}
