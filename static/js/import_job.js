// The import job page follows its job through the API while it runs: the
// stage, the bar, the percentage and the time left; once the job has
// finished the page reloads to show the compilation or the reason. Without
// JavaScript the page refreshes itself instead (a <noscript> meta refresh).

const section = document.getElementById("import-job");

function show(job) {
  section.querySelector(".import-job__stage").textContent = job.stage_label;
  section.querySelector(".import-job__bar").value = job.percent;
  section.querySelector(".import-job__bar").textContent = `${job.percent}%`;
  section.querySelector(".import-job__percent").textContent = `${job.percent}%`;
  section.querySelector(".import-job__left").textContent =
    job.seconds_left ? section.dataset.leftTemplate.replace("%(seconds)s", job.seconds_left) : "";
}

async function poll() {
  try {
    const response = await fetch(section.dataset.statusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (response.ok) {
      const job = await response.json();
      if (job.finished) {
        window.location.reload();
        return;
      }
      show(job);
    }
  } catch {
    // A network hiccup: try again at the next tick.
  }
  window.setTimeout(poll, 1000);
}

if (section && section.dataset.finished === "false") window.setTimeout(poll, 1000);
