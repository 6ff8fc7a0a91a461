// The HTML report of `mgip check`: the filters and the Copy buttons. Without this script every
// rule is shown and the controls stay hidden; it reads only the page itself.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-rule]"));
  var form = document.getElementById("filters");
  var section = document.getElementById("filter-section");
  var verdict = document.getElementById("filter-status");
  var shown = document.getElementById("shown-count");
  var none = document.getElementById("no-match");

  function filter() {
    var count = 0;
    rows.forEach(function (row) {
      var visible =
        (!section.value || row.dataset.section === section.value) &&
        (!verdict.value || row.dataset.status === verdict.value);
      row.hidden = !visible;
      if (visible) count += 1;
    });
    shown.textContent = "showing " + count + " of " + rows.length + " rules";
    none.hidden = count !== 0;
  }

  section.addEventListener("change", filter);
  verdict.addEventListener("change", filter);
  form.addEventListener("reset", function () {
    setTimeout(filter, 0); // after the form has put its controls back
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  // The counts choose a filter: a verdict's tile, a section's name in the table.
  document.querySelectorAll("[data-filter-status]").forEach(function (link) {
    link.addEventListener("click", function () {
      verdict.value = link.dataset.filterStatus;
      section.value = "";
      filter();
    });
  });
  document.querySelectorAll("[data-filter-section]").forEach(function (link) {
    link.addEventListener("click", function () {
      section.value = link.dataset.filterSection;
      verdict.value = "";
      filter();
    });
  });
  form.hidden = false;
  filter();

  // Copy: the clipboard where the browser allows it, else the text is selected for Ctrl+C.
  function mark(button, state) {
    button.dataset.state = state;
    button.textContent = state === "copied" ? "Copied" : "Selected: press Ctrl+C";
    clearTimeout(button.mgipTimer);
    button.mgipTimer = setTimeout(function () {
      delete button.dataset.state;
      button.textContent = "Copy";
    }, 4000);
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function fallback(button, element) {
    select(element);
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    mark(button, done ? "copied" : "selected");
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var element = document.getElementById(button.dataset.copy);
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = element.textContent;
      if (!navigator.clipboard || !window.isSecureContext) {
        fallback(button, element);
        return;
      }
      navigator.clipboard.writeText(text).then(
        function () {
          mark(button, "copied");
        },
        function () {
          fallback(button, element);
        }
      );
    });
  });
})();
