// "All papers" explorer: filters, sort, text search and a live count over the server-rendered
// list, with the state kept in the URL query string. Without JavaScript the full list shows.
(function () {
  "use strict";

  function setup() {
    var form = document.getElementById("rsitr-filters");
    var list = document.getElementById("rsitr-list");
    var count = document.getElementById("rsitr-count");
    if (!form || !list || form.dataset.ready) return;
    form.dataset.ready = "yes";
    form.hidden = false;
    var items = Array.prototype.slice.call(list.children);
    var fields = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));

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

    function matches(item, s) {
      var d = item.dataset, year = parseInt(d.year, 10);
      if (s.category && d.category !== s.category) return false;
      if (s.venue && d.venue !== s.venue) return false;
      if (s.from && year < parseInt(s.from, 10)) return false;
      if (s.to && year > parseInt(s.to, 10)) return false;
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

    function apply(push) {
      var s = state(), shown = 0;
      items.slice().sort(compare(s.sort || "year")).forEach(function (item) {
        var ok = matches(item, s);
        item.hidden = !ok;
        if (ok) shown++;
        list.appendChild(item);
      });
      count.textContent = shown + (shown === 1 ? " paper" : " papers") + (shown === items.length ? "" : " of " + items.length);
      if (push) {
        var query = new URLSearchParams(s).toString();
        history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    restore();
    apply(false);
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  }

  if (window.document$) window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
