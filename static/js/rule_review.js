// Reviewing a rule's hits from the keyboard (templates/annotations/rule_review.html).
// j/k or the arrows move between hits, a accepts, r rejects, A and R the whole
// page. Each decision sends the line's own form (the page works without this
// script), marks the line and moves on; when no line is left, the next page loads.
const table = document.querySelector("[data-review]");
const rows = [...table.querySelectorAll("tr[data-hit]")];
const pageForm = document.querySelector("[data-page-form]");
let current = 0;

function focus(index) {
  if (!rows.length) return;
  current = Math.max(0, Math.min(rows.length - 1, index));
  rows.forEach((row, i) => row.classList.toggle("is-current", i === current));
  rows[current].focus({ preventScroll: false });
  rows[current].scrollIntoView({ block: "nearest" });
}

function open(row) {
  return !row.classList.contains("is-done");
}

function mark(row, decision) {
  row.classList.add("is-done", decision === "accept" ? "is-accepted" : "is-rejected");
  row.querySelectorAll("button").forEach((button) => (button.disabled = true));
  row.querySelector(".rule-hit__done").textContent =
    decision === "accept" ? table.dataset.accepted : table.dataset.rejected;
}

function fail(row) {
  row.querySelector(".rule-hit__done").textContent = table.dataset.failed;
}

async function send(form) {
  const response = await fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    credentials: "same-origin",
    headers: { "X-Requested-With": "fetch" },
  });
  return response.ok;
}

function nextOpen(from) {
  for (let i = from + 1; i < rows.length; i += 1) if (open(rows[i])) return i;
  for (let i = 0; i < rows.length; i += 1) if (open(rows[i])) return i;
  return -1;
}

function allDone() {
  // The page's hits are reviewed: the server lists the next ones.
  window.location.reload();
}

async function decide(row, decision) {
  if (!row || !open(row)) return;
  const form = row.querySelector(`form[data-decision="${decision}"]`);
  mark(row, decision);
  if (!(await send(form))) {
    row.classList.remove("is-done", "is-accepted", "is-rejected");
    row.querySelectorAll("button").forEach((button) => (button.disabled = false));
    fail(row);
    return;
  }
  row.classList.add("is-saved");
  const next = nextOpen(rows.indexOf(row));
  if (next < 0) allDone();
  else focus(next);
}

async function decidePage(decision) {
  const form = new FormData(pageForm);
  form.set("decision", decision);
  const response = await fetch(pageForm.action, {
    method: "POST", body: form, credentials: "same-origin",
  });
  if (response.ok) allDone();
  else rows.forEach(fail);
}

table.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-decision]");
  if (!form) return;
  event.preventDefault();
  decide(form.closest("tr"), form.dataset.decision);
});

rows.forEach((row, index) => row.addEventListener("click", () => focus(index)));

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target.closest("input, textarea, select, [contenteditable]")) return;
  const key = event.key;
  if (key === "j" || key === "ArrowDown") focus(current + 1);
  else if (key === "k" || key === "ArrowUp") focus(current - 1);
  else if (key === "a") decide(rows[current], "accept");
  else if (key === "r") decide(rows[current], "reject");
  else if (key === "A") decidePage("accept");
  else if (key === "R") decidePage("reject");
  else return;
  event.preventDefault();
});

focus(0);
