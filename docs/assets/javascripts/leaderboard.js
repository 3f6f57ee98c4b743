// Leaderboard pages: filters, one row per method (its best under the filters) with the other
// configurations one click away, column sorting, and a side-by-side comparison of two to four
// rows. The state lives in the URL query string, so a view can be shared and survives a reload.
// Without JavaScript the server-rendered table shows every configuration, ranked.
(function () {
  "use strict";

  var MAX_COMPARE = 4;

  function setup() {
    var form = document.getElementById("rsitr-board-filters");
    var table = document.querySelector("table.rsitr-board");
    if (!form || !table || table.dataset.ready) return;
    table.dataset.ready = "yes";
    form.hidden = false;
    var status = document.getElementById("rsitr-board-status");
    var panel = document.getElementById("rsitr-compare");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var fields = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var expanded = {};
    var sort = { key: "score", descending: true };

    headers.forEach(function (th, index) {
      var key = th.getAttribute("data-sort");
      if (!key) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "rsitr-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        if (sort.key === key) sort.descending = !sort.descending;
        else sort = { key: key, descending: key !== "method" && key !== "setting" };
        push();
      });
      th.dataset.index = index;
    });

    function value(row, key) {
      if (key === "score") return parseFloat(row.dataset.score);
      if (key === "method" || key === "setting") return row.dataset[key];
      if (key === "year") return parseInt(row.dataset.year, 10);
      var index = headers.findIndex(function (th) { return th.getAttribute("data-sort") === key; });
      var number = parseFloat(row.cells[index].textContent);
      return isNaN(number) ? -Infinity : number;
    }

    function compareRows(a, b) {
      var x = value(a, sort.key), y = value(b, sort.key);
      var order = x < y ? -1 : x > y ? 1 : 0;
      if (sort.descending) order = -order;
      return order || parseFloat(b.dataset.score) - parseFloat(a.dataset.score);
    }

    function state() {
      var s = {};
      fields.forEach(function (f) {
        var v = f.type === "checkbox" ? (f.checked ? f.value : "") : f.value;
        if (v) s[f.name] = v;
      });
      if (!(sort.key === "score" && sort.descending)) s.sort = (sort.descending ? "-" : "") + sort.key;
      var picked = selected();
      if (picked.length) s.compare = picked.join(",");
      return s;
    }

    function selected() {
      return rows.filter(function (r) { return r.querySelector("input[type=checkbox]").checked; })
        .map(function (r) { return r.id; });
    }

    function restore() {
      var params = new URLSearchParams(window.location.search);
      fields.forEach(function (f) {
        var v = params.get(f.name) || "";
        if (f.type === "checkbox") f.checked = v === f.value;
        else f.value = Array.prototype.some.call(f.options, function (o) { return o.value === v; }) ? v : "";
      });
      var s = params.get("sort") || "-score";
      sort = { key: s.replace(/^-/, ""), descending: s.charAt(0) === "-" };
      var picked = (params.get("compare") || "").split(",").filter(Boolean).slice(0, MAX_COMPARE);
      rows.forEach(function (r) { r.querySelector("input[type=checkbox]").checked = picked.indexOf(r.id) >= 0; });
    }

    function matches(row, s) {
      var d = row.dataset, year = parseInt(d.year, 10);
      if (s.setting && d.setting !== s.setting) return false;
      if (s.image && d.image !== s.image) return false;
      if (s.text && d.text !== s.text) return false;
      if (s.pretraining && d.pretraining.split(" ").indexOf(s.pretraining) < 0) return false;
      if (s.origin && d.origin !== s.origin) return false;
      if (s.bits && d.bits !== s.bits) return false;
      var from = s.from ? parseInt(s.from, 10) : -Infinity, to = s.to ? parseInt(s.to, 10) : Infinity;
      if (from > to) { var t = from; from = to; to = t; }  // a reversed range means the same years
      return year >= from && year <= to;
    }

    function render() {
      var s = state();
      var visible = rows.filter(function (r) { return matches(r, s); });
      var groups = {}, leaders = [];
      visible.slice().sort(function (a, b) { return parseFloat(b.dataset.score) - parseFloat(a.dataset.score); })
        .forEach(function (r) {
          var key = r.dataset.method + (r.dataset.bits ? "|" + r.dataset.bits : "");
          if (!groups[key]) { groups[key] = []; leaders.push(r); }
          groups[key].push(r);
        });
      var target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
      if (target && groups[target.dataset.method + (target.dataset.bits ? "|" + target.dataset.bits : "")]) {
        var targetKey = target.dataset.method + (target.dataset.bits ? "|" + target.dataset.bits : "");
        if (groups[targetKey][0] !== target) expanded[targetKey] = true;  // a shared link to a row shows it
      }
      var order = [];
      if (s.all) {
        order = visible.slice().sort(compareRows);
      } else {
        leaders.sort(compareRows).forEach(function (leader) {
          var key = leader.dataset.method + (leader.dataset.bits ? "|" + leader.dataset.bits : "");
          order.push(leader);
          if (expanded[key]) order = order.concat(groups[key].slice(1));
        });
      }
      var shown = {};
      order.forEach(function (r) { shown[r.id] = true; });
      var rank = 0;
      order.forEach(function (r) {
        var key = r.dataset.method + (r.dataset.bits ? "|" + r.dataset.bits : "");
        var isLeader = groups[key] && groups[key][0] === r;
        var more = r.querySelector(".rsitr-more");
        var others = groups[key] ? groups[key].length - 1 : 0;
        r.classList.toggle("rsitr-alt", !s.all && !isLeader);
        r.cells[1].firstChild.textContent = s.all || isLeader ? String(++rank) : "";
        more.hidden = s.all || !isLeader || others === 0;
        if (!more.hidden) {
          more.textContent = expanded[key] ? "hide " + others : "+" + others;
          more.setAttribute("aria-expanded", expanded[key] ? "true" : "false");
          more.setAttribute("aria-label", (expanded[key] ? "Hide " : "Show ") + others +
            " other configuration" + (others === 1 ? "" : "s") + " of " + r.querySelector(".rsitr-method a").textContent);
          more.onclick = function () { expanded[key] = !expanded[key]; render(); };
        }
        r.hidden = false;
        body.appendChild(r);
      });
      rows.forEach(function (r) { if (!shown[r.id]) { r.hidden = true; body.appendChild(r); } });
      headers.forEach(function (th) {
        var key = th.getAttribute("data-sort");
        if (key) th.setAttribute("aria-sort", key === sort.key ? (sort.descending ? "descending" : "ascending") : "none");
      });
      var methods = leaders.length;
      status.textContent = (s.all ? order.length + " results" : methods + " methods") + " of " + rows.length +
        " results shown" + (s.all ? "" : ", each method in its best configuration") + ".";
      renderComparison();
    }

    function renderComparison() {
      var picked = selected();
      rows.forEach(function (r) {
        var box = r.querySelector("input[type=checkbox]");
        box.disabled = !box.checked && picked.length >= MAX_COMPARE;
      });
      panel.hidden = picked.length < 2;
      panel.textContent = "";
      if (picked.length < 2) {
        if (picked.length === 1) status.textContent += " Tick one to three more rows to compare.";
        return;
      }
      var chosen = picked.map(function (id) { return document.getElementById(id); });
      var metricHeaders = headers.filter(function (th) {
        return th.classList.contains("rsitr-num") && th.getAttribute("data-sort") !== "year";
      });
      var heading = document.createElement("h2");
      heading.id = "comparison";
      heading.textContent = "Comparison of " + chosen.length + " results";
      panel.appendChild(heading);
      var compare = document.createElement("table");
      compare.className = "rsitr-compare-table";
      var head = compare.createTHead().insertRow();
      var corner = document.createElement("th");
      corner.textContent = "Metric";
      head.appendChild(corner);
      chosen.forEach(function (r) {
        var th = document.createElement("th");
        th.scope = "col";
        th.textContent = r.dataset.label;
        head.appendChild(th);
      });
      var tbody = compare.createTBody();
      var peak = 0;
      var values = metricHeaders.map(function (th) {
        var index = headers.indexOf(th);
        return chosen.map(function (r) {
          var v = parseFloat(r.cells[index].textContent);
          if (!isNaN(v) && th.getAttribute("data-sort") !== "bits") peak = Math.max(peak, v);
          return isNaN(v) ? null : v;
        });
      });
      metricHeaders.forEach(function (th, m) {
        var tr = tbody.insertRow();
        var label = document.createElement("th");
        label.scope = "row";
        label.textContent = th.textContent;
        tr.appendChild(label);
        values[m].forEach(function (v, i) {
          var cell = tr.insertCell();
          if (v === null) { cell.textContent = "–"; return; }
          var text = document.createElement("span");
          text.textContent = th.getAttribute("data-sort") === "bits" ? String(v) : v.toFixed(2);
          cell.appendChild(text);
          if (th.getAttribute("data-sort") !== "bits" && peak > 0) {
            var bar = document.createElement("span");
            bar.className = "rsitr-bar rsitr-bar-" + i;
            bar.style.width = (100 * v / peak).toFixed(1) + "%";
            bar.setAttribute("aria-hidden", "true");
            cell.appendChild(bar);
          }
        });
      });
      var sources = tbody.insertRow();
      var label = document.createElement("th");
      label.scope = "row";
      label.textContent = "Source";
      sources.appendChild(label);
      chosen.forEach(function (r) {
        var cell = sources.insertCell();
        var link = document.createElement("a");
        link.href = "#" + r.id;
        link.textContent = r.dataset.source;
        cell.appendChild(link);
      });
      panel.appendChild(compare);
      var clear = document.createElement("button");
      clear.type = "button";
      clear.textContent = "Clear comparison";
      clear.addEventListener("click", function () {
        rows.forEach(function (r) { r.querySelector("input[type=checkbox]").checked = false; });
        push();
      });
      panel.appendChild(clear);
    }

    function push() {
      var query = new URLSearchParams(state()).toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.pushState(null, "", url);
      }
      render();
    }

    form.addEventListener("change", push);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(push, 0); });
    body.addEventListener("change", function (e) {
      if (e.target.type === "checkbox") push();
    });
    window.addEventListener("popstate", function () { restore(); render(); });
    restore();
    render();
  }

  if (window.document$) window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
