// The photo upload page (templates/reports/photo_upload.html): once photos
// are chosen, one caption field per file, named caption_<n> after the file's
// place in the selection, with a small preview drawn on a canvas (the CSP
// allows no blob: images). Captions typed before a refused upload come back
// when a file of the same name is chosen again. The server checks every file
// itself; the warnings here only save a wasted upload.
//
// The upload itself goes through XMLHttpRequest, so that a <progress> bar and
// a line of text say how much has been sent (two photos on a slow line took
// 16 seconds with no sign of life). The request says "HX-Request" as htmx
// would: the server then answers where to go next (HX-Redirect) instead of a
// redirect, or the page with its messages, whose form card replaces this one.
// Without JavaScript the form is a plain post.
(() => {
  function sizeLabel(bytes) {
    return bytes >= 1048576
      ? (bytes / 1048576).toFixed(1).replace(".", ",") + " MB"
      : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function setUp() {
    const form = document.querySelector("form.js-photo-upload");
    if (!form) return;
    const input = form.querySelector("input.js-photo-input");
    const list = document.getElementById("photo-captions");
    const submit = form.querySelector(".js-photo-submit");
    const maxFiles = Number(form.dataset.maxFiles) || 0;
    const maxBytes = Number(form.dataset.maxBytes) || 0;
    const accepted = ["image/jpeg", "image/png", "image/webp"];
    const typedData = document.getElementById("photo-typed-captions");
    const typed = typedData ? JSON.parse(typedData.textContent) : {};
    const text = list.dataset;

    // What the user typed in this session, by file name, kept across re-choosing.
    const remembered = new Map(Object.entries(typed));

    function drawPreview(file, canvas) {
      if (!accepted.includes(file.type) || !window.createImageBitmap) return;
      createImageBitmap(file)
        .then((bitmap) => {
          const scale = Math.min(canvas.width / bitmap.width, canvas.height / bitmap.height);
          const w = bitmap.width * scale;
          const h = bitmap.height * scale;
          canvas.getContext("2d").drawImage(
            bitmap, (canvas.width - w) / 2, (canvas.height - h) / 2, w, h,
          );
          bitmap.close();
        })
        .catch(() => {});
    }

    function render() {
      list.replaceChildren();
      const files = Array.from(input.files || []);
      if (maxFiles && files.length > maxFiles) {
        const warning = document.createElement("div");
        warning.className = "alert alert-warning py-2 small";
        warning.textContent = `${text.tooMany} ${maxFiles}.`;
        list.append(warning);
      }
      files.forEach((file, index) => {
        const row = document.createElement("div");
        row.className = "photo-caption-row d-flex gap-3 align-items-start border rounded p-2 mb-2";

        const canvas = document.createElement("canvas");
        canvas.width = 96;
        canvas.height = 72;
        canvas.className = "photo-preview flex-shrink-0 rounded bg-body-tertiary";
        canvas.setAttribute("aria-hidden", "true");
        row.append(canvas);

        const body = document.createElement("div");
        body.className = "flex-grow-1 min-w-0";
        const label = document.createElement("label");
        label.className = "form-label small mb-1 d-block text-truncate";
        label.htmlFor = `caption_${index}`;
        label.textContent = `${text.captionLabel} ${file.name} (${sizeLabel(file.size)})`;
        const field = document.createElement("input");
        field.type = "text";
        field.className = "form-control form-control-sm";
        field.id = `caption_${index}`;
        field.name = `caption_${index}`;
        field.maxLength = 300;
        field.placeholder = text.captionPlaceholder;
        field.value = remembered.get(file.name) || "";
        field.addEventListener("input", () => remembered.set(file.name, field.value));
        body.append(label, field);

        const problems = [];
        if (maxBytes && file.size > maxBytes) problems.push(text.tooLarge);
        if (file.type && !accepted.includes(file.type)) problems.push(text.notImage);
        if (problems.length) {
          const note = document.createElement("div");
          note.className = "form-text text-danger";
          note.textContent = `${file.name}: ${problems.join("; ")}`;
          body.append(note);
        }
        row.append(body);
        list.append(row);
        drawPreview(file, canvas);
      });
    }

    input.addEventListener("change", render);
    render();

    const progress = form.querySelector(".js-photo-progress");

    function busy() {
      if (!submit) return;
      // Uploading many photos takes a while: say so, and do not send twice.
      submit.disabled = true;
      const label = submit.querySelector("span");
      if (label && submit.dataset.busyLabel) {
        submit.dataset.idleLabel = label.textContent;
        label.textContent = submit.dataset.busyLabel;
      }
    }

    form.addEventListener("submit", (event) => {
      busy();
      if (!progress || !window.FormData || !window.DOMParser) return; // a plain post
      event.preventDefault();
      send(form, progress);
    });
  }

  function idle() {
    const submit = document.querySelector("form.js-photo-upload .js-photo-submit");
    if (!submit) return;
    submit.disabled = false;
    const label = submit.querySelector("span");
    if (label && submit.dataset.idleLabel) label.textContent = submit.dataset.idleLabel;
  }

  function send(form, box) {
    const bar = box.querySelector("progress");
    const line = box.querySelector(".js-photo-progress-text");
    const text = box.dataset;
    box.hidden = false;
    box.classList.remove("photo-progress-failed");
    bar.value = 0;

    function say(message) {
      line.textContent = message;
    }

    function failed() {
      box.classList.add("photo-progress-failed");
      say(text.failed);
      idle();
    }

    // The answer: where to go, or the page again with what was refused.
    function answered(xhr) {
      const target = xhr.getResponseHeader("HX-Redirect");
      if (target) {
        window.location.assign(target);
        return;
      }
      const page =
        xhr.status === 200 ? new DOMParser().parseFromString(xhr.responseText, "text/html") : null;
      const fresh = page && page.getElementById("photo-upload-card");
      const current = document.getElementById("photo-upload-card");
      if (!fresh || !current) {
        // Sent elsewhere (the session ended: the login page): go there.
        if (xhr.status === 200 && xhr.responseURL && xhr.responseURL !== form.action) {
          window.location.assign(xhr.responseURL);
          return;
        }
        failed();
        return;
      }
      current.replaceWith(document.importNode(fresh, true));
      setUp();
      const alert = document.querySelector("#photo-upload-card .alert");
      if (alert) {
        alert.tabIndex = -1;
        alert.focus();
      }
    }

    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("HX-Request", "true");
    xhr.upload.addEventListener("progress", (event) => {
      if (!event.lengthComputable || !event.total) return;
      const percent = Math.round((event.loaded / event.total) * 100);
      bar.value = percent;
      say(
        text.sending
          .replace("%(percent)s", `${percent}%`)
          .replace("%(sent)s", sizeLabel(event.loaded))
          .replace("%(total)s", sizeLabel(event.total)),
      );
    });
    xhr.upload.addEventListener("load", () => {
      // Everything is sent; the server decodes and stores the photos now.
      bar.removeAttribute("value");
      say(text.checking);
    });
    xhr.addEventListener("load", () => answered(xhr));
    xhr.addEventListener("error", failed);
    xhr.addEventListener("abort", failed);
    xhr.send(new FormData(form));
  }

  document.addEventListener("DOMContentLoaded", setUp);
  // Back from the next page (the browser's page cache): ready again.
  window.addEventListener("pageshow", idle);
})();
