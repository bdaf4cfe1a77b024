// The analysis pages without script show every row and offer SVG; with it,
// a theme's sub-themes fold under it, and the chart downloads as PNG too
// (drawn on a canvas by the browser: no library).

function descendants(table, id) {
  const rows = [];
  const stack = [String(id)];
  while (stack.length) {
    const parent = stack.pop();
    for (const row of table.querySelectorAll(`tr[data-parent="${parent}"]`)) {
      rows.push(row);
      stack.push(row.dataset.theme);
    }
  }
  return rows;
}

for (const table of document.querySelectorAll("table[data-collapsible]")) {
  for (const button of table.querySelectorAll(".tree-toggle")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      const id = button.closest("tr").dataset.theme;
      for (const row of descendants(table, id)) {
        row.hidden = !open;
        const inner = row.querySelector(".tree-toggle");
        if (inner && open) inner.setAttribute("aria-expanded", "true");
      }
    });
  }
}

const svg = document.querySelector("[data-chart] svg");
for (const button of document.querySelectorAll("[data-png-download]")) {
  if (!svg) continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    const width = svg.viewBox.baseVal.width;
    const height = svg.viewBox.baseVal.height;
    const source = new XMLSerializer().serializeToString(svg);
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = width * 2;
      canvas.height = height * 2;
      const context = canvas.getContext("2d");
      context.scale(2, 2);
      context.drawImage(image, 0, 0, width, height);
      const link = document.createElement("a");
      link.download = "chart.png";
      link.href = canvas.toDataURL("image/png");
      link.click();
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(source);
  });
}

// The theme column stays in view (sticky) while the figures scroll sideways; a figure
// reached by Tab can stop partly under it (the browser takes it as in view, and does not
// heed the wrapper's scroll-padding when focusing): bring it out, whole.
for (const wrap of document.querySelectorAll(".table-wrap:has(> .heat-table)")) {
  wrap.addEventListener("focusin", (event) => {
    const cell = event.target.closest("td");
    const row = cell && cell.closest("tr");
    const sticky = row && row.querySelector("th");
    if (!sticky) return;
    const hidden = sticky.getBoundingClientRect().right - cell.getBoundingClientRect().left;
    if (hidden > 0) wrap.scrollLeft -= hidden;
  });
}
