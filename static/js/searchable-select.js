// Turns every <select class="js-searchable-select"> into a searchable list
// (Tom Select); without JavaScript the plain select still works.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select.js-searchable-select").forEach((select) => {
    new TomSelect(select, {
      maxOptions: 1000,
      allowEmptyOption: true,
      placeholder: select.querySelector("option[value='']")?.textContent || "",
    });
  });
});
