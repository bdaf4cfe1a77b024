// The reader's text-reuse links: under each paragraph that other speeches
// share, a link to where (templates/analysis/_reader.html gives the list).
// The paragraph's text is left alone; the link goes in its margin.
const data = document.getElementById("reuse-links");
if (data) {
  for (const item of JSON.parse(data.textContent)) {
    const para = document.getElementById(`p${item.position}`);
    if (!para) continue;
    const next = para.nextElementSibling;
    const margin = para.querySelector(".para__margin") ?? (next && next.matches(".para__margin") ? next : null);
    if (!margin) continue;
    const link = document.createElement("a");
    link.className = "reuse-link";
    link.href = item.url;
    link.textContent = item.label;
    link.dataset.reuseCount = String(item.count);
    margin.append(link);
  }
}
