// The attendance page's checklist (templates/visits/attendance.html): every
// row of the page has a "hadir" checkbox belonging to the form
// #attendance-checklist, saved at once. "Tandai semua hadir" checks every
// row here; without JavaScript it is a link that asks the server for the page
// with every row checked. A line says how many rows are checked.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("attendance-checklist");
  if (!form) return;
  const link = form.querySelector(".js-check-all-link");
  const button = form.querySelector(".js-check-all");
  const counter = form.querySelector(".js-attendance-checked");

  function boxes() {
    return Array.from(document.querySelectorAll("input.js-attendance-check"));
  }

  function count() {
    const all = boxes();
    const checked = all.filter((box) => box.checked).length;
    counter.textContent = counter.dataset.template
      .replace("%(checked)s", checked)
      .replace("%(total)s", all.length);
    counter.hidden = false;
  }

  if (link && button) {
    link.hidden = true;
    link.classList.add("d-none");
    button.hidden = false;
    button.addEventListener("click", () => {
      boxes().forEach((box) => {
        box.checked = true;
      });
      count();
    });
  }
  document.addEventListener("change", (event) => {
    if (event.target.matches("input.js-attendance-check")) count();
  });
  // A row marked on its own (htmx) comes back with its saved state.
  document.body.addEventListener("htmx:afterSwap", count);
  count();
});
