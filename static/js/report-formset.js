// Adding a row to a formset of the report page (quotes, authors) from the
// formset's empty form: <button data-formset-add="PREFIX"> adds the content
// of <template id="PREFIX-template"> to #PREFIX-rows and counts it in the
// management form (#id_PREFIX-TOTAL_FORMS). Rows are removed with their
// "Hapus" checkbox, which also works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[data-formset-add]").forEach((button) => {
    const prefix = button.dataset.formsetAdd;
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const maximum = document.getElementById(`id_${prefix}-MAX_NUM_FORMS`);
    const template = document.getElementById(`${prefix}-template`);
    const rows = document.getElementById(`${prefix}-rows`);
    if (!total || !template || !rows) return;
    button.addEventListener("click", () => {
      const index = parseInt(total.value, 10);
      if (maximum && index >= parseInt(maximum.value, 10)) return;
      rows.insertAdjacentHTML("beforeend", template.innerHTML.replaceAll("__prefix__", index));
      total.value = index + 1;
      const first = rows.lastElementChild.querySelector("textarea, input:not([type=hidden])");
      if (first) first.focus();
    });
  });
});
