// Header search backed by Pagefind (pagefind/pagefind.js, written at build time). Loads the
// Pagefind index lazily on the first query, shows the true number of matches and the ten best
// results (year, venue, kind; the paper's summary as the snippet), hands the rest to the
// explorer, and supports the keyboard: arrows move through the results, Enter opens, Escape closes.
(function () {
  "use strict";
  var pagefind = null;
  var seq = 0;
  var SHOWN = 10;

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

  // The summary with the query's words marked: escaped first, so only our <mark> is markup.
  function highlight(text, query) {
    var html = escapeText(text);
    query.split(/\s+/).filter(function (w) { return w.length > 1; }).forEach(function (word) {
      var safe = escapeText(word).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      html = html.replace(new RegExp("(" + safe + ")", "gi"), "<mark>$1</mark>");
    });
    return html;
  }

  function render(list, meta, results, total, query) {
    list.innerHTML = "";
    if (!query) { meta.textContent = "Type to start searching"; return; }
    meta.textContent = total ? (total === 1 ? "1 matching page" : total + " matching pages") +
      (total > results.length ? ", the best " + results.length + " shown" : "") : "No matching pages";
    results.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var facts = [item.meta.year, item.meta.venue, item.meta.kind].filter(Boolean).map(escapeText).join(" · ");
      // item.excerpt is Pagefind's escaped text with <mark> highlights; everything else is escaped here.
      var snippet = item.meta.summary ? highlight(item.meta.summary, query) : item.excerpt.replace(/\u00b6/g, " ");
      li.innerHTML = '<a class="md-search-result__link rsitr-search-link" href="' + escapeText(item.url) + '">' +
        '<article class="md-search-result__article md-typeset"><h1>' +
        escapeText((item.meta.title || item.url).replace(/\u00b6/g, "")) + "</h1>" +
        (facts ? '<p class="rsitr-search-facts">' + facts + "</p>" : "") + "<p>" + snippet + "</p></article></a>";
      list.appendChild(li);
    });
    if (total > results.length) {
      var more = document.createElement("li");
      more.className = "md-search-result__item rsitr-search-more";
      var link = document.createElement("a");
      link.className = "md-search-result__link rsitr-search-link";
      link.href = new URL("explorer/?q=" + encodeURIComponent(query), base()).href;
      link.textContent = "Show all " + total + " results in the paper explorer";
      more.appendChild(link);
      list.appendChild(more);
    }
  }

  function links(list) {
    return Array.prototype.slice.call(list.querySelectorAll("a.rsitr-search-link"));
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
        if (!query) { render(list, meta, [], 0, ""); return; }
        load().then(function (pf) { return pf.search(query); }).then(function (search) {
          var total = search.results.length;
          // Author pages rank below papers: a name query lists the person's papers first.
          return Promise.all(search.results.slice(0, SHOWN + 5).map(function (r) { return r.data(); }))
            .then(function (results) {
              var papers = results.filter(function (r) { return r.meta.kind !== "Author"; });
              var people = results.filter(function (r) { return r.meta.kind === "Author"; });
              return { results: papers.concat(people).slice(0, SHOWN), total: total };
            });
        }).then(function (found) {
          if (mine === seq) render(list, meta, found.results, found.total, query);
        }).catch(function () { meta.textContent = "Search is unavailable (the index was not built)."; });
      }, 120);
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) { setTimeout(function () { input.focus(); }, 50); load(); }
      });
    }
    input.addEventListener("focus", function () { if (toggle && !toggle.checked) toggle.checked = true; });
    input.addEventListener("keydown", function (event) {
      var all = links(list);
      if (event.key === "ArrowDown" && all.length) { event.preventDefault(); all[0].focus(); }
      if (event.key === "Enter" && all.length) { event.preventDefault(); all[0].click(); }
    });
    list.addEventListener("keydown", function (event) {
      var all = links(list), at = all.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown") { event.preventDefault(); (all[at + 1] || all[at]).focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); if (at === 0) input.focus(); else all[at - 1].focus(); }
    });
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
