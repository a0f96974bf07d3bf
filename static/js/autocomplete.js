/* Searchable selects (Tom Select, vendored from npm: static/vendor/tom-select). Without JavaScript the plain
   <select> stays and works.
   - select[data-autocomplete]: the page holds only the chosen option; the others come from the URL in the
     attribute (portal/autocomplete.py) as the user types.
   - select[data-searchable]: every option is in the page; typing filters them (forms' organizations, sites). */
(function () {
  "use strict";
  if (!window.TomSelect) return;
  document.querySelectorAll("select[data-autocomplete]").forEach(function (select) {
    var url = select.getAttribute("data-autocomplete");
    new window.TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: ["text"],
      maxOptions: 20,
      loadThrottle: 250,
      allowEmptyOption: true,
      shouldLoad: function (query) { return query.length >= 2; },
      // The server has matched the words in every language already: keep all it sends.
      score: function () { return function () { return 1; }; },
      load: function (query, callback) {
        fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (data) { callback(data.results); }, function () { callback(); });
      }
    });
  });
  document.querySelectorAll("select[data-searchable]").forEach(function (select) {
    new window.TomSelect(select, {
      plugins: select.multiple ? ["remove_button"] : [],
      maxOptions: null,
      hidePlaceholder: true
    });
  });
})();
