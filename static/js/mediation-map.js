// The mediation map's year slider: the year it points at is shown while it moves; with htmx the map
// follows the slider in place (the form's hx-get), so its "Show the year" button is not needed.
// Without JavaScript the form and the year links work as they are.
(() => {
  const range = document.getElementById("year-range");
  const shown = document.getElementById("year-range-value");
  if (!range || !shown) {
    return;
  }
  range.addEventListener("input", () => {
    shown.textContent = range.value;
  });
  const button = document.querySelector("[data-year-submit]");
  if (button && window.htmx) {
    button.hidden = true;
  }
  // The year links inside the map keep the slider in step after an in-place change.
  document.body.addEventListener("htmx:afterSwap", () => {
    const summary = document.getElementById("map-summary");
    if (summary && summary.dataset.year) {
      range.value = summary.dataset.year;
      shown.textContent = summary.dataset.year;
    }
  });
})();
