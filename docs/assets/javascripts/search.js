// Header search backed by Pagefind (pagefind/pagefind.js, written at build time). Loads the
// Pagefind index lazily on the first query and shows the ten best results in Material's layout.
(function () {
  "use strict";
  var pagefind = null;
  var seq = 0;

  function base() {
    var config = document.getElementById("__config");
    var root = config ? JSON.parse(config.textContent).base : ".";
    return new URL(root.replace(/\/?$/, "/"), window.location.href);
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base()).href).then(function (module) {
        return module.options({ baseUrl: base().pathname }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function render(list, meta, results, query) {
    list.innerHTML = "";
    if (!query) { meta.textContent = "Type to start searching"; return; }
    meta.textContent = results.length ? (results.length === 1 ? "1 matching page" : results.length + " matching pages")
                                      : "No matching pages";
    results.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      // item.excerpt is Pagefind's escaped text with <mark> highlights; the title is escaped here.
      li.innerHTML = '<a class="md-search-result__link" href="' + item.url + '">' +
        '<article class="md-search-result__article md-typeset"><h1>' + escapeText((item.meta.title || item.url).replace(/\u00b6/g, "")) +
        "</h1><p>" + item.excerpt.replace(/\u00b6/g, " ") + "</p></article></a>";
      list.appendChild(li);
    });
  }

  function setup() {
    var input = document.querySelector(".rsitr-search-input");
    var toggle = document.getElementById("__search");
    if (!input || input.dataset.ready) return;
    input.dataset.ready = "yes";
    var list = document.querySelector(".rsitr-search-results");
    var meta = document.querySelector(".rsitr-search-meta");
    var timer = null;
    input.addEventListener("input", function () {
      var query = input.value.trim();
      var mine = ++seq;
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (!query) { render(list, meta, [], ""); return; }
        load().then(function (pf) { return pf.search(query); }).then(function (search) {
          return Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); }));
        }).then(function (results) {
          if (mine === seq) render(list, meta, results, query);
        }).catch(function () { meta.textContent = "Search is unavailable (the index was not built)."; });
      }, 120);
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) { setTimeout(function () { input.focus(); }, 50); load(); }
      });
    }
    input.addEventListener("focus", function () { if (toggle && !toggle.checked) toggle.checked = true; });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle && toggle.checked) { toggle.checked = false; input.blur(); }
      var typing = /input|textarea|select/i.test((document.activeElement || {}).tagName || "");
      if (!typing && (event.key === "/" || event.key === "s") && toggle) {
        event.preventDefault(); toggle.checked = true; input.focus();
      }
    });
  }

  if (window.document$) window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
