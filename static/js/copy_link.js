// Paragraph numbers in the reader are permalinks (#p12). With this script a
// click also copies the paragraph's address to the clipboard and says so.
// The labels come translated from data attributes of .reader__body.

const body = document.querySelector(".reader__body");

async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain http: the clipboard API is unavailable; copy through a selection.
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.style.position = "fixed";
  field.style.opacity = "0";
  document.body.append(field);
  field.select();
  const done = document.execCommand("copy");
  field.remove();
  if (!done) throw new Error("copy refused");
}

if (body) {
  const copiedLabel = body.dataset.copiedLabel;
  const copyLabel = body.dataset.copyLabel;
  for (const number of body.querySelectorAll(".para__num")) number.title = copyLabel;

  body.addEventListener("click", async (event) => {
    const number = event.target.closest(".para__num");
    if (!number) return;
    // The browser still follows the link to #pN, which marks the paragraph.
    const url = new URL(number.getAttribute("href"), window.location.href);
    url.search = "";
    try {
      await copy(url.href);
    } catch {
      return;
    }
    number.dataset.copied = copiedLabel;
    number.classList.add("para__num--copied");
    setTimeout(() => number.classList.remove("para__num--copied"), 1600);
  });
}
