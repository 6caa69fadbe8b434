// A bar stuck to the bottom of the window (the report form's save bar,
// .report-save-bar) never hides the field that takes the focus: the browser
// scrolls a focused field into view only when it is off screen, not when it
// is on screen under the bar, so the page scrolls it clear here.
document.addEventListener("focusin", (event) => {
  const field = event.target;
  const bar = field.closest && field.closest("form")?.querySelector(".report-save-bar");
  if (!bar || bar.contains(field)) return;
  const gap = 16;
  const overlap = field.getBoundingClientRect().bottom - bar.getBoundingClientRect().top + gap;
  if (overlap > gap) window.scrollBy({ top: overlap });
});
