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
    new TomSelect(select, settings);
  });
});

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
