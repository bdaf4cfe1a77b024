// Copy buttons: <button data-copy-target="ID" data-copied-label="…"> copies the
// value (or text) of the element with that id and says so for a moment.
for (const button of document.querySelectorAll("[data-copy-target]")) {
  button.addEventListener("click", async () => {
    const source = document.getElementById(button.dataset.copyTarget);
    if (!source) return;
    const text = "value" in source ? source.value : source.textContent;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Without clipboard permission (plain http), select it for Ctrl+C.
      source.focus();
      if (source.select) source.select();
      return;
    }
    const label = button.textContent;
    button.textContent = button.dataset.copiedLabel || label;
    setTimeout(() => { button.textContent = label; }, 1500);
  });
}
