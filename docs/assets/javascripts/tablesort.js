// Sortable tables: every table inside .rsitr-sortable sorts by a column when its header is
// activated (click, Enter or Space). Numbers sort descending first, text ascending first.
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    var text = cell ? cell.textContent.trim() : "";
    var number = parseFloat(text.replace(/[^0-9.\-]/g, ""));
    return /^[\s\d.\-–]+$/.test(text.replace(/[†*]/g, "")) && !isNaN(number) ? number : text.toLowerCase();
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = rows.every(function (row) { return typeof cellValue(row, index) === "number"; });
    var current = header.getAttribute("aria-sort");
    var descending = current ? current === "ascending" : numeric;
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      if (x < y) return descending ? 1 : -1;
      if (x > y) return descending ? -1 : 1;
      return 0;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  function enhance(root) {
    root.querySelectorAll(".rsitr-sortable table").forEach(function (table) {
      if (table.dataset.sortable || !table.tHead) return;
      table.dataset.sortable = "yes";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
        var label = th.textContent.trim();
        var button = document.createElement("button");
        button.type = "button";
        button.className = "rsitr-sort";
        button.textContent = label;
        button.setAttribute("aria-label", "Sort by " + label);
        button.addEventListener("click", function () { sortBy(table, index, th); });
        th.textContent = "";
        th.appendChild(button);
      });
    });
  }

  if (window.document$) {
    window.document$.subscribe(function () { enhance(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  }
})();
