// A participant list's filter box (templates/visits/_participant_filter.html):
// typing narrows the rows of the tables in the same scope to those whose
// data-filter-text (name, unit, position; the NIP on a page never stored)
// holds every word typed, ignoring case, accents and the spaces inside a
// NIP; a live line says how many show. The box is hidden in the markup so
// that without JavaScript every row simply shows; a NIP typed here never
// leaves the browser.
(() => {
  const fold = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  function setUp(box) {
    const scope = box.closest("[data-participant-scope]") || box.parentElement;
    const input = box.querySelector("input");
    const status = box.querySelector("[role=status]");

    function apply() {
      // Read the rows each time: a row removed on the page (htmx) drops out.
      const rows = Array.from(scope.querySelectorAll("tr[data-filter-text]"));
      const words = fold(input.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      rows.forEach((row) => {
        const text = fold(row.dataset.filterText);
        const haystack = text + " " + text.replace(/\s+/g, "");
        const match = words.every((word) => haystack.includes(word));
        row.hidden = !match;
        if (match) shown += 1;
      });
      // A table with no row left says so instead of showing an empty head.
      new Set(rows.map((row) => row.closest("table"))).forEach((table) => {
        const any = table.querySelector("tr[data-filter-text]:not([hidden])") !== null;
        const wrapper = table.closest("[data-filter-box]") || table;
        wrapper.hidden = !any;
        const empty = wrapper.nextElementSibling;
        if (empty && empty.matches("[data-filter-empty]")) empty.hidden = any;
      });
      const template =
        shown === 0 && words.length ? status.dataset.noneText : status.dataset.countText;
      status.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
    }

    input.addEventListener("input", apply);
    document.body.addEventListener("htmx:afterSettle", apply);
    box.hidden = false;
    apply();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-participant-filter]").forEach(setUp);
  });
})();
