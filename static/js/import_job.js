// The import job page follows its job through the API while it runs: the
// stage, the bar, the percentage and the time left; once the job has
// finished the page reloads to show the compilation or the reason. Without
// JavaScript the page refreshes itself instead (a <noscript> meta refresh).

const section = document.getElementById("import-job");

// The elements of templates/_job_progress.html.
function show(job) {
  const progress = section.querySelector(".job-progress");
  progress.querySelector(".job-progress__stage").textContent = job.stage_label;
  progress.querySelector(".job-progress__bar").value = job.percent;
  progress.querySelector(".job-progress__bar").textContent = `${job.percent}%`;
  progress.querySelector(".job-progress__percent").textContent = `${job.percent}%`;
  progress.querySelector(".job-progress__left").textContent =
    job.seconds_left ? progress.dataset.leftTemplate.replace("%(seconds)s", job.seconds_left) : "";
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
