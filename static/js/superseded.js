// An earlier version of a speech: a permalink to one of its paragraphs (#p12)
// says where that paragraph is now, when it has a counterpart in the current
// version (the map comes from speeches.views.reader._moved).
const moved = JSON.parse(document.getElementById("reader-moved").textContent);
const notice = document.getElementById("superseded");
const line = notice?.querySelector(".superseded__paragraph");

function show() {
  const match = /^#p(\d+)$/.exec(window.location.hash);
  const target = match ? moved[match[1]] : undefined;
  if (!line) return;
  if (!target) {
    line.hidden = true;
    return;
  }
  line.textContent = notice.dataset.movedLabel + " ";
  const link = document.createElement("a");
  link.href = target;
  link.textContent = target.split("#")[1].replace("p", "¶");
  line.append(link);
  line.hidden = false;
}

show();
window.addEventListener("hashchange", show);
