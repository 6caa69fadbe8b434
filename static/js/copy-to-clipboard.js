// A "Copy" button: <button class="js-copy" data-copy-target="INPUT-ID"
// data-copied-label="Copied">. Without JavaScript the read-only input can
// still be selected and copied by hand.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button.js-copy").forEach((button) => {
    button.addEventListener("click", async () => {
      const input = document.getElementById(button.dataset.copyTarget);
      if (!input) return;
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
      } catch {
        document.execCommand("copy");
      }
      const label = button.querySelector("span");
      if (label && button.dataset.copiedLabel) {
        const original = label.textContent;
        label.textContent = button.dataset.copiedLabel;
        setTimeout(() => { label.textContent = original; }, 2000);
      }
    });
  });
});
