// Character limits shown while typing, on every form of the portal (base.html
// loads this file). Each text input and textarea with a maxlength — Django
// writes it for every form field with a max_length — gets a counter under it
// ("120/250"), named in the field's aria-describedby.
//
// The browser's maxlength cuts a pasted text at the limit without a word (a
// 545-character title was saved as its first 250). Here the limit moves to
// data-maxlength: the whole text stays in the field, the counter turns red
// and says how much too long it is, and the server refuses it with a message
// naming the limit (Django's max_length check). Without JavaScript the
// browser's maxlength stays.
//
// Left alone: search and filter forms (method GET), passwords, e-mail and
// number fields, one-time codes, and any field marked data-no-counter. Rows added later (a
// formset's "Tambah" button) get their counter too.
//
// Texts come from this script tag: data-too-long ("{count}" and "{limit}"
// are replaced) and data-back-within (said once the text fits again).
(() => {
  const script = document.currentScript;
  const texts = {
    tooLong: script?.dataset.tooLong || "{count}/{limit}",
    backWithin: script?.dataset.backWithin || "",
  };
  const SELECTOR =
    "textarea[maxlength], input[maxlength]:is([type=text], [type=url], [type=tel], :not([type]))";
  let serial = 0;

  // As the server counts: code points, after stripping the ends (Django's
  // CharField strips), a line break sent as CR LF.
  const length = (value) => [...value.trim().replace(/\r?\n/g, "\r\n")].length;

  function update(field, counter, live) {
    const limit = Number(field.dataset.maxlength);
    const count = length(field.value);
    const over = count > limit;
    counter.textContent = over
      ? texts.tooLong.replace("{count}", count).replace("{limit}", limit)
      : `${count}/${limit}`;
    counter.classList.toggle("char-counter-over", over);
    if (over) field.setAttribute("aria-invalid", "true");
    else if (field.dataset.counterMarked) field.removeAttribute("aria-invalid");
    field.dataset.counterMarked = over ? "1" : "";
    // Only a change of state is announced, never every keystroke.
    if (live.dataset.over !== String(over)) {
      live.dataset.over = String(over);
      live.textContent = over ? counter.textContent : live.dataset.said ? texts.backWithin : "";
      if (over) live.dataset.said = "1";
    }
  }

  function attach(field) {
    if (field.dataset.maxlength || "noCounter" in field.dataset) return;
    if (field.autocomplete === "one-time-code") return; // a code of fixed length
    if (field.closest("form")?.method?.toLowerCase() === "get") return;
    const limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!(limit > 0)) return;
    field.dataset.maxlength = String(limit);
    field.removeAttribute("maxlength");
    serial += 1;
    const counter = document.createElement("div");
    counter.className = "form-text char-counter";
    counter.id = `${field.id || "field"}-counter-${serial}`;
    const live = document.createElement("span");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    const anchor = field.closest(".input-group") || field;
    anchor.after(counter, live);
    const described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? `${described} ${counter.id}` : counter.id);
    field.addEventListener("input", () => update(field, counter, live));
    update(field, counter, live);
  }

  function scan(root) {
    if (root.matches?.(SELECTOR)) attach(root);
    root.querySelectorAll?.(SELECTOR).forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", () => {
    scan(document);
    new MutationObserver((changes) => {
      changes.forEach((change) => change.addedNodes.forEach(scan));
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
