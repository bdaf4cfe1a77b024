// The theme form's highlight sample follows the colour being chosen, so an
// editor sees the tint before saving it.
const input = document.querySelector(".theme-form input[type=color]");
const sample = input?.closest(".field")?.querySelector(".highlight-sample");
input?.addEventListener("input", () => sample?.style.setProperty("--c", input.value));
