// A news page's "Salin tautan" button (templates/reports/public/_share.html).
// It copies the page's address with the Clipboard API, or, where that is
// missing (a page served over plain http) or refused, with the older
// execCommand("copy") on the read-only field; if both fail, the field shows,
// selected, with a message to copy it by hand. Each outcome is said in the
// status line next to the button.
(() => {
  function copyFromField(field) {
    field.select();
    field.setSelectionRange(0, field.value.length);
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }

  function setUp(share) {
    const button = share.querySelector("[data-share-copy]");
    const status = share.querySelector("[data-share-status]");
    const fallback = share.querySelector("[data-share-fallback]");
    const field = fallback.querySelector("input");
    let timer;

    async function copy() {
      let copied = false;
      if (navigator.clipboard && window.isSecureContext) {
        try {
          await navigator.clipboard.writeText(field.value);
          copied = true;
        } catch {
          copied = false;
        }
      }
      if (!copied) {
        // execCommand needs the field on screen, for a moment.
        fallback.hidden = false;
        copied = copyFromField(field);
        if (copied) fallback.hidden = true;
      }
      clearTimeout(timer);
      if (copied) {
        status.textContent = button.dataset.copiedText;
        status.classList.replace("text-danger", "text-success");
        timer = setTimeout(() => { status.textContent = ""; }, 4000);
      } else {
        status.textContent = button.dataset.manualText;
        status.classList.replace("text-success", "text-danger");
        field.focus();
        field.select();
      }
    }

    button.addEventListener("click", copy);
    button.hidden = false;
    fallback.hidden = true;
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-share]").forEach(setUp);
  });
})();
