// The report page (templates/reports/report_edit.html): whether the text on
// the page is saved, and the way to the fields a failed save refused.
//
// - #save-state says "Tersimpan pukul 09.15 WIB" as the page loads after a
//   save; once any field changes it says its data-unsaved text ("Ada
//   perubahan yang belum disimpan"). A page that comes back with errors or
//   a conflict starts unsaved (data-dirty).
// - Leaving the page with unsaved changes asks first (beforeunload), but
//   submitting the form does not.
// - After a failed save the error summary (#error-summary) takes the focus;
//   each of its links moves the focus to its field.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("report-form");
  if (!form) return;
  const state = document.getElementById("save-state");
  let dirty = state?.dataset.dirty === "1";
  let submitting = false;

  const markDirty = () => {
    if (!state || state.dataset.changed) {
      dirty = true;
      return;
    }
    dirty = true;
    state.dataset.changed = "1";
    state.textContent = state.dataset.unsaved;
    state.classList.add("report-save-state-dirty");
  };
  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);
  form.addEventListener("submit", () => {
    submitting = true;
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  const summary = document.getElementById("error-summary");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });
});
