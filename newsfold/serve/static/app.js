// newsfold: small progressive enhancements; every page works without this file.
"use strict";
(function () {
  // Compare view: hovering or tapping a passage outlines its partner on the other side.
  function partners(mark) {
    return document.querySelectorAll('mark[data-pair="' + mark.dataset.pair + '"]');
  }
  function setActive(mark, on) {
    partners(mark).forEach(function (m) { m.classList.toggle("active", on); });
  }
  document.querySelectorAll("mark[data-pair]").forEach(function (mark) {
    mark.addEventListener("mouseenter", function () { setActive(mark, true); });
    mark.addEventListener("mouseleave", function () { setActive(mark, false); });
    mark.addEventListener("click", function () {
      var all = partners(mark);
      all.forEach(function (m) {
        if (m !== mark) { m.scrollIntoView({ behavior: "smooth", block: "center" }); }
      });
    });
  });
  // Article view: bring the cited span to the middle of the screen rather than under the sticky header.
  var cite = document.getElementById("cite");
  if (cite && location.hash === "#cite") {
    cite.scrollIntoView({ block: "center" });
  }
})();
