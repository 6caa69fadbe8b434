// Turns every <select class="js-searchable-select"> into a searchable list
// (Tom Select); without JavaScript the plain select still works.
//
// A select with data-search-url (agencies.widgets.AgencySearchSelect) holds
// only its current choice: the other options are fetched from that URL as the
// user types (?q=...; answer {"results": [{value, text, alias}]}). Its texts
// come translated in data-text-hint, data-text-loading and data-text-empty.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select.js-searchable-select").forEach((select) => {
    const settings = {
      maxOptions: 1000,
      allowEmptyOption: true,
      placeholder: select.querySelector("option[value='']")?.textContent || "",
    };
    if (select.dataset.searchUrl) Object.assign(settings, remoteSearch(select));
    keepAccessible(select, new TomSelect(select, settings));
  });
});

// Tom Select points the field's <label for> at its own search box: the
// original select, still in the page for the form, keeps its name through the
// label's id, and the search box takes the select's error and help text
// (aria-describedby, aria-invalid) and its required state.
function keepAccessible(select, tomSelect) {
  const searchBox = tomSelect.focus_node;
  const labelId = searchBox.getAttribute("aria-labelledby");
  if (labelId) select.setAttribute("aria-labelledby", labelId);
  ["aria-describedby", "aria-invalid"].forEach((name) => {
    if (select.hasAttribute(name)) searchBox.setAttribute(name, select.getAttribute(name));
  });
  if (select.required) searchBox.setAttribute("aria-required", "true");
  // Tom Select refuses a paste while its search box is hidden (not focused,
  // showing the choice); nothing is lost by letting it through, and an input
  // that refuses pasting fails the browsers' best-practice audits.
  tomSelect.wrapper.addEventListener(
    "paste",
    (event) => {
      if (tomSelect.isInputHidden) event.stopPropagation();
    },
    true,
  );
}

function remoteSearch(select) {
  const { searchUrl, searchMin, textHint, textLoading, textEmpty } = select.dataset;
  const minimum = Number(searchMin) || 1;
  const message = (className, text) => {
    const div = document.createElement("div");
    div.className = className;
    div.textContent = text || "";
    return div;
  };
  return {
    valueField: "value",
    labelField: "text",
    // The server matched the words in the name, province, short name or
    // kabupaten/kota (the last two in alias); options loaded earlier are
    // filtered the same way here, and listed by name as the server lists them.
    searchField: ["text", "alias"],
    sortField: [{ field: "text" }],
    loadThrottle: 300,
    shouldLoad: (query) => query.trim().length >= minimum,
    load(query, callback) {
      const url = new URL(searchUrl, window.location.href);
      url.searchParams.set("q", query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => callback(data.results))
        .catch(() => callback());
    },
    render: {
      not_loading: () => message("no-results", textHint),
      loading: () => message("no-results", textLoading),
      no_results: () => message("no-results", textEmpty),
    },
  };
}
