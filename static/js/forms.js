/* The error summary at the top of a form (templates/includes/form_errors.html): it takes the focus when the page
   opens, so that it is read first, and each of its links moves the focus to its field (to the search box of a
   searchable select, static/js/autocomplete.js), the field's label scrolled into view. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary || summary.dataset.ready) return;
  summary.dataset.ready = "1";
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) return;
    event.preventDefault();
    var label = document.querySelector("label[for='" + field.id + "']") || field;
    label.scrollIntoView();
    if (field.tomselect) {
      field.tomselect.focus();
    } else {
      (field.matches("input, select, textarea, button") ? field : field.querySelector("input, select, textarea") || field).focus({ preventScroll: true });
    }
  });
})();
