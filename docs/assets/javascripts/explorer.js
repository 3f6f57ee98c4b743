// "All papers" explorer: filters, sort, text search and a live count over the server-rendered
// list, with the state kept in the URL query string (each change is a history entry, so Back
// undoes it), and downloads of the papers shown as BibTeX or CSV. Without JavaScript the full list shows.
(function () {
  "use strict";

  var CSV_COLUMNS = ["id", "title", "authors", "year", "venue", "category", "doi", "arxiv", "url"];

  function csvField(value) {
    return '"' + String(value === undefined || value === null ? "" : value).replace(/"/g, '""') + '"';
  }

  function save(text, name, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function setup() {
    var form = document.getElementById("rsitr-filters");
    var list = document.getElementById("rsitr-list");
    var count = document.getElementById("rsitr-count");
    var downloads = document.getElementById("rsitr-downloads");
    if (!form || !list || form.dataset.ready) return;
    form.dataset.ready = "yes";
    form.hidden = false;
    var items = Array.prototype.slice.call(list.children);
    var fields = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    var typing = false;  // the current history entry was made by typing in the text box

    function state() {
      var s = {};
      fields.forEach(function (f) {
        var v = f.type === "checkbox" ? (f.checked ? f.value : "") : f.value.trim();
        if (v && !(f.name === "sort" && v === "year")) s[f.name] = v;
      });
      return s;
    }

    function restore() {
      var params = new URLSearchParams(window.location.search);
      fields.forEach(function (f) {
        var v = params.get(f.name);
        if (f.type === "checkbox") f.checked = v === f.value;
        else if (v !== null) f.value = v;
        else f.value = f.name === "sort" ? "year" : "";
      });
    }

    // The year range to filter by; a reversed one (from > to) is read as the same range swapped.
    function years(s) {
      var from = s.from ? parseInt(s.from, 10) : NaN, to = s.to ? parseInt(s.to, 10) : NaN;
      if (from > to) {
        return { from: to, to: from, note: "Years " + from + "\u2013" + to + " read as " + to + "\u2013" + from };
      }
      return { from: from, to: to, note: "" };
    }

    function matches(item, s, range) {
      var d = item.dataset, year = parseInt(d.year, 10);
      if (s.category && d.category !== s.category) return false;
      if (s.venue && d.venue !== s.venue) return false;
      if (year < range.from) return false;  // false when the bound is NaN (not set)
      if (year > range.to) return false;
      if (s.dataset && d.datasets.split(" ").indexOf(s.dataset) < 0) return false;
      if (s.tag && d.tags.split(" ").indexOf(s.tag) < 0) return false;
      if (s.code && d.code !== "yes") return false;
      if (s.q) {
        var words = s.q.toLowerCase().split(/\s+/);
        for (var i = 0; i < words.length; i++) if (d.text.indexOf(words[i]) < 0) return false;
      }
      return true;
    }

    function compare(key) {
      return function (a, b) {
        var x = a.dataset, y = b.dataset;
        if (key === "title") return x.title < y.title ? -1 : x.title > y.title ? 1 : 0;
        if (key === "venue") return x.venue.toLowerCase() < y.venue.toLowerCase() ? -1 : x.venue.toLowerCase() > y.venue.toLowerCase() ? 1 : (y.year - x.year);
        return (y.year - x.year) || (x.title < y.title ? -1 : x.title > y.title ? 1 : 0);
      };
    }

    function apply() {
      var s = state(), range = years(s), shown = 0;
      items.slice().sort(compare(s.sort || "year")).forEach(function (item) {
        var ok = matches(item, s, range);
        item.hidden = !ok;
        if (ok) shown++;
        list.appendChild(item);
      });
      count.textContent = shown + (shown === 1 ? " paper" : " papers") + (shown === items.length ? "" : " of " + items.length)
        + (range.note ? " \u00b7 " + range.note : "");
      if (downloads) {
        Array.prototype.forEach.call(downloads.querySelectorAll("button"), function (b) { b.disabled = shown === 0; });
      }
    }

    // Record the state in the address bar: a new history entry per change, except that typing on
    // in the text box updates the entry its first keystroke made.
    function commit(fromText) {
      var query = new URLSearchParams(state()).toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (url === window.location.pathname + window.location.search + window.location.hash) return;
      if (fromText && typing) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
      typing = fromText;
    }

    function isText(target) { return target && target.type === "search"; }

    restore();
    apply();
    form.addEventListener("input", function (e) {
      if (!isText(e.target)) return;  // selects and the checkbox are handled on change
      apply();
      commit(true);
    });
    form.addEventListener("change", function (e) {
      if (isText(e.target)) { typing = false; return; }  // leaving the text box: its words are already recorded
      apply();
      commit(false);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(); commit(false); }, 0); });
    window.addEventListener("popstate", function () {
      if (!document.body.contains(form)) return;
      typing = false;
      restore();
      apply();
    });
    if (downloads) setupDownloads(downloads, list);
  }

  function setupDownloads(downloads, list) {
    var status = document.createElement("span");
    status.className = "rsitr-download-status";
    status.setAttribute("role", "status");
    downloads.appendChild(status);
    downloads.hidden = false;
    var bibtex = null;  // promise of {key: entry text} from the site's papers.bib

    function shown() {
      return Array.prototype.filter.call(list.children, function (item) { return !item.hidden; });
    }

    function entries(src) {
      if (!bibtex) {
        bibtex = fetch(src).then(function (response) {
          if (!response.ok) throw new Error(src + ": HTTP " + response.status);
          return response.text();
        }).then(function (text) {
          var byKey = {};
          text.split(/\r?\n[ \t]*\r?\n/).forEach(function (block) {  // entries, each with its comment lines
            var match = /^@\w+\s*\{\s*([^,\s]+)\s*,/m.exec(block);
            if (match) byKey[match[1]] = block.replace(/^\s+|\s+$/g, "") + "\n";
          });
          return byKey;
        });
        bibtex.catch(function () { bibtex = null; });  // try again on the next click
      }
      return bibtex;
    }

    function csv(selection) {
      var lines = [CSV_COLUMNS.map(csvField).join(",")];
      selection.forEach(function (item) {
        var d = item.dataset, link = item.querySelector("a");
        var row = { id: d.id, title: link ? link.textContent : "", authors: d.authors, year: d.year, venue: d.venue,
                    category: d.category, doi: d.doi, arxiv: d.arxiv, url: d.url };
        lines.push(CSV_COLUMNS.map(function (c) { return csvField(row[c]); }).join(","));
      });
      return lines.join("\n") + "\n";
    }

    downloads.addEventListener("click", function (e) {
      var button = e.target.closest("button[data-download]");
      if (!button) return;
      var selection = shown();
      status.textContent = "";
      if (button.dataset.download === "csv") {
        save(csv(selection), "rsitr-selection.csv", "text/csv;charset=utf-8");
        return;
      }
      entries(button.dataset.src).then(function (byKey) {
        var missing = [], text = selection.map(function (item) {
          if (!byKey[item.dataset.id]) missing.push(item.dataset.id);
          return byKey[item.dataset.id] || "";
        }).filter(Boolean).join("\n");
        save(text, "rsitr-selection.bib", "application/x-bibtex;charset=utf-8");
        if (missing.length) status.textContent = " No BibTeX entry for " + missing.join(", ") + ".";
      }, function () {
        status.textContent = " The BibTeX file could not be loaded; try again.";
      });
    });
  }

  if (window.document$) window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
