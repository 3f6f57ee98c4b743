// Accessible names for two theme landmarks that have none: the search dialog and the tag list.
(function () {
  "use strict";
  function name() {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
    document.querySelectorAll("nav.md-tags:not([aria-label])").forEach(function (nav) {
      nav.setAttribute("aria-label", "Tags");
    });
  }
  if (window.document$) window.document$.subscribe(name);
  else document.addEventListener("DOMContentLoaded", name);
})();
